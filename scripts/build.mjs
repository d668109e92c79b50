// Builds the command-line tool into dist/: one ES module for the command line, with a chunk per lazily loaded part
// (the engine, json-rules-engine, the readers, each writer and the chart code load only when a command needs them).
// The packages the engine uses are bundled and tree-shaken (mathjs, ECharts, ajv, yaml, commander,
// json-rules-engine: loading them file by file from node_modules cost more than the rest of a run), with their
// licences collected in dist/THIRD-PARTY-LICENSES.txt; exceljs and jszip (the workbook readers, loaded
// only when a workbook is read) and iconv-lite (the GB18030 decoder) stay in node_modules. Run by `npm ci`
// (the `prepare` script) and by `npm pack`; plain JavaScript, so it needs nothing but esbuild.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist');
await rm(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  // The worker thread of `evaluate --workers n` is an entry of its own: dist/county-worker.js (see county-pool.ts).
  entryPoints: { junheng: 'src/cli/main.ts', 'county-worker': 'src/cli/county-worker.ts' },
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
});
if (result.errors.length > 0) process.exit(1);
// One notice per bundled package: its name, version, licence and licence text.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
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
const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
const files = Object.keys(result.metafile.outputs).filter((f) => !f.endsWith('.map')).length;
process.stderr.write(`dist/: ${files} files, ${(bytes / 1024).toFixed(0)} KB\n`);
