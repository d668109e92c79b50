import type { VerdictChange } from '../model/comparison.ts';
import type { CheckResult, SubjectResult, ThresholdUse } from '../model/evaluation.ts';
import type { Text } from '../model/text.ts';
import { labelNames } from '../explain/rule-words.ts';

/** The checks of one member whose verdict or threshold differs between the two evaluations, with both values. */
export function checkChanges(
  a: SubjectResult | undefined,
  b: SubjectResult | undefined,
): NonNullable<VerdictChange['checks']> {
  const ids = unique([...(a?.checks ?? []), ...(b?.checks ?? [])].map((c) => c.check));
  const out: NonNullable<VerdictChange['checks']> = [];
  for (const id of ids) {
    const x = a?.checks.find((c) => c.check === id);
    const y = b?.checks.find((c) => c.check === id);
    if ((x?.verdict ?? 'absent') === (y?.verdict ?? 'absent') && x?.threshold?.text === y?.threshold?.text)
      continue;
    const entry: NonNullable<VerdictChange['checks']>[number] = {
      check: id,
      label: (y ?? x)?.checkLabel ?? { zh: id, en: id },
      from: x?.verdict ?? 'absent',
      to: y?.verdict ?? 'absent',
      valueFrom: x?.value ?? null,
      valueTo: y?.value ?? null,
    };
    if (typeof entry.valueFrom === 'number' && typeof entry.valueTo === 'number')
      entry.delta = entry.valueTo - entry.valueFrom;
    if (x?.threshold) entry.thresholdFrom = bound(x.threshold);
    if (y?.threshold) entry.thresholdTo = bound(y.threshold);
    const words: NonNullable<typeof entry.thresholdWords> = {};
    if (x?.threshold) words.from = boundWords(x);
    if (y?.threshold) words.to = boundWords(y);
    if (words.from || words.to) entry.thresholdWords = words;
    out.push(entry);
  }
  return out;
}

/** The threshold of a check for a reader, each input in it named by the label its trail carries. */
function boundWords(check: CheckResult): Text {
  const labels = new Map<string, Text>();
  for (const input of [...check.inputs, ...(check.threshold?.boundInputs ?? [])])
    labels.set(input.name, input.label);
  const text = bound(check.threshold!);
  return {
    zh: labelNames(text, (name) => labels.get(name), 'zh') ?? text,
    en: labelNames(text, (name) => labels.get(name), 'en') ?? text,
  };
}

/** A threshold as written, with the bound it evaluated to when it is a formula. */
function bound(threshold: ThresholdUse): string {
  return threshold.boundFormula !== undefined && typeof threshold.bound === 'number'
    ? `${threshold.text}（= ${threshold.bound}）`
    : threshold.text;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
