import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * docs/zh/错误代码.md and docs/en/error-codes.md list every code a user can meet. A code added in src/ and not
 * documented fails here, and so does a documented code that no longer exists.
 */
const DOCS = { zh: 'docs/zh/错误代码.md', en: 'docs/en/error-codes.md' };

/** SCREAMING_SNAKE literals in src/ that are not our codes: environment variables and the yaml library's own codes. */
const NOT_CODES = new Set([
  'JUNHENG_LANG',
  'JUNHENG_NO_WORKER',
  'NO_COLOR',
  'LC_ALL',
  'LC_MESSAGES',
  'TAG_RESOLVE_FAILED',
  'DUPLICATE_KEY',
  'BAD_INDENT',
  'BLOCK_AS_IMPLICIT_KEY',
  'MULTILINE_IMPLICIT_KEY',
  'MISSING_CHAR',
  'QUOTE_DOUBLE',
  'QUOTE_SINGLE',
  // Node's own error code (zlib's output bound), not ours.
  'ERR_BUFFER_TOO_LARGE',
]);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const src = sources('src').map((file) => readFileSync(file, 'utf8'));
const literals = new Set(
  src.flatMap((text) => [...text.matchAll(/'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'/g)].map((m) => m[1] as string)),
);
// Codes printed in a message rather than built as a Problem.
const printed = ['DATASET_NOT_FOUND'];
const codes = [...[...literals].filter((c) => !NOT_CODES.has(c)), ...printed].sort();

describe.each(Object.entries(DOCS))('the error codes page (%s)', (_lang, file) => {
  const page = readFileSync(file, 'utf8');
  const documented = [...page.matchAll(/^\| `([A-Z][A-Z0-9_]+)`/gm)].map((m) => m[1] as string);

  it('documents every code used in src/', () => {
    expect(codes.filter((code) => !documented.includes(code))).toEqual([]);
  });

  it('documents no code that src/ does not use', () => {
    const all = src.join('\n');
    expect(documented.filter((code) => !all.includes(code))).toEqual([]);
  });

  it('documents each code once', () => {
    expect(documented.filter((code, i) => documented.indexOf(code) !== i)).toEqual([]);
  });
});
