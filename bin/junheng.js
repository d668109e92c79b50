#!/usr/bin/env node
// Runs the built command-line tool (dist/, made by `npm ci` or `npm run build` from src/).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = join(dirname(dirname(fileURLToPath(import.meta.url))), 'dist', 'junheng.js');
if (!existsSync(built)) {
  process.stderr.write(
    `junheng: 没有找到构建好的程序 ${built}；请在项目文件夹中运行 npm run build（或 npm ci）。\n` +
      `junheng: the built tool ${built} is missing; run npm run build (or npm ci) in the project folder.\n`,
  );
  process.exit(2);
}
if (process.argv.includes('--verbose')) process.setSourceMapsEnabled(true);
await import(pathToFileURL(built).href);
