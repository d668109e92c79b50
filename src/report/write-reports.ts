import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Evaluation, Lang } from '../model/index.ts';
import { renderHtml } from './render-html.ts';
import { renderMarkdown } from './render-markdown.ts';
import { renderText } from './render-text.ts';
import { serializeResult } from '../result/serialize-result.ts';
import { processRuns, removeOnInterrupt, stageFileAtomic, type StagedFile } from '../files/write-atomic.ts';
import { serializeJson } from './serialize-json.ts';
import { buildXlsx } from './write-xlsx.ts';

/** The report formats and the file each is written to. */
export const REPORT_FILES = {
  text: 'report.txt',
  json: 'result.json',
  md: 'report.md',
  xlsx: 'report.xlsx',
  html: 'report.html',
} as const;

export type ReportFormat = keyof typeof REPORT_FILES;

/** True for a format name `writeReports` knows. */
export function isReportFormat(format: string): format is ReportFormat {
  return Object.hasOwn(REPORT_FILES, format);
}

/** How the reports are written. */
export interface ReportOptions {
  /** result.json indented by two spaces (default: on one line). */
  pretty?: boolean;
}

/** The file that names the reports of the last complete run in a folder, with each file's SHA-256. */
export const REPORT_SET_FILE = 'report-set.json';

const LOCK_FILE = '.junheng-lock';

/** Another run is writing reports into the same folder. */
export class ReportSetBusyError extends Error {
  readonly text: { zh: string; en: string };
  constructor(dir: string, pid: number) {
    const text = {
      zh: `另一个评估（进程 ${pid}）正在向 ${dir} 写报告；等它结束后再运行，或用 --out 另选一个文件夹`,
      en: `another evaluation (process ${pid}) is writing reports into ${dir}; run again when it has finished, or choose another folder with --out`,
    };
    super(text.en);
    this.text = text;
  }
}

/**
 * Writes the evaluation in each of `formats` (text, json, md, xlsx, html) into `outDir` as one set, and returns the
 * paths written. An unknown format is an error before anything is written. result.json is format version 2
 * (src/result/compact-result.ts), compact unless `options.pretty`.
 *
 * The set is one unit: every report is rendered and written to a temporary file (flushed to disk) first; only when
 * all are complete are they renamed into place together, and `report-set.json` is written last, naming each file of
 * the set with its SHA-256. So a failure while writing (a full disk) leaves the previous set as it was; the previous
 * `report-set.json` is removed just before the renames, so a run killed among them leaves no file claiming a set it
 * does not have. A second run into the same folder while one is writing is refused (`ReportSetBusyError`); the lock of
 * a run that was killed is taken over.
 */
export async function writeReports(
  evaluation: Evaluation,
  formats: string[],
  outDir: string,
  lang: Lang,
  options: ReportOptions = {},
): Promise<string[]> {
  const unknown = formats.filter((format) => !isReportFormat(format));
  if (unknown.length > 0) {
    throw new Error(
      lang === 'zh'
        ? `未知的报告格式：${unknown.join('、')}；可用：${Object.keys(REPORT_FILES).join('、')}`
        : `unknown report format: ${unknown.join(', ')}; allowed: ${Object.keys(REPORT_FILES).join(', ')}`,
    );
  }
  await mkdir(outDir, { recursive: true });
  const lock = await takeLock(outDir);
  const staged: StagedFile[] = [];
  try {
    const hashes: Record<string, string> = {};
    for (const format of [...new Set(formats)] as ReportFormat[]) {
      const name = REPORT_FILES[format];
      const bytes = await render(format, evaluation, lang, options);
      hashes[name] = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
      staged.push(await stageFileAtomic(join(outDir, name), bytes));
    }
    const manifest = serializeJson(
      {
        format: 'junheng-report-set',
        formatVersion: 1,
        engine: evaluation.engine,
        ruleset: { id: evaluation.ruleset.id, hash: evaluation.ruleset.hash },
        dataset: { id: evaluation.dataset.id, hash: evaluation.dataset.hash },
        files: hashes,
      },
      { pretty: true },
    );
    const set = await stageFileAtomic(join(outDir, REPORT_SET_FILE), manifest);
    staged.push(set);
    // Every byte is on disk: now the folder changes, in renames only.
    await rm(join(outDir, REPORT_SET_FILE), { force: true });
    for (const file of staged.slice(0, -1)) await file.commit();
    await set.commit();
    staged.length = 0;
    return Object.keys(hashes).map((name) => join(outDir, name));
  } finally {
    for (const file of staged) await file.abort();
    await lock.release();
  }
}

async function render(
  format: ReportFormat,
  evaluation: Evaluation,
  lang: Lang,
  options: ReportOptions,
): Promise<string | Uint8Array> {
  switch (format) {
    case 'text':
      return renderText(evaluation, { lang, color: false });
    case 'json':
      return serializeResult(evaluation, { pretty: options.pretty === true });
    case 'md':
      return renderMarkdown(evaluation, lang);
    case 'xlsx':
      return buildXlsx(evaluation, lang);
    case 'html':
      return renderHtml(evaluation, lang);
  }
}

/** The folder's lock: created exclusively with this process's id; a lock whose process is gone is taken over. */
async function takeLock(dir: string): Promise<{ release(): Promise<void> }> {
  const file = join(dir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    // Named for removal before it is made: a signal that comes as soon as the lock is on disk (a worker thread tells
    // the main thread of its paths by message) finds it named. Released at once when the lock is another's.
    const interrupt = removeOnInterrupt(file);
    try {
      await writeFile(file, `${process.pid}\n`, { flag: 'wx' });
      return {
        release: async () => {
          interrupt.release();
          await rm(file, { force: true });
        },
      };
    } catch (error) {
      interrupt.release();
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processRuns(pid))
        throw new ReportSetBusyError(dir, pid);
      await rm(file, { force: true });
    }
  }
}
