// Builds the command-line tool into dist/: one ES module for the command line, with a chunk per lazily loaded part
// (the engine, json-rules-engine, the readers, each writer and the chart code load only when a command needs them).
// The packages the engine uses are bundled and tree-shaken (mathjs, ECharts, ajv, yaml, commander,
// json-rules-engine, and Hono for `junheng serve`: loading them file by file from node_modules cost more than the
// rest of a run), with their licences collected in dist/THIRD-PARTY-LICENSES.txt, together with those of the
// workbench page (CodeMirror, built into dist/web by build-web.mjs); exceljs and jszip (the workbook readers, loaded
// only when a workbook is read) and iconv-lite (the GB18030 decoder) stay in node_modules. Run by `npm ci`
// (the `prepare` script) and by `npm pack`; plain JavaScript, so it needs nothing but esbuild.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { buildWeb } from './build-web.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist');
await rm(outdir, { recursive: true, force: true });
const validators = await precompiledValidators();
const result = await build({
  absWorkingDir: root,
  // The command's own worker thread (cli-worker.js, a long run: src/cli/main.ts) and the worker threads of
  // `evaluate --workers n` (county-worker.js, see county-pool.ts) and of verdicts on several threads
  // (verdict-worker.js, see verdict-pool.ts) are entries of their own.
  entryPoints: {
    junheng: 'src/cli/main.ts',
    'cli-worker': 'src/cli/cli-worker.ts',
    'county-worker': 'src/cli/county-worker.ts',
    'verdict-worker': 'src/cli/verdict-worker.ts',
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['@duckdb/node-api', 'exceljs', 'iconv-lite', 'jszip'],
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'none',
  // Bundled CommonJS packages call require() for Node's own modules: give each ES module chunk one.
  banner: {
    js: "import { createRequire as __junhengRequire } from 'node:module'; const require = __junhengRequire(import.meta.url);",
  },
  logLevel: 'warning',
  metafile: true,
  plugins: [
    {
      // The schemas' validators, compiled ahead of time, in place of the sources' empty table.
      name: 'precompiled-validators',
      setup(build) {
        build.onLoad({ filter: /[\\/]src[\\/]schema[\\/]precompiled\.ts$/ }, () => ({
          contents: validators,
          loader: 'js',
          resolveDir: root,
        }));
        // Nothing is compiled at run time, so ajv's compiler stays out of the tool.
        build.onLoad({ filter: /[\\/]src[\\/]schema[\\/]compile-at-run-time\.ts$/ }, () => ({
          contents:
            'export function compileSchema(name) { throw new Error(`the validator of schema ${name} is missing from the build`); }',
          loader: 'js',
        }));
      },
    },
  ],
});
if (result.errors.length > 0) process.exit(1);
// The workbench page of `junheng serve` (CodeMirror and the page's own code), served from dist/web.
const web = await buildWeb(join(outdir, 'web'));
// One notice per bundled package: its name, version, licence and licence text.
const packages = new Map();
for (const input of [...Object.keys(result.metafile.inputs), ...Object.keys(web.inputs)]) {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (!match) continue;
  const dir = join(root, input.slice(0, match.index + match[0].length));
  if (packages.has(dir)) continue;
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const file = readdirSync(dir).find((name) => /^(licen[cs]e|copying)/i.test(name));
  packages.set(dir, {
    name: manifest.name,
    version: manifest.version,
    license:
      typeof manifest.license === 'string' ? manifest.license : JSON.stringify(manifest.license ?? 'unknown'),
    text: file && existsSync(join(dir, file)) ? readFileSync(join(dir, file), 'utf8').trim() : '',
  });
}
const notices = [...packages.values()]
  .sort((a, b) => a.name.localeCompare(b.name))
  .map((p) => `${p.name} ${p.version} (${p.license})\n\n${p.text}\n`);
await writeFile(
  join(outdir, 'THIRD-PARTY-LICENSES.txt'),
  `Packages bundled into dist/ by scripts/build.mjs, with their licences.\n\n${notices.join('\n---\n\n')}`,
);
const outputs = [...Object.values(result.metafile.outputs), ...Object.values(web.outputs)];
const bytes = outputs.reduce((sum, o) => sum + o.bytes, 0);
const files =
  [...Object.keys(result.metafile.outputs), ...Object.keys(web.outputs)].filter((f) => !f.endsWith('.map'))
    .length + 1;
process.stderr.write(`dist/: ${files} files, ${(bytes / 1024).toFixed(0)} KB\n`);

/** The code of every schema's validator, as src/schema/standalone.ts writes it (bundled and run here, once). */
async function precompiledValidators() {
  const dir = await mkdtemp(join(tmpdir(), 'junheng-build-'));
  try {
    const file = join(dir, 'standalone.mjs');
    await build({
      absWorkingDir: root,
      entryPoints: ['src/schema/standalone.ts'],
      outfile: file,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      banner: {
        js: "import { createRequire as __junhengRequire } from 'node:module'; const require = __junhengRequire(import.meta.url);",
      },
      define: {
        'import.meta.url': JSON.stringify(pathToFileURL(join(root, 'src', 'schema', 'standalone.ts')).href),
      },
      logLevel: 'warning',
    });
    const { standaloneValidators } = await import(pathToFileURL(file).href);
    return standaloneValidators();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
