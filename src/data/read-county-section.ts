import type {
  Attestation,
  CellSource,
  DataRecord,
  InputDictionary,
  Problem,
  ReportedFigure,
  Text,
} from '../model/index.ts';
import type { CountyHead } from './build-counties.ts';
import { dataProblem } from './data-problem.ts';
import { nearestName } from '../text/nearest-name.ts';
import type { RawValue } from './read-cell.ts';
import { readRecord, type RawField } from './read-record.ts';

/** Finds the line of a key path in the file the section came from (dataset.yaml), when known. */
export type LineOf = (path: string) => number | undefined;

const SECTION_KEYS = ['county_id', 'county_name', 'inputs', 'attestations', 'choices', 'reported'];
const FIGURES: ReadonlySet<string> = new Set(['value', 'county_value', 'cv', 'members_met', 'members_within_tolerance', 'members_not_met', 'members_total', 'share_met', 'claim', 'mean', 'sd', 'n']);
const REPORTED_KEYS = ['indicator', 'check', 'figure', 'group', 'value', 'decimals', 'quote'];

/**
 * Reads one county's own part: identity, county-level inputs (a value, or `{value, quote, note}`), attestations,
 * definition choices and reported figures. `path` is where the section sits (`county`, `counties/3`).
 */
export function readCountySection(
  section: unknown,
  dict: InputDictionary,
  file: string,
  path: string,
  lineOf: LineOf,
  problems: Problem[],
  /** Where a key path sits when the section was not read from YAML (a workbook's cell); else file, path and line. */
  locate?: (path: string) => CellSource | undefined,
): CountyHead | undefined {
  const at = (p: string): CellSource => {
    const located = locate?.(p);
    if (located !== undefined) return { ...located };
    const source: CellSource = { file, path: p };
    const line = lineOf(p);
    if (line !== undefined) source.line = line;
    return source;
  };
  if (!isObject(section)) {
    problems.push(shapeProblem(at(path), '一个对象（county_id、inputs、attestations…）', 'an object (county_id, inputs, attestations …)'));
    return undefined;
  }
  for (const key of Object.keys(section)) {
    if (!SECTION_KEYS.includes(key)) problems.push(unknownKey(at(`${path}/${key}`), key, SECTION_KEYS));
  }
  const countyLevel = dict.levels.county;
  const keyName = countyLevel?.key ?? 'county_id';
  const nameName = countyLevel?.name ?? 'county_name';
  const fields: RawField[] = [];
  const rawKey = section['county_id'] ?? 'county';
  fields.push({ name: keyName, raw: scalar(rawKey), source: at(`${path}/county_id`) });
  if (section['county_name'] !== undefined) {
    fields.push({ name: nameName, raw: scalar(section['county_name']), source: at(`${path}/county_name`) });
  }
  const inputs = section['inputs'] ?? {};
  if (!isObject(inputs)) {
    problems.push(shapeProblem(at(`${path}/inputs`), '输入名 → 值 的映射', 'a map of input name → value'));
  } else {
    const countyInputs = Object.values(dict.inputs).filter((d) => d.level === 'county' && d.type !== 'attestation');
    for (const [name, entry] of Object.entries(inputs)) {
      const p = `${path}/inputs/${name}`;
      const def = dict.inputs[name];
      if (def === undefined || def.level !== 'county') {
        problems.push(inputProblem(at(p), name, def === undefined ? undefined : dict.levels[def.level]?.label, countyInputs.map((d) => d.name)));
        continue;
      }
      const source = at(p);
      let raw: unknown = entry;
      let note: string | undefined;
      if (isObject(entry)) {
        for (const key of Object.keys(entry)) {
          if (!['value', 'quote', 'note'].includes(key)) problems.push(unknownKey(at(`${p}/${key}`), key, ['value', 'quote', 'note']));
        }
        raw = entry['value'];
        if (typeof entry['quote'] === 'string') source.quote = entry['quote'];
        if (typeof entry['note'] === 'string') note = entry['note'];
      }
      // A sheet's cell may hold an Excel error or a formula without its result: read as such, not as the text of an object.
      const cellValue = locate !== undefined && isObject(raw) && ('error' in raw || 'formula' in raw) ? (raw as RawValue) : scalar(raw);
      const field: RawField = { name, raw: cellValue, source };
      if (note !== undefined) field.note = note;
      fields.push(field);
    }
  }
  const record: DataRecord | undefined = readRecord({ level: 'county', fields, source: at(path) }, dict, problems);
  if (record === undefined) return undefined;
  const head: CountyHead = {
    key: record.key,
    name: record.name ?? record.key,
    record,
    attestations: readAttestations(section['attestations'], dict, path, at, problems),
    reported: readReported(section['reported'], path, at, problems),
    choices: readChoices(section['choices'], path, at, problems),
  };
  return head;
}

function readAttestations(
  value: unknown,
  dict: InputDictionary,
  path: string,
  at: (p: string) => CellSource,
  problems: Problem[],
): Record<string, Attestation> {
  const result: Record<string, Attestation> = {};
  if (value === undefined) return result;
  if (!isObject(value)) {
    problems.push(shapeProblem(at(`${path}/attestations`), '认定事项名 → {attested, evidence}', 'a map of attestation → {attested, evidence}'));
    return result;
  }
  const names = Object.values(dict.inputs)
    .filter((d) => d.type === 'attestation')
    .map((d) => d.name);
  for (const [name, entry] of Object.entries(value)) {
    const p = `${path}/attestations/${name}`;
    const source = at(p);
    if (!names.includes(name)) {
      const hint = nearestName(name, names);
      problems.push(
        dataProblem('DATA_UNKNOWN_ATTESTATION', source, {
          zh: `「${name}」不是数据字典中的认定事项${hint !== undefined ? `；是否应为「${hint}」？` : `；可选：${names.join('、')}`}`,
          en: `'${name}' is not an attestation of the data dictionary${hint !== undefined ? `; did you mean '${hint}'?` : `; allowed: ${names.join(', ')}`}`,
        }),
      );
      continue;
    }
    if (!isObject(entry)) {
      problems.push(shapeProblem(source, '{attested: 是/否, evidence: [佐证材料…], statement?}', '{attested: true/false, evidence: [documents …], statement?}'));
      continue;
    }
    for (const key of Object.keys(entry)) {
      if (!['attested', 'evidence', 'statement', 'quote'].includes(key)) {
        problems.push(unknownKey(at(`${p}/${key}`), key, ['attested', 'evidence', 'statement', 'quote']));
      }
    }
    const attested = entry['attested'];
    if (attested !== true && attested !== false && attested !== null) {
      problems.push(shapeProblem(at(`${p}/attested`), 'true、false 或 null', 'true, false or null'));
      continue;
    }
    const evidence = entry['evidence'] ?? [];
    if (!Array.isArray(evidence) || !evidence.every((e) => typeof e === 'string')) {
      problems.push(shapeProblem(at(`${p}/evidence`), '佐证材料名称的列表', 'a list of document names'));
      continue;
    }
    const attestation: Attestation = { attested, evidence: evidence as string[], source };
    if (typeof entry['statement'] === 'string') attestation.statement = entry['statement'];
    if (typeof entry['quote'] === 'string') source.quote = entry['quote'];
    else if (typeof entry['statement'] === 'string') source.quote = entry['statement'];
    result[name] = attestation;
  }
  return result;
}

function readChoices(
  value: unknown,
  path: string,
  at: (p: string) => CellSource,
  problems: Problem[],
): Record<string, { option: string; source: ReturnType<typeof at> }> {
  const result: Record<string, { option: string; source: CellSource }> = {};
  if (value === undefined) return result;
  if (!isObject(value)) {
    problems.push(shapeProblem(at(`${path}/choices`), '口径选择 → 选项', 'a map of choice → option'));
    return result;
  }
  for (const [id, entry] of Object.entries(value)) {
    const source = at(`${path}/choices/${id}`);
    if (typeof entry === 'string') {
      result[id] = { option: entry, source };
    } else if (isObject(entry) && typeof entry['option'] === 'string') {
      if (typeof entry['quote'] === 'string') source.quote = entry['quote'];
      result[id] = { option: entry['option'], source };
    } else {
      problems.push(shapeProblem(source, '选项名，或 {option, quote}', 'an option name, or {option, quote}'));
    }
  }
  return result;
}

function readReported(value: unknown, path: string, at: (p: string) => CellSource, problems: Problem[]): ReportedFigure[] {
  const result: ReportedFigure[] = [];
  if (value === undefined) return result;
  if (!Array.isArray(value)) {
    problems.push(shapeProblem(at(`${path}/reported`), '公布数据的列表', 'a list of published figures'));
    return result;
  }
  value.forEach((entry: unknown, i) => {
    const p = `${path}/reported/${i}`;
    const source = at(p);
    if (!isObject(entry)) {
      problems.push(shapeProblem(source, '{indicator, figure, value, quote}', '{indicator, figure, value, quote}'));
      return;
    }
    for (const key of Object.keys(entry)) {
      if (!REPORTED_KEYS.includes(key)) problems.push(unknownKey(at(`${p}/${key}`), key, REPORTED_KEYS));
    }
    const { indicator, figure, check, group, quote, decimals } = entry;
    const figureValue: unknown = entry['value'];
    if (typeof indicator !== 'string' || typeof figure !== 'string' || !FIGURES.has(figure)) {
      problems.push(
        shapeProblem(source, `indicator（指标编号）和 figure（${[...FIGURES].join('、')}）`, `indicator and figure (${[...FIGURES].join(', ')})`),
      );
      return;
    }
    if (typeof figureValue !== 'number' && typeof figureValue !== 'string') {
      problems.push(shapeProblem(at(`${p}/value`), '数值或文字', 'a number or text'));
      return;
    }
    let published: number | string = figureValue;
    let places = typeof decimals === 'number' ? decimals : undefined;
    // A published "98.20%" is the ratio 0.9820, published to 4 decimals of the ratio.
    if (typeof published === 'string' && figure !== 'claim') {
      const percent = /^\s*([+-]?\d+(?:\.(\d+))?)\s*[%％]\s*$/.exec(published);
      if (percent !== null) {
        places ??= (percent[2]?.length ?? 0) + 2;
        published = Number(`${percent[1]}e-2`);
      } else if (/^\s*[+-]?\d+(\.\d+)?\s*$/.test(published)) {
        places ??= published.trim().split('.')[1]?.length ?? 0;
        published = Number(published);
      }
    } else if (typeof published === 'number' && figure !== 'claim') {
      places ??= String(published).split('.')[1]?.length ?? 0;
    }
    const figureEntry: ReportedFigure = {
      indicator,
      figure: figure as ReportedFigure['figure'],
      value: published,
      source,
    };
    if (typeof figureValue === 'string') figureEntry.text = figureValue.trim();
    if (typeof check === 'string') figureEntry.check = check;
    if (typeof group === 'string') figureEntry.group = group;
    if (places !== undefined) figureEntry.decimals = places;
    if (typeof quote === 'string') source.quote = quote;
    result.push(figureEntry);
  });
  return result;
}

/** A YAML value as a raw cell value: scalars pass, anything else (a list, a map) is kept as text to be rejected. */
function scalar(value: unknown): RawValue {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) {
    return value;
  }
  return JSON.stringify(value);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

export function unknownKey(source: CellSource, key: string, allowed: string[]): Problem {
  const hint = nearestName(key, allowed);
  return dataProblem('DATA_UNKNOWN_KEY', source, {
    zh: `未知的键「${key}」${hint !== undefined ? `；是否应为「${hint}」？` : ''}可用：${allowed.join('、')}`,
    en: `unknown key '${key}'${hint !== undefined ? `; did you mean '${hint}'?` : ''} Allowed: ${allowed.join(', ')}`,
  });
}

function shapeProblem(source: CellSource, zh: string, en: string): Problem {
  return dataProblem('DATA_SHAPE_INVALID', source, { zh: `格式不对，应为${zh}`, en: `wrong shape; expected ${en}` });
}

function inputProblem(source: CellSource, name: string, level: Text | undefined, countyInputs: string[]): Problem {
  if (level !== undefined) {
    return dataProblem('DATA_INPUT_WRONG_LEVEL', source, {
      zh: `「${name}」是${level.zh}一级的输入，应填在${level.zh}表中，而不是县级 inputs 中`,
      en: `'${name}' is a ${level.en} input; give it in the ${level.en} table, not in the county inputs`,
    });
  }
  const hint = nearestName(name, countyInputs);
  return dataProblem('DATA_UNKNOWN_INPUT', source, {
    zh: `数据字典中没有输入「${name}」${hint !== undefined ? `；是否应为「${hint}」？` : ''}`,
    en: `the data dictionary has no input '${name}'${hint !== undefined ? `; did you mean '${hint}'?` : ''}`,
  });
}
