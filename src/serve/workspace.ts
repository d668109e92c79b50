import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { unionDictionary } from '../compare/union-dictionary.ts';
import { loadDataset } from '../data/load-dataset.ts';
import { isWorkbookPath, loadWorkbookDataset } from '../data/load-workbook-dataset.ts';
import { declaredChoices } from '../data/workbook-layout.ts';
import { evaluateDataset } from '../engine/evaluate-dataset.ts';
import type { Dataset } from '../model/dataset.ts';
import type { Evaluation } from '../model/evaluation.ts';
import type { Problem } from '../model/problem.ts';
import type { RuleSet } from '../model/ruleset.ts';
import type { Lang } from '../model/text.ts';
import { loadRuleSet } from '../rules/load-ruleset.ts';
import { resolveRuleSetDir } from '../rules/locate-ruleset.ts';
import { REPORT_FILES, writeReports } from '../report/write-reports.ts';
import { removeOnInterrupt } from '../files/write-atomic.ts';
import { displayPath } from '../rules/display-path.ts';
import { confine, isInside, realPath } from './confine-path.ts';
import { viewProblems, type ProblemView } from './problem-view.ts';

/** The most files, and the deepest path, of a dataset folder uploaded from the page. */
const MAX_FOLDER_FILES = 500;
const MAX_FOLDER_DEPTH = 5;

/** What `junheng serve` was started with. */
export interface WorkspaceOptions {
  rules: string;
  data: string;
}

/** The dataset the page works on, where it came from, and what reading it found. */
export interface DataState {
  label: string;
  origin: 'started' | 'folder' | 'upload';
  problems: ProblemView[];
  dataset?: Dataset;
  evaluation?: Evaluation;
  /** The folders the five report files of the evaluation were written to, by language. */
  reports: Partial<Record<Lang, string>>;
  datasetPath: string;
}

/**
 * One workbench session: the rule set and the dataset it was started with, the folders it may read and write (and no
 * others), the last evaluation and its report files. Everything the page shows is computed here by the engine.
 */
export class Workspace {
  readonly rulesDir: string;
  /** The folder that holds the rule set: saving and overlays write only inside it. */
  readonly rulesRoot: string;
  /** The data folder it was started with: datasets are chosen only inside it. */
  readonly dataRoot: string;
  ruleset?: RuleSet;
  ruleProblems: ProblemView[] = [];
  data?: DataState;
  private scratch?: string;
  private scratchGuard?: { release(): void };
  private readonly startedData: string;

  constructor(options: WorkspaceOptions) {
    this.rulesDir = realPath(resolveRuleSetDir(options.rules));
    this.rulesRoot = dirname(this.rulesDir);
    const data = realPath(options.data);
    this.startedData = data;
    this.dataRoot = dirname(data);
  }

  /** The folders files may be read from: the rules folder and every folder of the rule set's extends chain. */
  readRoots(): string[] {
    const layers = (this.ruleset?.layers ?? []).map((l) => realPath(l.dir));
    return [this.rulesRoot, ...layers];
  }

  /** A temporary folder of this session for uploads and report files, removed when the server stops. */
  async scratchDir(): Promise<string> {
    if (!this.scratch) {
      this.scratch = await mkdtemp(join(tmpdir(), 'junheng-serve-'));
      this.scratchGuard = removeOnInterrupt(this.scratch);
    }
    return this.scratch;
  }

  async close(): Promise<void> {
    if (this.scratch) await rm(this.scratch, { recursive: true, force: true });
    this.scratchGuard?.release();
  }

  /** (Re)loads the rule set from disk and evaluates the current dataset under it. */
  async loadRules(): Promise<void> {
    const { ruleset, problems } = await loadRuleSet(this.rulesDir);
    this.ruleProblems = viewProblems(problems);
    if (ruleset && !problems.some((p) => p.severity === 'error')) this.ruleset = ruleset;
    else delete this.ruleset;
    if (this.data) await this.useDataset(this.data.datasetPath, this.data.origin, this.data.label);
  }

  /** The datasets inside the data folder: folders with dataset.yaml and workbooks. */
  async listDatasets(): Promise<string[]> {
    const entries = await readdir(this.dataRoot, { withFileTypes: true }).catch(() => []);
    return entries
      .filter((e) =>
        e.isDirectory() ? existsSync(join(this.dataRoot, e.name, 'dataset.yaml')) : isWorkbookPath(e.name),
      )
      .map((e) => e.name)
      .sort();
  }

  /** Chooses a dataset of the data folder by name. Undefined when the name leads outside it. */
  async chooseDataset(name: string): Promise<DataState | undefined> {
    const path = confine([this.dataRoot], join(this.dataRoot, basename(name)));
    if (!path || !(await this.listDatasets()).includes(basename(name))) return undefined;
    return this.useDataset(path, 'folder', basename(name));
  }

  /** Evaluates an uploaded workbook (kept in the session's temporary folder). */
  async useUpload(bytes: Uint8Array, name: string): Promise<DataState> {
    const dir = await this.scratchDir();
    const safe = `${basename(name, extname(name)).replace(/[^\p{L}\p{N}_.-]+/gu, '_') || 'upload'}.xlsx`;
    const path = join(dir, 'uploads', safe);
    await rm(join(dir, 'uploads'), { recursive: true, force: true });
    await mkdir(join(dir, 'uploads'), { recursive: true });
    await writeFile(path, bytes);
    return this.useDataset(path, 'upload', basename(name));
  }

  /**
   * Evaluates a dataset folder the officer chose in the page: its files, by their paths inside the folder, are written
   * into the session's temporary folder. A path that would lead out of it, or a file of a kind a dataset does not
   * have, refuses the whole folder.
   */
  async useUploadedFolder(
    files: readonly { path: string; bytes: Uint8Array }[],
  ): Promise<DataState | Problem[]> {
    const first = files[0]?.path.split('/')[0] ?? '';
    const bad = files.filter(
      (f) =>
        f.path.split('/')[0] !== first ||
        !f.path
          .split('/')
          .every((part) => part !== '.' && part !== '..' && /^[\p{L}\p{N}_. ()（）-]+$/u.test(part)) ||
        f.path.split('/').length > MAX_FOLDER_DEPTH,
    );
    if (files.length === 0 || files.length > MAX_FOLDER_FILES || bad.length > 0) {
      return [
        {
          code: 'SERVE_UPLOAD_FOLDER_REFUSED',
          severity: 'error',
          file: bad[0]?.path ?? first,
          message: {
            zh: `不能读取这个文件夹：${bad[0] ? `路径“${bad[0].path}”不是文件夹内的普通文件名` : `应有 1 至 ${MAX_FOLDER_FILES} 个文件`}`,
            en: `this folder cannot be read: ${bad[0] ? `the path '${bad[0].path}' is not a plain name inside the folder` : `it needs 1 to ${MAX_FOLDER_FILES} files`}`,
          },
        },
      ];
    }
    const dir = join(await this.scratchDir(), 'uploads');
    await rm(dir, { recursive: true, force: true });
    // Only the files a dataset is made of; anything else the folder holds (a .DS_Store, a draft) is left out.
    for (const file of files.filter((f) => /\.(ya?ml|csv|xlsx|json)$/i.test(f.path))) {
      const path = join(dir, ...file.path.split('/'));
      if (!isInside(dir, path)) continue;
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.bytes);
    }
    return this.useDataset(join(dir, first), 'upload', first);
  }

  /** The started dataset. */
  async useStarted(): Promise<DataState> {
    return this.useDataset(this.startedData, 'started', basename(this.startedData));
  }

  private async useDataset(path: string, origin: DataState['origin'], label: string): Promise<DataState> {
    const state: DataState = { label, origin, problems: [], datasetPath: path, reports: {} };
    this.data = state;
    const ruleset = this.ruleset;
    if (!ruleset) return state;
    if (!isWorkbookPath(path) && !existsSync(join(path, 'dataset.yaml'))) {
      state.problems = viewProblems([
        {
          code: 'DATASET_NOT_FOUND',
          severity: 'error',
          file: label,
          message: {
            zh: `找不到数据集 ${label}（数据集是含 dataset.yaml 的文件夹，或一个 .xlsx 填报工作簿）`,
            en: `no dataset at ${label} (a dataset is a folder with dataset.yaml, or one .xlsx workbook)`,
          },
        },
      ]);
      return state;
    }
    const { dataset, problems } = isWorkbookPath(path)
      ? await loadWorkbookDataset(path, ruleset.inputs, declaredChoices(ruleset))
      : await loadDataset(path, ruleset.inputs);
    // An upload is read from the session's temporary folder: its messages name the file as the officer chose it.
    state.problems =
      origin === 'upload'
        ? renamePath(viewProblems(problems), displayPath(path), label)
        : viewProblems(problems);
    if (!dataset) return state;
    state.dataset = dataset;
    state.evaluation = await evaluateDataset(ruleset, dataset);
    return state;
  }

  /** One of the five report files of the current evaluation, by its file name. */
  async reportFile(name: string, lang: Lang): Promise<Buffer | undefined> {
    const data = this.data;
    if (!data?.evaluation || !(Object.values(REPORT_FILES) as string[]).includes(name)) return undefined;
    let dir = data.reports[lang];
    if (!dir) {
      dir = join(await this.scratchDir(), `reports-${lang}-${Date.now()}`);
      await writeReports(data.evaluation, Object.keys(REPORT_FILES), dir, lang);
      data.reports[lang] = dir;
    }
    return readFile(join(dir, name));
  }

  /** A rule file's text, when it lies inside the folders this session may read. */
  async readRuleFile(file: string): Promise<{ path: string; text: string } | undefined> {
    const path = confine(this.readRoots(), resolve(file));
    if (!path || !/\.ya?ml$/i.test(path) || !(await stat(path).catch(() => undefined))?.isFile())
      return undefined;
    return { path, text: await readFile(path, 'utf8') };
  }

  /** The dictionary a second rule set's evaluation of the same dataset needs. */
  unionWith(other: RuleSet): RuleSet['inputs'] | undefined {
    if (!this.ruleset) return undefined;
    const union = unionDictionary(this.ruleset.inputs, other.inputs);
    return union.problems.length > 0 ? undefined : union.dictionary;
  }
}

function renamePath(problems: ProblemView[], path: string, name: string): ProblemView[] {
  const quoted = JSON.stringify(path).slice(1, -1);
  return JSON.parse(
    JSON.stringify(problems).split(quoted).join(JSON.stringify(name).slice(1, -1)),
  ) as ProblemView[];
}
