import { branchLabel } from '../explain/rule-words.ts';
import type { RuleSet, ThresholdSpec } from '../model/ruleset.ts';
import type { Text } from '../model/text.ts';
import { ALL_BRANCH } from '../rules/build-threshold.ts';
import { scalarAt } from './splice-scalar.ts';

/** A threshold an officer may change in the form: what it reads, and where it is written. */
export interface ThresholdField {
  /** `file:line:column` of the threshold's text: the key the page sends its edits with. */
  key: string;
  file: string;
  line: number;
  column: number;
  /** The category value it applies to (小学), empty for a single threshold. */
  branch: Text;
  text: string;
}

/** One row of the rule table: an indicator (or a check of one) with its thresholds and where it comes from. */
export interface RuleRow {
  indicator: string;
  title: Text;
  /** The check's own label when an indicator has several. */
  check?: Text;
  area: Text;
  role: string;
  level: string;
  thresholds: ThresholdField[];
  source: { document: string; clause: string; verified: boolean; quote?: string };
  file: string;
}

/** What an area adds to its indicators: the per-unit rule, its tolerance and the limits of the coefficients of variation. */
export interface AreaRow {
  area: string;
  title: Text;
  indicators: string[];
  perUnit?: {
    atLeastMet: number;
    othersNotBelow: number;
    text: string;
    /** The two numbers of the rule as fields, when their place in the area file is known. */
    fields: { atLeastMet?: ThresholdField; othersNotBelow?: ThresholdField };
  };
  cvLimits: ThresholdField[];
  file: string;
}

export interface RuleTable {
  ruleset: { id: string; title: Text; document: string; extends?: string };
  areas: AreaRow[];
  rows: RuleRow[];
}

/**
 * The rule set as the table an officer reads: everything taken from the rule set, nothing from the engine's code.
 * `readText` gives an area file's text, to place the per-unit rule's two numbers as fields.
 */
export function buildRuleTable(
  ruleset: RuleSet,
  readText: (file: string) => string | undefined = () => undefined,
): RuleTable {
  const areaTitle = (id: string): Text => ruleset.areas.find((a) => a.id === id)?.title ?? { zh: id, en: id };
  const table: RuleTable = {
    ruleset: { id: ruleset.id, title: ruleset.title, document: ruleset.document.number },
    areas: ruleset.areas.map((area) => {
      const row: AreaRow = {
        area: area.id,
        title: area.title,
        indicators: area.indicators,
        cvLimits: area.dispersion ? fields(area.dispersion.threshold, ruleset) : [],
        file: area.file,
      };
      if (area.perUnit) {
        const text = readText(area.file);
        const place = (key: string, label: Text): ThresholdField | undefined => {
          const at = text === undefined ? undefined : scalarAt(text, ['per_unit', key]);
          return at && { key: `${area.file}:${at.line}:${at.column}`, file: area.file, ...at, branch: label };
        };
        const fields: NonNullable<AreaRow['perUnit']>['fields'] = {};
        const atLeastMet = place('at_least_met', { zh: '至少达标项数', en: 'indicators met, at least' });
        const othersNotBelow = place('others_not_below', { zh: '余项不低于标准的', en: 'others at least' });
        if (atLeastMet) fields.atLeastMet = atLeastMet;
        if (othersNotBelow) fields.othersNotBelow = othersNotBelow;
        row.perUnit = {
          atLeastMet: area.perUnit.atLeastMet,
          othersNotBelow: area.perUnit.othersNotBelow,
          text: area.perUnit.text,
          fields,
        };
      }
      return row;
    }),
    rows: [],
  };
  if (ruleset.extends) table.ruleset.extends = ruleset.extends;
  for (const indicator of ruleset.indicators) {
    for (const check of indicator.checks) {
      const row: RuleRow = {
        indicator: indicator.id,
        title: indicator.title,
        area: areaTitle(indicator.area),
        role: indicator.role,
        level: indicator.level,
        thresholds: check.kind === 'compare' ? fields(check.threshold, ruleset) : [],
        source: { ...indicator.source },
        file: indicator.file,
      };
      if (indicator.checks.length > 1) row.check = check.label;
      table.rows.push(row);
    }
  }
  return table;
}

function fields(spec: ThresholdSpec, ruleset: RuleSet): ThresholdField[] {
  const entries = Object.entries(spec.branches);
  if (spec.default) entries.push(['default', spec.default]);
  return entries.flatMap(([branch, threshold]) => {
    const { file, line, column } = threshold.at;
    if (line === undefined || column === undefined) return [];
    return [
      {
        key: `${file}:${line}:${column}`,
        file,
        line,
        column,
        branch: branch === ALL_BRANCH ? { zh: '', en: '' } : branchLabel(branch, spec.by, ruleset.inputs),
        text: threshold.text,
      },
    ];
  });
}
