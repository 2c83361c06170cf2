// Imports keep text true (issue 22 item 7): UTF-8 with or without its mark, UTF-16 and Windows-1252 /
// Latin-1 are read as what they are (detected, or named with encoding=), undecodable bytes are refused
// naming their line, and C1 control characters are refused.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeRegisterText } from '../../server/registers/decode-text.ts';
import { TOKEN } from './server-process.ts';
import { openWritableAtlas, type WritableAtlas } from './writable-atlas.ts';

let atlas: WritableAtlas;
beforeAll(async () => {
  atlas = await openWritableAtlas('text-encodings');
});
afterAll(() => atlas?.close());

const csv = 'name,category,lon,lat\nCafé Club,arts,-1.2,52.7\nNaïve Singers — Hinckley,arts,-1.2,52.7\n';
const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();

function upload(register: string, bytes: Buffer, query = ''): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request(`${atlas.url}/api/registers?register=${register}${query}`, { method: 'POST', headers: { 'Content-Type': 'text/csv', 'Content-Length': bytes.length, Authorization: `Bearer ${TOKEN}` } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(bytes);
  });
}

async function names(register: string): Promise<string[]> {
  const res = await fetch(`${atlas.url}/api/groups.geojson?register=${register}`);
  return (await res.json()).features.map((f: { properties: { name: string } }) => f.properties.name);
}

describe('decodeRegisterText', () => {
  it('detects each encoding and says which', () => {
    const cases: [Buffer, string][] = [
      [Buffer.from(csv), 'utf-8'],
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]), 'utf-8'],
      [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]), 'utf-16le'],
      [Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(csv)]), 'utf-16be'],
      [Buffer.from(csv, 'utf16le'), 'utf-16le'],
    ];
    for (const [bytes, encoding] of cases) expect(decodeRegisterText(bytes)).toEqual({ text: csv, encoding });
    const latin = csv.replace('—', '-');
    expect(decodeRegisterText(Buffer.from(latin, 'latin1'))).toEqual({ text: latin, encoding: 'windows-1252' });
  });

  it('reads Windows-1252 punctuation (0x80-0x9F) as the characters it means', () => {
    expect(decodeRegisterText(Buffer.from([0x93, 0x41, 0x94, 0x20, 0x80])).text).toBe('\u201CA\u201D \u20AC');
  });

  it('refuses broken UTF-8 after real UTF-8 characters, naming the line', () => {
    const bytes = Buffer.concat([Buffer.from('name,category\nCafé,arts\nOK,arts\n'), Buffer.from([0x42, 0xff, 0x0a])]);
    expect(() => decodeRegisterText(bytes)).toThrow(/line 4: byte 0xFF is not valid UTF-8/);
    expect(() => decodeRegisterText(Buffer.from('a\nb\xe9\n', 'latin1'), 'utf-8')).toThrow(/line 2/);
  });
});

describe('imports over HTTP', () => {
  it('a Latin-1 CSV is stored as Café, not with replacement characters', async () => {
    const r = await upload('latin', Buffer.from(csv.replace('—', '-'), 'latin1'));
    expect(r.status).toBe(201);
    expect(await names('latin')).toEqual(['Café Club', 'Naïve Singers - Hinckley']);
  });

  it('a UTF-16 CSV with its mark is read', async () => {
    const r = await upload('sixteen', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]));
    expect(r.status).toBe(201);
    expect(await names('sixteen')).toEqual(['Café Club', 'Naïve Singers — Hinckley']);
  });

  it('encoding= names the encoding; UTF-8 asked of Latin-1 bytes is refused with the line', async () => {
    const latin = Buffer.from(csv.replace('—', '-'), 'latin1');
    const asked = await upload('asked', latin, '&encoding=utf-8');
    expect(asked.status).toBe(422);
    expect(asked.body.detail).toMatch(/^line 2: byte 0xE9 is not valid UTF-8/);
    expect((await upload('asked', latin, '&encoding=latin1')).status).toBe(201);
    expect((await upload('asked', latin, '&encoding=ebcdic')).status).toBe(400);
  });

  it('a C1 control character in a name is refused, naming the line', async () => {
    const r = await upload('c1', Buffer.from('name,category,lon,lat\nHall\u0085,arts,-1.2,52.7\n'));
    expect(r.status).toBe(422);
    expect(r.body.report.rejections[0]).toMatchObject({ line: 2, reason: expect.stringContaining('control character') });
  });
});
