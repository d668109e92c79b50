import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { Problem } from '../model/problem.ts';
import type { Area, Indicator, RuleSet, RuleSetDocument, RuleSetLayer } from '../model/ruleset.ts';
import { nearestName } from '../text/nearest-name.ts';
import { buildArea } from './build-area.ts';
import { buildIndicator } from './build-indicator.ts';
import { checkAreaListings } from './check-area-listing.ts';
import { displayPath } from './display-path.ts';
import { hashRuleSet } from './hash-ruleset.ts';
import { buildInputDictionary } from './load-inputs.ts';
import {
  listBundledRuleSets,
  realFolder,
  resolveExtends,
  resolveRuleSetDir,
  rulesRoots,
  within,
} from './locate-ruleset.ts';
import { mergeLayers } from './merge-layers.ts';
import { readLayer, readRuleFile, type Layer, type RawRuleSet, type ReadRuleFile } from './read-layer.ts';
import { parseYamlText, type YamlFile } from './read-yaml.ts';
import { ruleProblem } from './rule-problem.ts';

export interface LoadRuleSetResult {
  ruleset?: RuleSet;
  problems: Problem[];
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
  const read: ReadRuleFile = (path) => {
    const text = options.texts?.get(resolve(path));
    return text === undefined ? readRuleFile(path) : Promise.resolve(parseYamlText(text, displayPath(path)));
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

function assemble(layers: Layer[], problems: Problem[]): { ruleset?: RuleSet } {
  const top = layers[layers.length - 1] as Layer;
  const topRaw = top.ruleset.data as RawRuleSet;
  const inputFiles = layers.flatMap((l) => (l.inputs ? [l.inputs] : []));
  const { dictionary, problems: inputProblems } = buildInputDictionary(inputFiles);
  problems.push(...inputProblems);

  const { indicatorFiles, areaFiles, areaOrder, removed } = mergeLayers(layers, problems);

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

  checkAreaListings(areas, indicators, indicatorFiles, areaFiles, broken, problems);
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

