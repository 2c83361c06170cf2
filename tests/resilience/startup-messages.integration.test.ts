// Starts that cannot serve end with one clear line and a non-zero exit a supervisor understands;
// starts that can serve despite a bad file do so with a warning (issue 22 items 5 and 9).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { dataFolder, runUntilExit } from './server-process.ts';

let holder: Server | null = null;
afterEach(async () => {
  if (holder) await new Promise((r) => holder!.close(r));
  holder = null;
});

/** The lines the process printed that name the failure (ignoring build and clean-up progress). */
const atlasLines = (output: string) => output.split('\n').filter((l) => l.startsWith('[atlas] cannot'));

describe('listen errors', () => {
  it('a port already in use exits 1 with one line naming the port and what to do', async () => {
    holder = createServer();
    await new Promise<void>((r) => holder!.listen(0, '127.0.0.1', r));
    const { port } = holder.address() as AddressInfo;
    const { code, output } = await runUntilExit(dataFolder(), {}, port);
    expect(code).toBe(1);
    expect(output).not.toContain('still serving');
    expect(output).not.toMatch(/\n\s+at /); // no stack trace
    const lines = atlasLines(output);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`port ${port} is already in use`);
    expect(lines[0]).toContain('set PORT');
  }, 120_000);
});
