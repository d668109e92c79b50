import { describe, expect, it } from 'vitest';
import type { CheckResult, Evaluation } from '../../src/model/index.ts';
import { serializeJson, sortKeys } from '../../src/report/index.ts';
import {
  compactEvaluation,
  readResult,
  ResultFormatError,
  ResultReferenceError,
  serializeResult,
  type CompactResult,
} from '../../src/result/index.ts';
import { buildEvaluation } from '../report/fixtures/build-evaluation.ts';
import { huaduEvaluation } from '../report/fixtures/huadu-evaluation.ts';

/** The evaluation as JSON carries it (undefined members dropped), the form a read can give back at best. */
const asJson = (evaluation: Evaluation): unknown => JSON.parse(JSON.stringify(evaluation));

const roundTrip = (evaluation: Evaluation): Evaluation => readResult(JSON.parse(serializeResult(evaluation)));

function allChecks(evaluation: Evaluation): CheckResult[] {
  return evaluation.counties.flatMap((county) =>
    county.indicators.flatMap((indicator) =>
      [...(indicator.county ? [indicator.county] : []), ...indicator.members].flatMap(
        (member) => member.checks,
      ),
    ),
  );
}

/** Every object's keys in the order serializeJson writes them (sorted; integer-like keys first, as JS orders them). */
function keysCanonical(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(keysCanonical);
  if (value === null || typeof value !== 'object') return true;
  const keys = Object.keys(value);
  return (
    JSON.stringify(keys) === JSON.stringify(Object.keys(sortKeys(value) as object)) &&
    Object.values(value).every(keysCanonical)
  );
}

describe('readResult', () => {
  it('inflates the fixture result back to the exact evaluation', () => {
    const evaluation = buildEvaluation();
    const back = roundTrip(evaluation);
    expect(back).toStrictEqual(asJson(evaluation));
    expect(back).toEqual(evaluation);
  });

  it('inflates the Huadu result back to the exact evaluation', async () => {
    const huadu = await huaduEvaluation();
    const back = roundTrip(huadu);
    expect(back).toStrictEqual(asJson(huadu));
    expect(allChecks(back)).toHaveLength(allChecks(huadu).length);
  }, 120_000);

  it('writes the same bytes on every run, keys sorted, on one line unless pretty', async () => {
    const huadu = await huaduEvaluation();
    const text = serializeResult(huadu);
    expect(serializeResult(huadu)).toBe(text);
    expect(text.indexOf('\n')).toBe(text.length - 1);
    const parsed: unknown = JSON.parse(text);
    expect(keysCanonical(parsed)).toBe(true);
    expect(serializeJson(parsed, { pretty: false })).toBe(text);
    expect(Object.keys(parsed as object)).toEqual([...Object.keys(parsed as object)].sort());
    const pretty = serializeResult(huadu, { pretty: true });
    expect(pretty.startsWith('{\n  "counties": [\n')).toBe(true);
    expect(JSON.parse(pretty)).toEqual(parsed);
  }, 120_000);

  it('keeps the bundled sample under 5 MB', async () => {
    const bytes = Buffer.byteLength(serializeResult(await huaduEvaluation()));
    expect(bytes).toBeLessThan(5_000_000);
  }, 120_000);

  it('states each rule constant once: no check repeats a label, formula, unit, threshold or subject', async () => {
    const huadu = await huaduEvaluation();
    const file = compactEvaluation(huadu);
    const text = JSON.stringify(file);
    const checks = file.counties.flatMap((county) =>
      county.indicators.flatMap((indicator) =>
        [...(indicator.county ? [indicator.county] : []), ...indicator.members].flatMap((m) => m.checks),
      ),
    );
    expect(checks).toHaveLength(allChecks(huadu).length);
    for (const check of checks) {
      expect(Object.keys(check)).not.toContain('checkLabel');
      expect(Object.keys(check)).not.toContain('formula');
      expect(Object.keys(check)).not.toContain('unit');
      expect(typeof check.threshold === 'string' || check.threshold === undefined).toBe(true);
      for (const input of check.inputs) expect(Object.keys(input)).not.toContain('label');
    }
    // A rule-file location is written once per threshold, never per check.
    const thresholds = [...Object.values(file.rules.checks), ...Object.values(file.rules.dispersion)].flatMap(
      (rule) => Object.values(rule.thresholds),
    );
    expect(text.split('"at":').length - 1).toBe(thresholds.length);
    // Every subject is written once, in its county's table; beside them only the levels that rules and reasons name
    // (an indicator's, a per-unit rule's, the record a missing input was looked for in).
    const subjects = Object.keys(file.counties[0]!.subjects).length;
    const perUnit = Object.values(file.rules.areas).filter((area) => area.perUnit).length;
    const named = (text.match(/"kind":"(input_missing|no_members)"/g) ?? []).length;
    expect(named).toBeGreaterThan(0);
    expect(text.split('"level":').length - 1).toBe(
      subjects + Object.keys(file.rules.indicators).length + perUnit + named,
    );
  }, 120_000);

  it('gives a second content under one id its own key, and still reads back exactly', () => {
    const evaluation = buildEvaluation();
    const county = evaluation.counties[0]!;
    const other = structuredClone(county);
    other.county = { ...other.county, name: '另一个县', countyName: '另一个县', key: 'X1', county: 'X1' };
    const [member] = other.indicators.find((indicator) => indicator.members.length > 0)!.members;
    const check = member!.checks[0]!;
    check.checkLabel = { zh: '改过的标签', en: 'another label' };
    check.inputs[0]!.label = { zh: '另一个输入', en: 'another input' };
    delete check.inputs[0]!.unit;
    delete member!.subject.countyName;
    check.subject = { ...member!.subject, name: '同码不同名' };
    evaluation.counties.push(other);
    const file = compactEvaluation(evaluation);
    const ref = `${check.indicator}/${check.check}`;
    expect(file.rules.checks[`${ref}~2`]).toMatchObject({ indicator: check.indicator, check: check.check });
    expect(file.rules.inputs[`${check.inputs[0]!.name}~2`]).toEqual({
      name: check.inputs[0]!.name,
      label: { zh: '另一个输入', en: 'another input' },
    });
    const key = member!.subject.key;
    const entries = Object.entries(file.counties[1]!.subjects).filter(([id]) => id.startsWith(`${key}~`));
    expect(entries.map(([, entry]) => entry.key)).toEqual(entries.map(() => key));
    // Its county name is absent although the county has one: null, not left out; the school's name is its default.
    expect(entries.map(([, entry]) => entry)).toContainEqual(
      expect.objectContaining({ county: '440114', countyName: null }),
    );
    expect(file.counties[1]!.subjects[key]).not.toHaveProperty('schoolName');
    expect(file.counties[1]!.subjects[key]).toMatchObject({ county: '440114', countyName: '花都区' });
    expect(roundTrip(evaluation)).toStrictEqual(asJson(evaluation));
  });

  it('keeps a bound or a tolerance share that differs from check to check on each check', () => {
    const evaluation = buildEvaluation();
    const plain = compactEvaluation(evaluation);
    const [first, second] = allChecks(evaluation).filter(
      (check) => typeof check.threshold?.bound === 'number' && check.tolerance !== undefined,
    );
    const ref = `${first!.indicator}/${first!.check}`;
    const key = first!.threshold!.branch ?? '*';
    expect(`${second!.indicator}/${second!.check}`).toBe(ref);
    expect(plain.rules.checks[ref]!.thresholds[key]!.bound).toBe(first!.threshold!.bound);
    expect(plain.rules.checks[ref]!.toleranceShare).toBe(first!.tolerance!.share);

    first!.threshold!.bound = (first!.threshold!.bound as number) + 1;
    first!.tolerance!.share = 0.5;
    const file = compactEvaluation(evaluation);
    const rule = file.rules.checks[ref]!;
    expect(rule.thresholds[key]!.bound).toBeUndefined();
    expect(rule.toleranceShare).toBeUndefined();
    const checks = file.counties[0]!.indicators.flatMap((i) => i.members.flatMap((m) => m.checks));
    const carried = checks.filter((check) => check.ref === ref && check.tolerance !== undefined);
    expect(carried.length).toBeGreaterThan(1);
    for (const check of carried) expect(check.toleranceShare).toEqual(expect.any(Number));
    expect(roundTrip(evaluation)).toStrictEqual(asJson(evaluation));
  });

  it('refuses a result of another format version with a clear message', () => {
    const v1 = { ...(asJson(buildEvaluation()) as object), formatVersion: 1 };
    expect(() => readResult(v1)).toThrow(ResultFormatError);
    expect(() => readResult(v1)).toThrow(/formatVersion 1; this version of junheng reads formatVersion 3/);
    // Version 2 held reasons as sentences only: it is refused, and told to evaluate again.
    const v2 = { ...(asJson(buildEvaluation()) as object), formatVersion: 2 };
    expect(() => readResult(v2)).toThrow(/formatVersion 2.*reasons as sentences.*evaluate the dataset again/);
    expect(() => readResult({ format: 'other' })).toThrow(/not a junheng result/);
    expect(() => readResult([])).toThrow(/JSON object/);
  });

  it('refuses a file the schema refuses, saying where', () => {
    const file = JSON.parse(serializeResult(buildEvaluation())) as CompactResult;
    (file.counties[0]!.indicators[0] as unknown as Record<string, unknown>)['checkLabel'] = 'x';
    expect(() => readResult(file)).toThrow(
      /does not match schemas\/result\.schema\.json: \/counties\/0\/indicators\/0 must NOT have additional properties \(checkLabel\)/,
    );
    const missing = JSON.parse(serializeResult(buildEvaluation())) as Record<string, unknown>;
    delete missing['rules'];
    expect(() => readResult(missing)).toThrow(/must have required property 'rules'/);
  });

  it('refuses a file that refers to a check, subject or place it does not define', () => {
    const file = JSON.parse(serializeResult(buildEvaluation())) as CompactResult;
    const member = file.counties[0]!.indicators.find((indicator) => indicator.members.length > 0)!
      .members[0]!;
    member.checks[0]!.ref = 'nowhere/none';
    expect(() => readResult(file)).toThrow(ResultReferenceError);
    expect(() => readResult(file)).toThrow(/check "nowhere\/none"/);
    const subject = JSON.parse(serializeResult(buildEvaluation())) as CompactResult;
    subject.counties[0]!.indicators.find((i) => i.members.length > 0)!.members[0]!.subject = 'constructor';
    expect(() => readResult(subject)).toThrow(/subject "constructor"/);
  });
});
