import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { build } from 'esbuild';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program.ts';
import { standaloneValidators } from '../../src/schema/standalone.ts';
import { createSchemaAjv } from '../../src/schema/configure-ajv.ts';
import { readSchema, SCHEMA_NAMES, type SchemaName } from '../../src/schema/names.ts';

// The built tool validates with the schemas' validators compiled ahead of time (scripts/build.mjs bundles the code
// of standalone.ts); the sources compile the schemas at run time. Both must say the same of every document.
const ROOT = join(import.meta.dirname, '../..');
const exec = promisify(execFile);
let work: string;
let precompiled: Record<SchemaName, ValidateFunction>;
const runtime = new Map<SchemaName, ValidateFunction>();

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'junheng-validators-'));
  const file = join(work, 'validators.mjs');
  // Bundled as the build bundles it: the ajv runtime helpers the code requires are inlined.
  await build({
    stdin: { contents: standaloneValidators(), resolveDir: ROOT, loader: 'js' },
    outfile: file,
    bundle: true,
    format: 'esm',
    platform: 'node',
    logLevel: 'silent',
  });
  precompiled = ((await import(pathToFileURL(file).href)) as { PRECOMPILED: typeof precompiled }).PRECOMPILED;
  const ajv = createSchemaAjv();
  for (const name of SCHEMA_NAMES) runtime.set(name, ajv.compile(readSchema(name)));
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Every YAML document under a folder, parsed (those that do not parse are left to the YAML reader's tests). */
function documents(dir: string): { path: string; data: unknown }[] {
  const found: { path: string; data: unknown }[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...documents(path));
    else if (/\.ya?ml$/.test(entry)) {
      try {
        found.push({
          path: relative(ROOT, path),
          data: parse(readFileSync(path, 'utf8'), { maxAliasCount: 100, logLevel: 'silent' }),
        });
      } catch {
        // not YAML a schema ever sees
      }
    }
  }
  return found;
}

describe('the validators compiled ahead of time', () => {
  it('exist for every schema', () => {
    expect(Object.keys(precompiled).sort()).toEqual([...SCHEMA_NAMES].sort());
  });

  it('give the same verdict and the same errors as ajv compiling at run time, on every rule, case and dataset file', () => {
    const corpus = [
      ...documents(join(ROOT, 'rules')),
      ...documents(join(ROOT, 'test/fixtures')),
      ...documents(join(ROOT, 'data')),
      ...documents(join(ROOT, 'test/cases')),
    ];
    expect(corpus.length).toBeGreaterThan(100);
    let failing = 0;
    for (const { path, data } of corpus) {
      for (const name of SCHEMA_NAMES) {
        const fresh = runtime.get(name)!;
        const ahead = precompiled[name];
        const verdict = fresh(data);
        expect(ahead(data), `${path} against ${name}`).toBe(verdict);
        expect(ahead.errors ?? null, `${path} against ${name}`).toEqual(fresh.errors ?? null);
        if (!verdict) failing++;
      }
    }
    // The corpus exercises the error paths, not only the valid documents.
    expect(failing).toBeGreaterThan(corpus.length);
  });

  it('give the same result.json verdict as at run time', async () => {
    const out = join(work, 'out');
    const c = { out: () => undefined, err: () => undefined, isTTY: false };
    expect(await run(['evaluate', 'data/huadu-2024', '--format', 'json', '--out', out], c)).toBe(0);
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as Record<string, unknown>;
    expect(precompiled.result(result)).toBe(true);
    const broken = { ...result, counties: [{ county: 1 }] };
    expect(precompiled.result(broken)).toBe(runtime.get('result')!(broken));
    expect(precompiled.result.errors).toEqual(runtime.get('result')!.errors);
  });

  it('are what the built tool uses: its messages on broken rules are those of the sources', async () => {
    const chunks = readdirSync(join(ROOT, 'dist/chunks')).filter((name) => name.endsWith('.js'));
    const carrying = chunks.filter((name) =>
      readFileSync(join(ROOT, 'dist/chunks', name), 'utf8').includes('schema_indicator_patch'),
    );
    expect(carrying).toHaveLength(1);
    const dir = join(ROOT, 'test/fixtures/broken-rules');
    const fixtures = readdirSync(dir).filter((name) =>
      /unknown-key|wrong-type|missing-key|not-allowed/.test(name),
    );
    expect(fixtures.length).toBeGreaterThanOrEqual(4);
    for (const fixture of fixtures) {
      const rules = `test/fixtures/broken-rules/${fixture}`;
      const err: string[] = [];
      const io = { out: (t: string) => err.push(t), err: (t: string) => err.push(t), isTTY: false };
      const code = await run(['validate', '--rules', rules], io);
      const built = await exec(process.execPath, ['bin/junheng.js', 'validate', '--rules', rules], {
        cwd: ROOT,
      }).then(
        (done) => ({ code: 0, text: done.stdout + done.stderr }),
        (failed: { code: number; stdout: string; stderr: string }) => ({
          code: failed.code,
          text: failed.stdout + failed.stderr,
        }),
      );
      expect(built.code, fixture).toBe(code);
      expect(built.text, fixture).toBe(err.join(''));
    }
  }, 120_000);
});
