// Real headless Debian chromium for end-to-end tests, driven by playwright-core (no browser
// download). WebGL runs on SwiftShader, so the map renders without a GPU.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = ['--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--no-sandbox', '--disable-background-networking'];

export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`The browser tests need Debian's chromium at ${CHROMIUM_PATH} (apt-get install chromium), or CHROMIUM_PATH pointing at a Chromium binary.`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs] });
}
