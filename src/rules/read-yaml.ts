import { readFile } from 'node:fs/promises';
import { decodeText, describeBadByte } from '../data/decode-text.ts';
import { parseYamlDocument, yamlLimitIssue } from '../data/yaml-lines.ts';
import { LIMIT_CODES } from '../limits.ts';
import { isMap, isPair, isScalar, isSeq, LineCounter, type Document, type Node } from 'yaml';
import type { Problem } from '../model/problem.ts';
import type { Text } from '../model/text.ts';
import { adviseLine, describeAdvice } from '../text/typo-advice.ts';

/** A parsed YAML file that can say where any of its nodes was written. */
export interface YamlFile {
  file: string;
  data: unknown;
  /** 1-based line and column of the node at `path` (or of its key, with `key: true`); the nearest existing parent otherwise. */
  locate(path: readonly (string | number)[], key?: boolean): { line: number; column: number; file?: string };
  /** The text of a 1-based line as written (of `file` when the data was merged from several files). */
  lineAt?(line: number, file?: string): string | undefined;
}

/** Limits that keep a hostile file from exhausting memory (alias bombs) or time. */
const MAX_ALIAS_COUNT = 50;
const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Reads and parses a YAML file, reporting syntax errors, duplicate keys and custom tags as located problems. */
export async function readYamlFile(file: string, displayName = file): Promise<{ yaml?: YamlFile; problems: Problem[] }> {
  let text: string;
  try {
    const buffer = await readFile(file);
    if (buffer.length > MAX_FILE_BYTES) {
      return {
        problems: [
          {
            code: 'FILE_TOO_LARGE',
            severity: 'error',
            file: displayName,
            message: {
              zh: `文件过大（${buffer.length} 字节，上限 ${MAX_FILE_BYTES}）；大表请用 CSV 或 XLSX`,
              en: `file too large (${buffer.length} bytes, limit ${MAX_FILE_BYTES}); use CSV or XLSX for large tables`,
            },
          },
        ],
      };
    }
    const decoded = decodeText(buffer, { gb18030: false });
    if (decoded.bad) {
      const { zh, en } = describeBadByte(decoded.bad, 'yaml');
      return {
        problems: [
          {
            code: 'FILE_ENCODING_INVALID',
            severity: 'error',
            file: displayName,
            line: decoded.bad.row,
            column: decoded.bad.column,
            message: { zh: `${displayName}：${zh}`, en: `${displayName}: ${en}` },
          },
        ],
      };
    }
    text = decoded.text;
  } catch {
    return {
      problems: [
        {
          code: 'FILE_NOT_FOUND',
          severity: 'error',
          file: displayName,
          message: { zh: `找不到文件 ${displayName}`, en: `file not found: ${displayName}` },
        },
      ],
    };
  }
  return parseYamlText(text, displayName);
}

/** Parses YAML text (see readYamlFile). */
export function parseYamlText(text: string, file: string): { yaml?: YamlFile; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const doc = parseYamlDocument(source, { lineCounter, prettyErrors: false, strict: true });
  const tooBig = yamlLimitIssue(doc);
  if (tooBig !== undefined) {
    const pos = lineCounter.linePos(tooBig.offset);
    return {
      problems: [
        {
          code: LIMIT_CODES[tooBig.limit],
          severity: 'error',
          file,
          line: pos.line,
          column: pos.col,
          message: { zh: `${file} 第 ${pos.line} 行：${tooBig.message.zh}`, en: `${file} line ${pos.line}: ${tooBig.message.en}` },
        },
      ],
    };
  }
  const lines = source.split(/\r?\n/);
  const problems: Problem[] = [];
  for (const error of [...doc.errors, ...doc.warnings]) {
    const pos = lineCounter.linePos(error.pos[0]);
    const duplicate = error.code === 'DUPLICATE_KEY';
    const keyName = duplicate ? /^\s*([^:\n]+?)\s*:/.exec(source.slice(error.pos[0]))?.[1] : undefined;
    const tag = error.code === 'TAG_RESOLVE_FAILED' && !advisedLine(lines, pos.line);
    const base = { severity: 'error' as const, file, line: pos.line, column: pos.col };
    if (duplicate) {
      problems.push({
        ...base,
        code: 'YAML_DUPLICATE_KEY',
        message: {
          zh: `同一层级出现重复的键“${keyName ?? '?'}”；每个键只能写一次`,
          en: `duplicate key '${keyName ?? '?'}'; each key may appear only once`,
        },
      });
    } else if (tag) {
      problems.push({
        ...base,
        code: 'YAML_CUSTOM_TAG',
        message: {
          zh: `不支持自定义 YAML 标签（如 !!js/function）：${lines[pos.line - 1]?.trim() ?? ''}`,
          en: `custom YAML tags are not supported: ${firstLine(error.message)}`,
        },
      });
    } else {
      const advised = advisedLine(lines, pos.line);
      const where = advised?.line ?? pos.line;
      if (problems.some((p) => p.code === 'YAML_SYNTAX' && p.line === where)) continue;
      problems.push({
        ...base,
        code: 'YAML_SYNTAX',
        ...(advised ? { line: advised.line, column: 1 } : {}),
        message: advised
          ? prefixed(describeAdvice(advised.line, advised.text, advised.advice))
          : syntaxMessage(error.code, error.message, pos.line, lines[pos.line - 1] ?? ''),
      });
    }
  }
  if (problems.length > 0) return { problems };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      problems: [
        {
          code: 'YAML_ALIAS_LIMIT',
          severity: 'error',
          file,
          line: 1,
          column: 1,
          message: {
            zh: `YAML 别名（&/*）展开过多（上限 ${MAX_ALIAS_COUNT} 次），已拒绝读取；请把重复的内容直接写出来`,
            en: `too many YAML alias expansions, refused: ${message}`,
          },
        },
      ],
    };
  }
  return {
    yaml: {
      file,
      data,
      locate: (path, key) => locate(doc, lineCounter, path, key ?? false),
      lineAt: (line) => lines[line - 1],
    },
    problems,
  };
}

/**
 * The line a parser error is really about: the parser often stops a line or two after the mistake (a quote never
 * closed, a key with a full-width colon read as part of a multi-line key), so look back from where it stopped.
 */
function advisedLine(
  lines: readonly string[],
  at: number,
): { line: number; text: string; advice: NonNullable<ReturnType<typeof adviseLine>> } | undefined {
  for (let line = Math.min(at, lines.length); line >= Math.max(1, at - 3); line--) {
    const text = lines[line - 1] ?? '';
    const advice = adviseLine(text);
    if (advice) return { line, text, advice };
  }
  return undefined;
}

function prefixed(message: Text): Text {
  return { zh: `YAML 语法错误：${message.zh}`, en: `YAML syntax error: ${message.en}` };
}

/** A parser error in the user's words: the parser's own English only in English, after ours. */
function syntaxMessage(code: string, parserMessage: string, line: number, text: string): Text {
  const tab = /tab/i.test(parserMessage);
  // A key indented one space too far or too little reads as a nested or multi-line key to the parser.
  const indent = !tab && ['BAD_INDENT', 'BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY'].includes(code);
  const quote = ['MISSING_CHAR', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'].includes(code) || /quote/i.test(parserMessage);
  const zh = tab
    ? 'YAML 缩进不能用制表符 Tab，请改用空格'
    : indent
      ? '缩进不对：同一层级的键须对齐到同一列，子项比上一级多缩进两个空格'
      : quote
        ? '引号没有配对：每个值的引号要用英文双引号 "…"，成对出现'
        : '这一行无法读取：键后面是英文冒号加一个空格，以符号开头的值要加英文双引号';
  const en = tab
    ? 'indent with spaces, not tabs'
    : indent
      ? 'bad indentation: keys of one level must start at the same column'
      : quote
        ? 'unbalanced quotes: quote a value with a pair of ASCII double quotes'
        : 'this line cannot be read';
  return {
    zh: `YAML 语法错误（第 ${line} 行「${text.trim()}」）：${zh}`,
    en: `YAML syntax error (line ${line}: ${text.trim()}): ${en}: ${firstLine(parserMessage)}`,
  };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function locate(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly (string | number)[],
  key: boolean,
): { line: number; column: number } {
  let node: Node | null | undefined = doc.contents as Node | null;
  let best: Node | null | undefined = node;
  let keyNode: Node | undefined;
  for (const segment of path) {
    keyNode = undefined;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      keyNode = pair.key as Node;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment] as Node | undefined;
    } else {
      break;
    }
    if (node?.range) best = node;
    else if (keyNode?.range) best = keyNode;
  }
  const target = key && keyNode?.range ? keyNode : best;
  const offset = target?.range?.[0] ?? 0;
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}
