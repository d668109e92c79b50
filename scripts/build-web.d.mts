import type { Metafile } from 'esbuild';

/** Builds the workbench page (src/web) into `outdir`: workbench.js and workbench.css. */
export function buildWeb(outdir: string): Promise<Metafile>;
