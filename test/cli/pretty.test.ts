import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program.ts';
import { readResult } from '../../src/result/read-result.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const quiet = { out: () => {}, err: () => {}, isTTY: false };

describe('evaluate --pretty', () => {
  it('indents result.json for reading; without it the file is one line; both read back to the same evaluation', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'junheng-pretty-'));
    dirs.push(dir);
    expect(await run(['evaluate', '-f', 'json', '-q', '--out', join(dir, 'compact')], quiet)).toBe(0);
    expect(await run(['evaluate', '-f', 'json', '-q', '--pretty', '--out', join(dir, 'pretty')], quiet)).toBe(
      0,
    );
    const compact = await readFile(join(dir, 'compact', 'result.json'), 'utf8');
    const pretty = await readFile(join(dir, 'pretty', 'result.json'), 'utf8');
    expect(compact.trimEnd().split('\n')).toHaveLength(1);
    expect(pretty.startsWith('{\n  "')).toBe(true);
    expect(pretty.length).toBeGreaterThan(compact.length);
    expect(readResult(JSON.parse(pretty))).toEqual(readResult(JSON.parse(compact)));
  });
});
