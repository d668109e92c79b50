import type { Problem } from '../model/problem.ts';
import type {
  Check,
  DefinitionChoice,
  Indicator,
  IndicatorRole,
  InputDictionary,
  RuleSourceRef,
} from '../model/ruleset.ts';
import type { Level } from '../model/level.ts';
import type { Text } from '../model/text.ts';
import { nearestName } from '../text/nearest-name.ts';
import { buildFormula } from './build-formula.ts';
import { buildThresholdSpec } from './build-threshold.ts';
import { checkThresholdUnit } from './check-threshold-unit.ts';
import { namesInScope } from './level-scope.ts';
import type { YamlFile } from './read-yaml.ts';
import { ruleProblem } from './rule-problem.ts';

interface RawChoice {
  id: string;
  label: Text;
  default: string;
  unverified?: boolean;
  options: Record<string, { label: Text; value: string }>;
}

interface RawCheck {
  id?: string;
  label?: Text;
  value?: string;
  attestation?: string;
  choice?: RawChoice;
  threshold?: unknown;
  unit?: Text;
  decimals?: number;
  county_value?: string;
}

interface RawIndicator extends RawCheck {
  id: string;
  title: Text;
  description?: Text;
  source: RuleSourceRef;
  role?: IndicatorRole;
  level: Level;
  applies_when?: string;
  rollup?: 'every' | 'none';
  checks?: RawCheck[];
  corresponds_to?: Record<string, string | { indicator: string; verified: boolean; note?: Text }>;
}

const CHECK_KEYS = ['value', 'attestation', 'choice', 'threshold', 'unit', 'decimals', 'county_value'] as const;

/** Builds an indicator from its (schema-valid) rule file, proving every formula and threshold against the dictionary. */
export function buildIndicator(
  yaml: YamlFile,
  area: string,
  fileId: string,
  dictionary: InputDictionary,
): { indicator?: Indicator; problems: Problem[] } {
  const problems: Problem[] = [];
  const raw = yaml.data as RawIndicator;
  if (raw.id !== fileId) {
    problems.push(
      ruleProblem('RULE_ID_MISMATCH', yaml, ['id'], {
        zh: `指标 id“${raw.id}”与文件名“${fileId}.yaml”不一致；文件名即指标编号`,
        en: `indicator id '${raw.id}' does not match the file name '${fileId}.yaml'; the file name is the id`,
      }),
    );
  }
  const scope = namesInScope(dictionary, raw.level);
  const countyScope = namesInScope(dictionary, 'county');
  const rawChecks: { check: RawCheck; path: (string | number)[] }[] = [];
  const topLevelCheckKeys = CHECK_KEYS.filter((k) => raw[k] !== undefined);
  if (raw.checks) {
    if (topLevelCheckKeys.length > 0) {
      problems.push(
        ruleProblem(
          'CHECK_AMBIGUOUS',
          yaml,
          [topLevelCheckKeys[0] as string],
          {
            zh: `指标已用 checks 列出多项检查，不能再在顶层写 ${topLevelCheckKeys.join('、')}；请移入某项检查`,
            en: `the indicator lists checks, so ${topLevelCheckKeys.join(', ')} cannot also stand at the top level; move them into a check`,
          },
          { key: true },
        ),
      );
    }
    raw.checks.forEach((check, i) => rawChecks.push({ check, path: ['checks', i] }));
  } else {
    rawChecks.push({ check: { ...raw, id: raw.id, label: raw.title }, path: [] });
  }

  const checks: Check[] = [];
  const seenIds = new Set<string>();
  for (const { check, path } of rawChecks) {
    const id = check.id ?? raw.id;
    if (seenIds.has(id)) {
      problems.push(
        ruleProblem('RULE_DUPLICATE_ID', yaml, [...path, 'id'], {
          zh: `检查 id“${id}”在本指标中重复`,
          en: `check id '${id}' is used twice in this indicator`,
        }),
      );
    }
    seenIds.add(id);
    const built = buildCheck(check, id, path, yaml, raw.level, raw.role === 'measure', dictionary, scope, countyScope, problems);
    if (built) checks.push(built);
  }

  let appliesWhen;
  if (raw.applies_when !== undefined) {
    appliesWhen = buildFormula(raw.applies_when, yaml, ['applies_when'], scope, problems, dictionary);
  }
  if (problems.some((p) => p.severity === 'error')) return { problems };
  const pos = yaml.locate([]);
  const indicator: Indicator = {
    id: raw.id,
    title: raw.title,
    source: raw.source,
    area,
    role: raw.role ?? 'indicator',
    level: raw.level,
    rollup: raw.rollup ?? (raw.level === 'county' ? 'none' : 'every'),
    checks,
    file: yaml.file,
    at: { file: yaml.file, line: pos.line, column: pos.column },
  };
  if (raw.description) indicator.description = raw.description;
  if (appliesWhen) indicator.appliesWhen = appliesWhen;
  if (raw.corresponds_to) {
    // The short form (rule set id → indicator id) states no verification, so it stays unverified.
    indicator.correspondsTo = Object.entries(raw.corresponds_to).map(([ruleset, to]) =>
      typeof to === 'string'
        ? { ruleset, indicator: to, verified: false }
        : { ruleset, indicator: to.indicator, verified: to.verified, ...(to.note ? { note: to.note } : {}) },
    );
  }
  return { indicator, problems };
}

function buildCheck(
  raw: RawCheck,
  id: string,
  path: (string | number)[],
  yaml: YamlFile,
  level: Level,
  measure: boolean,
  dictionary: InputDictionary,
  scope: { direct: Set<string>; aggregate: Set<string> },
  countyScope: { direct: Set<string>; aggregate: Set<string> },
  problems: Problem[],
): Check | undefined {
  const sources = (['value', 'attestation', 'choice'] as const).filter((k) => raw[k] !== undefined);
  if (sources.length !== 1) {
    problems.push(
      ruleProblem(sources.length === 0 ? 'CHECK_VALUE_MISSING' : 'CHECK_AMBIGUOUS', yaml, path, {
        zh:
          sources.length === 0
            ? `检查“${id}”须有且只有一项 value（公式）、attestation（认定事项）或 choice（口径选择）`
            : `检查“${id}”同时写了 ${sources.join('、')}；只能写其中一项`,
        en:
          sources.length === 0
            ? `check '${id}' needs exactly one of value (a formula), attestation or choice`
            : `check '${id}' has ${sources.join(', ')}; write only one of them`,
      }),
    );
    return undefined;
  }
  const before = problems.length;
  const pos = yaml.locate(path);
  const check: Check = {
    id,
    label: raw.label ?? { zh: id, en: id },
    kind: raw.attestation !== undefined ? 'attestation' : 'compare',
    threshold: { branches: {} },
    at: { file: pos.file ?? yaml.file, line: pos.line, column: pos.column, path: `/${path.join('/')}` },
  };
  if (raw.unit) check.unit = raw.unit;
  if (raw.decimals !== undefined) check.decimals = raw.decimals;
  if (raw.value !== undefined) {
    const value = buildFormula(raw.value, yaml, [...path, 'value'], scope, problems, dictionary);
    if (value) check.value = value;
  }
  if (raw.attestation !== undefined) {
    const input = dictionary.inputs[raw.attestation];
    if (!input || input.type !== 'attestation') {
      const near = nearestName(
        raw.attestation,
        Object.values(dictionary.inputs)
          .filter((i) => i.type === 'attestation')
          .map((i) => i.name),
      );
      problems.push(
        ruleProblem('ATTESTATION_UNKNOWN', yaml, [...path, 'attestation'], {
          zh: `“${raw.attestation}”不是 inputs.yaml 中的认定事项（type: attestation）${near ? `；是否应为“${near}”？` : ''}`,
          en: `'${raw.attestation}' is not an attestation input in inputs.yaml${near ? `; did you mean '${near}'?` : ''}`,
        }),
      );
    } else if (input.level !== 'county' || level !== 'county') {
      problems.push(
        ruleProblem('ATTESTATION_LEVEL', yaml, [...path, 'attestation'], {
          zh: `认定事项只能在县级指标中使用（level: county）`,
          en: `attestations can be used only by county-level indicators (level: county)`,
        }),
      );
    } else {
      check.attestation = raw.attestation;
    }
    if (raw.threshold !== undefined) {
      problems.push(
        ruleProblem('ATTESTATION_THRESHOLD', yaml, [...path, 'threshold'], {
          zh: `认定事项不需要阈值：已认定且有佐证即为达标`,
          en: `an attestation takes no threshold: it is met when attested with evidence`,
        }),
      );
    }
    check.threshold = {
      branches: { '*': { text: '== true', operator: '==', bound: true, percent: false, at: check.at } },
    };
  }
  if (raw.choice !== undefined) {
    const choice = buildChoice(raw.choice, yaml, [...path, 'choice'], scope, problems);
    if (choice) check.choice = choice;
  }
  if (check.kind === 'compare' && measure) {
    // A measure has no standard of its own: a threshold here would look judged and never be.
    if (raw.threshold !== undefined) {
      problems.push(
        ruleProblem('MEASURE_THRESHOLD', yaml, [...path, 'threshold'], {
          zh: `检查“${id}”属于 role: measure 的指标：它只计入领域的差异系数，不单独判定，不能写阈值（在叠加规则集的补丁里写 threshold: null 去掉继承来的阈值）`,
          en: `check '${id}' belongs to a role: measure indicator, which only feeds its area's dispersion and is never judged alone; remove the threshold (in an overlay patch, write threshold: null)`,
        }),
      );
    }
  } else if (check.kind === 'compare') {
    if (raw.threshold === undefined) {
      problems.push(
        ruleProblem('THRESHOLD_MISSING', yaml, path, {
          zh: `检查“${id}”缺少阈值（threshold），如 ">= 4.2"`,
          en: `check '${id}' has no threshold, e.g. ">= 4.2"`,
        }),
      );
    } else {
      const spec = buildThresholdSpec(raw.threshold, yaml, [...path, 'threshold'], level, dictionary, problems);
      if (spec) check.threshold = spec;
      if (spec) checkThresholdUnit(check, yaml, path, problems);
    }
  }
  if (raw.county_value !== undefined) {
    const countyValue = buildFormula(raw.county_value, yaml, [...path, 'county_value'], countyScope, problems);
    if (countyValue) check.countyValue = countyValue;
  }
  return problems.length === before ? check : undefined;
}

function buildChoice(
  raw: RawChoice,
  yaml: YamlFile,
  path: (string | number)[],
  scope: { direct: Set<string>; aggregate: Set<string> },
  problems: Problem[],
): DefinitionChoice | undefined {
  const before = problems.length;
  const options: DefinitionChoice['options'] = {};
  for (const [name, option] of Object.entries(raw.options)) {
    const value = buildFormula(option.value, yaml, [...path, 'options', name, 'value'], scope, problems);
    if (value) options[name] = { label: option.label, value };
  }
  if (!Object.hasOwn(raw.options, raw.default)) {
    const near = nearestName(raw.default, Object.keys(raw.options));
    problems.push(
      ruleProblem('CHOICE_DEFAULT_UNKNOWN', yaml, [...path, 'default'], {
        zh: `口径选择的默认项“${raw.default}”不在 options 中${near ? `；是否应为“${near}”？` : ''}`,
        en: `the choice's default '${raw.default}' is not one of its options${near ? `; did you mean '${near}'?` : ''}`,
      }),
    );
  }
  if (problems.length > before) return undefined;
  const pos = yaml.locate(path);
  const choice: DefinitionChoice = {
    id: raw.id,
    label: raw.label,
    options,
    default: raw.default,
    at: { file: pos.file ?? yaml.file, line: pos.line, column: pos.column, path: `/${path.join('/')}` },
  };
  if (raw.unverified) choice.unverified = true;
  return choice;
}
