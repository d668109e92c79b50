import type {
  AreaResult,
  CheckResult,
  ChoiceUse,
  ConditionRecord,
  CountyResult,
  DispersionResult,
  Evaluation,
  IndicatorResult,
  InputUse,
  Subject,
  SubjectResult,
  ThresholdUse,
  ToPass,
  GroupSummary,
} from '../model/evaluation.ts';
import type { CellSource } from '../model/source.ts';
import { unword } from './word-reasons.ts';
import type {
  CompactArea,
  CompactCheck,
  CompactChoice,
  CompactCondition,
  CompactCounty,
  CompactDispersion,
  CompactIndicator,
  CompactInput,
  CompactResult,
  CompactSource,
  CompactSubject,
  CompactSubjectResult,
  ThresholdRule,
} from './compact-result.ts';

/** A v2 result.json that is well-formed but refers to something its tables do not hold. */
export class ResultReferenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResultReferenceError';
  }
}

function lookup<T>(table: Record<string, T>, key: string, what: string): T {
  if (!Object.hasOwn(table, key))
    throw new ResultReferenceError(`result.json refers to ${what} "${key}", which it does not define`);
  return table[key] as T;
}

/** Sets the optional members that are defined, so that an absent field stays absent. */
function assignDefined<T extends object>(target: T, members: { [K in keyof T]?: T[K] | undefined }): T {
  for (const [key, value] of Object.entries(members)) {
    if (value !== undefined) (target as Record<string, unknown>)[key] = value;
  }
  return target;
}

class Inflater {
  private subjects: Record<string, CompactSubject> = {};
  private inflated = new Map<string, Subject>();
  private countyId = '';

  constructor(private readonly file: CompactResult) {}

  result(): Evaluation {
    const { file } = this;
    return {
      format: file.format,
      formatVersion: file.formatVersion,
      engine: file.engine,
      ruleset: file.ruleset,
      dataset: file.dataset,
      groupLabels: file.groupLabels,
      counties: file.counties.map((county) => this.county(county)),
    };
  }

  private county(county: CompactCounty): CountyResult {
    this.subjects = county.subjects;
    this.inflated = new Map();
    this.countyId = county.county;
    return {
      county: this.subject(county.county),
      verdict: county.verdict,
      reasons: county.reasons.map((reason) => unword(reason)),
      areas: county.areas.map((area) => this.area(area)),
      indicators: county.indicators.map((indicator) => this.indicator(indicator)),
      findings: county.findings.map(({ source, message: _message, ...finding }) => ({
        ...finding,
        source: this.source(source),
      })),
    };
  }

  /** A fresh object per use, as the engine builds one per result. */
  private subject(id: string): Subject {
    let subject = this.inflated.get(id);
    if (!subject) {
      subject = this.buildSubject(id);
      this.inflated.set(id, subject);
    }
    return { ...subject };
  }

  private buildSubject(id: string): Subject {
    const entry = lookup(this.subjects, id, 'subject');
    const own = id === this.countyId ? undefined : lookup(this.subjects, this.countyId, 'subject');
    const county = entry.county ?? own?.county;
    if (county === undefined) throw new ResultReferenceError(`result.json: subject "${id}" has no county`);
    const subject: Subject = { level: entry.level, key: entry.key ?? id, name: entry.name, county };
    const school =
      own && entry.school !== undefined && Object.hasOwn(this.subjects, entry.school)
        ? this.subjects[entry.school]
        : undefined;
    const countyName = own ? fromDefault(entry.countyName, own.countyName ?? undefined) : entry.countyName;
    const schoolName = own
      ? fromDefault(entry.schoolName, school?.level === 'school' ? school.name : undefined)
      : entry.schoolName;
    return assignDefined(subject, {
      countyName: countyName ?? undefined,
      school: entry.school,
      schoolName: schoolName ?? undefined,
      group: entry.group,
    });
  }

  private source(source: CompactSource): CellSource {
    const { place: index, ...rest } = source;
    const place = this.file.places[index];
    if (place === undefined)
      throw new ResultReferenceError(`result.json refers to place ${index}, which it does not list`);
    return { ...place, ...rest };
  }

  private inputEntry(key: string): { name: string; label: InputUse['label']; unit?: InputUse['unit'] } {
    const entry = lookup(this.file.rules.inputs, key, 'input');
    return assignDefined<{ name: string; label: InputUse['label']; unit?: InputUse['unit'] }>(
      { name: entry.name ?? key, label: entry.label },
      { unit: entry.unit },
    );
  }

  private input(input: CompactInput): InputUse {
    const { name, label, unit } = this.inputEntry(input.name);
    return assignDefined<InputUse>(
      { name, label, value: input.value },
      {
        unit,
        source: input.source && this.source(input.source),
        note: input.note,
        members: input.members,
        missing: input.missing,
      },
    );
  }

  private threshold(
    thresholds: Record<string, ThresholdRule>,
    use: { threshold?: string; bound?: ThresholdUse['bound']; boundInputs?: CompactInput[] },
  ): { threshold?: ThresholdUse; entry?: ThresholdRule } {
    if (use.threshold === undefined) return {};
    const entry = lookup(thresholds, use.threshold, 'threshold');
    const { conditions: _heads, bound: written, ...rest } = entry;
    const bound = use.bound ?? written;
    if (bound === undefined)
      throw new ResultReferenceError(`result.json: threshold "${use.threshold}" is used without a bound`);
    const threshold: ThresholdUse = { ...rest, bound };
    if (use.boundInputs) threshold.boundInputs = use.boundInputs.map((input) => this.input(input));
    return { threshold, entry };
  }

  private conditions(conditions: CompactCondition[], entry: ThresholdRule | undefined): ConditionRecord[] {
    return conditions.map((condition, index) => {
      if ('role' in condition) return condition;
      const head = entry?.conditions?.[index];
      if (!head)
        throw new ResultReferenceError(`result.json: condition ${index} has no comparison to complete it`);
      return { ...head, factResult: condition.factResult, result: condition.result };
    });
  }

  private choice(choice: CompactChoice): ChoiceUse {
    const entry = lookup(this.file.rules.choices, choice.id, 'choice');
    const label = (option: string) => lookup(entry.options, option, `option of choice ${choice.id}`);
    return assignDefined<ChoiceUse>(
      {
        id: entry.id ?? choice.id,
        label: entry.label,
        option: choice.option,
        optionLabel: label(choice.option),
        chosenBy: choice.chosenBy,
        alternatives: choice.alternatives.map((alternative) => ({
          option: alternative.option,
          label: label(alternative.option),
          value: alternative.value,
          verdict: alternative.verdict,
        })),
      },
      { source: choice.source && this.source(choice.source) },
    );
  }

  private check(check: CompactCheck, holder: string): CheckResult {
    const rule = lookup(this.file.rules.checks, check.ref, 'check');
    const { threshold, entry } = this.threshold(rule.thresholds, check);
    const out: CheckResult = {
      indicator: rule.indicator,
      check: rule.check,
      checkLabel: rule.label,
      subject: this.subject(check.subject ?? holder),
      verdict: check.verdict,
      value: check.value,
      formula: rule.formula,
      inputs: check.inputs.map((input) => this.input(input)),
      conditions: this.conditions(check.conditions, entry),
    };
    let tolerance: CheckResult['tolerance'];
    if (check.tolerance !== undefined) {
      const share = check.toleranceShare ?? rule.toleranceShare;
      if (share === undefined)
        throw new ResultReferenceError(`result.json: check "${check.ref}" has a tolerance but no share`);
      tolerance = { share, bound: check.tolerance };
    }
    let toPass: CheckResult['toPass'];
    if (check.toPass) {
      const { name, label, unit } = this.inputEntry(check.toPass.input);
      const { text: _text, ...rest } = check.toPass;
      toPass = assignDefined<ToPass>({ ...rest, input: name, label }, { unit });
    }
    return assignDefined(out, {
      unit: rule.unit,
      decimals: rule.decimals,
      threshold,
      tolerance,
      margin: check.margin,
      shareOfStandard: check.shareOfStandard,
      reason: unword(check.reason),
      choice: check.choice && this.choice(check.choice),
      asReported: check.asReported,
      toPass,
    });
  }

  private subjectResult(result: CompactSubjectResult): SubjectResult {
    return {
      subject: this.subject(result.subject),
      verdict: result.verdict,
      checks: result.checks.map((check) => this.check(check, result.subject)),
    };
  }

  private indicator(result: CompactIndicator): IndicatorResult {
    const { indicator: id, ...rule } = lookup(this.file.rules.indicators, result.indicator, 'indicator');
    return assignDefined<IndicatorResult>(
      {
        indicator: id ?? result.indicator,
        ...rule,
        verdict: result.verdict,
        members: result.members.map((member) => this.subjectResult(member)),
        failing: result.failing.map((subject) => this.subject(subject)),
        withinTolerance: result.withinTolerance.map((subject) => this.subject(subject)),
        undecided: result.undecided.map((subject) => this.subject(subject)),
        notApplicable: result.notApplicable,
        groups: result.groups.map(({ countyInputs, ...group }) =>
          assignDefined<GroupSummary>(
            { ...group },
            { countyInputs: countyInputs?.map((input) => this.input(input)) },
          ),
        ),
      },
      {
        county: result.county && this.subjectResult(result.county),
        reason: unword(result.reason),
        asReported: result.asReported,
      },
    );
  }

  private area(result: CompactArea): AreaResult {
    const rule = lookup(this.file.rules.areas, result.area, 'area');
    let perUnit: AreaResult['perUnit'];
    if (result.perUnit) {
      if (!rule.perUnit)
        throw new ResultReferenceError(`result.json: area "${result.area}" has no per-unit rule`);
      perUnit = {
        rule: rule.perUnit.rule,
        atLeastMet: rule.perUnit.atLeastMet,
        othersNotBelow: rule.perUnit.othersNotBelow,
        level: rule.perUnit.level,
        levelLabel: rule.perUnit.levelLabel,
        results: result.perUnit.results.map(({ subject, reason: _reason, ...unit }) => ({
          ...unit,
          subject: this.subject(subject),
        })),
        failing: result.perUnit.failing.map((subject) => this.subject(subject)),
      };
    }
    return assignDefined<AreaResult>(
      {
        area: rule.area ?? result.area,
        title: rule.title,
        verdict: result.verdict,
        indicators: rule.indicators,
        dispersion: result.dispersion.map((dispersion) => this.dispersion(dispersion)),
        reasons: result.reasons.map((reason) => unword(reason)),
      },
      { perUnit },
    );
  }

  private dispersion(result: CompactDispersion): DispersionResult {
    const {
      ref,
      threshold: _key,
      bound: _bound,
      boundInputs: _inputs,
      conditions,
      top,
      reason,
      ...rest
    } = result;
    const rule = lookup(this.file.rules.dispersion, ref, 'dispersion');
    const { threshold, entry } = this.threshold(rule.thresholds, result);
    return assignDefined<DispersionResult>(
      {
        ...rest,
        indicator: rule.indicator,
        check: rule.check,
        conditions: this.conditions(conditions, entry),
        top: top.map(({ subject, ...contribution }) => ({ ...contribution, subject: this.subject(subject) })),
      },
      { threshold, reason: unword(reason) },
    );
  }
}

/** A subject's field from its entry and default: absent (`undefined`) keeps the default, `null` means none. */
function fromDefault(value: string | null | undefined, fallback: string | undefined): string | undefined {
  if (value === null) return undefined;
  return value ?? fallback;
}

/** The in-memory Evaluation of a result.json of format version 2 that has passed the schema. */
export function inflateResult(file: CompactResult): Evaluation {
  return new Inflater(file).result();
}
