// Builds the workbench page's script and style (src/web) into one folder: workbench.js, a single ES module with
// CodeMirror bundled in, and workbench.css. The page loads nothing else, so `junheng serve` works offline.
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Builds the page into `outdir`; returns esbuild's metafile (for the licence notices). */
export async function buildWeb(outdir) {
  await mkdir(outdir, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { workbench: 'src/web/main.ts' },
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome110', 'firefox115', 'safari16'],
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
  });
  if (result.errors.length > 0) throw new Error('the workbench page did not build');
  await copyFile(join(root, 'src/web/workbench.css'), join(outdir, 'workbench.css'));
  return result.metafile;
}
