import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every file a document cites is in the repository: relative Markdown links, and paths written in code spans
 * (`rules/national-2017/resource/R1.yaml`, `src/cli/main.ts:12`). Paths with a placeholder (`<dataset>`, `*`, `…`)
 * and the folders a run creates (out/, dist/, node_modules/) are not citations of a file.
 */
const ROOT = join(import.meta.dirname, '../..');
const TOP = ['rules', 'data', 'docs', 'schemas', 'src', 'test', 'bench', 'scripts', 'bin', '.ci'];

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'out' || name === 'dist' || name.startsWith('.git')) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

const docs = [
  ...['README.md', 'CHANGELOG.md'].map((f) => join(ROOT, f)),
  ...['docs', 'data', 'bench', 'rules', 'scripts'].flatMap((d) => markdownFiles(join(ROOT, d))),
].filter(existsSync);

function citations(file: string): { line: number; target: string; resolved: string }[] {
  const found: { line: number; target: string; resolved: string }[] = [];
  const text = readFileSync(file, 'utf8');
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1]!;
      if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue;
      const path = decodeURI(target.split('#')[0]!);
      if (path) found.push({ line: i + 1, target, resolved: join(dirname(file), path) });
    }
    for (const m of line.matchAll(/`([^`\s]+)`/g)) {
      const token = m[1]!.replace(/:\d+(?::\d+)?$/, '').replace(/[.,;:，。；：]$/, '');
      const top = token.split('/')[0]!;
      if (!TOP.includes(top) || !token.includes('/')) continue;
      if (/[<>*{}|…]|\.\.\.|\bN\b|XXX/.test(token)) continue;
      found.push({ line: i + 1, target: token, resolved: join(ROOT, token) });
    }
  });
  return found;
}

describe('documents cite only files that exist', () => {
  it.each(docs.map((file) => [relative(ROOT, file), file]))('%s', (_name, file) => {
    const missing = citations(file)
      .filter((c) => !existsSync(c.resolved))
      .map((c) => `${relative(ROOT, file)}:${c.line} → ${c.target}`);
    expect(missing).toEqual([]);
  });
});

describe('documents invoke the tool one way', () => {
  // In the repository `npx junheng …`; once installed `junheng …`. The change log keeps its history as written.
  const OTHER_WAYS = /npm run junheng|tsx src\/cli\/main\.ts|node (?:\.\/)?bin\/junheng\.js|node dist\//;
  it.each(docs.filter((file) => !file.endsWith('CHANGELOG.md')).map((file) => [relative(ROOT, file), file]))(
    '%s',
    (_name, file) => {
      const lines = readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (OTHER_WAYS.test(line) ? [`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`] : []));
      expect(lines).toEqual([]);
    },
  );
});
