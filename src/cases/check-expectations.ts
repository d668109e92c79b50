import type { CheckResult, CountyResult, SubjectResult } from '../model/evaluation.ts';

export interface Failure {
  what: string;
  expected: string;
  actual: string;
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

function sameNumber(actual: unknown, expected: number, decimals: number | undefined): boolean {
  if (typeof actual !== 'number') return false;
  if (decimals !== undefined) return Number(actual.toFixed(decimals)) === Number(expected.toFixed(decimals));
  return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
}

/** Compares a county's result with what a case expects; every difference is one failure. */
export function checkExpectations(result: CountyResult, expect: Expectations): Failure[] {
  const failures: Failure[] = [];
  if (expect.county && result.verdict !== expect.county) {
    failures.push({ what: 'county verdict', expected: expect.county, actual: result.verdict });
  }
  for (const [area, verdict] of Object.entries(expect.areas ?? {})) {
    const actual = result.areas.find((a) => a.area === area);
    if (actual?.verdict !== verdict)
      failures.push({ what: `area ${area}`, expected: verdict, actual: actual?.verdict ?? '(no such area)' });
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
        what: `indicator ${id}`,
        expected: verdict,
        actual: actual?.verdict ?? '(no such indicator)',
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
    if (!subject) {
      failures.push({
        what: label,
        expected: 'a result',
        actual: indicator ? '(subject not judged for this indicator)' : '(no such indicator)',
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
        what: `${label} verdict`,
        expected: s.verdict,
        actual: String(verdict),
        trail: subject.checks,
      });
    if (s.value !== undefined) {
      const value = check?.value;
      const ok = typeof s.value === 'number' ? sameNumber(value, s.value, s.decimals) : value === s.value;
      if (!ok)
        failures.push({
          what: `${label} value`,
          expected: String(s.value),
          actual: String(value),
          trail: subject.checks,
        });
    }
    if (s.threshold && check?.threshold?.text !== s.threshold) {
      failures.push({
        what: `${label} threshold`,
        expected: s.threshold,
        actual: String(check?.threshold?.text),
        trail: subject.checks,
      });
    }
    if (s.reason) {
      const codes = subject.checks.map((c) => c.reason?.code).filter(Boolean);
      const actual = check ? check.reason?.code : codes.join(',');
      if (!(check ? actual === s.reason : codes.includes(s.reason))) {
        failures.push({
          what: `${label} reason`,
          expected: s.reason,
          actual: String(actual || '(none)'),
          trail: subject.checks,
        });
      }
    }
    if (s.choice) {
      const actual = (check ?? subject.checks.find((c) => c.choice))?.choice?.option;
      if (actual !== s.choice)
        failures.push({
          what: `${label} choice`,
          expected: s.choice,
          actual: String(actual),
          trail: subject.checks,
        });
    }
  }
  const unitResults = result.areas.flatMap((a) => a.perUnit?.results ?? []);
  for (const [key, verdict] of Object.entries(expect.per_unit ?? {})) {
    const actual = unitResults.find((u) => u.subject.key === key);
    if (actual?.verdict !== verdict) {
      failures.push({
        what: `per-unit rule ${key}`,
        expected: verdict,
        actual: actual ? `${actual.verdict} (${actual.reason.en})` : '(no such unit)',
      });
    }
  }
  for (const d of expect.dispersion ?? []) {
    const actual = result.areas
      .flatMap((a) => a.dispersion)
      .find((x) => x.indicator === d.indicator && x.group === d.group && (!d.check || x.check === d.check));
    const label = `CV ${d.indicator} ${d.group}`;
    if (!actual) {
      failures.push({ what: label, expected: 'a result', actual: '(none)' });
      continue;
    }
    if (d.verdict && actual.verdict !== d.verdict)
      failures.push({
        what: `${label} verdict`,
        expected: d.verdict,
        actual: `${actual.verdict} (CV ${actual.value})`,
      });
    if (d.value !== undefined && !sameNumber(actual.value, d.value, d.decimals))
      failures.push({ what: `${label} value`, expected: String(d.value), actual: String(actual.value) });
  }
  for (const [id, keys] of Object.entries(expect.failing ?? {})) {
    const indicator = result.indicators.find((i) => i.indicator === id);
    const actual = (indicator?.failing ?? []).map((s) => s.key).sort();
    const expected = [...keys].sort();
    if (actual.join(',') !== expected.join(','))
      failures.push({
        what: `failing members of ${id}`,
        expected: expected.join(', ') || '(none)',
        actual: actual.join(', ') || '(none)',
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
      failures.push({
        what: `finding ${f.indicator} ${f.figure ?? ''} ${f.group ?? ''}`.trim(),
        expected: f.kind,
        actual:
          result.findings
            .filter((x) => x.indicator === f.indicator)
            .map((x) => `${x.figure}:${x.kind}`)
            .join(', ') || '(none)',
      });
    }
  }
  return failures;
}
