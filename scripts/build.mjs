// Builds the command-line tool into dist/: one ES module per entry, with a chunk per lazily loaded part (writers,
// json-rules-engine, spreadsheet and chart code load only when a command needs them). Dependencies stay in
// node_modules (not bundled). Run by `npm ci` (the `prepare` script) and by `npm pack`; plain JavaScript, so it needs
// nothing but esbuild.
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist');
await rm(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { junheng: 'src/cli/main.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
});
if (result.errors.length > 0) process.exit(1);
const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
const files = Object.keys(result.metafile.outputs).filter((f) => !f.endsWith('.map')).length;
process.stderr.write(`dist/: ${files} files, ${(bytes / 1024).toFixed(0)} KB\n`);
