import type { ReportedFigure } from '../model/dataset.ts';

/** A published figure read as a number: "98.20%" is 0.982 with 4 decimals, "5.36" is 5.36 with 2. */
export function readPublished(figure: ReportedFigure): { value: number; decimals: number } | undefined {
  if (typeof figure.value === 'number') {
    const decimals = figure.decimals ?? String(figure.value).split('.')[1]?.length ?? 0;
    return { value: figure.value, decimals };
  }
  const text = figure.value.trim().replace(/[％]/g, '%').replace(/,/g, '');
  const match = /^([+-]?\d+(?:\.(\d+))?)\s*(%?)$/.exec(text);
  if (!match) return undefined;
  const percent = match[3] === '%';
  const decimals = figure.decimals ?? (match[2]?.length ?? 0) + (percent ? 2 : 0);
  return { value: Number(match[1]) / (percent ? 100 : 1), decimals };
}
