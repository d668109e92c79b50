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
/**
 * What the Huadu page may hold when it opens: about 22 elements per school and 4,400 in all when this was written, a
 * trail block of 150 KB (base64 of the deflated JSON); the bounds leave room for change, not for trails built into the
 * page.
 */
const ELEMENTS_PER_SUBJECT = 30;
const ELEMENTS_OF_PAGE = 1000;
const TRAIL_BLOCK_CHARS = 256 * 1024;
const dirs: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/**
 * Writes the HTML report to a file and opens it by file:// URL at a window width, recording every request that leaves
 * the file; resolves once the page has inflated its trails.
 */
async function open(
  evaluation: Evaluation,
  lang: Lang,
  viewport = { width: 1280, height: 900 },
): Promise<{ page: Page; external: string[]; html: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'junheng-html-'));
  dirs.push(dir);
  await writeReports(evaluation, ['html'], dir, lang);
  const file = join(dir, 'report.html');
  const page = await browser.newPage({ viewport });
  const external: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    external.push(url);
    return route.abort();
  });
  await page.goto(`file://${file}`);
  await page.waitForSelector('body[data-trails="ready"]', { state: 'attached' });
  return { page, external, html: await readFile(file, 'utf8') };
}

/** Opens a subject's row in the page and resolves to its rendered trail. */
async function openSubject(page: Page, key: string) {
  const row = page.locator(`details.subject[data-key="${key}"]`);
  await row.locator(':scope > summary').click();
  const trail = row.locator(':scope > .trail');
  await trail.locator('[data-v]').first().waitFor({ state: 'attached' });
  return { row, trail };
}

/**
 * Pairs of text boxes on the page that overlap: the boxes of the text of headings, cells, badges, summaries and
 * list items (the text's own extent, so a cell's text that spills over its neighbour counts), and of each chart's
 * SVG labels against the same chart's other labels. An element and what it contains are not a pair.
 */
function overlappingText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // The boxes of an element's text, line by line (a link that wraps is two boxes, not one spanning both lines).
    const boxes = (elements: Element[]) =>
      elements.flatMap((element) => {
        if ((element.textContent ?? '').trim() === '') return [];
        const range = document.createRange();
        range.selectNodeContents(element);
        const rects =
          element instanceof SVGElement ? [element.getBoundingClientRect()] : [...range.getClientRects()];
        return rects.filter((rect) => rect.width > 0 && rect.height > 0).map((rect) => ({ element, rect }));
      });
    const clash = (list: ReturnType<typeof boxes>, out: string[]) => {
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          const a = list[i]!;
          const b = list[j]!;
          if (a.element === b.element || a.element.contains(b.element) || b.element.contains(a.element))
            continue;
          const x = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
          const y = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
          if (x > 1 && y > 1)
            out.push(`${a.element.textContent?.slice(0, 30)} ⨯ ${b.element.textContent?.slice(0, 30)}`);
        }
      }
    };
    const out: string[] = [];
    const html = [
      ...document.querySelectorAll(
        'h1, h2, h3, h4, th, td, .badge, summary .name, summary .why, .obstacles li, nav a',
      ),
    ].filter((element) => !element.closest('details:not([open]) > :not(summary)'));
    clash(boxes(html), out);
    for (const svg of document.querySelectorAll('figure.chart svg'))
      clash(boxes([...svg.querySelectorAll('text')]), out);
    return out;
  });
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

    const school = page.locator('details.subject[data-list="attention"][data-key="S023"]');
    expect(await school.locator(':scope > .trail').isVisible()).toBe(false);
    const { trail } = await openSubject(page, 'S023');
    expect(await trail.isVisible()).toBe(true);
    const failing = trail.locator('.failing');
    const text = await failing.innerText();
    expect(text).toContain(
      'R3 每百名学生拥有体育、艺术专任教师数 0.70 < 0.9，仅达到标准的 78%（低于85%），未达标。',
    );
    expect(text).toContain('体育、艺术专任教师数 13 人（units.csv 第23行 H列）');
    // What passed is folded below the failures, and opens on demand.
    const passed = trail.locator('details.passed');
    expect(await passed.getAttribute('open')).toBeNull();
    expect(await passed.locator('[data-v="met"]').count()).toBeGreaterThan(0);
    expect(await failing.locator('[data-v="met"]').count()).toBe(0);

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
    await page.fill('#search', '石岗');
    const { trail } = await openSubject(page, 'S017');
    expect(await trail.locator('.failing').innerText()).toContain(
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
    const { trail } = await openSubject(page, school.key);
    const text = await trail.locator('.failing').innerText();
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
    // Every school's trail is on paper, not only the ones opened on screen.
    const empty = await page.locator('details.subject > .trail:not([data-ready])').count();
    expect(empty).toBe(0);
    expect(await page.locator('.search').isVisible()).toBe(false);
    await page.close();
  });

  it('a browser without DecompressionStream says so instead of showing empty trails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'junheng-html-'));
    dirs.push(dir);
    await writeReports(buildEvaluation(), ['html'], dir, 'zh');
    const page = await browser.newPage();
    await page.addInitScript(() => {
      delete (window as { DecompressionStream?: unknown }).DecompressionStream;
    });
    await page.goto(`file://${join(dir, 'report.html')}`);
    expect(await page.locator('body').getAttribute('data-trails')).toBe('unsupported');
    expect(await page.locator('.trail-unsupported').isVisible()).toBe(true);
    await page.close();
  });

  it('the same evaluation renders the same page', () => {
    expect(renderHtml(buildEvaluation(), 'zh')).toBe(renderHtml(buildEvaluation(), 'zh'));
  });

  it('on the Huadu sample, every school is written once, its trail in the one data block, within 1.5 MB', async () => {
    const huadu = await huaduEvaluation();
    const html = renderHtml(huadu, 'zh');
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(1.5 * 1024 * 1024);
    const schools = huadu.counties[0]!.indicators.find((indicator) => indicator.level === 'school')!.members;
    const keys = [...html.matchAll(/<details class="subject" data-list="\w+" data-key="([^"]+)"/gu)].map(
      (m) => m[1],
    );
    expect(new Set(keys).size).toBe(keys.length);
    for (const member of schools) expect(keys).toContain(member.subject.key);
    expect(html.match(/id="trail-data"/gu)).toHaveLength(1);
    // No trail sentence is written into the page's markup: they live in the data block only.
    expect(html).not.toContain('第36行 H列');
  }, 120_000);

  describe.each([
    { width: 360, height: 740, lang: 'zh' as Lang, g4: 'G4 学校规模' },
    { width: 1400, height: 900, lang: 'zh' as Lang, g4: 'G4 学校规模' },
    { width: 1920, height: 1080, lang: 'zh' as Lang, g4: 'G4 学校规模' },
    { width: 360, height: 740, lang: 'en' as Lang, g4: 'G4 School size' },
  ])('the Huadu sample at $width px ($lang)', ({ lang, g4: g4Title, ...viewport }) => {
    let page: Page;
    beforeAll(async () => {
      ({ page } = await open(await huaduEvaluation(), lang, viewport));
    }, 240_000);
    afterAll(async () => page?.close());

    it('opens with its trails inflated and none of them rendered until a school is opened', async () => {
      // What the page does on opening is bounded by what it holds, not by a clock (the load time is a figure of
      // bench/html-ready.ts): a data block within its size, no trail built into the page, a page of a few elements
      // per school.
      const load = await page.evaluate(() => ({
        ready: document.body.getAttribute('data-trails'),
        rendered: document.querySelectorAll('.trail[data-ready]').length,
        items: document.querySelectorAll('.trail [data-v]').length,
        subjects: document.querySelectorAll('details.subject').length,
        elements: document.getElementsByTagName('*').length,
        block: (document.getElementById('trail-data')?.textContent ?? '').length,
      }));
      expect(load.ready).toBe('ready');
      expect(load.rendered).toBe(0);
      expect(load.items).toBe(0);
      expect(load.subjects).toBeGreaterThan(0);
      expect(load.elements).toBeLessThanOrEqual(ELEMENTS_PER_SUBJECT * load.subjects + ELEMENTS_OF_PAGE);
      expect(load.block).toBeLessThanOrEqual(TRAIL_BLOCK_CHARS);
    });

    it('has no horizontal scroll, and no table wider than its card', async () => {
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(viewport.width);
      const spills = await page.evaluate(() =>
        [...document.querySelectorAll('table')]
          .filter((table) => {
            const card = table.closest('section')!.getBoundingClientRect();
            const own = table.getBoundingClientRect();
            return own.right > card.right + 1 || own.left < card.left - 1;
          })
          .map((table) => table.querySelector('td')?.textContent),
      );
      expect(spills).toEqual([]);
      const charts = await page.evaluate(
        () =>
          [...document.querySelectorAll('figure.chart')].filter(
            (figure) =>
              figure.querySelector('svg')!.getBoundingClientRect().right >
              figure.getBoundingClientRect().right + 1,
          ).length,
      );
      expect(charts).toBe(0);
    });

    it('no two text boxes overlap', async () => {
      expect(await overlappingText(page)).toEqual([]);
    });

    it("a failing school's failing line is in the first screen once it is opened", async () => {
      const huadu = await huaduEvaluation();
      const g4 = huadu.counties[0]!.indicators.find((indicator) => indicator.indicator === 'G4')!;
      const school = g4.failing[0]!;
      const { row, trail } = await openSubject(page, school.key);
      await row.locator(':scope > summary').evaluate((summary) => summary.scrollIntoView({ block: 'start' }));
      const first = trail.locator('.failing [data-v="not_met"]').first();
      expect(await first.innerText()).toContain(g4Title);
      const box = (await first.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + Math.min(box.height, 60)).toBeLessThanOrEqual(viewport.height);
      expect(await first.evaluate((element) => getComputedStyle(element).backgroundColor)).not.toBe(
        'rgba(0, 0, 0, 0)',
      );
      await row.locator(':scope > summary').click();
    });
  });
});
