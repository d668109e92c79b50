import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../scripts/build-web.mjs';
import { runCases } from '../../src/cases/run-cases.ts';
import { run } from '../../src/cli/program.ts';
import { diffRuleSets } from '../../src/compare/diff-rulesets.ts';
import { renderDiffText } from '../../src/compare/render-diff.ts';
import { PROJECT_ROOT } from '../../src/project-root.ts';
import { loadRuleSet } from '../../src/rules/load-ruleset.ts';
import { startServer, type RunningServer } from '../../src/serve/start-server.ts';
import { launchBrowser } from '../support/browser.ts';

// The officer's session, in a real browser: the sample evaluated, R1's primary standard raised from 4.2 to 4.5, the
// schools that flip, saving into the file and as a local overlay, broken input, and the requests a hostile page sends.
// Everything writes into a temporary copy of rules/, never into the repository's.
const SCREENSHOTS = process.env['JUNHENG_SCREENSHOTS'] === '1';
let dir: string;
let rules: string;
let server: RunningServer;
let browser: Browser;
const io = { out: () => undefined, err: () => undefined, isTTY: false };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'junheng-workbench-'));
  rules = join(dir, 'rules');
  cpSync(join(PROJECT_ROOT, 'rules'), rules, { recursive: true });
  const assets = join(dir, 'web');
  await buildWeb(assets);
  server = await startServer({
    rules: join(rules, 'national-2017'),
    data: join(PROJECT_ROOT, 'data', 'huadu-2024'),
    port: 0,
    assets,
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(tab = 'evaluate', viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(`${server.url}#${tab}`);
  await page.locator(`#tab-${tab}[aria-selected="true"]`).waitFor();
  return page;
}

async function shoot(page: Page, name: string): Promise<void> {
  if (SCREENSHOTS)
    await page.screenshot({ path: join(PROJECT_ROOT, 'docs', 'images', `workbench-${name}.png`) });
}

/** R1's primary field: the first threshold of R1's row. */
const r1Primary = (page: Page) => page.locator('#rule-R1 input.threshold').first();

function raw(
  path: string,
  headers: Record<string, string>,
  method = 'GET',
  body = '',
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('junheng serve refuses what another page could send', () => {
  const own = () => `127.0.0.1:${server.port}`;
  it.each([
    {
      name: 'a hostile Host (DNS rebinding)',
      path: '/api/state',
      headers: () => ({ host: 'evil.example' }),
      code: 'SERVE_HOST_REFUSED',
    },
    {
      name: 'the right address under another port',
      path: '/',
      headers: () => ({ host: '127.0.0.1:1' }),
      code: 'SERVE_HOST_REFUSED',
    },
    {
      name: 'another site as Origin',
      path: '/api/state',
      headers: () => ({ host: own(), origin: 'http://evil.example' }),
      code: 'SERVE_ORIGIN_REFUSED',
    },
    {
      name: 'a change without the token',
      path: '/api/save',
      method: 'POST',
      headers: () => ({ host: own(), 'content-type': 'application/json' }),
      code: 'SERVE_TOKEN_REFUSED',
    },
    {
      name: 'a change with a wrong token',
      path: '/api/save',
      method: 'POST',
      headers: () => ({ host: own(), 'x-junheng-token': 'x'.repeat(32) }),
      code: 'SERVE_TOKEN_REFUSED',
    },
  ])('$name is refused with 403', async ({ path, headers, method, code }) => {
    const response = await raw(path, headers(), method, method === 'POST' ? '{"edits":[]}' : '');
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body).refused.code).toBe(code);
  });

  it('its own address is served, on loopback only', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((await raw('/api/state', { host: own() })).status).toBe(200);
    expect((await raw('/api/state', { host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('a rule file outside the rules folder is not read', async () => {
    const response = await raw(`/api/file?path=${encodeURIComponent(join(PROJECT_ROOT, 'package.json'))}`, {
      host: own(),
    });
    expect(response.status).toBe(403);
    const up = await raw(`/api/file?path=${encodeURIComponent(join(rules, '..', '..', 'etc', 'passwd'))}`, {
      host: own(),
    });
    expect(up.status).toBe(403);
  });
});

describe('the workbench in a browser', () => {
  it('评估 shows the sample county verdict, the report and the five files to download', async () => {
    const page = await open('evaluate');
    await expect
      .poll(() => page.locator('#county-verdicts').textContent())
      .toContain('广州市花都区：不予认定');
    const links = await page
      .locator('.downloads a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual([
      '/download/report.txt?lang=zh',
      '/download/result.json?lang=zh',
      '/download/report.md?lang=zh',
      '/download/report.xlsx?lang=zh',
      '/download/report.html?lang=zh',
    ]);
    const text = await page.evaluate(async () => (await fetch('/download/report.txt?lang=zh')).text());
    expect(text).toContain('不予认定');
    const frame = page.frameLocator('iframe.report');
    await expect.poll(() => frame.locator('body').textContent(), { timeout: 20_000 }).toContain('花都区');
    await shoot(page, 'evaluate');
    await page.close();
  });

  it('a workbook with a mistake shows the command line’s located message in the page', async () => {
    const page = await open('evaluate');
    await page
      .locator('#workbook-file')
      .setInputFiles(join(PROJECT_ROOT, 'test/fixtures/workbooks/mistakes/duplicate-school.xlsx'));
    const problems = page.locator('.problems');
    await expect
      .poll(() => problems.textContent())
      .toContain('duplicate-school.xlsx 工作表 学校:5 错误 DATA_DUPLICATE_KEY');
    expect(await problems.textContent()).not.toContain('junheng-serve-');
    // Back to the sample for the tests that follow.
    await page.getByRole('button', { name: '评估所选数据集' }).click();
    await expect.poll(() => page.locator('#dataset-label').textContent()).toBe('huadu-2024');
    await page.close();
  });

  it('a dataset folder chosen in the page is evaluated; a broken one shows its located message', async () => {
    const page = await open('evaluate');
    await page
      .locator('#dataset-folder')
      .setInputFiles(join(PROJECT_ROOT, 'test/fixtures/bad-data/csv-duplicate-school'));
    await expect
      .poll(() => page.locator('.problems').textContent())
      .toContain('csv-duplicate-school/schools.csv:4 错误 DATA_DUPLICATE_KEY');
    await page.locator('#dataset-folder').setInputFiles(join(PROJECT_ROOT, 'data', 'huadu-2024'));
    await expect
      .poll(() => page.locator('#county-verdicts').textContent())
      .toContain('广州市花都区：不予认定');
    expect(await page.locator('#dataset-label').textContent()).toBe('huadu-2024');
    await page.getByRole('button', { name: '评估所选数据集' }).click();
    await expect.poll(() => page.locator('#dataset-label').textContent()).toBe('huadu-2024');
    await page.close();
  });

  it('raising R1’s primary standard from 4.2 to 4.5 shows 花都区第45小学 (4.45) becoming within tolerance, and the overlay validates and passes its cases', async () => {
    const page = await open('rules');
    const field = r1Primary(page);
    expect(await field.inputValue()).toBe('>= 4.2');
    await field.fill('>= 4.5');
    const flip = page.locator('.flips tr[data-subject="HD045-P"]');
    await flip.waitFor({ timeout: 20_000 });
    expect(await flip.textContent()).toContain('花都区第45小学');
    expect(await flip.textContent()).toContain('达标 → 未达标（不低于标准85%）');
    expect(await flip.textContent()).toContain('4.44664');
    expect(await page.locator('.county-line').textContent()).toBe(
      '广州市花都区 县域结论：不予认定 → 不予认定',
    );
    // 4.51 and above stay met: 花都区第41小学 (4.506) does not flip.
    expect(await page.locator('.flips tr[data-subject="HD041-P"]').count()).toBe(0);
    await shoot(page, 'rules');
    await page.locator('#overlay-id').fill('huadu-local-2017');
    await page.locator('#save-overlay').click();
    await expect
      .poll(() => page.locator('#save-status').textContent(), { timeout: 30_000 })
      .toContain('已写出地方规则集');
    expect(await page.locator('#save-status').textContent()).toContain('未通过 0 个');
    await page.close();

    const overlay = join(rules, 'huadu-local-2017');
    const patch = readFileSync(join(overlay, 'resource', 'R1.yaml'), 'utf8');
    expect(patch.split('\n').filter((l) => !l.startsWith('#'))).toEqual([
      'id: R1',
      'patch: true',
      'threshold:',
      '  primary: ">= 4.5"',
      '',
    ]);
    expect(readFileSync(join(overlay, 'ruleset.yaml'), 'utf8')).toContain('extends: national-2017');
    const { ruleset, problems } = await loadRuleSet(overlay);
    expect(problems).toEqual([]);
    const r1 = ruleset?.indicators.find((i) => i.id === 'R1');
    expect(r1?.checks[0]?.threshold.branches['primary']?.text).toBe('>= 4.5');
    expect(r1?.checks[0]?.threshold.branches['junior']?.text).toBe('>= 5.3');
    const cases = await runCases(ruleset as NonNullable<typeof ruleset>);
    expect(cases.uncovered).toEqual([]);
    expect(cases.cases.length).toBeGreaterThan(0);
    expect(cases.cases.filter((c) => c.failures.length > 0 || c.problems.length > 0)).toEqual([]);
    expect(await run(['validate', '--rules', overlay], io)).toBe(0);
    expect(await run(['test', '--rules', overlay], io)).toBe(0);
  });

  it.each([
    { typed: 'abc', says: '阈值“abc”写法不对' },
    { typed: '-1', says: '阈值缺少比较符号' },
    { typed: '>= 4,5', says: '写法不对' },
  ])('a broken threshold ($typed) shows validate’s message in its field', async ({ typed, says }) => {
    const page = await open('rules');
    const field = r1Primary(page);
    await field.fill(typed);
    const message = page.locator(`#${await field.getAttribute('aria-describedby')}`);
    await expect.poll(() => message.textContent(), { timeout: 20_000 }).toContain(says);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#save').isDisabled()).toBe(true);
    if (typed === 'abc') await shoot(page, 'broken');
    await page.close();
  });

  it('the per-unit rule is a field too: 7 of 7 resource indicators flips units the tolerance had kept', async () => {
    const page = await open('rules');
    const field = page.locator('td[id^="per-unit-"] input').first();
    expect(await field.inputValue()).toBe('6');
    await field.fill('7');
    await expect
      .poll(() => page.locator('.flips').first().textContent(), { timeout: 20_000 })
      .toContain('逐学部规则');
    await page.close();
  });

  it('保存 changes exactly the edited line; validate passes and only the cases holding the old standard fail, until it is put back', async () => {
    const file = join(rules, 'national-2017', 'resource', 'R1.yaml');
    const before = readFileSync(file, 'utf8');
    const page = await open('rules');
    await r1Primary(page).fill('>= 4.5');
    await page.locator('.flips tr[data-subject="HD045-P"]').waitFor({ timeout: 20_000 });
    await page.locator('#save').click();
    await expect
      .poll(() => page.locator('#save-status').textContent(), { timeout: 20_000 })
      .toContain('已保存');
    const after = readFileSync(file, 'utf8');
    const a = before.split('\n');
    const b = after.split('\n');
    expect(b.length).toBe(a.length);
    const changed = a.flatMap((line, i) => (line === b[i] ? [] : [{ from: line, to: b[i] }]));
    expect(changed).toEqual([{ from: '  primary: ">= 4.2"', to: '  primary: ">= 4.5"' }]);
    expect(await run(['validate', '--rules', join(rules, 'national-2017')], io)).toBe(0);
    const saved = (await loadRuleSet(join(rules, 'national-2017'))).ruleset;
    const failing = (await runCases(saved as NonNullable<typeof saved>)).cases.filter(
      (c) => c.failures.length > 0,
    );
    expect(failing.length).toBeGreaterThan(0);
    expect(
      failing.every((c) => c.covers.includes('R1') || c.failures.some((f) => f.what.en.includes('R1'))),
    ).toBe(true);
    // The page reloaded the saved rule set: putting 4.2 back restores the file byte for byte.
    expect(await r1Primary(page).inputValue()).toBe('>= 4.5');
    await r1Primary(page).fill('>= 4.2');
    await page.locator('.county-line').waitFor({ timeout: 20_000 });
    await page.locator('#save').click();
    await expect.poll(() => readFileSync(file, 'utf8'), { timeout: 20_000 }).toBe(before);
    expect(await run(['test', '--rules', join(rules, 'national-2017')], io)).toBe(0);
    await page.close();
  });

  it('源文件 marks a broken threshold at its line and says what a key means on hover', async () => {
    const page = await open('source');
    await page.locator('#source-file').selectOption({ label: 'national-2017/resource/R1.yaml' });
    await page.getByRole('button', { name: '打开' }).click();
    const line = page.locator('.cm-line', { hasText: /^ {2}primary: ">= 4.2"$/ });
    await line.waitFor();
    await page.locator('.cm-line', { hasText: /^threshold:$/ }).hover({ position: { x: 8, y: 5 } });
    await expect.poll(() => page.locator('.cm-tooltip .hint').textContent()).toMatch(/阈值/);
    await line.click();
    await page.keyboard.press('End');
    // Typing a quote closes it, as in any code editor: `"abc` reads `"abc"`.
    for (let i = 0; i < 8; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('"abc');
    await expect
      .poll(() => page.locator('.cm-line', { hasText: /^ {2}primary:/ }).textContent())
      .toBe('  primary: "abc"');
    const marker = page.locator('.cm-lintRange-error');
    await marker.first().waitFor({ timeout: 20_000 });
    await page.locator('.cm-gutter-lint .cm-lint-marker-error').first().waitFor();
    await page.locator('.cm-line', { hasText: /^threshold:$/ }).hover({ position: { x: 8, y: 5 } });
    await page.locator('.cm-tooltip .hint').waitFor();
    await shoot(page, 'source');
    await page.close();
  });

  it('版本 shows the diff of two rule sets in the words of junheng diff', async () => {
    const page = await open('versions');
    await page.locator('#version-a').selectOption('national-2017');
    await page.locator('#version-b').selectOption('hebei-2017');
    await page.locator('#compare').click();
    const a = (await loadRuleSet(join(rules, 'national-2017'))).ruleset;
    const b = (await loadRuleSet(join(rules, 'hebei-2017'))).ruleset;
    const expected = renderDiffText(
      diffRuleSets(a as NonNullable<typeof a>, b as NonNullable<typeof b>),
      'zh',
    );
    await expect.poll(() => page.locator('#diff-text').textContent(), { timeout: 30_000 }).toBe(expected);
    await expect
      .poll(() => page.locator('#comparison-text').textContent(), { timeout: 30_000 })
      .toContain('广州市花都区');
    await shoot(page, 'versions');
    await page.close();
  });

  it('switches to English, works from the keyboard, and fits a tablet', async () => {
    const page = await open('evaluate', { width: 768, height: 1024 });
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('#tab-rules').textContent()).toBe('Rules');
    await page.locator('#tab-evaluate').focus();
    await page.keyboard.press('ArrowRight');
    await page.locator('#tab-rules[aria-selected="true"]').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-rules');
    await r1Primary(page).waitFor();
    await shoot(page, 'tablet');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('[role="tabpanel"]')?.id)).toBe(
      'panel-rules',
    );
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });
});

it('no page of the workbench asks for anything outside the server', async () => {
  const page = await browser.newPage();
  const outside: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(server.url) && !r.url().startsWith('data:') && !r.url().startsWith('about:'))
      outside.push(r.url());
  });
  for (const tab of ['evaluate', 'rules', 'source', 'versions']) {
    await page.goto(`${server.url}#${tab}`);
    await page.locator(`#tab-${tab}[aria-selected="true"]`).waitFor();
    await page.waitForLoadState('networkidle');
  }
  expect(outside).toEqual([]);
  expect(existsSync(join(rules, 'national-2017', 'ruleset.yaml'))).toBe(true);
  await page.close();
});
