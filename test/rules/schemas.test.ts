import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { patchSchemaText } from '../../scripts/patch-schema.ts';
import { parseFormula } from '../../src/formula/parse-formula.ts';
import { parseThreshold } from '../../src/rules/parse-threshold.ts';

/** The schemas of the files staff write; their help is what an editor shows on hover. */
const EDITED = ['ruleset', 'inputs', 'area', 'indicator', 'indicator-patch', 'case', 'dataset', 'result'];

type Node = Record<string, unknown>;

function schema(name: string): Node {
  return JSON.parse(readFileSync(`schemas/${name}.schema.json`, 'utf8')) as Node;
}

/** Every property of a schema, with the path it is found at. */
function properties(node: unknown, path = ''): { path: string; node: Node }[] {
  if (node === null || typeof node !== 'object') return [];
  if (Array.isArray(node)) return node.flatMap((n, i) => properties(n, `${path}/${i}`));
  const own = (node as Node)['properties'] as Record<string, Node> | undefined;
  return [
    ...Object.entries(own ?? {}).map(([key, value]) => ({ path: `${path}/${key}`, node: value })),
    ...Object.entries(node as Node).flatMap(([key, value]) => properties(value, `${path}/${key}`)),
  ];
}

const CJK = /[\u4e00-\u9fff]/;

describe.each(EDITED)('the %s schema', (name) => {
  const all = properties(schema(name));

  it('describes every property in Chinese first, then English', () => {
    const bad = all.filter(({ node }) => {
      const text = node['description'];
      if (typeof text !== 'string') return true;
      const paragraphs = text.split('\n\n');
      const first = paragraphs[0] ?? '';
      const last = paragraphs[paragraphs.length - 1] ?? '';
      // The English paragraph may quote a Chinese term (教督〔2017〕6号), so it is told by its Latin words.
      return paragraphs.length < 2 || !CJK.test(first) || !/[a-z]{3,} [a-z]{2,}/i.test(last);
    });
    expect(all.length).toBeGreaterThan(5);
    expect(bad.map((b) => b.path)).toEqual([]);
  });
});

describe('help on the keys staff edit most', () => {
  const indicator = schema('indicator');
  const props = indicator['properties'] as Record<string, Node>;
  const defs = indicator['$defs'] as Record<string, Node>;

  it.each(['id', 'title', 'source', 'level', 'value', 'threshold', 'unit', 'decimals', 'county_value', 'applies_when'])(
    'indicator.%s carries an example',
    (key) => {
      expect(Array.isArray(props[key]?.['examples']) && (props[key]?.['examples'] as unknown[]).length > 0).toBe(true);
    },
  );

  it('the threshold carries a sentence for a wrong type and for a wrong pattern, in Chinese first', () => {
    for (const key of ['errorMessage', 'patternErrorMessage'] as const) {
      const text = String(defs['threshold']?.[key]);
      expect(text.split('\n\n')[0]).toMatch(CJK);
      expect(text).not.toContain('^');
    }
  });

  it('a threshold keyed by category explains by with an example', () => {
    const by = ((defs['thresholdSpec']?.['else'] as Node)['properties'] as Record<string, Node>)['by'] as Node;
    expect(String(by['description'])).toMatch(CJK);
    expect(by['examples']).toEqual(['stage']);
  });
});

describe('the patch schema', () => {
  it('is generated from the indicator schema and up to date (npx tsx scripts/patch-schema.ts)', () => {
    expect(readFileSync('schemas/indicator-patch.schema.json', 'utf8')).toBe(patchSchemaText());
  });

  it('requires only id and patch', () => {
    expect(schema('indicator-patch')['required']).toEqual(['id', 'patch']);
  });
});

/** What the engine itself accepts as a threshold (before any schema): a comparison, and a number or a formula. */
function engineAccepts(text: string): boolean {
  const parts = parseThreshold(text);
  if (!parts) return false;
  if (typeof parts.bound !== 'object') return true;
  return parseFormula(parts.bound.formula, new Set(['a', 'b', 'civil_servant_avg_pay', 'built_year'])).issues.length === 0;
}

describe('the threshold pattern refuses what the engine refuses', () => {
  const pattern = new RegExp(String((schema('indicator')['$defs'] as Record<string, Node>)['threshold']?.['pattern']), 'u');
  const ROWS = [
    { text: '>= 4.2', ok: true },
    { text: '<= 45', ok: true },
    { text: '>= 95%', ok: true },
    { text: '≥4.5', ok: true },
    { text: '≤ 45', ok: true },
    { text: '>= ４.５', ok: true },
    { text: '>= 95％', ok: true },
    { text: '== true', ok: true },
    { text: '>= civil_servant_avg_pay', ok: true },
    { text: '>= (built_year <= 2016 ? 73 : 96)', ok: true },
    { text: '>= 1,000', ok: true },
    { text: '不低于 4.2', ok: true },
    { text: '>=', ok: false },
    { text: '> = 4.2', ok: false },
    { text: '< = 45', ok: false },
    { text: '>= 4,5', ok: false },
    { text: '>= 4，5', ok: false },
    { text: '4.5', ok: false },
    { text: 'at least 4.2', ok: false },
    { text: '=== 4', ok: false },
    { text: '>= a%', ok: false },
    { text: '>= 95% + 1', ok: false },
  ];

  it.each(ROWS)('"$text": accepted $ok', ({ text, ok }) => {
    expect(engineAccepts(text)).toBe(ok);
    expect(pattern.test(text)).toBe(ok);
  });
});
