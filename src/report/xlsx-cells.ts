import type { IndicatorResult, Lang, Verdict } from '../model/index.ts';
import { isReportWord, word, type ReportWord } from './report-words.ts';
import type { XlsxRow } from './xlsx-writer.ts';

// The cells of the Excel report: values as a reader says them, columns, row fills, members looked up once.

export interface Column {
  key: string;
  header: string;
  width: number;
  numFmt?: string;
}

// Row fills by verdict: the colours spreadsheet users know from conditional formatting (red, amber, blue-grey).
export const FILLS: Partial<Record<Verdict, string>> = {
  not_met: 'FFFFC7CE',
  within_tolerance: 'FFFFEB9C',
  pending: 'FFDDEBF7',
  insufficient_data: 'FFE7E6E6',
};

/** A yes-or-no value as the sheet's reader says it: 是/否, yes/no (never the raw true/false). */
export function yesNo(value: boolean, lang: Lang): string {
  return lang === 'zh' ? (value ? '是' : '否') : value ? 'yes' : 'no';
}

/** A check's value for a cell: numbers as numbers, yes-or-no in words. */
export function cellOf(
  value: number | boolean | string | null | undefined,
  lang: Lang,
): number | string | null {
  if (typeof value === 'boolean') return yesNo(value, lang);
  return value ?? null;
}

export function col(
  key: string,
  label: ReportWord | string,
  lang: Lang,
  width: number,
  numFmt?: string,
): Column {
  const header = isReportWord(label) ? word(label, lang) : label;
  return { key, header, width, ...(numFmt ? { numFmt } : {}) };
}

export function highlight(row: XlsxRow, verdict: Verdict): void {
  const argb = FILLS[verdict];
  if (argb) row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

const MEMBERS = new WeakMap<IndicatorResult, Map<string, IndicatorResult['members'][number]>>();

/** An indicator's result for the member with this key (the first one listed), through a map built once. */
export function memberOf(
  indicator: IndicatorResult,
  key: string,
): IndicatorResult['members'][number] | undefined {
  let byKey = MEMBERS.get(indicator);
  if (!byKey) {
    byKey = new Map();
    for (const member of indicator.members)
      if (!byKey.has(member.subject.key)) byKey.set(member.subject.key, member);
    MEMBERS.set(indicator, byKey);
  }
  return byKey.get(key);
}

/**
 * The Excel number format for a value shown with `decimals` places, or as a percentage. A whole number whose rule
 * names no decimals (a count: students, classes) is shown as a whole number, not "1317.00".
 */
export function numberFormat(decimals: number | undefined, percent: boolean, value?: number): string {
  if (!percent && decimals === undefined && value !== undefined && Number.isInteger(value)) return '0';
  const places = percent ? 2 : (decimals ?? 2);
  const base = places > 0 ? `0.${'0'.repeat(places)}` : '0';
  return percent ? `${base}%` : base;
}
