/**
 * `npm run bench -- --html [--runs 7]`: how long the HTML report of the bundled Huadu sample takes to open in headless
 * Chromium until its trails are ready (the page's `performance.now()` when `body[data-trails="ready"]` is set: the
 * page parsed, the trail block inflated and parsed), at the widths the report is made for, in both languages.
 *
 * "parsed" is the navigation's domInteractive (the page's markup read); "ready" adds the scripts and the trails.
 * Each figure is the median of the runs after a first load that warms the browser's caches (min–max beside it).
 * The goal is a second. Results also go to out/bench/html-ready.json. The browser is the one the tests drive
 * (test/support/browser.ts): the system's Chromium when installed, else the one inside the npm package; the evaluation
 * is the one the report tests render (test/report/fixtures/huadu-evaluation.ts).
 */
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Lang } from '../src/model/index.ts';
import { writeReports } from '../src/report/index.ts';
import { huaduEvaluation } from '../test/report/fixtures/huadu-evaluation.ts';
import { launchBrowser } from '../test/support/browser.ts';
import { figure, type Figure } from './figure.ts';

const GOAL_MS = 1000;
const VIEWPORTS = [
  { width: 360, height: 740 },
  { width: 1400, height: 900 },
  { width: 1920, height: 1080 },
];

export async function benchHtmlReady(argv: string[]): Promise<void> {
  const i = argv.indexOf('--runs');
  const runs = i >= 0 ? Number(argv[i + 1]) : 7;
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs must be a whole number ≥ 1, not ${argv[i + 1]}`);
  const evaluation = await huaduEvaluation();
  const dir = await mkdtemp(join(tmpdir(), 'junheng-bench-html-'));
  const browser = await launchBrowser();
  const rows: { lang: Lang; width: number; bytes: number; parsedMs: Figure; readyMs: Figure }[] = [];
  try {
    for (const lang of ['zh', 'en'] as Lang[]) {
      const out = join(dir, lang);
      await mkdir(out);
      await writeReports(evaluation, ['html'], out, lang);
      const file = join(out, 'report.html');
      const bytes = (await stat(file)).size;
      for (const viewport of VIEWPORTS) {
        const page = await browser.newPage({ viewport });
        const times: number[] = [];
        const parsedAt: number[] = [];
        for (let run = 0; run <= runs; run++) {
          await page.goto(`file://${file}`);
          await page.waitForSelector('body[data-trails="ready"]', { state: 'attached' });
          const [ms, parsed] = await page.evaluate(() => {
            const nav = performance.getEntriesByType('navigation')[0] as
              PerformanceNavigationTiming | undefined;
            return [performance.now(), nav?.domInteractive ?? NaN];
          });
          if (run > 0) {
            times.push(ms);
            parsedAt.push(parsed);
          }
        }
        await page.close();
        const readyMs = figure(times);
        const parsedMs = figure(parsedAt);
        rows.push({ lang, width: viewport.width, bytes, parsedMs, readyMs });
        process.stdout.write(
          `${lang} ${String(viewport.width).padStart(4)} px  ${(bytes / 1024).toFixed(0)} KB  parsed ${parsedMs.median.toFixed(0)} ms, ready ${readyMs.median.toFixed(0)} ms (${readyMs.min.toFixed(0)}–${readyMs.max.toFixed(0)})  goal ≤ ${GOAL_MS} ms: ${readyMs.median <= GOAL_MS ? 'met' : 'not met'}\n`,
        );
      }
    }
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
  await mkdir('out/bench', { recursive: true });
  await writeFile(
    'out/bench/html-ready.json',
    `${JSON.stringify({ runs, goalMs: GOAL_MS, rows }, null, 2)}\n`,
  );
}
