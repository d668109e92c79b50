import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { YamlLanguageServer } from './yaml-language-server.ts';

/**
 * Every bundled rule and data file opens in an editor with zero diagnostics: yaml-language-server (the YAML engine
 * of VS Code and other editors) runs over LSP as a child process, reads each file's modeline schema, and publishes
 * what it would underline.
 */
const ROOT = resolve('.');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? yamlFiles(path) : /\.ya?ml$/i.test(name) ? [path] : [];
    });
}

const FILES = [...yamlFiles(join(ROOT, 'rules')), ...yamlFiles(join(ROOT, 'data'))];
const LONG = 600_000;

let server: YamlLanguageServer;
let scratch: string;

beforeAll(async () => {
  server = new YamlLanguageServer(ROOT);
  await server.start(ROOT);
  scratch = mkdtempSync(join(tmpdir(), 'junheng-editor-'));
}, LONG);

afterAll(async () => {
  await server?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}, LONG);

/** A file written beside the schemas' own paths, so its relative modeline resolves as in rules/. */
function scratchFile(name: string, schema: string, body: string): string {
  const file = join(scratch, name);
  writeFileSync(file, `# yaml-language-server: $schema=${join(ROOT, 'schemas', schema)}\n${body}`);
  return file;
}

describe('the bundled files in an editor', () => {
  it(
    'every file under rules/ and data/ opens with zero diagnostics',
    async () => {
      expect(FILES.length).toBeGreaterThan(100);
      const found: string[] = [];
      for (const file of FILES) {
        for (const d of await server.diagnose(file)) found.push(`${relative(ROOT, file)}:${d.line} ${d.message}`);
      }
      expect(found).toEqual([]);
    },
    LONG,
  );

  it('an overlay patch file names the patch schema in its modeline', () => {
      const patches = FILES.filter((f) => /^patch:\s*true\s*$/m.test(readText(f)));
      expect(patches.length).toBeGreaterThanOrEqual(10);
      for (const file of patches) expect(readText(file).split('\n')[0]).toMatch(/indicator-patch\.schema\.json$/);
  });
});

describe('what the editor says about a mistake', () => {
  const CASES = [
    { name: 'bare number', schema: 'indicator.schema.json', line: 'threshold: 4.5', says: '阈值要写成带比较符号的文字，并加引号' },
    { name: 'split comparison', schema: 'indicator.schema.json', line: 'threshold: "> = 4.2"', says: '阈值写法不对' },
    { name: 'comparison without bound', schema: 'indicator.schema.json', line: 'threshold: ">="', says: '阈值写法不对' },
    { name: 'comma decimal', schema: 'indicator.schema.json', line: 'threshold: ">= 4,5"', says: '小数点用英文句点' },
    { name: 'patch with a typo', schema: 'indicator-patch.schema.json', line: 'thresold: ">= 4.5"', says: 'thresold' },
  ];
  const FULL = 'id: A1\ntitle: { zh: 测试, en: test }\nsource: { document: D, clause: "1", verified: true }\nlevel: unit\nvalue: a / b\n';
  const PATCH = 'id: A1\npatch: true\n';

  it.each(CASES)(
    '$name is underlined with a sentence, not a pattern',
    async ({ name, schema, line, says }) => {
      const file = scratchFile(`${name.replace(/\s/g, '-')}.yaml`, schema, `${schema.includes('patch') ? PATCH : FULL}${line}\n`);
      const diagnostics = await server.diagnose(file);
      expect(diagnostics.map((d) => d.message).join('\n')).toContain(says);
      expect(diagnostics.map((d) => d.message).join('\n')).not.toContain('^\\s*');
    },
    LONG,
  );

  it(
    'a patch may set an optional key to null and leave out every required key of an indicator',
    async () => {
      const file = scratchFile('patch-null.yaml', 'indicator-patch.schema.json', `${PATCH}source:\n  quote: null\nthreshold: null\n`);
      expect(await server.diagnose(file)).toEqual([]);
    },
    LONG,
  );

  const HOVERS = [
    { key: 'threshold', zh: '阈值', example: '>= 4.2' },
    { key: 'decimals', zh: '小数', example: '2' },
    { key: 'unit', zh: '单位', example: '人/百名学生' },
    { key: 'title', zh: '指标名称', example: '每百名学生拥有高于规定学历教师数' },
    { key: 'source', zh: '政策依据', example: '教督〔2017〕6号' },
    { key: '  by', zh: '类别输入', example: 'stage' },
  ];
  it.each(HOVERS)(
    'hovering over $key shows its help in Chinese first, then English, with an example',
    async ({ key, zh, example }) => {
      const file = join(ROOT, 'rules/national-2017/resource/R1.yaml');
      const row = readText(file)
        .split('\n')
        .findIndex((l) => l.startsWith(`${key}:`));
      expect(row).toBeGreaterThan(0);
      const hover = await server.hover(file, row, key.length - 1);
      const english = hover.search(/[A-Z][a-z]+ [a-z]+/);
      expect(hover.indexOf(zh)).toBeGreaterThanOrEqual(0);
      expect(hover.indexOf(zh)).toBeLessThan(english);
      expect(hover).toContain('Example');
      expect(hover).toContain(example);
    },
    LONG,
  );
});

function readText(file: string): string {
  return readFileSync(file, 'utf8');
}
