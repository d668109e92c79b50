import { existsSync, realpathSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Problem } from '../model/problem.ts';
import type { Area, Indicator, RuleSet, RuleSetDocument, RuleSetLayer } from '../model/ruleset.ts';
import type { Text } from '../model/text.ts';
import { PROJECT_ROOT } from '../project-root.ts';
import { nearestName } from '../text/nearest-name.ts';
import { buildArea } from './build-area.ts';
import { buildIndicator } from './build-indicator.ts';
import { canonicalJson, sha256 } from './canonical-json.ts';
import { displayPath } from './display-path.ts';
import { buildInputDictionary } from './load-inputs.ts';
import { patchYaml } from './merge-layers.ts';
import { parseYamlText, readYamlFile, type YamlFile } from './read-yaml.ts';
import { ruleProblem } from './rule-problem.ts';
import { validateAgainstSchema } from './validate-schema.ts';

export interface LoadRuleSetResult {
  ruleset?: RuleSet;
  problems: Problem[];
}

interface RawRuleSet {
  id: string;
  title: Text;
  description?: Text;
  document: { number: string; title: Text; issued?: string; effective?: string };
  extends?: string;
  areas?: string[];
  remove?: string[];
}

/** One folder of the `extends` chain, read but not yet merged. */
interface Layer {
  dir: string;
  ruleset: YamlFile;
  inputs?: YamlFile;
  areas: Map<string, YamlFile>;
  /** area folder → indicator files of the folder */
  indicators: Map<string, { area: string; id: string; yaml: YamlFile }>;
  /** Files that could not be read or failed their schema (already reported): not to be reported again as missing. */
  broken: Set<string>;
  cases?: string;
}

/** The folder of a rule set named by id (`national-2017`) or by path. */
export function resolveRuleSetDir(ref: string): string {
  if (isAbsolute(ref) || ref.includes('/') || ref.includes('\\') || existsSync(join(ref, 'ruleset.yaml'))) {
    return resolve(ref);
  }
  return join(PROJECT_ROOT, 'rules', ref);
}

/** `extends` names a bundled rule set by id, or a folder relative to the rule set that extends it. */
function resolveExtends(ref: string, from: string): string {
  if (ref.includes('/') || ref.includes('\\')) return resolve(from, ref);
  const sibling = join(from, '..', ref);
  return existsSync(join(sibling, 'ruleset.yaml')) ? sibling : resolveRuleSetDir(ref);
}

/** The real path of a folder (through symbolic links), or the path itself when it does not exist. */
function realFolder(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** True when `path` is `root` or lies below it. */
function within(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * The folders an `extends` may reach, by real path: the bundled rules/ folder, the working folder, and the folder
 * that holds the rule set being loaded. `extends` names a rule set, not an arbitrary place on disk.
 */
function rulesRoots(top: string): string[] {
  return [join(PROJECT_ROOT, 'rules'), process.cwd(), join(top, '..')].map(realFolder);
}

/** The ids of the rule sets bundled in rules/. */
export async function listBundledRuleSets(): Promise<string[]> {
  const entries = await readdir(join(PROJECT_ROOT, 'rules'), { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && existsSync(join(PROJECT_ROOT, 'rules', e.name, 'ruleset.yaml')))
    .map((e) => e.name)
    .sort();
}

/** How a rule set is loaded. */
export interface LoadRuleSetOptions {
  /**
   * Texts to read instead of the files on disk, by absolute path: an edit not yet saved is checked and judged exactly
   * as the file would be once written.
   */
  texts?: ReadonlyMap<string, string>;
}

/**
 * Loads a rule set: reads every file of it (and of the rule sets it extends), validates each against its JSON
 * Schema, proves every formula and threshold against the data dictionary, and reports all problems in one go.
 */
export async function loadRuleSet(ref: string, options: LoadRuleSetOptions = {}): Promise<LoadRuleSetResult> {
  const read = (path: string) => {
    const text = options.texts?.get(resolve(path));
    return text === undefined ? readYamlFile(path, displayPath(path)) : Promise.resolve(parseYamlText(text, displayPath(path)));
  };
  const problems: Problem[] = [];
  const layers: Layer[] = [];
  const seen: string[] = [];
  let current: string | undefined = resolveRuleSetDir(ref);
  let referrer: { yaml: YamlFile } | undefined;
  while (current) {
    if (seen.includes(current)) {
      const chain = [...seen, current].map(displayPath).join(' → ');
      problems.push(
        referrer
          ? ruleProblem('EXTENDS_CYCLE', referrer.yaml, ['extends'], {
              zh: `规则集的 extends 形成循环：${chain}`,
              en: `the rule sets' extends form a cycle: ${chain}`,
            })
          : { code: 'EXTENDS_CYCLE', severity: 'error', message: { zh: `extends 循环：${chain}`, en: `extends cycle: ${chain}` } },
      );
      return { problems };
    }
    seen.push(current);
    if (!existsSync(join(current, 'ruleset.yaml'))) {
      const bundled = await listBundledRuleSets().catch(() => []);
      const near = nearestName(ref, bundled);
      const problem: Problem = {
        code: 'RULESET_NOT_FOUND',
        severity: 'error',
        file: displayPath(current),
        message: {
          zh: `找不到规则集 ${displayPath(current)}（缺少 ruleset.yaml）${near ? `；是否应为“${near}”？` : ''}内置规则集：${bundled.join('、')}`,
          en: `rule set not found: ${displayPath(current)} (no ruleset.yaml)${near ? `; did you mean '${near}'?` : ''} Bundled: ${bundled.join(', ')}`,
        },
      };
      if (referrer) {
        const pos = referrer.yaml.locate(['extends']);
        Object.assign(problem, { file: referrer.yaml.file, line: pos.line, column: pos.column });
      }
      problems.push(problem);
      return { problems };
    }
    const layer = await readLayer(current, problems, read);
    if (!layer) return { problems };
    layers.unshift(layer);
    const raw = layer.ruleset.data as RawRuleSet;
    referrer = { yaml: layer.ruleset };
    current = raw.extends ? resolveExtends(raw.extends, current) : undefined;
    if (current !== undefined && raw.extends !== undefined) {
      const real = realFolder(current);
      const roots = rulesRoots(seen[0] ?? current);
      if (isAbsolute(raw.extends) || !roots.some((root) => within(root, real))) {
        problems.push(
          ruleProblem('EXTENDS_OUTSIDE_ROOT', layer.ruleset, ['extends'], {
            zh: `extends“${raw.extends}”指向规则集目录之外（${real}）；extends 只能写规则集的 id，或本规则集所在文件夹、工作目录、内置 rules/ 之内的规则集文件夹（符号链接按实际位置判断）`,
            en: `extends "${raw.extends}" points outside the rule sets' folders (${real}); extends names a rule set by id, or a rule set folder inside the folder of this rule set, the working folder or the bundled rules/ (symbolic links count where they lead)`,
          }),
        );
        return { problems };
      }
      current = real;
    }
  }
  // Go on past broken indicator files, so that one run reports every problem; stop only without a dictionary.
  if (!layers.some((l) => l.inputs) || layers.some((l) => l.broken.has('inputs'))) return { problems };
  const assembled = assemble(layers, problems);
  if (problems.some((p) => p.severity === 'error')) return { problems };
  return { ...assembled, problems };
}

type ReadRuleFile = (path: string) => Promise<{ yaml?: YamlFile; problems: Problem[] }>;

async function readLayer(dir: string, problems: Problem[], read: ReadRuleFile): Promise<Layer | undefined> {
  const rulesetFile = await readChecked(join(dir, 'ruleset.yaml'), 'ruleset', problems, read);
  if (!rulesetFile) return undefined;
  const raw = rulesetFile.data as RawRuleSet;
  const layer: Layer = { dir, ruleset: rulesetFile, areas: new Map(), indicators: new Map(), broken: new Set() };
  const folderId = dir.split(/[\\/]/).filter(Boolean).pop();
  if (raw.id !== folderId) {
    problems.push(
      ruleProblem('RULE_ID_MISMATCH', rulesetFile, ['id'], {
        zh: `规则集 id“${raw.id}”与文件夹名“${folderId}”不一致`,
        en: `rule set id '${raw.id}' does not match its folder '${folderId}'`,
      }),
    );
  }
  if (existsSync(join(dir, 'inputs.yaml'))) {
    const inputs = await readChecked(join(dir, 'inputs.yaml'), 'inputs', problems, read);
    if (inputs) layer.inputs = inputs;
    else layer.broken.add('inputs');
  } else if (!raw.extends) {
    problems.push({
      code: 'FILE_NOT_FOUND',
      severity: 'error',
      file: displayPath(join(dir, 'inputs.yaml')),
      message: { zh: '规则集缺少数据字典 inputs.yaml', en: 'the rule set has no data dictionary inputs.yaml' },
    });
  }
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name === 'cases') {
      layer.cases = join(dir, 'cases');
      continue;
    }
    const folder = join(dir, entry.name);
    const files = (await readdir(folder)).filter((f) => /\.ya?ml$/i.test(f)).sort();
    for (const name of files) {
      const path = join(folder, name);
      if (!statSync(path).isFile()) continue;
      if (/^area\.ya?ml$/i.test(name)) {
        const area = await readChecked(path, 'area', problems, read);
        if (area) layer.areas.set(entry.name, area);
        else layer.broken.add(`area:${entry.name}`);
        continue;
      }
      const id = name.replace(/\.ya?ml$/i, '');
      const file = await read(path);
      problems.push(...file.problems);
      if (!file.yaml) {
        layer.broken.add(id);
        continue;
      }
      const isPatch = (file.yaml.data as { patch?: unknown } | null)?.patch === true;
      // A patch is checked as written (nothing required, null removes a key), and again once merged into its base.
      const schemaProblems = validateAgainstSchema(file.yaml, isPatch ? 'indicator-patch' : 'indicator');
      problems.push(...schemaProblems);
      if (schemaProblems.length > 0) {
        layer.broken.add(id);
        continue;
      }
      const previous = layer.indicators.get(id);
      if (previous) {
        problems.push(
          ruleProblem('RULE_DUPLICATE_ID', file.yaml, ['id'], {
            zh: `指标 ${id} 在 ${previous.yaml.file} 和 ${file.yaml.file} 中重复定义`,
            en: `indicator ${id} is defined twice: ${previous.yaml.file} and ${file.yaml.file}`,
          }),
        );
        continue;
      }
      layer.indicators.set(id, { area: entry.name, id, yaml: file.yaml });
    }
  }
  return layer;
}

async function readChecked(
  path: string,
  schema: 'ruleset' | 'inputs' | 'area',
  problems: Problem[],
  read: ReadRuleFile,
): Promise<YamlFile | undefined> {
  const file = await read(path);
  problems.push(...file.problems);
  if (!file.yaml) return undefined;
  const schemaProblems = validateAgainstSchema(file.yaml, schema);
  problems.push(...schemaProblems);
  return schemaProblems.length > 0 ? undefined : file.yaml;
}

function assemble(layers: Layer[], problems: Problem[]): { ruleset?: RuleSet } {
  const top = layers[layers.length - 1] as Layer;
  const topRaw = top.ruleset.data as RawRuleSet;
  const inputFiles = layers.flatMap((l) => (l.inputs ? [l.inputs] : []));
  const { dictionary, problems: inputProblems } = buildInputDictionary(inputFiles);
  problems.push(...inputProblems);

  // Merge the layers: later layers replace (or patch) indicators and areas by id, and may remove indicators.
  const indicatorFiles = new Map<string, { area: string; yaml: YamlFile; origin: string; files: string[] }>();
  const areaFiles = new Map<string, YamlFile>();
  let areaOrder: string[] = [];
  const removed = new Set<string>();
  for (const layer of layers) {
    const raw = layer.ruleset.data as RawRuleSet;
    const origin = raw.id;
    if (raw.areas) areaOrder = raw.areas;
    for (const id of raw.remove ?? []) {
      if (!indicatorFiles.has(id)) {
        problems.push(
          ruleProblem('OVERLAY_UNKNOWN_INDICATOR', layer.ruleset, ['remove'], {
            zh: `remove 中的指标 ${id} 在被继承的规则集中不存在`,
            en: `indicator ${id} in remove does not exist in the rule set extended`,
          }),
        );
      }
      indicatorFiles.delete(id);
      removed.add(id);
    }
    for (const [folder, yaml] of layer.areas) areaFiles.set(folder, yaml);
    for (const [id, entry] of layer.indicators) {
      const isPatch = (entry.yaml.data as { patch?: unknown }).patch === true;
      const base = indicatorFiles.get(id);
      if (isPatch) {
        if (!base) {
          problems.push(
            ruleProblem('OVERLAY_UNKNOWN_INDICATOR', entry.yaml, ['id'], {
              zh: `补丁文件 ${entry.yaml.file} 修改的指标 ${id} 在被继承的规则集中不存在`,
              en: `patch ${entry.yaml.file} changes indicator ${id}, which the extended rule set does not have`,
            }),
          );
          continue;
        }
        const merged = patchYaml(base.yaml, entry.yaml);
        const schemaProblems = validateAgainstSchema(merged, 'indicator');
        problems.push(...schemaProblems);
        if (schemaProblems.length === 0)
          indicatorFiles.set(id, { area: base.area, yaml: merged, origin, files: [...base.files, entry.yaml.file] });
      } else {
        indicatorFiles.set(id, { area: entry.area, yaml: entry.yaml, origin, files: [entry.yaml.file] });
      }
    }
  }

  const broken = new Set(layers.flatMap((l) => [...l.broken]));
  const areas: Area[] = [];
  for (const folder of areaOrder) {
    const yaml = areaFiles.get(folder);
    if (!yaml && broken.has(`area:${folder}`)) continue;
    if (!yaml) {
      problems.push(
        ruleProblem('AREA_NOT_FOUND', top.ruleset, ['areas'], {
          zh: `ruleset.yaml 列出的领域“${folder}”没有 ${folder}/area.yaml`,
          en: `area '${folder}' listed in ruleset.yaml has no ${folder}/area.yaml`,
        }),
      );
      continue;
    }
    const built = buildArea(yaml, folder, dictionary);
    problems.push(...built.problems);
    if (built.area) {
      built.area.indicators = built.area.indicators.filter((id) => !removed.has(id));
      areas.push(built.area);
    }
  }

  const indicators: Indicator[] = [];
  for (const [id, entry] of indicatorFiles) {
    if (!areaOrder.includes(entry.area)) {
      problems.push(
        ruleProblem('AREA_NOT_FOUND', entry.yaml, ['id'], {
          zh: `指标 ${id} 所在的文件夹“${entry.area}”没有列在 ruleset.yaml 的 areas 中`,
          en: `indicator ${id} is in folder '${entry.area}', which ruleset.yaml does not list in areas`,
        }),
      );
      continue;
    }
    const built = buildIndicator(entry.yaml, entry.area, id, dictionary);
    problems.push(...built.problems);
    if (built.indicator) {
      if (layers.length > 1) built.indicator.origin = entry.origin;
      if (entry.files.length > 1) built.indicator.files = entry.files;
      indicators.push(built.indicator);
    }
  }

  // Every indicator an area lists must exist in that area; every counting indicator must be listed.
  for (const area of areas) {
    const areaYaml = areaFiles.get(area.id) as YamlFile;
    area.indicators.forEach((id, i) => {
      const entry = indicatorFiles.get(id);
      if (!entry && broken.has(id)) return;
      if (!entry || entry.area !== area.id) {
        const near = nearestName(
          id,
          [...indicatorFiles.entries()].filter(([, e]) => e.area === area.id).map(([k]) => k),
        );
        problems.push(
          ruleProblem('AREA_INDICATOR_MISSING', areaYaml, ['indicators', i], {
            zh: `领域 ${area.id} 列出的指标 ${id} 在 ${area.id}/ 中没有文件 ${id}.yaml${near ? `；是否应为“${near}”？` : ''}`,
            en: `area ${area.id} lists indicator ${id}, but ${area.id}/${id}.yaml does not exist${near ? `; did you mean '${near}'?` : ''}`,
          }),
        );
      }
    });
  }
  for (const indicator of indicators) {
    const area = areas.find((a) => a.id === indicator.area);
    if (indicator.role === 'indicator' && area && !area.indicators.includes(indicator.id)) {
      problems.push({
        code: 'AREA_INDICATOR_UNLISTED',
        severity: 'error',
        file: indicator.file,
        line: indicator.at.line ?? 1,
        column: 1,
        message: {
          zh: `指标 ${indicator.id} 不在 ${area.id}/area.yaml 的 indicators 列表中；要么加入列表，要么标明 role: precondition 或 role: veto`,
          en: `indicator ${indicator.id} is not listed in ${area.id}/area.yaml; list it, or mark it role: precondition or role: veto`,
        },
      });
    }
    if (indicator.role === 'measure' && !area?.indicators.includes(indicator.id)) {
      problems.push({
        code: 'AREA_INDICATOR_UNLISTED',
        severity: 'error',
        file: indicator.file,
        line: indicator.at.line ?? 1,
        column: 1,
        message: {
          zh: `指标 ${indicator.id} 是 measure（只计入差异系数），必须列在 ${indicator.area}/area.yaml 的 indicators 中`,
          en: `indicator ${indicator.id} is a measure (it only feeds the dispersion) and must be listed in ${indicator.area}/area.yaml`,
        },
      });
    }
    if (indicator.role === 'measure' && area && !area.dispersion) {
      problems.push({
        code: 'MEASURE_WITHOUT_DISPERSION',
        severity: 'error',
        file: indicator.file,
        line: indicator.at.line ?? 1,
        column: 1,
        message: {
          zh: `指标 ${indicator.id} 是 measure，不单独判定，只计入差异系数；但领域 ${area.id} 没有 dispersion，它将不起任何作用`,
          en: `indicator ${indicator.id} is a measure, judged only through its area's dispersion, but area ${area.id} has no dispersion, so it would count for nothing`,
        },
      });
    }
    if (
      indicator.role !== 'indicator' &&
      indicator.role !== 'measure' &&
      area?.indicators.includes(indicator.id)
    ) {
      problems.push({
        code: 'AREA_INDICATOR_ROLE',
        severity: 'error',
        file: indicator.file,
        line: indicator.at.line ?? 1,
        column: 1,
        message: {
          zh: `指标 ${indicator.id} 是 ${indicator.role}，不应列在 ${area.id}/area.yaml 的 indicators 中`,
          en: `indicator ${indicator.id} is a ${indicator.role} and must not be listed in ${area.id}/area.yaml`,
        },
      });
    }
  }
  if (problems.some((p) => p.severity === 'error')) return {};

  // Order indicators as the areas list them, then preconditions and vetoes.
  const order = new Map<string, number>();
  areas.forEach((a, ai) => a.indicators.forEach((id, ii) => order.set(id, ai * 1000 + ii)));
  indicators.sort((a, b) => (order.get(a.id) ?? 1e9) - (order.get(b.id) ?? 1e9) || a.id.localeCompare(b.id));

  const document: RuleSetDocument = { number: topRaw.document.number, title: topRaw.document.title };
  if (topRaw.document.issued) document.issued = topRaw.document.issued;
  if (topRaw.document.effective) document.effective = topRaw.document.effective;
  const ruleset: RuleSet = {
    id: topRaw.id,
    title: topRaw.title,
    document,
    areas,
    indicators,
    inputs: dictionary,
    dir: displayPath(top.dir),
    hash: '',
    caseDirs: layers.flatMap((l) => (l.cases ? [l.cases] : [])).reverse(),
    layers: layers.map((l) => {
      const layer: RuleSetLayer = { id: (l.ruleset.data as RawRuleSet).id, dir: displayPath(l.dir) };
      if (l.cases) layer.cases = l.cases;
      return layer;
    }),
  };
  if (topRaw.description) ruleset.description = topRaw.description;
  if (topRaw.extends) ruleset.extends = topRaw.extends;
  ruleset.hash = hashRuleSet(ruleset);
  return { ruleset };
}

/** The content hash of a resolved rule set: its meaning, not where its files lie. */
export function hashRuleSet(ruleset: RuleSet): string {
  return sha256(
    canonicalJson(
      { ...ruleset, hash: undefined },
      new Set(['at', 'file', 'files', 'dir', 'caseDirs', 'node', 'layers', 'origin']),
    ),
  );
}
