import type ExcelJS from 'exceljs';
import type { CellSource, DefinitionChoice, InputDictionary, Problem } from '../model/index.ts';
import { nearestName } from '../text/nearest-name.ts';
import { dataProblem } from './data-problem.ts';
import { readListSheet, textOf, type ListRow } from './read-list-sheet.ts';
import {
  ATTESTATION_COLUMNS,
  ATTESTED_WORDS,
  attestationInputs,
  CHOICE_COLUMNS,
  COUNTY_COLUMNS,
  countyInputs,
  FIGURE_LABELS,
  INFO_COLUMNS,
  INFO_FIELDS,
  REPORTED_COLUMNS,
  SHEETS,
  splitEvidence,
} from './workbook-layout.ts';

/** What 基本信息 says about the dataset. */
export interface WorkbookInfo {
  id?: string;
  title?: string;
  schoolYear?: string;
  rules?: string;
  synthetic?: boolean;
  provenance?: string;
}

/** The county part of a workbook, shaped as dataset.yaml's `county:`, with the cell of each key path. */
export interface WorkbookMeta {
  info: WorkbookInfo;
  section: Record<string, unknown>;
  sources: Map<string, CellSource>;
}

/** A Map, so that `constructor` or `__proto__` in a cell is not yes or no. */
const YES_NO: ReadonlyMap<string, boolean> = new Map([
  ['是', true],
  ['否', false],
  ['true', true],
  ['false', false],
  ['yes', true],
  ['no', false],
]);

/** Finds a row's dictionary name: the name column when filled, otherwise its label. */
function nameOf(row: ListRow, byLabel: Map<string, string>, labelKey: string, nameKey: string): string {
  const name = textOf(row.values[nameKey]);
  if (name !== '') return name;
  const label = textOf(row.values[labelKey]);
  return byLabel.get(label) ?? label;
}

function duplicate(row: ListRow, key: string, label: string, first: number, problems: Problem[]): void {
  problems.push(
    dataProblem('DATA_DUPLICATE_KEY', row.at(key), {
      zh: `「${label}」填写了两次（已在第 ${first} 行）；每项只能填一行`,
      en: `'${label}' is given twice (first in row ${first}); give each item once`,
    }),
  );
}

/**
 * Reads the sheets that stand for dataset.yaml: 基本信息, 县级指标, 认定与佐证, 口径选择, 报告数字. Problems of
 * their own (an unknown row, an answer that is not 是/否, an option the rule set does not declare) are reported by
 * cell; the values then go through the same reader as dataset.yaml's (readCountySection), located by `sources`.
 */
export function readWorkbookMeta(
  sheets: Partial<Record<string, ExcelJS.Worksheet>>,
  dict: InputDictionary | undefined,
  file: string,
  choices: DefinitionChoice[],
  problems: Problem[],
): WorkbookMeta {
  const info: WorkbookInfo = {};
  const section: Record<string, unknown> = {};
  const sources = new Map<string, CellSource>();
  const infoSheet = sheets['info'];
  if (infoSheet !== undefined) {
    const seen = new Map<string, number>();
    for (const row of readListSheet(infoSheet, INFO_COLUMNS, ['label', 'value'], file, problems)) {
      const key = textOf(row.values['key']);
      const label = textOf(row.values['label']);
      const field = INFO_FIELDS.find((f) => f.key === key) ?? INFO_FIELDS.find((f) => f.label === label);
      if (field === undefined) {
        const hint = nearestName(label, INFO_FIELDS.map((f) => f.label));
        problems.push(
          dataProblem('DATA_UNKNOWN_KEY', row.at('label'), {
            zh: `「${SHEETS.info}」没有「${label}」这一项${hint !== undefined ? `；是否应为「${hint}」？` : ''}可填：${INFO_FIELDS.map((f) => f.label).join('、')}`,
            en: `'${SHEETS.info}' has no item '${label}'${hint !== undefined ? `; did you mean '${hint}'?` : ''} Items: ${INFO_FIELDS.map((f) => f.key).join(', ')}`,
          }),
        );
        continue;
      }
      const first = seen.get(field.key);
      if (first !== undefined) {
        duplicate(row, 'value', field.label, first, problems);
        continue;
      }
      seen.set(field.key, row.row);
      const value = textOf(row.values['value']);
      const at = row.at('value');
      if (field.key === 'county_id' || field.key === 'county_name') {
        section[field.key] = value;
        sources.set(`county/${field.key}`, at);
      } else if (field.key === 'synthetic') {
        const yes = YES_NO.get(value.toLowerCase());
        if (yes === undefined) {
          problems.push(dataProblem('DATA_VALUE_NOT_BOOLEAN', at, { zh: `「${value}」不是 是 或 否`, en: `'${value}' is not yes (是) or no (否)` }));
        } else info.synthetic = yes;
      } else if (field.key === 'id' && !/^[A-Za-z0-9._-]+$/.test(value)) {
        problems.push(
          dataProblem('DATA_SCHEMA_INVALID', at, {
            zh: `数据集编号「${value}」只能由字母、数字和 . _ - 组成`,
            en: `the dataset id '${value}' may hold only letters, digits and . _ -`,
          }),
        );
      } else {
        const keys: Record<string, keyof WorkbookInfo> = { id: 'id', title: 'title', school_year: 'schoolYear', rules: 'rules', provenance: 'provenance' };
        const target = keys[field.key];
        if (target !== undefined) (info as Record<string, string>)[target] = value;
      }
    }
    if (section['county_id'] === undefined && dict !== undefined) {
      problems.push(
        // Without it there is no county to judge: the workbook is refused, not evaluated as a county called "county".
        dataProblem('DATA_KEY_MISSING', { file, sheet: infoSheet.name }, {
          zh: `「${SHEETS.info}」缺少必填项「县（区）代码」；填写后才能校验和评估`,
          en: `'${SHEETS.info}' lacks the required item '县（区）代码' (county code); fill it in to check and evaluate the workbook`,
        }),
      );
    }
  }
  if (dict === undefined) return { info, section, sources };

  const countySheet = sheets['county'];
  if (countySheet !== undefined) {
    const byLabel = new Map(countyInputs(dict).map((d) => [d.label.zh, d.name]));
    const inputs: Record<string, unknown> = {};
    const seen = new Map<string, number>();
    for (const row of readListSheet(countySheet, COUNTY_COLUMNS, ['value'], file, problems)) {
      const name = nameOf(row, byLabel, 'label', 'name');
      const first = seen.get(name);
      if (first !== undefined) {
        duplicate(row, 'value', textOf(row.values['label']) || name, first, problems);
        continue;
      }
      seen.set(name, row.row);
      const entry: Record<string, unknown> = { value: row.values['value'] ?? null };
      const quote = textOf(row.values['quote']);
      const note = textOf(row.values['note']);
      if (quote !== '') entry['quote'] = quote;
      if (note !== '') entry['note'] = note;
      inputs[name] = entry;
      sources.set(`county/inputs/${name}`, row.at('value'));
    }
    section['inputs'] = inputs;
  }

  const attestationSheet = sheets['attestations'];
  if (attestationSheet !== undefined) {
    const byLabel = new Map(attestationInputs(dict).map((d) => [d.label.zh, d.name]));
    const attestations: Record<string, unknown> = {};
    for (const row of readListSheet(attestationSheet, ATTESTATION_COLUMNS, ['attested'], file, problems)) {
      const name = nameOf(row, byLabel, 'label', 'name');
      const word = textOf(row.values['attested']);
      const at = row.at('attested');
      const attested = Object.hasOwn(ATTESTED_WORDS, word) ? ATTESTED_WORDS[word] : YES_NO.get(word.toLowerCase());
      if (attested === undefined) {
        const label = textOf(row.values['label']) || name;
        problems.push(
          word === ''
            ? dataProblem('DATA_REQUIRED_MISSING', at, {
                zh: `「${label}」填写了佐证或说明，但“是否认定”没有选择；请选 是、否 或 不确定`,
                en: `'${name}' has evidence or a statement but no answer; choose 是 (yes), 否 (no) or 不确定 (uncertain)`,
              })
            : dataProblem('DATA_VALUE_NOT_BOOLEAN', at, {
                zh: `「${word}」不是 是、否 或 不确定`,
                en: `'${word}' is not 是 (yes), 否 (no) or 不确定 (uncertain)`,
              }),
        );
        continue;
      }
      const entry: Record<string, unknown> = { attested, evidence: splitEvidence(textOf(row.values['evidence'])) };
      const statement = textOf(row.values['statement']);
      const quote = textOf(row.values['quote']);
      if (statement !== '') entry['statement'] = statement;
      if (quote !== '') entry['quote'] = quote;
      attestations[name] = entry;
      sources.set(`county/attestations/${name}`, at);
    }
    section['attestations'] = attestations;
  }

  const choiceSheet = sheets['choices'];
  if (choiceSheet !== undefined) {
    const chosen: Record<string, unknown> = {};
    for (const row of readListSheet(choiceSheet, CHOICE_COLUMNS, ['option'], file, problems)) {
      const id = textOf(row.values['id']);
      const label = textOf(row.values['label']);
      const choice = choices.find((c) => c.id === id) ?? choices.find((c) => c.label.zh === label);
      const typed = textOf(row.values['option']);
      const at = row.at('option');
      const option =
        choice === undefined
          ? undefined
          : Object.entries(choice.options).find(([key, o]) => key === typed || o.label.zh === typed || o.label.en === typed)?.[0];
      if (choice === undefined || option === undefined) {
        const allowed = choice === undefined ? choices.map((c) => c.label.zh) : Object.values(choice.options).map((o) => o.label.zh);
        problems.push(
          dataProblem('DATA_CHOICE_UNKNOWN', at, {
            zh:
              choice === undefined
                ? `规则集没有口径「${label || id}」；可选的口径：${allowed.join('、') || '（无）'}`
                : `「${typed}」不是「${choice.label.zh}」的选项；可选：${allowed.join('、')}`,
            en:
              choice === undefined
                ? `the rule set declares no definition choice '${label || id}'; it declares: ${choices.map((c) => c.id).join(', ') || '(none)'}`
                : `'${typed}' is not an option of '${choice.label.en}'; options: ${Object.keys(choice.options).join(', ')}`,
          }),
        );
        continue;
      }
      const quote = textOf(row.values['quote']);
      chosen[choice.id] = quote === '' ? option : { option, quote };
      sources.set(`county/choices/${choice.id}`, at);
    }
    section['choices'] = chosen;
  }

  const reportedSheet = sheets['reported'];
  if (reportedSheet !== undefined) {
    const groups = Object.values(dict.levels).flatMap((l) => (l.group === undefined ? [] : [dict.inputs[l.group]]));
    const reported: unknown[] = [];
    for (const row of readListSheet(reportedSheet, REPORTED_COLUMNS, ['indicator', 'figure', 'value'], file, problems)) {
      const figureText = textOf(row.values['figure']);
      const figure = Object.hasOwn(FIGURE_LABELS, figureText) ? figureText : Object.entries(FIGURE_LABELS).find(([, l]) => l === figureText)?.[0];
      const indicator = textOf(row.values['indicator']);
      const raw = row.values['value'];
      const blank = [['indicator', indicator], ['value', textOf(raw)]].find(([, v]) => v === '');
      if (blank !== undefined) {
        const column = REPORTED_COLUMNS.find((c) => c.key === blank[0])?.header ?? '';
        problems.push(dataProblem('DATA_REQUIRED_MISSING', row.at(blank[0]), { zh: `“${column}”没有填写`, en: `'${column}' is blank` }));
        continue;
      }
      if (figure === undefined) {
        problems.push(
          dataProblem('DATA_CATEGORY_UNKNOWN', row.at('figure'), {
            zh: `「${figureText}」不是可选的数字；可选：${Object.values(FIGURE_LABELS).join('、')}`,
            en: `'${figureText}' is not a kind of figure; allowed: ${Object.keys(FIGURE_LABELS).join(', ')}`,
          }),
        );
        continue;
      }
      const entry: Record<string, unknown> = { indicator, figure, value: typeof raw === 'number' ? raw : textOf(raw) };
      const check = textOf(row.values['check']);
      if (check !== '') entry['check'] = check;
      const groupText = textOf(row.values['group']);
      if (groupText !== '') {
        const key = groups.flatMap((g) => Object.entries(g?.values ?? {})).find(([k, l]) => k === groupText || l.zh === groupText)?.[0];
        entry['group'] = key ?? groupText;
      }
      const decimals = row.values['decimals'];
      if (typeof decimals === 'number') entry['decimals'] = decimals;
      const quote = textOf(row.values['quote']);
      if (quote !== '') entry['quote'] = quote;
      sources.set(`county/reported/${reported.length}`, row.at('value'));
      reported.push(entry);
    }
    section['reported'] = reported;
  }
  return { info, section, sources };
}
