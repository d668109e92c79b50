import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setLimits } from '../../src/limits.ts';
import { PROJECT_ROOT } from '../../src/project-root.ts';
import { loadRuleSet } from '../../src/rules/load-ruleset.ts';
import { buildApp } from '../../src/serve/app.ts';
import { buildRuleTable } from '../../src/serve/rule-table.ts';
import { Workspace } from '../../src/serve/workspace.ts';

// The server's boundaries without a browser: Hono answers app.request() in-process.
const PORT = 4321;
const TOKEN = 't'.repeat(32);
const HEADERS = { host: `127.0.0.1:${PORT}`, 'x-junheng-token': TOKEN };
let dir: string;
let workspace: Workspace;
let app: ReturnType<typeof buildApp>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'junheng-app-'));
  // An overlay whose base is the bundled national-2017, outside this rules folder.
  const rules = join(dir, 'rules', 'only-overlay');
  mkdirSync(rules, { recursive: true });
  writeFileSync(
    join(rules, 'ruleset.yaml'),
    'id: only-overlay\ntitle: { zh: 叠加, en: overlay }\ndocument: { number: x, title: { zh: x, en: x } }\nextends: national-2017\n',
  );
  symlinkSync('/etc', join(dir, 'rules', 'only-overlay', 'outside'));
  cpSync(join(PROJECT_ROOT, 'data', 'huadu-2024'), join(dir, 'data', 'huadu-2024'), { recursive: true });
  workspace = new Workspace({ rules, data: join(dir, 'data', 'huadu-2024') });
  await workspace.loadRules();
  await workspace.useStarted();
  // A small upload limit, taken when the routes are built.
  setLimits({ fileBytes: 1000 });
  app = buildApp({ workspace, token: TOKEN, port: () => PORT, assets: join(dir, 'none') });
});

afterAll(async () => {
  setLimits({});
  await workspace.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request(path, {
    method: 'POST',
    headers: { ...HEADERS, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('the workbench server keeps to its folders and limits', () => {
  it('an upload above the fileBytes limit is refused with the limit’s code', async () => {
    const response = await app.request('/api/upload', {
      method: 'POST',
      headers: { ...HEADERS, 'x-file-name': 'big.xlsx', 'content-type': 'application/octet-stream' },
      body: new Uint8Array(5000),
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { problems: { code: string; message: { zh: string } }[] };
    expect(body.problems[0]?.code).toBe('LIMIT_FILE_BYTES');
    expect(body.problems[0]?.message.zh).toContain('fileBytes');
  });

  it('an upload that is not a workbook is refused', async () => {
    const response = await app.request('/api/upload', {
      method: 'POST',
      headers: { ...HEADERS, 'x-file-name': 'notes.txt' },
      body: 'hello',
    });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { problems: { code: string }[] }).problems[0]?.code).toBe(
      'SERVE_UPLOAD_NOT_XLSX',
    );
  });

  it.each([
    {
      name: 'a symbolic link that leads out of the rules folder',
      path: () => join(dir, 'rules', 'only-overlay', 'outside', 'hostname'),
    },
    { name: 'a YAML file of the data folder', path: () => join(dir, 'data', 'huadu-2024', 'dataset.yaml') },
    { name: 'a file of the repository', path: () => join(PROJECT_ROOT, 'package.json') },
  ])('$name is not read', async ({ path }) => {
    const response = await app.request(`/api/file?path=${encodeURIComponent(path())}`, { headers: HEADERS });
    expect(response.status).toBe(403);
  });

  it.each([
    { name: 'a path that climbs out', path: 'set/../../evil.csv' },
    { name: 'two folders at once', path: 'other/units.csv' },
    { name: 'an absolute path', path: '/etc/passwd' },
  ])('an uploaded folder with $name is refused whole', async ({ path }) => {
    const form = new FormData();
    form.append('set/dataset.yaml', new Blob(['id: x']), 'dataset.yaml');
    form.append(path, new Blob(['a,b']), 'x.csv');
    const response = await app.request('/api/upload-folder', {
      method: 'POST',
      headers: HEADERS,
      body: form,
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { problems: { code: string }[] };
    expect(body.problems[0]?.code).toBe('SERVE_UPLOAD_FOLDER_REFUSED');
  });

  it.each(['../../etc', '/etc', 'nothing-here'])('the dataset %s is not chosen', async (dataset) => {
    expect((await post('/api/evaluate', { dataset })).status).toBe(403);
  });

  it('a value of the bundled rule set it extends is not saved into it, and the bundled file is unchanged', async () => {
    const row = buildRuleTable(workspace.ruleset as NonNullable<typeof workspace.ruleset>).rows.find(
      (r) => r.thresholds.length > 0,
    );
    const field = row?.thresholds[0];
    if (!field) throw new Error('the rule set has no threshold');
    const before = readFileSync(field.file, 'utf8');
    const response = await post('/api/save', {
      edits: [{ file: field.file, line: field.line, column: field.column, value: field.text }],
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { problems: { code: string }[] }).problems[0]?.code).toBe(
      'SERVE_PATH_REFUSED',
    );
    expect(readFileSync(field.file, 'utf8')).toBe(before);
  });

  it('a CV limit saved as a local rule set copies its area file with only that value changed, and it loads', async () => {
    const table = buildRuleTable(workspace.ruleset as NonNullable<typeof workspace.ruleset>);
    const field = table.areas.find((a) => a.cvLimits.length > 0)?.cvLimits[0];
    if (!field) throw new Error('the rule set has no CV limit');
    const response = await post('/api/overlay', {
      id: 'cv-local',
      edits: [
        { file: field.file, line: field.line, column: field.column, value: '<= 0.55', was: field.text },
      ],
    });
    expect(response.status).toBe(200);
    const written = join(dir, 'rules', 'cv-local', basename(dirname(field.file)), 'area.yaml');
    const before = readFileSync(field.file, 'utf8').split('\n');
    const after = readFileSync(written, 'utf8').split('\n');
    expect(after.filter((line, i) => line !== before[i])).toEqual([
      before[field.line - 1]?.replace(field.text, '<= 0.55'),
    ]);
    const { ruleset, problems } = await loadRuleSet(join(dir, 'rules', 'cv-local'));
    expect(problems).toEqual([]);
    const area = ruleset?.areas.find((a) => a.dispersion);
    expect(Object.values(area?.dispersion?.threshold.branches ?? {}).map((b) => b.text)).toContain('<= 0.55');
  });

  it.each([
    { name: 'at_least_met 7', key: 'atLeastMet', value: '7', code: undefined, flips: true },
    {
      name: 'at_least_met 8, more than the area has',
      key: 'atLeastMet',
      value: '8',
      code: 'AREA_PER_UNIT_INVALID',
      flips: false,
    },
    {
      name: 'others_not_below abc',
      key: 'othersNotBelow',
      value: 'abc',
      code: 'RULE_VALUE_MALFORMED',
      flips: false,
    },
  ] as const)(
    'the per-unit rule edited as $name is judged as validate judges it',
    async ({ key, value, code, flips }) => {
      const table = buildRuleTable(workspace.ruleset as NonNullable<typeof workspace.ruleset>, (file) =>
        readFileSync(file, 'utf8'),
      );
      const field = table.areas.find((a) => a.perUnit)?.perUnit?.fields[key];
      if (!field) throw new Error('the rule set has no per-unit rule');
      const response = await post('/api/preview', {
        edits: [{ file: field.file, line: field.line, column: field.column, value, was: field.text }],
      });
      const preview = (await response.json()) as {
        fields: Record<string, { code: string }[]>;
        counties?: { flips: unknown[] }[];
      };
      expect(preview.fields[field.key]?.map((p) => p.code)).toEqual(code ? [code] : undefined);
      expect((preview.counties?.[0]?.flips.length ?? 0) > 0).toBe(flips);
    },
  );

  it.each(['../evil', 'Upper', '', 'a/b'])('the overlay id %j is refused', async (id) => {
    const response = await post('/api/overlay', { id, edits: [] });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { problems: { code: string }[] }).problems[0]?.code).toBe(
      'SERVE_OVERLAY_ID',
    );
  });

  it('a malformed request body is a bad request, not a crash', async () => {
    expect((await post('/api/preview', '{not json')).status).toBe(400);
    expect((await post('/api/preview', { edits: [{ file: 1 }] })).status).toBe(400);
  });
});
