// Runs a command-line tool in this process and, when the process exits, writes its own CPU time and peak memory
// (as the operating system counts them for the whole process, start-up included) as one JSON line to the file named
// by JUNHENG_TIMING. Usage: node bench/timed-process.mjs <script.js> [args...]
import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [script, ...args] = process.argv.slice(2);
const out = process.env.JUNHENG_TIMING;
process.argv = [process.argv[0], resolve(script), ...args];
process.on('exit', () => {
  const usage = process.resourceUsage();
  if (out)
    appendFileSync(
      out,
      `${JSON.stringify({ cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssKB: usage.maxRSS })}\n`,
    );
});
await import(pathToFileURL(resolve(script)).href);
