import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Evaluation, Lang } from '../../src/model/index.ts';
import { renderHtml, writeReports } from '../../src/report/index.ts';
import { buildEvaluation } from './fixtures/build-evaluation.ts';
import { huaduEvaluation } from './fixtures/huadu-evaluation.ts';
import { launchBrowser } from '../support/browser.ts';

// The system's Chromium when it is installed, else the one inside the npm package @sparticuz/chromium, driven by
// playwright-core: the suite always runs (it is never skipped).
let browser: Browser;
const dirs: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** Writes the HTML report to a file and opens it by file:// URL, recording every request that leaves the file. */
async function open(
  evaluation: Evaluation,
  lang: Lang,
): Promise<{ page: Page; external: string[]; html: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'junheng-html-'));
  dirs.push(dir);
  await writeReports(evaluation, ['html'], dir, lang);
  const file = join(dir, 'report.html');
  const page = await browser.newPage();
  const external: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    external.push(url);
    return route.abort();
  });
  await page.goto(`file://${file}`);
  return { page, external, html: await readFile(file, 'utf8') };
}

describe('renderHtml in headless Chromium', () => {
  it('an inspector searches a school, opens its trail and reads why it failed (fixture)', async () => {
    const { page, external, html } = await open(buildEvaluation(), 'zh');
    expect(external).toEqual([]);
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(await page.locator('h2').first().innerText()).toContain('花都区 不予认定');
    expect(await page.locator('figure.chart svg').count()).toBeGreaterThanOrEqual(14 + 2);

    await page.fill('#search', '新华');
    const visible = page.locator('details.subject:visible');
    const names = await visible.locator('summary .name').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((name) => name.includes('新华'))).toBe(true);
    expect(await page.locator('#search-count').innerText()).toBe(`找到 ${names.length} 项`);

    const unit = page.locator('details.subject[data-list="attention"][data-key="U023"]');
    const trail = unit.locator('.trail');
    expect(await trail.isVisible()).toBe(false);
    await unit.locator('summary').click();
    expect(await trail.isVisible()).toBe(true);
    const text = await trail.innerText();
    expect(text).toContain(
      'R3 每百名学生拥有体育、艺术专任教师数 0.70 < 0.9，仅达到标准的 78%（低于85%），未达标。',
    );
    expect(text).toContain('体育、艺术专任教师数 13 人（units.csv 第23行 H列）');

    await page.fill('#search', '');
    expect(await page.locator('details.subject:visible').count()).toBe(
      await page.locator('details.subject').count(),
    );
    await page.close();
  });

  it('the within-tolerance unit opens to its tolerance explanation (English)', async () => {
    const { page } = await open(buildEvaluation(), 'en');
    await page.fill('#search', 'Shigang');
    expect(await page.locator('details.subject:visible').count()).toBe(0);
    await page.fill('#search', '石岗');
    const unit = page.locator('details.subject[data-list="attention"][data-key="U017"]');
    await unit.locator('summary').click();
    expect(await unit.locator('.trail').innerText()).toContain(
      '0.82 < 0.9, 91% of the standard (not below 85%), within tolerance.',
    );
    await page.close();
  });

  it('on the Huadu sample, a school over the size limit is found by name and its trail reaches the cell', async () => {
    const huadu = await huaduEvaluation();
    const g4 = huadu.counties[0]!.indicators.find((indicator) => indicator.indicator === 'G4')!;
    const school = g4.failing[0]!;
    const check = g4.members.find((member) => member.subject.key === school.key)!.checks[0]!;
    const { page, external } = await open(huadu, 'zh');
    expect(external).toEqual([]);
    await page.fill('#search', school.name);
    const row = page.locator(`details.subject[data-list="attention"][data-key="${school.key}"]`);
    expect(await row.isVisible()).toBe(true);
    await row.locator('summary').click();
    const text = await row.locator('.trail').innerText();
    expect(text).toContain(`G4 学校规模 ${check.value} > ${check.threshold!.bound}，未达标。`);
    expect(text).toContain(`第${check.inputs[0]!.source!.row}行`);
    await page.close();
  }, 240_000);

  it('printing opens every trail', async () => {
    const { page } = await open(buildEvaluation(), 'zh');
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const closed = await page.locator('details:not([open])').count();
    expect(closed).toBe(0);
    expect(await page.locator('.search').isVisible()).toBe(false);
    await page.close();
  });

  it('the same evaluation renders the same page', () => {
    expect(renderHtml(buildEvaluation(), 'zh')).toBe(renderHtml(buildEvaluation(), 'zh'));
  });
});
