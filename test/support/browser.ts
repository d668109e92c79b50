import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

/** Flags every launch gets: headless, no sandbox (tests run as root), and no network of the browser's own. */
const COMMON_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Flags of the bundled build (made for one-shot serverless use) that the tests leave out: the two that weaken what a
 * page may do, and `--single-process`, with which the browser ends when its first page closes.
 */
const LEFT_OUT = new Set(['--disable-web-security', '--allow-running-insecure-content', '--single-process']);

export interface BrowserChoice {
  /** Where the executable came from: an explicit JUNHENG_CHROMIUM, the system's /usr/bin/chromium, or the npm package. */
  origin: 'env' | 'system' | 'bundled';
  executablePath: string;
  args: string[];
}

/**
 * The Chromium the browser tests drive: JUNHENG_CHROMIUM when set, else the system's `/usr/bin/chromium` when it
 * exists, else the build inside the npm package `@sparticuz/chromium` (unpacked from its tarball to the temporary
 * folder, no download), so `npm ci && npm test` needs nothing installed by hand.
 */
export async function chooseBrowser(): Promise<BrowserChoice> {
  const fromEnv = process.env.JUNHENG_CHROMIUM;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`JUNHENG_CHROMIUM names ${fromEnv}, which does not exist`);
    return { origin: 'env', executablePath: fromEnv, args: COMMON_ARGS };
  }
  if (existsSync('/usr/bin/chromium'))
    return { origin: 'system', executablePath: '/usr/bin/chromium', args: COMMON_ARGS };
  const bundled = (await import('@sparticuz/chromium')).default;
  const executablePath = await bundled.executablePath();
  const args = [...new Set([...bundled.args.filter((a) => !LEFT_OUT.has(a)), ...COMMON_ARGS])].filter(
    // The bundled build is a headless shell: it takes `--headless='shell'` from its own list.
    (a) => a !== '--headless',
  );
  return { origin: 'bundled', executablePath, args };
}

/** Launches the chosen Chromium through playwright-core. */
export async function launchBrowser(): Promise<Browser> {
  const choice = await chooseBrowser();
  return chromium.launch({ executablePath: choice.executablePath, args: choice.args, headless: true });
}
