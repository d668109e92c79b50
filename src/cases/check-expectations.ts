import type { CheckResult, CountyResult, SubjectResult, UnitAreaResult } from '../model/evaluation.ts';
import type { Text } from '../model/text.ts';
import { COUNTY_VERDICT_LABELS, VERDICT_LABELS } from '../model/verdict.ts';
import { parseThreshold } from '../rules/parse-threshold.ts';
import { describeUnitResult } from '../explain/words/index.ts';

/** One difference between what a case expects and what the rules gave, each part in both languages. */
export interface Failure {
  what: Text;
  expected: Text;
  actual: Text;
  /** The trail of the check concerned, when there is one. */
  trail?: CheckResult[];
}

interface SubjectExpectation {
  subject: string;
  indicator: string;
  check?: string;
  verdict?: string;
  value?: number | boolean | null;
  decimals?: number;
  threshold?: string;
  reason?: string;
  choice?: string;
}

interface Expectations {
  county?: string;
  areas?: Record<string, string>;
  indicators?: Record<string, string>;
  subjects?: SubjectExpectation[];
  per_unit?: Record<string, string>;
  dispersion?: {
    indicator: string;
    check?: string;
    group: string;
    verdict?: string;
    value?: number;
    decimals?: number;
  }[];
  failing?: Record<string, string[]>;
  findings?: { indicator: string; kind: string; figure?: string; group?: string }[];
}

/** The same words in both languages: an id, a number, a key. */
function plain(text: string): Text {
  return { zh: text, en: text };
}

function verdictText(verdict: string | undefined): Text {
  if (verdict === undefined) return { zh: '（无结论）', en: '(no verdict)' };
  return (
    VERDICT_LABELS[verdict as keyof typeof VERDICT_LABELS] ??
    COUNTY_VERDICT_LABELS[verdict as keyof typeof COUNTY_VERDICT_LABELS] ??
    plain(verdict)
  );
}

const NONE: Text = { zh: '（无）', en: '(none)' };

/** Two thresholds that mean the same comparison: `≥4.5` and `>= 4.5`, `>= 95%` and `>= 0.95`. */
export function sameThreshold(expected: string, actual: string | undefined): boolean {
  if (actual === undefined) return false;
  const a = parseThreshold(expected);
  const b = parseThreshold(actual);
  if (!a || !b) return expected.trim() === actual.trim();
  if (a.operator !== b.operator) return false;
  if (typeof a.bound === 'number' && typeof b.bound === 'number')
    return Math.abs(a.bound - b.bound) <= 1e-12 * Math.max(1, Math.abs(a.bound));
  if (typeof a.bound === 'object' && typeof b.bound === 'object')
    return a.bound.formula.replace(/\s+/g, '') === b.bound.formula.replace(/\s+/g, '');
  return a.bound === b.bound;
}

function sameNumber(actual: unknown, expected: number, decimals: number | undefined): boolean {
  if (typeof actual !== 'number') return false;
  if (decimals !== undefined) return Number(actual.toFixed(decimals)) === Number(expected.toFixed(decimals));
  return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
}

/** Compares a county's result with what a case expects; every difference is one failure. */
export function checkExpectations(result: CountyResult, expect: Expectations): Failure[] {
  const failures: Failure[] = [];
  if (expect.county && result.verdict !== expect.county) {
    failures.push({
      what: { zh: '县的结论', en: 'county verdict' },
      expected: verdictText(expect.county),
      actual: verdictText(result.verdict),
    });
  }
  for (const [area, verdict] of Object.entries(expect.areas ?? {})) {
    const actual = result.areas.find((a) => a.area === area);
    if (actual?.verdict !== verdict)
      failures.push({
        what: { zh: `领域 ${area}`, en: `area ${area}` },
        expected: verdictText(verdict),
        actual: actual ? verdictText(actual.verdict) : { zh: '（没有这个领域）', en: '(no such area)' },
      });
  }
  for (const [id, verdict] of Object.entries(expect.indicators ?? {})) {
    const actual = result.indicators.find((i) => i.indicator === id);
    if (actual?.verdict !== verdict) {
      const trail = actual
        ? [
            ...(actual.county?.checks ?? []),
            ...actual.members.filter((m) => m.verdict !== 'met').flatMap((m) => m.checks),
          ]
        : [];
      failures.push({
        what: { zh: `指标 ${id}`, en: `indicator ${id}` },
        expected: verdictText(verdict),
        actual: actual ? verdictText(actual.verdict) : { zh: '（没有这个指标）', en: '(no such indicator)' },
        trail: trail.slice(0, 5),
      });
    }
  }
  for (const s of expect.subjects ?? []) {
    const indicator = result.indicators.find((i) => i.indicator === s.indicator);
    const isCounty = s.subject === 'county' || s.subject === result.county.key;
    const subject: SubjectResult | undefined = isCounty
      ? indicator?.county
      : indicator?.members.find((m) => m.subject.key === s.subject);
    const label = `${s.subject} ${s.indicator}${s.check ? `/${s.check}` : ''}`;
    const part = (zh: string, en: string): Text => ({ zh: `${label} 的${zh}`, en: `${label} ${en}` });
    if (!subject) {
      failures.push({
        what: plain(label),
        expected: { zh: '有判定结果', en: 'a result' },
        actual: indicator
          ? { zh: '（本指标没有判定这个对象）', en: '(subject not judged for this indicator)' }
          : { zh: '（没有这个指标）', en: '(no such indicator)' },
      });
      continue;
    }
    const check = s.check
      ? subject.checks.find((c) => c.check === s.check)
      : subject.checks.length === 1
        ? subject.checks[0]
        : undefined;
    const verdict = s.check ? check?.verdict : subject.verdict;
    if (s.verdict && verdict !== s.verdict)
      failures.push({
        what: part('结论', 'verdict'),
        expected: verdictText(s.verdict),
        actual: verdictText(verdict),
        trail: subject.checks,
      });
    if (s.value !== undefined) {
      const value = check?.value;
      const ok = typeof s.value === 'number' ? sameNumber(value, s.value, s.decimals) : value === s.value;
      if (!ok)
        failures.push({
          what: part('数值', 'value'),
          expected: plain(String(s.value)),
          actual: value === undefined ? NONE : plain(String(value)),
          trail: subject.checks,
        });
    }
    if (s.threshold && !sameThreshold(s.threshold, check?.threshold?.text)) {
      failures.push({
        what: part('阈值', 'threshold'),
        expected: plain(s.threshold),
        actual: check?.threshold?.text === undefined ? NONE : plain(check.threshold.text),
        trail: subject.checks,
      });
    }
    if (s.reason) {
      const codes: string[] = subject.checks.flatMap((c) => (c.reason ? [c.reason.code] : []));
      const actual = check ? check.reason?.code : codes.join(',');
      if (!(check ? actual === s.reason : codes.includes(s.reason))) {
        failures.push({
          what: part('原因代码', 'reason'),
          expected: plain(s.reason),
          actual: actual ? plain(actual) : NONE,
          trail: subject.checks,
        });
      }
    }
    if (s.choice) {
      const actual = (check ?? subject.checks.find((c) => c.choice))?.choice?.option;
      if (actual !== s.choice)
        failures.push({
          what: part('口径', 'choice'),
          expected: plain(s.choice),
          actual: actual === undefined ? NONE : plain(actual),
          trail: subject.checks,
        });
    }
  }
  const unitResults = result.areas.flatMap((a) => a.perUnit?.results ?? []);
  for (const [key, verdict] of Object.entries(expect.per_unit ?? {})) {
    const actual = unitResults.find((u) => u.subject.key === key);
    if (actual?.verdict !== verdict) {
      failures.push({
        what: { zh: `逐校规则 ${key}`, en: `per-unit rule ${key}` },
        expected: verdictText(verdict),
        actual: actual
          ? {
              zh: `${verdictText(actual.verdict).zh}（${unitWords(actual, result).zh}）`,
              en: `${verdictText(actual.verdict).en} (${unitWords(actual, result).en})`,
            }
          : { zh: '（没有这个学部）', en: '(no such unit)' },
      });
    }
  }
  for (const d of expect.dispersion ?? []) {
    const actual = result.areas
      .flatMap((a) => a.dispersion)
      .find((x) => x.indicator === d.indicator && x.group === d.group && (!d.check || x.check === d.check));
    const label = { zh: `差异系数 ${d.indicator} ${d.group}`, en: `CV ${d.indicator} ${d.group}` };
    if (!actual) {
      failures.push({ what: label, expected: { zh: '有结果', en: 'a result' }, actual: NONE });
      continue;
    }
    if (d.verdict && actual.verdict !== d.verdict)
      failures.push({
        what: { zh: `${label.zh} 的结论`, en: `${label.en} verdict` },
        expected: verdictText(d.verdict),
        actual: {
          zh: `${verdictText(actual.verdict).zh}（差异系数 ${actual.value}）`,
          en: `${verdictText(actual.verdict).en} (CV ${actual.value})`,
        },
      });
    if (d.value !== undefined && !sameNumber(actual.value, d.value, d.decimals))
      failures.push({
        what: { zh: `${label.zh} 的数值`, en: `${label.en} value` },
        expected: plain(String(d.value)),
        actual: plain(String(actual.value)),
      });
  }
  for (const [id, keys] of Object.entries(expect.failing ?? {})) {
    const indicator = result.indicators.find((i) => i.indicator === id);
    const actual = (indicator?.failing ?? []).map((s) => s.key).sort();
    const expected = [...keys].sort();
    if (actual.join(',') !== expected.join(','))
      failures.push({
        what: { zh: `${id} 的未达标名单`, en: `failing members of ${id}` },
        expected: expected.length ? { zh: expected.join('、'), en: expected.join(', ') } : NONE,
        actual: actual.length ? { zh: actual.join('、'), en: actual.join(', ') } : NONE,
      });
  }
  for (const f of expect.findings ?? []) {
    const found = result.findings.some(
      (x) =>
        x.indicator === f.indicator &&
        x.kind === f.kind &&
        (!f.figure || x.figure === f.figure) &&
        (!f.group || x.group === f.group),
    );
    if (!found) {
      const which = `${f.indicator} ${f.figure ?? ''} ${f.group ?? ''}`.trim();
      const others = result.findings
        .filter((x) => x.indicator === f.indicator)
        .map((x) => `${x.figure}:${x.kind}`);
      failures.push({
        what: { zh: `公布数据核对 ${which}`, en: `finding ${which}` },
        expected: plain(f.kind),
        actual: others.length ? { zh: others.join('、'), en: others.join(', ') } : NONE,
      });
    }
  }
  return failures;
}

/** How a unit fared under the per-unit rule of the area it was judged in. */
function unitWords(unit: UnitAreaResult, result: CountyResult): Text {
  const perUnit = result.areas.find((a) => a.perUnit?.results.includes(unit))?.perUnit;
  return perUnit ? describeUnitResult(unit, perUnit) : { zh: '', en: '' };
}
