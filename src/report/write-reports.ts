import { join } from 'node:path';
import type { Evaluation, Lang } from '../model/index.ts';
import { renderHtml } from './render-html.ts';
import { renderMarkdown } from './render-markdown.ts';
import { renderText } from './render-text.ts';
import { serializeResult } from '../result/serialize-result.ts';
import { writeFileAtomic } from './write-atomic.ts';
import { writeXlsx } from './write-xlsx.ts';

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

/**
 * Writes the evaluation in each of `formats` (text, json, md, xlsx, html) into `outDir`, each file atomically,
 * and returns the paths written. An unknown format is an error before anything is written. result.json is format
 * version 2 (src/result/compact-result.ts), compact unless `options.pretty`.
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
  const written: string[] = [];
  for (const format of [...new Set(formats)] as ReportFormat[]) {
    const file = join(outDir, REPORT_FILES[format]);
    switch (format) {
      case 'text':
        await writeFileAtomic(file, renderText(evaluation, { lang, color: false }));
        break;
      case 'json':
        await writeFileAtomic(file, serializeResult(evaluation, { pretty: options.pretty === true }));
        break;
      case 'md':
        await writeFileAtomic(file, renderMarkdown(evaluation, lang));
        break;
      case 'xlsx':
        await writeXlsx(evaluation, file, lang);
        break;
      case 'html':
        await writeFileAtomic(file, renderHtml(evaluation, lang));
        break;
    }
    written.push(file);
  }
  return written;
}
