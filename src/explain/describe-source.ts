import type { CellSource, Lang } from '../model/index.ts';

/** Where a value came from, as a person looks it up: "schools.csv 第17行 D列" / "schools.csv row 17, column D". */
export function describeSource(source: CellSource, lang: Lang): string {
  const parts: string[] = [source.file];
  if (source.sheet) parts.push(lang === 'zh' ? `工作表“${source.sheet}”` : `sheet "${source.sheet}"`);
  const column = source.cell ? columnLetters(source.cell) : undefined;
  if (source.row !== undefined) {
    const where: string[] = [lang === 'zh' ? `第${source.row}行` : `row ${source.row}`];
    if (column) where.push(lang === 'zh' ? `${column}列` : `column ${column}`);
    else if (source.column) where.push(lang === 'zh' ? `“${source.column}”列` : `column "${source.column}"`);
    parts.push(where.join(lang === 'zh' ? ' ' : ', '));
  } else if (source.path && source.line === undefined) {
    parts.push(source.path);
  } else if (source.line !== undefined) {
    // The line finds it; the path inside the file (county/attestations/…) is made of raw keys a reader need not see.
    parts.push(lang === 'zh' ? `第${source.line}行` : `line ${source.line}`);
  }
  return lang === 'zh' ? parts.join(' ') : parts.join(', ');
}

function columnLetters(cell: string): string | undefined {
  return /^([A-Z]+)\d+$/i.exec(cell)?.[1]?.toUpperCase();
}
