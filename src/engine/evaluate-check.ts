import type { DataRecord, ReportedFigure } from '../model/dataset.ts';
import type { CheckResult, ChoiceUse, ConditionRecord } from '../model/evaluation.ts';
import type { Check, Formula, Indicator, Threshold } from '../model/ruleset.ts';
import type { Verdict } from '../model/verdict.ts';
import type { CompiledFormulas } from './compiled-formulas.ts';
import type { CountyContext } from './county-context.ts';
import { evaluateFormula, type FormulaOutcome } from './evaluate-formula.ts';
import { reasons } from './reasons.ts';
import type { ThresholdEvaluator } from './threshold-evaluator.ts';
import { findToPass } from './to-pass.ts';
import { pickBranch, thresholdUse } from './threshold-branch.ts';

export interface CheckEnv {
  formulas: CompiledFormulas;
  evaluator: ThresholdEvaluator;
  /** The share of the standard below which a unit fails outright (the resource area's 85%), if any. */
  toleranceShare?: number;
}

/** The id of the comparison of one threshold branch of a check. */
export function comparisonId(indicator: Indicator, check: Check, branch: string): string {
  return `${indicator.id}/${check.id}/${branch}`;
}

/** The threshold that applies to a record: by its category (e.g. stage), or the only one. */
export function selectThreshold(
  check: Check,
  ctx: CountyContext,
  record: DataRecord,
): { threshold?: Threshold; branch: string; reason?: ReturnType<typeof reasons.noThreshold> } {
  const spec = check.threshold;
  const value = spec.by ? ctx.cell(record, spec.by).cell?.value : undefined;
  const picked = pickBranch(spec, typeof value === 'string' ? value : undefined);
  if (picked.threshold || !spec.by) return picked;
  const label = ctx.dictionary.inputs[spec.by]?.label ?? { zh: spec.by, en: spec.by };
  return { ...picked, reason: reasons.noThreshold(label, typeof value === 'string' ? value : undefined) };
}

/** Judges one check of an indicator on one record and records the whole trail. */
export async function evaluateCheck(
  indicator: Indicator,
  check: Check,
  ctx: CountyContext,
  record: DataRecord,
  env: CheckEnv,
  reported?: ReportedFigure,
): Promise<CheckResult> {
  const result: CheckResult = {
    indicator: indicator.id,
    check: check.id,
    checkLabel: check.label,
    subject: ctx.subject(record),
    verdict: 'insufficient_data',
    value: null,
    formula: '',
    inputs: [],
    conditions: [],
  };
  if (check.unit) result.unit = check.unit;
  if (check.decimals !== undefined) result.decimals = check.decimals;

  // The value: an attestation, a formula, or the formula of the definition option in force.
  let outcome: FormulaOutcome;
  let formula: Formula | undefined = check.value;
  if (check.kind === 'attestation') {
    outcome = readAttestation(check.attestation as string, ctx);
    result.formula = check.attestation as string;
  } else {
    if (check.choice) {
      const chosen = ctx.data.choices[check.choice.id];
      const option = chosen && check.choice.options[chosen.option] ? chosen.option : check.choice.default;
      formula = check.choice.options[option]?.value;
      const use: ChoiceUse = {
        id: check.choice.id,
        label: check.choice.label,
        option,
        optionLabel: check.choice.options[option]?.label ?? { zh: option, en: option },
        chosenBy: chosen && check.choice.options[chosen.option] ? 'dataset' : 'default',
        alternatives: [],
      };
      if (chosen?.source && use.chosenBy === 'dataset') use.source = chosen.source;
      result.choice = use;
    }
    result.formula = formula?.text ?? '';
    outcome = formula ? evaluateFormula(formula, env.formulas, ctx, record) : { value: null, inputs: [] };
  }
  result.inputs = outcome.inputs;

  if (outcome.reason && reported && typeof reported.value === 'number') {
    // No inputs to recompute from: judge on the published figure, and say so.
    outcome = { value: reported.value, inputs: outcome.inputs };
    result.asReported = true;
    result.inputs = [...outcome.inputs.filter((i) => !i.missing)];
    result.inputs.push({
      name: `${indicator.id}.${check.id}`,
      label: { zh: '报告公布值', en: 'published figure' },
      value: reported.value,
      source: reported.source,
    });
  }

  if (indicator.role === 'measure') return measured(result, outcome);

  const selected = selectThreshold(check, ctx, record);
  if (selected.threshold) {
    result.threshold = thresholdUse(selected.threshold, selected.branch, check.threshold.by);
    const label = check.threshold.by
      ? ctx.dictionary.inputs[check.threshold.by]?.values?.[selected.branch]
      : undefined;
    if (label) result.threshold.branchLabel = label;
  }
  if (outcome.reason) {
    result.verdict = outcome.pending ? 'pending' : 'insufficient_data';
    result.reason = outcome.reason;
    return result;
  }
  if (!selected.threshold) {
    result.verdict = 'insufficient_data';
    if (selected.reason) result.reason = selected.reason;
    return result;
  }
  result.value = outcome.value as number | boolean;

  const judged = await judge(
    indicator,
    check,
    selected.threshold,
    selected.branch,
    outcome.value,
    ctx,
    record,
    env,
  );
  result.verdict = judged.verdict;
  result.conditions = judged.conditions;
  if (judged.reason) result.reason = judged.reason;
  if (judged.boundInputs && result.threshold) {
    result.threshold.boundInputs = judged.boundInputs;
    result.threshold.bound = judged.bound ?? result.threshold.bound;
  }
  const bound = judged.bound;
  if (typeof result.value === 'number' && typeof bound === 'number') {
    result.margin = result.value - bound;
    const op = selected.threshold.operator;
    if ((op === '>=' || op === '>') && bound !== 0) result.shareOfStandard = result.value / bound;
    if (env.toleranceShare !== undefined && (op === '>=' || op === '>')) {
      result.tolerance = { share: env.toleranceShare, bound: bound * env.toleranceShare };
    }
  }

  if (result.choice && check.choice) {
    for (const [option, def] of Object.entries(check.choice.options)) {
      if (option === result.choice.option) continue;
      const alt = evaluateFormula(def.value, env.formulas, ctx, record);
      let verdict: Verdict = alt.pending ? 'pending' : 'insufficient_data';
      if (!alt.reason) {
        verdict = (
          await judge(indicator, check, selected.threshold, selected.branch, alt.value, ctx, record, env)
        ).verdict;
      }
      result.choice.alternatives.push({
        option,
        label: def.label,
        value: typeof alt.value === 'number' ? alt.value : null,
        verdict,
      });
    }
  }
  if (
    (result.verdict === 'not_met' || result.verdict === 'within_tolerance') &&
    formula &&
    !result.asReported
  ) {
    const toPass = findToPass(
      formula,
      env.formulas,
      ctx,
      record,
      selected.threshold,
      typeof bound === 'number' ? bound : undefined,
    );
    if (toPass) result.toPass = toPass;
  }
  return result;
}

async function judge(
  indicator: Indicator,
  check: Check,
  threshold: Threshold,
  branch: string,
  value: number | boolean | string | null,
  ctx: CountyContext,
  record: DataRecord,
  env: CheckEnv,
): Promise<{
  verdict: Verdict;
  conditions: ConditionRecord[];
  bound?: number | boolean | string;
  boundInputs?: FormulaOutcome['inputs'];
  reason?: CheckResult['reason'];
}> {
  let bound = threshold.bound;
  let boundInputs: FormulaOutcome['inputs'] | undefined;
  if (threshold.boundFormula) {
    const b = evaluateFormula(threshold.boundFormula, env.formulas, ctx, record);
    boundInputs = b.inputs;
    if (b.reason || b.value === null) {
      const out: Awaited<ReturnType<typeof judge>> = {
        verdict: b.pending ? 'pending' : 'insufficient_data',
        conditions: [],
        boundInputs,
      };
      if (b.reason) out.reason = b.reason;
      return out;
    }
    bound = b.value;
  }
  if (value === null || bound === undefined) return { verdict: 'insufficient_data', conditions: [] };
  const conditions = await env.evaluator.compare(comparisonId(indicator, check, branch), { value, bound });
  const standard = conditions.find((c) => c.role === 'standard');
  const tolerance = conditions.find((c) => c.role === 'tolerance');
  const verdict: Verdict = standard?.result ? 'met' : tolerance?.result ? 'within_tolerance' : 'not_met';
  const out: Awaited<ReturnType<typeof judge>> = { verdict, conditions, bound };
  if (boundInputs) out.boundInputs = boundInputs;
  return out;
}

function readAttestation(name: string, ctx: CountyContext): FormulaOutcome {
  const def = ctx.dictionary.inputs[name];
  const label = def?.label ?? { zh: name, en: name };
  const attestation = ctx.data.attestations[name];
  if (!attestation || attestation.attested === null) {
    return {
      value: null,
      inputs: [{ name, label, value: null, missing: true }],
      reason: reasons.notAttested(label),
    };
  }
  const use = {
    name,
    label,
    value: attestation.attested,
    source: attestation.source,
  } as FormulaOutcome['inputs'][number];
  if (attestation.statement) use.note = { zh: attestation.statement, en: attestation.statement };
  if (attestation.attested && attestation.evidence.length === 0) {
    return { value: null, inputs: [use], reason: reasons.noEvidence(label) };
  }
  return { value: attestation.attested, inputs: [use] };
}

/**
 * A measure has no standard: its value is recorded for its area's dispersion, and the check is `met` when the value
 * could be computed (a note says it was not judged), pending or insufficient when it could not.
 */
function measured(result: CheckResult, outcome: FormulaOutcome): CheckResult {
  if (outcome.reason) {
    result.verdict = outcome.pending ? 'pending' : 'insufficient_data';
    result.reason = outcome.reason;
    return result;
  }
  result.value = outcome.value as number | boolean;
  result.verdict = 'met';
  result.reason = {
    code: 'NOT_JUDGED',
    message: {
      zh: '本项不设单项标准，只计入所在领域的差异系数',
      en: 'this measure has no standard of its own; it only feeds its area’s coefficient of variation',
    },
  };
  return result;
}
