import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), isTTY: false }, out, err };
}

describe('junheng diff, rules show and compare', () => {
  it('diff prints the threshold changes of an overlay in Chinese and exits 0', async () => {
    const c = capture();
    expect(await run(['diff', 'national-2017', 'city-local-2017'], c.io)).toBe(0);
    expect(c.out.join('')).toContain(
      'G7 特殊教育学校生均公用经费：标准 >= 6000 → >= 8000  [rules/city-local-2017/guarantee/G7.yaml:',
    );
  });

  it('diff --format json gives the structured diff; --format md Markdown; a bad format is a usage error', async () => {
    const c = capture();
    expect(await run(['diff', 'national-2012', 'national-2017', '--format', 'json'], c.io)).toBe(0);
    const diff = JSON.parse(c.out.join('')) as { format: string; changes: unknown[] };
    expect(diff.format).toBe('junheng-ruleset-diff');
    const m = capture();
    expect(await run(['diff', 'national-2012', 'national-2017', '-f', 'md', '--lang', 'en'], m.io)).toBe(0);
    expect(m.out.join('')).toContain('# Rule set diff: national-2012 → national-2017');
    expect(await run(['diff', 'national-2012', 'national-2017', '-f', 'pdf'], capture().io)).toBe(2);
  });

  it('diff of an unknown rule set exits 2 with a suggestion', async () => {
    const c = capture();
    expect(await run(['diff', 'national-2017', 'hebei-2071'], c.io)).toBe(2);
    expect(c.err.join('')).toContain('hebei-2017');
  });

  it('rules show gives each resolved value with the layer, file and line it came from', async () => {
    const c = capture();
    expect(await run(['rules', 'show', 'hebei-2017', 'R1'], c.io)).toBe(0);
    const text = c.out.join('');
    expect(text).toContain('继承链：national-2017 → hebei-2017');
    expect(text).toMatch(/R1\/applies_when .*← hebei-2017 rules\/hebei-2017\/resource\/R1\.yaml:\d+/);
    expect(text).toMatch(
      /R1\/threshold\/primary .*>= 4\.2 +← national-2017 rules\/national-2017\/resource\/R1\.yaml:\d+/,
    );
    const j = capture();
    expect(await run(['rules', 'show', 'city-local-2017', 'G7', '-f', 'json'], j.io)).toBe(0);
    const shown = JSON.parse(j.out.join('')) as { values: { path: string; value: string; layer?: string }[] };
    expect(shown.values.find((v) => v.path === 'G7/threshold')).toMatchObject({
      value: '>= 8000',
      layer: 'city-local-2017',
    });
    expect(shown.values.find((v) => v.path === 'G7/value')).toMatchObject({ layer: 'national-2017' });
  });

  it('rules show of an unknown indicator exits 2 and suggests the nearest id', async () => {
    const c = capture();
    expect(await run(['rules', 'show', 'national-2017', 'R8'], c.io)).toBe(2);
    expect(c.err.join('')).toContain('是否应为');
  });

  it('compare of the sample under two rule sets prints the changes and writes md, xlsx and json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'junheng-compare-'));
    const c = capture();
    const code = await run(
      [
        'compare',
        '--rules',
        'national-2017',
        '--rules',
        'city-local-2017',
        '-f',
        'text,md,xlsx,json',
        '-o',
        dir,
      ],
      c.io,
    );
    expect(code).toBe(0);
    expect(c.out.join('')).toContain('G4：7 个对象的结论变化');
    const json = JSON.parse(readFileSync(join(dir, 'comparison.json'), 'utf8')) as {
      format: string;
      mode: string;
    };
    expect([json.format, json.mode]).toEqual(['junheng-comparison', 'rules']);
    expect(readFileSync(join(dir, 'comparison.md'), 'utf8')).toContain(
      '| 学校 | 花都区第36小学 G4 学校规模 |',
    );
    expect(readFileSync(join(dir, 'comparison.xlsx')).subarray(0, 2).toString()).toBe('PK');
  });

  it('compare of two datasets names the changed cell: two more PE and art teachers at one school', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'junheng-years-'));
    const after = join(dir, 'huadu-2025');
    cpSync('data/huadu-2024', after, { recursive: true });
    const units = readFileSync(join(after, 'units.csv'), 'utf8');
    const changed = units.replace(
      'HD046-P,HD046,花都区第46小学,primary,1346,69,19,11,',
      'HD046-P,HD046,花都区第46小学,primary,1346,69,19,13,',
    );
    expect(changed).not.toBe(units);
    writeFileSync(join(after, 'units.csv'), changed);
    const c = capture();
    expect(await run(['compare', 'data/huadu-2024', after, '-f', 'json', '-o', dir], c.io)).toBe(0);
    const comparison = JSON.parse(readFileSync(join(dir, 'comparison.json'), 'utf8')) as {
      mode: string;
      counties: {
        changes: {
          level: string;
          indicator?: string;
          subject?: { key: string };
          from: string;
          to: string;
          causes: { kind: string; input?: string; from?: number; to?: number; where?: string }[];
        }[];
      }[];
    };
    expect(comparison.mode).toBe('data');
    const changes = comparison.counties[0]?.changes ?? [];
    expect(changes.map((x) => [x.level, x.indicator, x.subject?.key, x.from, x.to])).toEqual([
      ['member', 'R3', 'HD046-P', 'within_tolerance', 'met'],
    ]);
    expect(changes[0]?.causes).toEqual([
      expect.objectContaining({
        kind: 'input',
        input: 'pe_art_teachers',
        from: 11,
        to: 13,
        where: expect.stringContaining('units.csv'),
      }),
    ]);
  });

  it('compare with one rule set and one dataset is a usage error', async () => {
    const c = capture();
    expect(await run(['compare', '--rules', 'national-2017'], c.io)).toBe(2);
    expect(c.err.join('')).toContain('用法');
  });
});
