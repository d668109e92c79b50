#!/usr/bin/env node
// Runs the built command-line tool (dist/, made by `npm ci` or `npm run build` from src/).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';

const built = join(dirname(dirname(fileURLToPath(import.meta.url))), 'dist', 'junheng.js');
if (!existsSync(built)) {
  process.stderr.write(
    `junheng: 没有找到构建好的程序 ${built}；请在项目文件夹中运行 npm run build（或 npm ci）。\n` +
      `junheng: the built tool ${built} is missing; run npm run build (or npm ci) in the project folder.\n`,
  );
  process.exit(2);
}

// A short run (help, one county, a rule set) spends more CPU in V8's optimizing compiler than the optimized code
// saves: for it, code stays at the baseline tier (same results, about a third less CPU for the bundled sample). A run
// over more than a few megabytes of data keeps the full compiler, and JUNHENG_FULL_JIT=1 keeps it always.
const shortRun = isShortRun(process.argv.slice(2));
if (!process.env.JUNHENG_FULL_JIT && shortRun) v8.setFlagsFromString('--max-opt=1');
// A short run answers Ctrl-C between its steps, each far under a second; a longer one runs in a worker thread that a
// signal stops at once (src/cli/main.ts).
globalThis[Symbol.for('junheng.shortRun')] = shortRun;

if (process.argv.includes('--verbose')) process.setSourceMapsEnabled(true);
await import(pathToFileURL(built).href);

/** Options that take a value, so that their value is not read as a dataset. */
function takesValue(arg) {
  return /^(-r|--rules|-o|--out|-f|--format|--lang|--evaluator|--fail-on|-s|--subject|-i|--indicator|--filter|--limits|--store|--shard|--run|--run-id|--run-label|--workers)$/.test(
    arg,
  );
}

/** True when the data a command reads is small: at most 4 MB in the files of the datasets it names. */
function isShortRun(args) {
  const LIMIT = 4 * 1024 * 1024;
  const positional = [];
  for (let i = 0; i < args.length; i++) {
    if (takesValue(args[i])) i++;
    else if (!args[i].startsWith('-')) positional.push(args[i]);
  }
  const [command, ...rest] = positional;
  // The workbench serves until it is stopped, evaluating again at each edit: it keeps the full compiler.
  if (command === 'serve') return false;
  if (!['evaluate', 'explain', 'validate', 'compare'].includes(command)) return true;
  let bytes = 0;
  try {
    for (const path of rest) {
      const stat = statSync(path);
      if (stat.isDirectory()) {
        for (const entry of readdirSync(path, { withFileTypes: true }))
          if (entry.isFile()) bytes += statSync(join(path, entry.name)).size;
      } else bytes += stat.size;
    }
  } catch {
    return false;
  }
  return bytes <= LIMIT;
}
