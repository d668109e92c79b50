import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { diffRuleSets } from '../compare/diff-rulesets.ts';
import { renderDiffText } from '../compare/render-diff.ts';
import { compareEvaluations } from '../compare/compare-evaluations.ts';
import { renderComparisonText } from '../compare/render-comparison.ts';
import { evaluateDataset } from '../engine/evaluate-dataset.ts';
import { CompiledEvaluator } from '../engine/compiled-evaluator.ts';
import { writeFileAtomic } from '../files/write-atomic.ts';
import { limits } from '../limits.ts';
import type { Evaluation } from '../model/evaluation.ts';
import { renderHtml } from '../report/render-html.ts';
import { REPORT_FILES } from '../report/write-reports.ts';
import { displayPath } from '../rules/display-path.ts';
import { loadRuleSet } from '../rules/load-ruleset.ts';
import { isInside } from './confine-path.ts';
import { guardRequests } from './guard-requests.ts';
import { PAGE_POLICY, REPORT_POLICY, renderPage } from './page.ts';
import { evaluateForPreview, previewEdits } from './preview-edits.ts';
import { viewProblems } from './problem-view.ts';
import { buildRuleTable } from './rule-table.ts';
import { saveEdits } from './save-edits.ts';
import { readSchemaHints } from './schema-hints.ts';
import type { Workspace } from './workspace.ts';
import { writeOverlay } from './write-overlay.ts';
import { badRequest, JSON_LIMIT, langOf, readEdits, refused, tooLarge } from './responses.ts';
import { chooseRuleSet, ruleFiles, ruleSetChoices } from './rule-set-files.ts';

const ASSETS: Record<string, string> = {
  'workbench.js': 'text/javascript; charset=utf-8',
  'workbench.css': 'text/css; charset=utf-8',
};

export interface AppOptions {
  workspace: Workspace;
  token: string;
  port: () => number;
  /** The folder of the page's bundled script and style (dist/web). */
  assets: string;
}

/** The workbench's routes. Every read and write goes through the workspace, which keeps to its folders. */
export function buildApp({ workspace, token, port, assets }: AppOptions): Hono {
  const app = new Hono();
  let before: { key: string; evaluation: Promise<Evaluation | undefined> } | undefined;
  const baseline = (): Promise<Evaluation | undefined> => {
    const key = `${workspace.ruleset?.hash}:${workspace.data?.dataset?.hash}:${workspace.data?.datasetPath}`;
    if (before?.key !== key) before = { key, evaluation: evaluateForPreview(workspace) };
    return before.evaluation;
  };
  app.use('*', guardRequests(port, token));
  app.use('/api/*', async (c, next) => {
    if (c.req.path === '/api/upload' || c.req.path === '/api/upload-folder') return next();
    return bodyLimit({ maxSize: JSON_LIMIT, onError: (c2) => c2.json(tooLarge(JSON_LIMIT), 413) })(c, next);
  });

  app.get('/', (c) => {
    c.header('Content-Security-Policy', PAGE_POLICY);
    return c.html(renderPage(token, c.req.query('lang') === 'en' ? 'en' : 'zh'));
  });
  app.get('/assets/:name', async (c) => {
    const name = c.req.param('name');
    const type = ASSETS[name];
    if (!type || !existsSync(join(assets, name))) return c.notFound();
    return c.body(await readFile(join(assets, name)), 200, { 'Content-Type': type });
  });

  app.get('/api/state', async (c) => c.json(await state(workspace)));
  app.get('/api/rules', (c) =>
    workspace.ruleset
      ? c.json(buildRuleTable(workspace.ruleset, readAreaText))
      : c.json({ problems: workspace.ruleProblems }, 422),
  );
  app.post('/api/evaluate', async (c) => {
    const { dataset } = await c.req.json<{ dataset?: string }>().catch(() => ({ dataset: undefined }));
    if (dataset === undefined) await workspace.useStarted();
    else if (!(await workspace.chooseDataset(dataset))) return c.json(refused(dataset), 403);
    return c.json(await state(workspace));
  });
  app.post(
    '/api/upload',
    bodyLimit({ maxSize: limits().fileBytes, onError: (c) => c.json(tooLarge(limits().fileBytes), 413) }),
    async (c) => {
      const name = decodeURIComponent(c.req.header('x-file-name') ?? 'upload.xlsx');
      if (!/\.xlsx$/i.test(name)) {
        return c.json(
          {
            problems: viewProblems([
              {
                code: 'SERVE_UPLOAD_NOT_XLSX',
                severity: 'error',
                file: name,
                message: {
                  zh: `${name} 不是 .xlsx 填报工作簿；数据集文件夹请放进启动时给定的数据文件夹后在列表中选择`,
                  en: `${name} is not an .xlsx workbook; put a dataset folder into the data folder the workbench was started with and choose it from the list`,
                },
              },
            ]),
          },
          422,
        );
      }
      await workspace.useUpload(new Uint8Array(await c.req.arrayBuffer()), name);
      return c.json(await state(workspace));
    },
  );
  app.post(
    '/api/upload-folder',
    bodyLimit({ maxSize: limits().fileBytes, onError: (c) => c.json(tooLarge(limits().fileBytes), 413) }),
    async (c) => {
      const form = await c.req.formData().catch(() => undefined);
      if (!form) return c.json(badRequest(), 400);
      const files: { path: string; bytes: Uint8Array }[] = [];
      for (const [path, value] of form.entries()) {
        if (typeof value === 'string') continue;
        files.push({ path, bytes: new Uint8Array(await value.arrayBuffer()) });
      }
      const used = await workspace.useUploadedFolder(files);
      if (Array.isArray(used)) return c.json({ problems: viewProblems(used) }, 422);
      return c.json(await state(workspace));
    },
  );
  app.get('/report.html', (c) => {
    const evaluation = workspace.data?.evaluation;
    if (!evaluation) return c.notFound();
    c.header('Content-Security-Policy', REPORT_POLICY);
    c.header('X-Frame-Options', 'SAMEORIGIN');
    return c.html(renderHtml(evaluation, langOf(c)));
  });
  app.get('/download/:name', async (c) => {
    const name = c.req.param('name');
    const bytes = await workspace.reportFile(name, langOf(c));
    if (!bytes) return c.notFound();
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': `attachment; filename="${name}"`,
    });
  });

  app.post('/api/preview', async (c) => {
    const edits = readEdits(await c.req.json().catch(() => undefined));
    if (!edits) return c.json(badRequest(), 400);
    const { ruleset: _ruleset, ...preview } = await previewEdits(workspace, edits, baseline);
    return c.json(preview);
  });
  app.post('/api/save', async (c) => {
    const edits = readEdits(await c.req.json().catch(() => undefined));
    if (!edits) return c.json(badRequest(), 400);
    const preview = await previewEdits(workspace, edits, async () => undefined);
    if (preview.problems.some((p) => p.severity === 'error'))
      return c.json({ problems: preview.problems }, 422);
    const saved = await saveEdits(workspace, edits);
    if (saved.problems.length > 0) return c.json({ problems: viewProblems(saved.problems) }, 403);
    await workspace.loadRules();
    return c.json({ written: saved.written, problems: [] });
  });
  app.post('/api/overlay', async (c) => {
    const body = (await c.req.json().catch(() => undefined)) as { id?: unknown } | undefined;
    const edits = readEdits(body);
    if (!edits || typeof body?.id !== 'string') return c.json(badRequest(), 400);
    const preview = await previewEdits(workspace, edits, async () => undefined);
    if (preview.problems.some((p) => p.severity === 'error'))
      return c.json({ problems: preview.problems }, 422);
    const written = await writeOverlay(workspace, body.id, edits);
    return c.json({ ...written, problems: viewProblems(written.problems) }, written.dir ? 200 : 422);
  });

  app.get('/api/files', async (c) => c.json({ files: await ruleFiles(workspace) }));
  app.get('/api/file', async (c) => {
    const read = await workspace.readRuleFile(c.req.query('path') ?? '');
    if (!read) return c.json(refused(c.req.query('path') ?? ''), 403);
    return c.json({
      path: displayPath(read.path),
      text: read.text,
      writable: isInside(workspace.rulesRoot, read.path),
    });
  });
  app.post('/api/lint', async (c) => {
    const body = (await c.req.json().catch(() => undefined)) as
      { path?: unknown; text?: unknown } | undefined;
    if (typeof body?.path !== 'string' || typeof body.text !== 'string') return c.json(badRequest(), 400);
    const read = await workspace.readRuleFile(body.path);
    if (!read) return c.json(refused(body.path), 403);
    const { problems } = await loadRuleSet(workspace.rulesDir, { texts: new Map([[read.path, body.text]]) });
    return c.json({ problems: viewProblems(problems) });
  });
  app.post('/api/file', async (c) => {
    const body = (await c.req.json().catch(() => undefined)) as
      { path?: unknown; text?: unknown } | undefined;
    if (typeof body?.path !== 'string' || typeof body.text !== 'string') return c.json(badRequest(), 400);
    const read = await workspace.readRuleFile(body.path);
    if (!read || !isInside(workspace.rulesRoot, read.path)) return c.json(refused(body.path), 403);
    const { problems } = await loadRuleSet(workspace.rulesDir, { texts: new Map([[read.path, body.text]]) });
    if (problems.some((p) => p.severity === 'error'))
      return c.json({ problems: viewProblems(problems) }, 422);
    await writeFileAtomic(read.path, body.text);
    await workspace.loadRules();
    return c.json({ written: [displayPath(read.path)], problems: viewProblems(problems) });
  });
  let hints: ReturnType<typeof readSchemaHints> | undefined;
  app.get('/api/hints', async (c) => c.json(await (hints ??= readSchemaHints())));

  app.get('/api/versions', async (c) => {
    const a = await chooseRuleSet(workspace, c.req.query('a') ?? '');
    const b = await chooseRuleSet(workspace, c.req.query('b') ?? '');
    if (!a || !b) return c.json(refused(`${c.req.query('a')} / ${c.req.query('b')}`), 403);
    const [x, y] = await Promise.all([loadRuleSet(a), loadRuleSet(b)]);
    const problems = viewProblems([...x.problems, ...y.problems]);
    if (!x.ruleset || !y.ruleset) return c.json({ problems }, 422);
    const diff = diffRuleSets(x.ruleset, y.ruleset);
    const result: Record<string, unknown> = {
      problems,
      diff: { zh: renderDiffText(diff, 'zh'), en: renderDiffText(diff, 'en') },
    };
    const dataset = workspace.data?.dataset;
    if (dataset) {
      const evaluator = () => new CompiledEvaluator();
      const comparison = compareEvaluations(
        await evaluateDataset(x.ruleset, dataset, { evaluator: evaluator() }),
        await evaluateDataset(y.ruleset, dataset, { evaluator: evaluator() }),
        { labels: [x.ruleset.id, y.ruleset.id], ruleDiff: diff },
      );
      result['comparison'] = {
        zh: renderComparisonText(comparison, 'zh'),
        en: renderComparisonText(comparison, 'en'),
      };
    }
    return c.json(result);
  });
  return app;
}

/** An area file of the loaded rule set (its path comes from the rule set, not from a request). */
function readAreaText(file: string): string | undefined {
  try {
    return readFileSync(resolve(file), 'utf8');
  } catch {
    return undefined;
  }
}

async function state(workspace: Workspace) {
  const data = workspace.data;
  return {
    ruleset: workspace.ruleset
      ? { id: workspace.ruleset.id, title: workspace.ruleset.title, dir: workspace.ruleset.dir }
      : undefined,
    ruleProblems: workspace.ruleProblems,
    data: data
      ? {
          label: data.label,
          origin: data.origin,
          problems: data.problems,
          evaluated: data.evaluation !== undefined,
          counties: (data.evaluation?.counties ?? []).map((c) => ({
            name: c.county.name,
            verdict: c.verdict,
          })),
        }
      : undefined,
    datasets: await workspace.listDatasets(),
    reportFiles: Object.values(REPORT_FILES),
    rulesets: await ruleSetChoices(workspace),
  };
}
