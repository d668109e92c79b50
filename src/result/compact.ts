import type {
  AreaResult,
  CheckResult,
  ChoiceUse,
  ConditionRecord,
  CountyResult,
  DispersionResult,
  Evaluation,
  Finding,
  IndicatorResult,
  InputUse,
  Subject,
  SubjectResult,
  ThresholdUse,
} from '../model/evaluation.ts';
import type { CellSource } from '../model/source.ts';
import {
  wordAreaReasons,
  wordCheckReason,
  wordCountyReasons,
  wordFinding,
  wordPerUnitRule,
  wordUnit,
} from './word-reasons.ts';
import {
  RESULT_FORMAT_VERSION,
  type CompactArea,
  type CompactCheck,
  type CompactChoice,
  type CompactCondition,
  type CompactCounty,
  type CompactDispersion,
  type CompactFinding,
  type CompactIndicator,
  type CompactInput,
  type CompactResult,
  type CompactSource,
  type CompactSubject,
  type CompactSubjectResult,
  type AreaRule,
  type CheckRule,
  type ChoiceRule,
  type CompactGroupSummary,
  type InputRule,
  type Place,
  type ResultRules,
  type ThresholdRule,
} from './compact-result.ts';
import { defined, Shared, Table } from './keyed-table.ts';
import { describeToPassChange } from '../explain/words/index.ts';

/** Builds the v3 file of an evaluation; `inflateResult` is its inverse. */
class Compactor {
  readonly rules: ResultRules = {
    indicators: {},
    areas: {},
    checks: {},
    dispersion: {},
    inputs: {},
    choices: {},
  };
  readonly places: Place[] = [];
  private readonly placeIndex = new Map<string, number>();
  private readonly indicators = new Table(this.rules.indicators);
  private readonly areas = new Table(this.rules.areas);
  private readonly checks = new Table(this.rules.checks);
  private readonly dispersion = new Table(this.rules.dispersion);
  private readonly inputs = new Table(this.rules.inputs);
  private readonly choices = new Table(this.rules.choices);
  private readonly thresholdTables = new Map<Record<string, ThresholdRule>, Table<ThresholdRule>>();
  /** The bounds of thresholds and the tolerance shares of checks, by the entry they belong to. */
  private readonly shared = new Map<object, Map<string, Shared<unknown>>>();
  private subjects = new Table<CompactSubject>({});
  private subjectsById = new Map<string, Subject>();

  result(evaluation: Evaluation): CompactResult {
    const counties = evaluation.counties.map((county) => this.county(county));
    for (const fields of this.shared.values()) for (const shared of fields.values()) shared.settle();
    return {
      format: evaluation.format,
      formatVersion: RESULT_FORMAT_VERSION,
      engine: evaluation.engine,
      ruleset: evaluation.ruleset,
      dataset: evaluation.dataset,
      groupLabels: evaluation.groupLabels,
      rules: this.rules,
      places: this.places,
      counties,
    };
  }

  county(result: CountyResult): CompactCounty {
    this.subjects = new Table<CompactSubject>({});
    this.subjectsById = new Map();
    const county = this.subject(result.county);
    const out: Omit<CompactCounty, 'subjects'> = {
      county,
      verdict: result.verdict,
      reasons: wordCountyReasons(result.reasons),
      areas: result.areas.map((area) => this.area(area)),
      indicators: result.indicators.map((indicator) => this.indicator(indicator)),
      findings: result.findings.map((finding) => this.finding(finding)),
    };
    return { ...out, subjects: this.subjectTable(county) };
  }

  /** The compact entries of the county's subjects, once every subject is known (a default may name a later one). */
  private subjectTable(countyId: string): Record<string, CompactSubject> {
    const table = this.subjects.entries;
    const own = this.subjectsById.get(countyId) as Subject;
    for (const [id, subject] of this.subjectsById) {
      const entry: CompactSubject = { level: subject.level, name: subject.name };
      if (subject.key !== id) entry.key = subject.key;
      if (subject.school !== undefined) entry.school = subject.school;
      if (subject.group !== undefined) entry.group = subject.group;
      if (id === countyId) {
        entry.county = subject.county;
        if (subject.countyName !== undefined) entry.countyName = subject.countyName;
        if (subject.schoolName !== undefined) entry.schoolName = subject.schoolName;
      } else {
        if (subject.county !== own.county) entry.county = subject.county;
        const countyName = withDefault(subject.countyName, own.countyName);
        if (countyName !== undefined) entry.countyName = countyName;
        const school = subject.school === undefined ? undefined : this.subjectsById.get(subject.school);
        const schoolName = withDefault(
          subject.schoolName,
          school?.level === 'school' ? school.name : undefined,
        );
        if (schoolName !== undefined) entry.schoolName = schoolName;
      }
      table[id] = entry;
    }
    return table;
  }

  private subject(subject: Subject): string {
    return this.subjects.key(subject.key, subject, (key) => {
      this.subjectsById.set(key, subject);
      return { level: subject.level, name: subject.name };
    });
  }

  private source(source: CellSource): CompactSource {
    const { file, sheet, column, ...rest } = source;
    const place = defined<Place>({ file, sheet, column });
    const signature = `${file}\u0000${sheet ?? ''}\u0000${column ?? ''}\u0000${sheet === undefined}${column === undefined}`;
    let index = this.placeIndex.get(signature);
    if (index === undefined) {
      index = this.places.push(place) - 1;
      this.placeIndex.set(signature, index);
    }
    return { ...rest, place: index };
  }

  private input(use: InputUse): CompactInput {
    const name = this.inputKey(use.name, use.label, use.unit);
    return defined<CompactInput>({
      name,
      value: use.value,
      source: use.source && this.source(use.source),
      note: use.note,
      members: use.members,
      missing: use.missing,
    });
  }

  private inputKey(name: string, label: InputUse['label'], unit: InputUse['unit']): string {
    return this.inputs.key(name, { label, unit }, (_key, isId) =>
      defined<InputRule>({ name: isId ? undefined : name, label, unit }),
    );
  }

  private threshold(
    thresholds: Record<string, ThresholdRule>,
    use: ThresholdUse,
    target: { threshold?: string; bound?: ThresholdUse['bound']; boundInputs?: CompactInput[] },
  ): ThresholdRule {
    let table = this.thresholdTables.get(thresholds);
    if (!table) {
      table = new Table(thresholds);
      this.thresholdTables.set(thresholds, table);
    }
    const { bound, boundInputs, ...written } = use;
    const key = table.key(use.branch ?? '*', written, () => ({ ...written }));
    const entry = thresholds[key] as ThresholdRule;
    target.threshold = key;
    if (boundInputs) target.boundInputs = boundInputs.map((input) => this.input(input));
    this.share(entry, 'bound', target, bound);
    return entry;
  }

  /** Records one use of a value that belongs on `entry[field]` when all uses agree, else on each use. */
  private share(entry: object, field: string, target: object, value: unknown): void {
    let fields = this.shared.get(entry);
    if (!fields) {
      fields = new Map();
      this.shared.set(entry, fields);
    }
    let shared = fields.get(field);
    if (!shared) {
      shared = new Shared(entry as Record<string, unknown>, field);
      fields.set(field, shared);
    }
    shared.use(target, value);
  }

  private conditions(conditions: ConditionRecord[], entry: ThresholdRule | undefined): CompactCondition[] {
    if (!entry) return conditions;
    if (!entry.conditions && conditions.length > 0)
      entry.conditions = conditions.map(({ role, operator, value }) => ({ role, operator, value }));
    const heads = entry.conditions ?? [];
    return conditions.map((condition, index) => {
      const head = heads[index];
      return head &&
        head.role === condition.role &&
        head.operator === condition.operator &&
        head.value === condition.value
        ? { factResult: condition.factResult, result: condition.result }
        : condition;
    });
  }

  private choice(choice: ChoiceUse): CompactChoice {
    const options: Record<string, ChoiceUse['label']> = { [choice.option]: choice.optionLabel };
    for (const alternative of choice.alternatives) {
      if (Object.hasOwn(options, alternative.option))
        throw new Error(`choice ${choice.id}: option ${alternative.option} is listed twice`);
      options[alternative.option] = alternative.label;
    }
    const id = this.choices.key(choice.id, { label: choice.label, options }, (_key, isId) =>
      defined<ChoiceRule>({ id: isId ? undefined : choice.id, label: choice.label, options }),
    );
    return defined<CompactChoice>({
      id,
      option: choice.option,
      chosenBy: choice.chosenBy,
      source: choice.source && this.source(choice.source),
      alternatives: choice.alternatives.map(({ option, value, verdict }) => ({ option, value, verdict })),
    });
  }

  private check(check: CheckResult, holder: string): CompactCheck {
    const written = {
      indicator: check.indicator,
      check: check.check,
      label: check.checkLabel,
      formula: check.formula,
      unit: check.unit,
      decimals: check.decimals,
    };
    const ref = this.checks.key(`${check.indicator}/${check.check}`, written, () =>
      defined<CheckRule>({ ...written, thresholds: {} }),
    );
    const out: CompactCheck = {
      ref,
      verdict: check.verdict,
      value: check.value,
      inputs: check.inputs.map((input) => this.input(input)),
      conditions: [],
    };
    const subject = this.subject(check.subject);
    if (subject !== holder) out.subject = subject;
    const entry = check.threshold
      ? this.threshold(this.rules.checks[ref]!.thresholds, check.threshold, out)
      : undefined;
    out.conditions = this.conditions(check.conditions, entry);
    if (check.tolerance) {
      out.tolerance = check.tolerance.bound;
      this.share(this.rules.checks[ref]!, 'toleranceShare', out, check.tolerance.share);
    }
    if (check.margin !== undefined) out.margin = check.margin;
    if (check.shareOfStandard !== undefined) out.shareOfStandard = check.shareOfStandard;
    if (check.reason) out.reason = wordCheckReason(check.reason)!;
    if (check.choice) out.choice = this.choice(check.choice);
    if (check.asReported !== undefined) out.asReported = check.asReported;
    if (check.toPass) {
      const { label, unit, ...toPass } = check.toPass;
      const text = describeToPassChange(check.toPass);
      out.toPass = { ...toPass, input: this.inputKey(toPass.input, label, unit), text };
    }
    return out;
  }

  private subjectResult(result: SubjectResult): CompactSubjectResult {
    const subject = this.subject(result.subject);
    return {
      subject,
      verdict: result.verdict,
      checks: result.checks.map((check) => this.check(check, subject)),
    };
  }

  private indicator(result: IndicatorResult): CompactIndicator {
    const written = {
      title: result.title,
      area: result.area,
      role: result.role,
      level: result.level,
      source: result.source,
      file: result.file,
    };
    const indicator = this.indicators.key(result.indicator, written, (_key, isId) =>
      isId ? written : { indicator: result.indicator, ...written },
    );
    return defined<CompactIndicator>({
      indicator,
      verdict: result.verdict,
      county: result.county && this.subjectResult(result.county),
      members: result.members.map((member) => this.subjectResult(member)),
      failing: result.failing.map((subject) => this.subject(subject)),
      withinTolerance: result.withinTolerance.map((subject) => this.subject(subject)),
      undecided: result.undecided.map((subject) => this.subject(subject)),
      notApplicable: result.notApplicable,
      groups: result.groups.map(({ countyInputs, ...group }) =>
        defined<CompactGroupSummary>({
          ...group,
          countyInputs: countyInputs?.map((input) => this.input(input)),
        }),
      ),
      reason: wordCheckReason(result.reason),
      asReported: result.asReported,
    });
  }

  private area(result: AreaResult): CompactArea {
    const written = defined<AreaRule>({
      title: result.title,
      indicators: result.indicators,
      perUnit: result.perUnit && wordPerUnitRule(result.perUnit),
    });
    const area = this.areas.key(result.area, written, (_key, isId) =>
      isId ? written : { area: result.area, ...written },
    );
    return defined<CompactArea>({
      area,
      verdict: result.verdict,
      perUnit: result.perUnit && {
        results: result.perUnit.results.map(({ subject, ...unit }) =>
          wordUnit(unit, result.perUnit!, this.subject(subject)),
        ),
        failing: result.perUnit.failing.map((subject) => this.subject(subject)),
      },
      dispersion: result.dispersion.map((dispersion) => this.dispersionResult(dispersion)),
      reasons: wordAreaReasons(result.reasons),
    });
  }

  private dispersionResult(result: DispersionResult): CompactDispersion {
    const { indicator, check, threshold, conditions, top, reason, ...rest } = result;
    const ref = this.dispersion.key(`${indicator}/${check}`, { indicator, check }, () => ({
      indicator,
      check,
      thresholds: {},
    }));
    const out: CompactDispersion = {
      ...rest,
      ref,
      conditions: [],
      top: top.map(({ subject, ...contribution }) => ({ ...contribution, subject: this.subject(subject) })),
    };
    const entry = threshold
      ? this.threshold(this.rules.dispersion[ref]!.thresholds, threshold, out)
      : undefined;
    out.conditions = this.conditions(conditions, entry);
    if (reason) out.reason = wordCheckReason(reason)!;
    return defined(out);
  }

  private finding(finding: Finding): CompactFinding {
    return { ...wordFinding(finding), source: this.source(finding.source) };
  }
}

/** The field of a subject against its default: left out when equal, `null` when absent although there is a default. */
function withDefault(value: string | undefined, fallback: string | undefined): string | null | undefined {
  if (value === fallback) return undefined;
  return value === undefined ? null : value;
}

/** The result.json (format version 3) of an evaluation: every rule constant and subject once, referred to by key. */
export function compactEvaluation(evaluation: Evaluation): CompactResult {
  return new Compactor().result(evaluation);
}
