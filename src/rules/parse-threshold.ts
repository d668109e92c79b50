import type { Operator } from '../model/ruleset.ts';

/** A threshold string split into its operator and its right-hand side, before the bound is resolved. */
export interface ThresholdParts {
  operator: Operator;
  /** A number (95% already divided by 100), a boolean, or a formula text. */
  bound: number | boolean | { formula: string };
  percent: boolean;
  /** How a form staff naturally type was read (≥, full-width digits, ％), for the trail. */
  normalised?: string;
}

const OPERATOR_FORMS: [RegExp, Operator][] = [
  [/^(>=|≥|＞=|大于等于|不低于|不少于)/, '>='],
  [/^(<=|≤|＜=|小于等于|不超过|不高于)/, '<='],
  [/^(==|＝＝|=)/, '=='],
  [/^(!=|≠)/, '!='],
  [/^(>|＞|大于|超过)/, '>'],
  [/^(<|＜|小于|低于|不足)/, '<'],
];

/** Full-width digits, signs and the percent sign, as Chinese input methods type them, to ASCII. */
export function toHalfWidth(text: string): string {
  return text
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/．/g, '.')
    .replace(/％/g, '%')
    .replace(/，/g, ',')
    .replace(/\u3000/g, ' ');
}

/** Parses `">= 4.2"`, `"≥ 95%"`, `"== true"`, `">= civil_servant_avg_pay"`. Returns undefined when malformed. */
export function parseThreshold(text: string): ThresholdParts | undefined {
  const half = toHalfWidth(text.trim());
  for (const [pattern, operator] of OPERATOR_FORMS) {
    const match = pattern.exec(half);
    if (!match) continue;
    const rest = half.slice(match[0].length).trim();
    if (rest === '') return undefined;
    const normalised = half !== text.trim() || !/^(>=|<=|==|!=|>|<)$/.test(match[0]) ? `${operator} ${rest}` : undefined;
    const withNote = <T extends ThresholdParts>(parts: T): T => (normalised ? { ...parts, normalised } : parts);
    if (rest === 'true' || rest === 'false') return withNote({ operator, bound: rest === 'true', percent: false });
    const numeric = /^([+-]?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*(%?)$/i.exec(rest.replace(/(\d),(?=\d{3}\b)/g, '$1'));
    if (numeric) {
      const value = Number(numeric[1]);
      // 1e999 reads as Infinity and 1e-999 as 0: malformed, never a bound nobody wrote.
      if (!Number.isFinite(value) || (value === 0 && /^[^eE]*[1-9]/.test(numeric[1] ?? ''))) return undefined;
      const percent = numeric[2] === '%';
      return withNote({ operator, bound: percent ? value / 100 : value, percent });
    }
    if (/%/.test(rest)) return undefined;
    return withNote({ operator, bound: { formula: rest }, percent: false });
  }
  return undefined;
}
