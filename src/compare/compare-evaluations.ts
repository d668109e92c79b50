import type {
  BelowChange,
  ChangeCause,
  Comparison,
  CountyComparison,
  RuleSetDiff,
  VerdictChange,
} from '../model/comparison.ts';
import type {
  CountyResult,
  DispersionResult,
  Evaluation,
  IndicatorResult,
  Subject,
  SubjectResult,
  UnitAreaResult,
} from '../model/evaluation.ts';
import type { Text } from '../model/text.ts';
import { verdictWord } from './verdict-word.ts';
import { subjectNamer, type SubjectNamer } from './name-subject.ts';
import { checkChanges } from './check-changes.ts';
import { belowCause, inputCauses, ruleCausesForArea, ruleCausesForIndicator } from './attribute-causes.ts';
import { causeKey } from './cause-key.ts';
import { explainCountyOutcome } from './explain-county-outcome.ts';

export { verdictWord };

export interface CompareOptions {
  /** How each side is named in the output (a rule set id, a dataset folder). */
  labels?: [string, string];
  /** The diff of the two rule sets, when they differ: rule causes come from it. */
  ruleDiff?: RuleSetDiff;
}

/**
 * Compares two evaluations of the same counties — one dataset under two rule sets, or two datasets (years) under
 * one — and lists every verdict that changed, from the county down to each unit, school and class, with the value
 * on both sides and the causes: the rule changes of that indicator (from the diff), the input cells that differ,
 * and, for verdicts that are roll-ups, the changes below them.
 */
export function compareEvaluations(a: Evaluation, b: Evaluation, options: CompareOptions = {}): Comparison {
  const sameRules = a.ruleset.hash === b.ruleset.hash;
  const sameData = a.dataset.hash === b.dataset.hash;
  const comparison: Comparison = {
    format: 'junheng-comparison',
    mode: sameData ? 'rules' : sameRules ? 'data' : 'both',
    a: side(a, options.labels?.[0]),
    b: side(b, options.labels?.[1]),
    counties: [],
  };
  if (options.ruleDiff) comparison.ruleDiff = options.ruleDiff;
  const labels = { ...(a.groupLabels ?? {}), ...(b.groupLabels ?? {}) };
  const name = subjectNamer(labels);
  const keys = [...new Set([...a.counties, ...b.counties].map((c) => c.county.key))];
  for (const key of keys) {
    const x = a.counties.find((c) => c.county.key === key);
    const y = b.counties.find((c) => c.county.key === key);
    const county = compareCounty(x, y, options.ruleDiff, !sameData, name, labels);
    county.why = explainCountyOutcome(x, y, { ...(a.groupLabels ?? {}), ...(b.groupLabels ?? {}) });
    comparison.counties.push(county);
  }
  return comparison;
}

function side(e: Evaluation, label: string | undefined): Comparison['a'] {
  return {
    label: label ?? `${e.ruleset.id} · ${e.dataset.id}`,
    ruleset: { id: e.ruleset.id, hash: e.ruleset.hash },
    dataset: { id: e.dataset.id, hash: e.dataset.hash },
  };
}

function compareCounty(
  x: CountyResult | undefined,
  y: CountyResult | undefined,
  diff: RuleSetDiff | undefined,
  dataDiffers: boolean,
  name: SubjectNamer,
  labels: Readonly<Record<string, Text>>,
): CountyComparison {
  const county = (y ?? x) as CountyResult;
  const key = county.county.key;
  const out: CountyComparison = {
    county: key,
    name: county.county.name,
    from: x?.verdict ?? 'absent',
    to: y?.verdict ?? 'absent',
    changes: [],
    valueChanges: 0,
  };
  const members: VerdictChange[] = [];
  const moved: Moved[] = [];
  const indicators: VerdictChange[] = [];
  const ids = unique([...(x?.indicators ?? []), ...(y?.indicators ?? [])].map((i) => i.indicator));
  for (const id of ids) {
    const ix = x?.indicators.find((i) => i.indicator === id);
    const iy = y?.indicators.find((i) => i.indicator === id);
    const found = compareMembers(key, ix, iy, diff, dataDiffers, name);
    members.push(...found.changes);
    moved.push(...found.moved);
    out.valueChanges += found.valueChanges;
    const from = ix?.verdict ?? 'absent';
    const to = iy?.verdict ?? 'absent';
    if (from === to) continue;
    const info = (iy ?? ix) as IndicatorResult;
    const causes = ruleCausesForIndicator(diff, id, info.area);
    const own = found.changes.filter((c) => c.indicator === id);
    if (own.length > 0) causes.push(countBelow(id, own, info.level));
    if (dataDiffers && info.level === 'county')
      causes.push(...inputCauses(ix?.county?.checks[0], iy?.county?.checks[0]));
    indicators.push({
      level: 'indicator',
      county: key,
      area: info.area,
      indicator: id,
      from,
      to,
      ...countyValues(ix, iy),
      title: { zh: `${id} ${info.title.zh}`, en: `${id} ${info.title.en}` },
      causes: dedupe(causes),
    });
  }
  const areaChanges: VerdictChange[] = [];
  const dispersion: VerdictChange[] = [];
  const perUnit: VerdictChange[] = [];
  for (const areaId of unique([...(x?.areas ?? []), ...(y?.areas ?? [])].map((a) => a.area))) {
    const ax = x?.areas.find((a) => a.area === areaId);
    const ay = y?.areas.find((a) => a.area === areaId);
    dispersion.push(
      ...compareDispersion(
        key,
        areaId,
        ax?.dispersion ?? [],
        ay?.dispersion ?? [],
        diff,
        moved,
        name,
        labels,
      ),
    );
    perUnit.push(
      ...comparePerUnit(
        key,
        areaId,
        ax?.perUnit?.results ?? [],
        ay?.perUnit?.results ?? [],
        members,
        diff,
        name,
      ),
    );
    const from = ax?.verdict ?? 'absent';
    const to = ay?.verdict ?? 'absent';
    if (from === to) continue;
    const title = (ay ?? ax)?.title ?? { zh: areaId, en: areaId };
    const causes = ruleCausesForArea(diff, areaId);
    const below = [
      ...indicators.filter((c) => c.area === areaId),
      ...dispersion.filter((c) => c.area === areaId),
      ...perUnit.filter((c) => c.area === areaId),
    ];
    for (const c of below.slice(0, 8)) causes.push(changeBelow(c));
    if (below.length > 8)
      causes.push(
        belowCause(
          { zh: `等 ${below.length} 处变化`, en: `and ${below.length - 8} more` },
          { code: 'MORE_CHANGES_BELOW', count: below.length - 8 },
        ),
      );
    areaChanges.push({ level: 'area', county: key, area: areaId, from, to, title, causes: dedupe(causes) });
  }
  if (out.from !== out.to) {
    const causes: ChangeCause[] = [];
    const roles = indicators.filter((c) => {
      const info = (y ?? x)?.indicators.find((i) => i.indicator === c.indicator);
      return info?.role === 'precondition' || info?.role === 'veto';
    });
    for (const c of [...areaChanges, ...roles]) causes.push(changeBelow(c));
    out.changes.push({
      level: 'county',
      county: key,
      from: out.from,
      to: out.to,
      title: { zh: `${county.county.name} 县域结论`, en: `${county.county.name} county verdict` },
      causes,
    });
  }
  out.changes.push(...areaChanges, ...indicators, ...dispersion, ...perUnit, ...members);
  return out;
}

function compareMembers(
  county: string,
  x: IndicatorResult | undefined,
  y: IndicatorResult | undefined,
  diff: RuleSetDiff | undefined,
  dataDiffers: boolean,
  name: SubjectNamer,
): { changes: VerdictChange[]; valueChanges: number; moved: Moved[] } {
  const changes: VerdictChange[] = [];
  const moved: Moved[] = [];
  let valueChanges = 0;
  const mx = new Map((x?.members ?? []).map((m) => [m.subject.key, m]));
  const my = new Map((y?.members ?? []).map((m) => [m.subject.key, m]));
  const info = (y ?? x) as IndicatorResult;
  for (const key of unique([...mx.keys(), ...my.keys()])) {
    const a = mx.get(key);
    const b = my.get(key);
    const from = a?.verdict ?? 'absent';
    const to = b?.verdict ?? 'absent';
    for (const check of b?.checks ?? []) {
      const before = a?.checks.find((c) => c.check === check.check)?.value;
      if (typeof before === 'number' && typeof check.value === 'number' && before !== check.value)
        moved.push({
          indicator: info.indicator,
          check: check.check,
          subject: check.subject,
          from: before,
          to: check.value,
        });
    }
    if (from === to) {
      if (a && b && a.checks.some((c, i) => c.value !== b.checks[i]?.value)) valueChanges++;
      continue;
    }
    const subject = (b ?? a) as SubjectResult;
    const checks = checkChanges(a, b);
    // The branches of a category-keyed threshold that applied to this member, on either side (九年一贯制学校).
    const branches = unique(
      [...(a?.checks ?? []), ...(b?.checks ?? [])].flatMap((c) =>
        c.threshold?.branch !== undefined ? [c.threshold.branch] : [],
      ),
    );
    const causes = ruleCausesForIndicator(diff, info.indicator, info.area, {
      checks: checks.map((c) => c.check),
      ...(subject.subject.group !== undefined ? { group: subject.subject.group } : {}),
      ...(branches.length > 0 ? { branches } : {}),
      tolerance: from === 'within_tolerance' || to === 'within_tolerance',
    });
    if (dataDiffers) {
      for (const check of checks)
        causes.push(
          ...inputCauses(
            a?.checks.find((c) => c.check === check.check),
            b?.checks.find((c) => c.check === check.check),
          ),
        );
    }
    if ((from === 'absent' || to === 'absent') && causes.length === 0)
      causes.push(
        belowCause(
          {
            zh: to === 'absent' ? '该对象不再适用本指标或本指标已删除' : '该对象开始适用本指标或本指标为新增',
            en:
              to === 'absent'
                ? 'the indicator no longer applies to it, or was removed'
                : 'the indicator now applies to it, or was added',
          },
          {
            code: 'APPLICABILITY_CHANGED',
            indicator: info.indicator,
            subject: key,
            now: to === 'absent' ? 'absent' : 'applies',
          },
        ),
      );
    const change: VerdictChange = {
      level: 'member',
      county,
      area: info.area,
      indicator: info.indicator,
      subject: subject.subject,
      from,
      to,
      checks,
      title: {
        zh: `${name(subject.subject).zh} ${info.indicator} ${info.title.zh}`,
        en: `${name(subject.subject).en} ${info.indicator} ${info.title.en}`,
      },
      causes: dedupe(causes),
    };
    if (subject.subject.group !== undefined) change.group = subject.subject.group;
    const only = checks.length === 1 ? checks[0] : undefined;
    if (only && typeof only.valueFrom !== 'boolean' && typeof only.valueTo !== 'boolean') {
      change.valueFrom = only.valueFrom;
      change.valueTo = only.valueTo;
      if (only.delta !== undefined) change.delta = only.delta;
    }
    changes.push(change);
  }
  return { changes, valueChanges, moved };
}

/** A member whose value of one check moved between the two evaluations. */
interface Moved {
  indicator: string;
  check: string;
  subject: Subject;
  from: number;
  to: number;
}

function compareDispersion(
  county: string,
  area: string,
  xs: DispersionResult[],
  ys: DispersionResult[],
  diff: RuleSetDiff | undefined,
  moved: Moved[],
  name: SubjectNamer,
  labels: Readonly<Record<string, Text>>,
): VerdictChange[] {
  const id = (d: DispersionResult) => `${d.indicator}/${d.check}/${d.group}`;
  const out: VerdictChange[] = [];
  for (const key of unique([...xs, ...ys].map(id))) {
    const a = xs.find((d) => id(d) === key);
    const b = ys.find((d) => id(d) === key);
    // A single CV under a composite rule is not judged on its own: it has no verdict to compare.
    const from = a && !a.inComposite ? a.verdict : 'absent';
    const to = b && !b.inComposite ? b.verdict : 'absent';
    if (from === to) continue;
    const d = (b ?? a) as DispersionResult;
    const causes = ruleCausesForArea(diff, area, { dispersionGroup: d.group });
    if (d.statistic === 'weighted_cv')
      causes.push(...ruleCausesForIndicator(diff, d.indicator, area, { group: d.group }));
    // The members whose values moved most (relative to their old value) are where the CV moved.
    const parts = d.parts?.map((p) => p.indicator) ?? [d.indicator];
    const here = moved
      .filter((m) => parts.includes(m.indicator) && (m.subject.group ?? '*') === d.group)
      .sort(
        (p, q) =>
          Math.abs(q.to - q.from) / Math.max(Math.abs(q.from), 1e-9) -
          Math.abs(p.to - p.from) / Math.max(Math.abs(p.from), 1e-9),
      );
    for (const m of here.slice(0, 5))
      causes.push(
        belowCause(
          {
            zh: `${name(m.subject).zh} ${m.indicator} ${fmt(m.from)} → ${fmt(m.to)}`,
            en: `${name(m.subject).en} ${m.indicator} ${fmt(m.from)} → ${fmt(m.to)}`,
          },
          {
            code: 'VALUE_MOVED',
            indicator: m.indicator,
            check: m.check,
            subject: m.subject.key,
            from: m.from,
            to: m.to,
          },
        ),
      );
    if (here.length > 5)
      causes.push(
        belowCause(
          { zh: `等 ${here.length} 个学部的值有变化`, en: `${here.length} units' values moved in all` },
          { code: 'MORE_VALUES_MOVED', count: here.length },
        ),
      );
    if (a && b && a.members !== b.members)
      causes.push(
        belowCause(
          {
            zh: `参与计算的学部 ${a.members} → ${b.members} 个`,
            en: `units in the CV ${a.members} → ${b.members}`,
          },
          { code: 'CV_MEMBERS_CHANGED', from: a.members, to: b.members },
        ),
      );
    const change: VerdictChange = {
      level: 'dispersion',
      county,
      area,
      indicator: d.indicator,
      group: d.group,
      from,
      to,
      valueFrom: a?.value ?? null,
      valueTo: b?.value ?? null,
      title: {
        zh: `${d.indicator === 'composite' ? '综合' : d.indicator} 差异系数（${labels[d.group]?.zh ?? d.group}）`,
        en: `${d.indicator === 'composite' ? 'composite' : d.indicator} coefficient of variation (${labels[d.group]?.en ?? d.group})`,
      },
      causes: dedupe(causes),
    };
    // A published CV carried from the other rule set's indicator says so, and whether the correspondence holds.
    const carried = b?.carriedFrom ?? a?.carriedFrom;
    if (carried)
      change.causes.push(
        belowCause(
          {
            zh: `报告为 ${carried.ruleset} 的 ${carried.indicator} 公布的差异系数，按对应关系带入（按报告数，未复算${carried.verified ? '' : '；对应关系未核实'}）`,
            en: `the CV published for ${carried.indicator} of ${carried.ruleset}, carried by a declared correspondence (as reported, not recomputed${carried.verified ? '' : '; the correspondence is unverified'})`,
          },
          {
            code: 'CV_CARRIED',
            ruleset: carried.ruleset,
            indicator: carried.indicator,
            verified: carried.verified,
          },
        ),
      );
    if (typeof a?.value === 'number' && typeof b?.value === 'number') change.delta = b.value - a.value;
    out.push(change);
  }
  return out;
}

function comparePerUnit(
  county: string,
  area: string,
  xs: UnitAreaResult[],
  ys: UnitAreaResult[],
  members: VerdictChange[],
  diff: RuleSetDiff | undefined,
  name: SubjectNamer,
): VerdictChange[] {
  const out: VerdictChange[] = [];
  for (const key of unique([...xs, ...ys].map((u) => u.subject.key))) {
    const a = xs.find((u) => u.subject.key === key);
    const b = ys.find((u) => u.subject.key === key);
    const from = a?.verdict ?? 'absent';
    const to = b?.verdict ?? 'absent';
    if (from === to) continue;
    const subject = ((b ?? a) as UnitAreaResult).subject;
    const causes = ruleCausesForArea(diff, area).filter(
      (c) => c.kind === 'rule' && c.change.aspect !== 'dispersion',
    );
    for (const m of members.filter((c) => c.area === area && c.subject?.key === key))
      causes.push(changeBelow(m));
    out.push({
      level: 'per_unit',
      county,
      area,
      subject,
      from,
      to,
      title: {
        zh: `${name(subject).zh} 逐学部规则`,
        en: `${name(subject).en} per-unit rule`,
      },
      causes,
    });
  }
  return out;
}

function countyValues(
  x: IndicatorResult | undefined,
  y: IndicatorResult | undefined,
): Partial<VerdictChange> {
  const vx = x?.county?.checks[0]?.value;
  const vy = y?.county?.checks[0]?.value;
  const out: Partial<VerdictChange> = {};
  if (typeof vx === 'number' || typeof vy === 'number') {
    out.valueFrom = typeof vx === 'number' ? vx : null;
    out.valueTo = typeof vy === 'number' ? vy : null;
    if (typeof vx === 'number' && typeof vy === 'number') out.delta = vy - vx;
  }
  return out;
}

/** “R3：2 个学部 达标 → 未达标”. */
function countBelow(indicator: string, changes: VerdictChange[], level: string): ChangeCause {
  const groups = new Map<string, number>();
  for (const c of changes) groups.set(`${c.from}→${c.to}`, (groups.get(`${c.from}→${c.to}`) ?? 0) + 1);
  const counts = [...groups].map(([k, n]): [string, string, number] => [
    ...(k.split('→') as [string, string]),
    n,
  ]);
  const word = {
    unit: ['个学部', 'units'],
    school: ['所学校', 'schools'],
    class: ['个班级', 'classes'],
    county: ['', ''],
  }[level] ?? ['个', 'members'];
  const parts = [...groups].map(([k, n]) => {
    const [f, t] = k.split('→') as [string, string];
    return {
      zh: `${n} ${word[0]} ${verdictWord(f).zh} → ${verdictWord(t).zh}`,
      en: `${n} ${word[1]} ${verdictWord(f).en} → ${verdictWord(t).en}`,
    };
  });
  const text = { zh: parts.map((p) => p.zh).join('；'), en: parts.map((p) => p.en).join('; ') };
  return belowCause(text, { code: 'MEMBERS_CHANGED', indicator, level, counts });
}

/** A verdict change as a cause of the level above it: its line, and the change by its ids. */
function changeBelow(c: VerdictChange): ChangeCause {
  const of: BelowChange = { code: 'CHANGE_BELOW', level: c.level, from: c.from, to: c.to };
  if (c.area !== undefined) of.area = c.area;
  if (c.indicator !== undefined) of.indicator = c.indicator;
  if (c.group !== undefined) of.group = c.group;
  if (c.subject !== undefined) of.subject = c.subject.key;
  return belowCause(changeLine(c), of);
}

/** One change in a line, for the causes of the level above it. */
export function changeLine(c: VerdictChange): Text {
  return {
    zh: `${c.title.zh}：${verdictWord(c.from).zh} → ${verdictWord(c.to).zh}`,
    en: `${c.title.en}: ${verdictWord(c.from).en} → ${verdictWord(c.to).en}`,
  };
}

function fmt(n: number): string {
  return String(Number(n.toPrecision(6)));
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function dedupe(causes: ChangeCause[]): ChangeCause[] {
  const seen = new Set<string>();
  return causes.filter((c) => {
    const key = causeKey(c);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
