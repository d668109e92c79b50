import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseBrowser, launchBrowser } from './browser.ts';

const saved = process.env.JUNHENG_CHROMIUM;
afterEach(() => {
  if (saved === undefined) delete process.env.JUNHENG_CHROMIUM;
  else process.env.JUNHENG_CHROMIUM = saved;
});

describe('the browser the tests drive', () => {
  it('is the system Chromium when installed, else the one inside the npm package, and it starts', async () => {
    delete process.env.JUNHENG_CHROMIUM;
    const choice = await chooseBrowser();
    expect(choice.origin).toBe(existsSync('/usr/bin/chromium') ? 'system' : 'bundled');
    expect(existsSync(choice.executablePath)).toBe(true);
    expect(choice.args).not.toContain('--disable-web-security');
    expect(choice.args).not.toContain('--single-process');
    const browser = await launchBrowser();
    try {
      // Two pages in turn: closing the first must not end the browser.
      const first = await browser.newPage();
      await first.setContent('<p id="x">均衡</p>');
      expect(await first.textContent('#x')).toBe('均衡');
      await first.close();
      const second = await browser.newPage();
      await second.setContent('<p id="y">ok</p>');
      expect(await second.textContent('#y')).toBe('ok');
    } finally {
      await browser.close();
    }
  });

  it('refuses a JUNHENG_CHROMIUM that names no file', async () => {
    process.env.JUNHENG_CHROMIUM = '/nonexistent/chromium';
    await expect(chooseBrowser()).rejects.toThrow(/does not exist/);
  });
});
