import type { BelowChange, ChangeCause, RuleChange, RuleSetDiff } from '../model/comparison.ts';
import type { CheckResult, InputUse, Subject } from '../model/evaluation.ts';
import type { CellSource } from '../model/source.ts';
import type { Text } from '../model/text.ts';

/** Rule changes that bear on an area's own rules (its per-unit rule, tolerance, dispersion, membership). */
const AREA_ASPECTS = new Set<RuleChange['aspect']>([
  'area',
  'area_indicators',
  'per_unit',
  'tolerance',
  'dispersion',
]);

/** Rule changes that do not change a verdict by themselves (names, sources, units). */
const COSMETIC = new Set<RuleChange['aspect']>(['title', 'source', 'unit', 'document']);

function ruleCause(change: RuleChange): ChangeCause {
  return { kind: 'rule', change, text: change.text };
}

/**
 * The rule changes that explain a changed verdict of one indicator (on a member, or on the county): those of the
 * indicator and check, on the branch that applied to the member (`branches`, from its trail) or else on its stage,
 * when the threshold is keyed by a category; if none, any substantive change of the indicator that is not another
 * branch's; for a tolerance verdict, also the area's tolerance.
 */
export function ruleCausesForIndicator(
  diff: RuleSetDiff | undefined,
  indicator: string,
  area: string | undefined,
  options: { checks?: string[]; group?: string; branches?: string[]; tolerance?: boolean } = {},
): ChangeCause[] {
  if (!diff || diff.identical) return [];
  const own = diff.changes.filter(
    (c) => c.indicator === indicator && c.aspect !== 'area_indicators' && !COSMETIC.has(c.aspect),
  );
  // The branch that applied to the member, when its trail names one (a threshold keyed by school type: the member's
  // 九年一贯制学校 branch, not the default one); else its stage, or the default.
  const applies = (branch: string | undefined): boolean =>
    branch === undefined ||
    branch === '*' ||
    (options.branches ? options.branches.includes(branch) : branch === 'default' || branch === options.group);
  const precise = own.filter(
    (c) => (!c.check || !options.checks || options.checks.includes(c.check)) && applies(c.branch),
  );
  // Without a precise match, any change of the indicator but those of branches that did not apply to the member.
  const found = precise.length > 0 ? precise : own.filter((c) => !options.branches || applies(c.branch));
  const causes = found.map(ruleCause);
  if (options.tolerance && area) {
    for (const c of diff.changes.filter((x) => x.area === area && x.aspect === 'tolerance'))
      causes.push(ruleCause(c));
  }
  return causes;
}

/** The rule changes of an area's own rules; for a dispersion, those of its limit for the group. */
export function ruleCausesForArea(
  diff: RuleSetDiff | undefined,
  area: string,
  options: { dispersionGroup?: string } = {},
): ChangeCause[] {
  if (!diff || diff.identical) return [];
  return diff.changes
    .filter((c) => c.area === area && AREA_ASPECTS.has(c.aspect) && !c.indicator)
    .filter(
      (c) =>
        options.dispersionGroup === undefined ||
        (c.aspect === 'dispersion' && (c.branch === undefined || c.branch === options.dispersionGroup)),
    )
    .map(ruleCause);
}

/** Where a cell is, for a sentence: `units.csv 第 3 行 H 列` / `units.csv row 3, H`. */
export function describeCell(source: CellSource | undefined): Text | undefined {
  if (!source) return undefined;
  const file = source.sheet ? `${source.file}!${source.sheet}` : source.file;
  if (source.cell) return { zh: `${file} ${source.cell}`, en: `${file} ${source.cell}` };
  if (source.row) {
    const column = source.column ? ` ${source.column}` : '';
    return { zh: `${file} 第 ${source.row} 行${column}`, en: `${file} row ${source.row}${column}` };
  }
  if (source.path) return { zh: `${file} ${source.path}`, en: `${file} ${source.path}` };
  return { zh: file, en: file };
}

function show(value: InputUse['value'] | undefined): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'number') return String(Number(value.toPrecision(10)));
  return String(value);
}

/**
 * The inputs that differ between the two trails of the same check (for two datasets): each with its value on both
 * sides and the cell it now comes from. Aggregated inputs compare their totals.
 */
export function inputCauses(
  a: CheckResult | undefined,
  b: CheckResult | undefined,
  owner?: Subject,
): ChangeCause[] {
  const before = new Map<string, InputUse>();
  for (const use of [...(a?.inputs ?? []), ...(a?.threshold?.boundInputs ?? [])]) before.set(use.name, use);
  const causes: ChangeCause[] = [];
  const seen = new Set<string>();
  for (const use of [...(b?.inputs ?? []), ...(b?.threshold?.boundInputs ?? [])]) {
    if (seen.has(use.name)) continue;
    seen.add(use.name);
    const old = before.get(use.name);
    if (old && old.value === use.value) continue;
    causes.push(inputCause(use, old, owner));
  }
  for (const [name, old] of before) {
    if (!seen.has(name) && old.value !== null)
      causes.push(inputCause({ ...old, value: null, missing: true }, old, owner));
  }
  return causes;
}

function inputCause(use: InputUse, old: InputUse | undefined, owner: Subject | undefined): ChangeCause {
  const where = describeCell(use.source ?? old?.source);
  const who = owner ? `${owner.name || owner.key} ` : '';
  const whoEn = owner ? `${owner.name || owner.key}: ` : '';
  const cause: ChangeCause = {
    kind: 'input',
    input: use.name,
    label: use.label,
    from: old?.value ?? null,
    to: use.value,
    text: {
      zh: `${who}“${use.label.zh}”${show(old?.value)} → ${show(use.value)}${where ? `（${where.zh}）` : ''}`,
      en: `${whoEn}'${use.label.en}' ${show(old?.value)} → ${show(use.value)}${where ? ` (${where.en})` : ''}`,
    },
  };
  if (owner) cause.owner = owner.key;
  if (where) cause.where = where.zh;
  return cause;
}

/** A cause that is a change found below (“R3 在 2 个学部由达标变为未达标”): its words and what it is, by ids. */
export function belowCause(text: Text, of: BelowChange): ChangeCause {
  return { kind: 'below', text, of };
}
