import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { parse, stringify } from 'yaml';
import { runCases, type CaseRun } from '../cases/run-cases.ts';
import type { CountyResult } from '../model/evaluation.ts';
import type { Problem } from '../model/problem.ts';
import type { RuleSet } from '../model/ruleset.ts';
import { PROJECT_ROOT } from '../project-root.ts';
import { displayPath } from '../rules/display-path.ts';
import { loadRuleSet } from '../rules/load-ruleset.ts';
import { isInside } from './confine-path.ts';
import { applyEdits } from './preview-edits.ts';
import { scalarPath, type ScalarEdit } from './splice-scalar.ts';
import type { Workspace } from './workspace.ts';

/** A rule set id the workbench writes: the folder name, lower case, digits and hyphens. */
export const OVERLAY_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

export interface OverlayResult {
  dir?: string;
  files: string[];
  problems: Problem[];
  cases?: { run: number; failed: number; uncovered: string[] };
}

/**
 * 另存为地方规则集: writes a new rule set beside the current one that `extends` it and holds only what changed — an
 * indicator's patch file with the changed keys (`patch: true`), an area file with the changed limit — and, for each
 * changed indicator, a case of its own built on the base's cases that cover it, expecting the verdicts the new
 * thresholds give (for the officer to check), so that `junheng test` has something to hold the change to.
 */
export async function writeOverlay(
  workspace: Workspace,
  id: string,
  edits: readonly ScalarEdit[],
): Promise<OverlayResult> {
  const base = workspace.ruleset;
  const result: OverlayResult = { files: [], problems: [] };
  const dir = join(workspace.rulesRoot, id);
  if (!OVERLAY_ID.test(id) || !base) {
    result.problems.push(
      problem('SERVE_OVERLAY_ID', {
        zh: `规则集 id“${id}”不能用：只能用小写字母、数字和连字符（如 my-city-2017）`,
        en: `rule set id '${id}' cannot be used: lower-case letters, digits and hyphens only (e.g. my-city-2017)`,
      }),
    );
    return result;
  }
  if (existsSync(dir) || !isInside(workspace.rulesRoot, dir)) {
    result.problems.push(
      problem('SERVE_OVERLAY_EXISTS', {
        zh: `${displayPath(dir)} 已存在；请另取一个 id`,
        en: `${displayPath(dir)} already exists; choose another id`,
      }),
    );
    return result;
  }
  const applied = await applyEdits(workspace, edits);
  if (applied.problems.length > 0) return { ...result, problems: applied.problems };
  const files = new Map<string, string>();
  const changed = new Set<string>();
  const schemas = schemasFrom(dir);
  files.set(
    'ruleset.yaml',
    [
      `# yaml-language-server: $schema=${schemas}/ruleset.schema.json`,
      `# 在 ${base.id} 之上只改下列阈值（由工作台另存）。`,
      stringify(
        {
          id,
          title: { zh: `${base.title.zh}（地方修改）`, en: `${base.title.en} (local changes)` },
          document: { number: base.document.number, title: base.document.title },
          extends: base.id,
        },
        { lineWidth: 0 },
      ).trimEnd(),
      '',
    ].join('\n'),
  );
  for (const [path, original] of applied.originals) {
    const folder = basename(dirname(path));
    const own = edits.filter((e) => sameFile(e.file, path));
    if (/^area\.ya?ml$/i.test(basename(path))) {
      // An overlay's area file replaces the base's whole: the base's text with the changed limit spliced in.
      files.set(`${folder}/area.yaml`, applied.texts.get(path) as string);
      continue;
    }
    const data = parse(original) as Record<string, unknown>;
    const patch: Record<string, unknown> = { id: data['id'], patch: true };
    const notes: string[] = [];
    for (const edit of own) {
      const at = scalarPath(original, edit.line, edit.column);
      if (!at) continue;
      setPatch(patch, data, at, edit.value);
      notes.push(`# ${at.join('.')}：${JSON.stringify(valueAt(data, at))} → ${JSON.stringify(edit.value)}`);
    }
    changed.add(String(data['id']));
    files.set(
      `${folder}/${String(data['id'])}.yaml`,
      [
        `# yaml-language-server: $schema=${schemasFrom(join(dir, folder))}/indicator-patch.schema.json`,
        `# 由工作台另存：只改阈值，其余沿用 ${base.id}。`,
        ...notes,
        stringify(patch, { lineWidth: 0 }).trimEnd(),
        '',
      ].join('\n'),
    );
  }
  for (const [name, text] of files) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text, { flag: 'wx' });
    result.files.push(displayPath(join(dir, name)));
  }
  result.dir = displayPath(dir);
  // The folder exists before the rule set is read, so that the overlay's own cases are found.
  await mkdir(join(dir, 'cases'), { recursive: true });
  const loaded = await loadRuleSet(dir);
  result.problems.push(...loaded.problems);
  if (!loaded.ruleset) return result;
  await writeCases(dir, base, loaded.ruleset, changed, result);
  return result;
}

/** For each changed indicator, the base's cases that cover it, run under the overlay and written as its own. */
async function writeCases(
  dir: string,
  base: RuleSet,
  overlay: RuleSet,
  changed: Set<string>,
  result: OverlayResult,
): Promise<void> {
  const casesDir = join(dir, 'cases');
  const written: string[] = [];
  for (const caseDir of base.caseDirs) {
    if (!existsSync(caseDir)) continue;
    for (const name of (await readdir(caseDir))
      .filter((f) => /\.ya?ml$/.test(f) && !f.startsWith('_'))
      .sort()) {
      if (written.includes(name)) continue;
      const raw = parse(await readFile(join(caseDir, name), 'utf8')) as CaseHead | null;
      const covers = coveredBy(raw).filter((i) => changed.has(i));
      if (!raw || covers.length === 0) continue;
      const file = join(casesDir, name);
      const head = {
        name: `${raw.name}（${overlay.id}）`,
        base: relative(casesDir, join(caseDir, name)).split(sep).join('/'),
        covers,
      };
      await writeFile(file, stringify({ ...head, expect: {} }));
      const probe = await runCases(overlay, { filter: name });
      const county = probe.cases.find((c) => c.file.endsWith(name))?.result;
      if (!county) {
        await rm(file);
        continue;
      }
      await writeFile(
        file,
        [
          `# yaml-language-server: $schema=${schemasFrom(casesDir)}/case.schema.json`,
          `# 由工作台另存时写下：用 ${base.id} 的用例“${raw.name}”的数据，记下新阈值下的结论。请逐项核对后再用。`,
          stringify({ ...head, expect: expectations(county, covers) }, { lineWidth: 0 }).trimEnd(),
          '',
        ].join('\n'),
      );
      written.push(name);
      result.files.push(displayPath(file));
    }
  }
  const run: CaseRun = await runCases(overlay);
  result.cases = {
    run: run.cases.length,
    failed: run.cases.filter((c) => c.failures.length > 0 || c.problems.length > 0).length,
    uncovered: run.uncovered,
  };
}

interface CaseHead {
  name: string;
  covers?: string[];
  expect?: { indicators?: Record<string, unknown>; subjects?: { indicator?: string }[] };
}

function coveredBy(raw: CaseHead | null): string[] {
  if (!raw) return [];
  return [
    ...new Set([
      ...(raw.covers ?? []),
      ...Object.keys(raw.expect?.indicators ?? {}),
      ...(raw.expect?.subjects ?? []).flatMap((s) => (s.indicator ? [s.indicator] : [])),
    ]),
  ];
}

/** The verdicts the overlay gives in a case: the county, and each subject of the changed indicators. */
function expectations(county: CountyResult, covers: string[]): Record<string, unknown> {
  const indicators: Record<string, string> = {};
  const subjects: Record<string, unknown>[] = [];
  for (const indicator of county.indicators.filter((i) => covers.includes(i.indicator))) {
    indicators[indicator.indicator] = indicator.verdict;
    for (const member of indicator.members) {
      for (const check of member.checks) {
        const row: Record<string, unknown> = { subject: member.subject.key, indicator: indicator.indicator };
        if (member.checks.length > 1) row['check'] = check.check;
        row['verdict'] = check.verdict;
        if (check.threshold) row['threshold'] = check.threshold.text;
        subjects.push(row);
      }
    }
  }
  return { county: county.verdict, indicators, subjects };
}

function setPatch(
  patch: Record<string, unknown>,
  data: unknown,
  path: (string | number)[],
  value: string,
): void {
  let target: Record<string, unknown> | unknown[] = patch;
  let source: unknown = data;
  path.forEach((segment, i) => {
    const last = i === path.length - 1;
    const next: unknown = (source as Record<string | number, unknown> | undefined)?.[segment];
    if (typeof segment === 'number') {
      // `checks` merge by id: the patch names the check it changes.
      const list = target as unknown[];
      const id = (next as { id?: unknown } | undefined)?.id;
      let item = list.find((c) => (c as { id?: unknown }).id === id) as Record<string, unknown> | undefined;
      if (!item) {
        item = { id };
        list.push(item);
      }
      target = item;
    } else if (last) {
      (target as Record<string, unknown>)[segment] = value;
    } else {
      const object = target as Record<string, unknown>;
      object[segment] ??= typeof path[i + 1] === 'number' ? [] : {};
      target = object[segment] as Record<string, unknown> | unknown[];
    }
    source = next;
  });
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>(
    (node, key) => (node as Record<string | number, unknown> | undefined)?.[key],
    data,
  );
}

/** The schemas folder as a path relative to `dir`, for the `$schema` line editors read. */
function schemasFrom(dir: string): string {
  return relative(dir, join(PROJECT_ROOT, 'schemas')).split(sep).join('/');
}

function sameFile(file: string, path: string): boolean {
  return isInside(path, file) && isInside(file, path);
}

function problem(code: string, message: { zh: string; en: string }): Problem {
  return { code, severity: 'error', message };
}
