import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/project-root.ts';

/** Starts the built `junheng serve` and waits for the line with its address. */
function startServe(
  args: string[],
): Promise<{ url: string; stop: () => Promise<void>; stderr: () => string }> {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'junheng.js'), 'serve', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(out)?.[0];
      if (url)
        resolve({
          url,
          stderr: () => err,
          stop: () =>
            new Promise<void>((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
    });
    child.once('exit', (code) => reject(new Error(`junheng serve ended (${code}): ${err}`)));
  });
}

describe('junheng serve', () => {
  it('prints its address on 127.0.0.1 with the port the system picked, and serves the page there', async () => {
    const server = await startServe(['--port', '0']);
    try {
      const page = await fetch(server.url);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<meta name="junheng-token"');
      expect(html).toContain('/assets/workbench.js');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      const script = await fetch(new URL('/assets/workbench.js', server.url));
      expect(script.status).toBe(200);
      // Nothing from elsewhere: no address outside the server in the page's script.
      expect(await script.text()).not.toMatch(/https?:\/\/(?:cdn|fonts|unpkg|esm\.sh)/);
    } finally {
      await server.stop();
    }
  });

  it.each([
    { name: 'a port that is not a number', args: ['--port', 'abc'], says: '--port 的值“abc”无效' },
    { name: 'a port out of range', args: ['--port', '70000'], says: '--port 的值“70000”无效' },
  ])('$name is a usage error (exit 2)', async ({ args, says }) => {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'junheng.js'), 'serve', ...args]);
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain(says);
  });
});
