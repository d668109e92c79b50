import {
  isMap,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  parseDocument,
  visit,
  YAMLParseError,
  type Document,
  type DocumentOptions,
  type Node,
  type Pair,
  type ParseOptions,
  type SchemaOptions,
  type YAMLMap,
} from 'yaml';
import { limitMessage, limits } from '../limits.ts';

/**
 * The 1-based line of a key path (`county/inputs/students`, `counties/2/reported/0`) in a parsed YAML document:
 * the line of the last key (or list item) of the path, so that a message points where the user wrote the name.
 */
export function yamlLineFinder(doc: Document, lines: LineCounter): (path: string) => number | undefined {
  // Each map's keys are indexed once, when first asked for: a file with n problems costs O(n), not O(n²).
  const indexes = new WeakMap<object, Map<string, Pair>>();
  const indexOf = (map: YAMLMap): Map<string, Pair> => {
    let index = indexes.get(map);
    if (index === undefined) {
      index = new Map();
      for (const p of map.items) {
        const key = isScalar(p.key) ? String(p.key.value) : String(p.key);
        if (!index.has(key)) index.set(key, p);
      }
      indexes.set(map, index);
    }
    return index;
  };
  return (path: string) => {
    let node: unknown = doc.contents;
    let offset: number | undefined;
    for (const segment of path.split('/').filter((s) => s !== '')) {
      if (isMap(node)) {
        const pair = indexOf(node).get(segment);
        if (pair === undefined) break;
        offset = (pair.key as Node | null)?.range?.[0] ?? offset;
        node = pair.value;
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)] as Node | undefined;
        if (item === undefined) break;
        offset = item.range?.[0] ?? offset;
        node = item;
      } else {
        break;
      }
    }
    return offset === undefined ? undefined : lines.linePos(offset).line;
  };
}

/**
 * Parses YAML with duplicate keys found in linear time. The yaml library's own check (`uniqueKeys`) compares each key
 * with every earlier key of its map: 30,000 keys cost seconds, 10⁶ keys many minutes. Here each map's keys go into a
 * Set once; a repeated key is added to the document's errors as the library would (DUPLICATE_KEY, at the key).
 */
export function parseYamlDocument(text: string, options: Omit<DocumentOptions & ParseOptions & SchemaOptions, 'uniqueKeys'>): Document {
  // The parser recurses once per level: a text nested thousands of levels deep would overflow the stack in it.
  const flow = flowDepth(text);
  if (flow.depth > limits().yamlDepth) return tooDeep(flow.depth, flow.offset, text, options.lineCounter);
  // A text of more keys than the limit is refused before it is parsed: a million keys would take gigabytes as nodes.
  const tooMany = keyPastLimit(text, limits().yamlKeys);
  if (tooMany !== undefined) return unparsed(TOO_MANY_KEYS, tooMany, text, options.lineCounter);
  let doc: Document;
  try {
    doc = parseDocument(text, { ...options, uniqueKeys: false });
  } catch (error) {
    if (error instanceof RangeError) return tooDeep(Infinity, 0, text, options.lineCounter);
    throw error;
  }
  const added: YAMLParseError[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const value = pair.key.value;
        if (seen.has(value)) {
          const start = pair.key.range?.[0] ?? 0;
          added.push(new YAMLParseError([start, start + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
        } else seen.add(value);
      }
    },
  });
  if (added.length > 0) {
    doc.errors.push(...added);
    doc.errors.sort((a, b) => a.pos[0] - b.pos[0]);
  }
  return doc;
}

/**
 * The first limit a parsed YAML document exceeds: more keys than `yamlKeys`, or collections nested deeper than
 * `yamlDepth`, with the offset where it is exceeded; undefined when it fits.
 */
export function yamlLimitIssue(
  doc: Document,
): { limit: 'yamlKeys' | 'yamlDepth'; offset: number; message: { zh: string; en: string } } | undefined {
  const { yamlKeys, yamlDepth } = limits();
  const many = TOO_MANY_KEYS.get(doc);
  if (many !== undefined)
    return {
      limit: 'yamlKeys',
      offset: many.offset,
      message: limitMessage('yamlKeys', { zh: 'YAML 文件中键的个数', en: 'the number of keys in the YAML file' }, `> ${yamlKeys}`),
    };
  const deep = TOO_DEEP.get(doc);
  if (deep !== undefined)
    return {
      limit: 'yamlDepth',
      offset: deep.offset,
      message: limitMessage(
        'yamlDepth',
        { zh: 'YAML 的嵌套层数', en: 'the nesting depth of the YAML' },
        Number.isFinite(deep.depth) ? deep.depth : `> ${yamlDepth}`,
      ),
    };
  let keys = 0;
  let found: ReturnType<typeof yamlLimitIssue>;
  visit(doc, {
    Pair(_, pair) {
      keys++;
      if (keys > yamlKeys) {
        const offset = (pair.key as Node | null)?.range?.[0] ?? 0;
        found = {
          limit: 'yamlKeys',
          offset,
          message: limitMessage('yamlKeys', { zh: 'YAML 文件中键的个数', en: 'the number of keys in the YAML file' }, `> ${yamlKeys}`),
        };
        return visit.BREAK;
      }
      return undefined;
    },
    Collection(_, node, path) {
      const depth = path.filter((p) => isMap(p) || isSeq(p)).length + 1;
      if (depth > yamlDepth) {
        found = {
          limit: 'yamlDepth',
          offset: node.range?.[0] ?? 0,
          message: limitMessage('yamlDepth', { zh: 'YAML 的嵌套层数', en: 'the nesting depth of the YAML' }, depth),
        };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** Documents that were too deep to parse, with how deep and where (see yamlLimitIssue). */
const TOO_DEEP = new WeakMap<Document, { depth: number; offset: number }>();

/** Documents with too many keys to parse, with where the first key past the limit is (see yamlLimitIssue). */
const TOO_MANY_KEYS = new WeakMap<Document, { offset: number }>();

function tooDeep(depth: number, offset: number, text: string, lines: LineCounter | undefined): Document {
  return unparsed(TOO_DEEP, { depth, offset }, text, lines);
}

/** An empty document standing for a text that was not parsed, with why in `why`. */
function unparsed<T extends object>(
  why: WeakMap<Document, T>,
  detail: T,
  text: string,
  lines: LineCounter | undefined,
): Document {
  // The parser did not run, so the line counter learns the lines here, for the problem's line.
  if (lines !== undefined) {
    lines.addNewLine(0);
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
  }
  const doc = parseDocument('{}');
  why.set(doc, detail);
  return doc;
}

/**
 * Where the first key past `limit` begins, when the text has more keys than that; else undefined. Every key is
 * followed by a `:` or is an entry of a flow mapping (after `{` or `,`) or an explicit `?` key, so when those
 * characters are fewer than the limit the text cannot exceed it and nothing more is done. Otherwise the text is
 * tokenised (the yaml library's lexer, which keeps no nodes) and its mapping-value indicators counted.
 */
function keyPastLimit(text: string, limit: number): { offset: number } | undefined {
  let marks = 0;
  for (let i = 0; i < text.length && marks <= limit; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x3a || ch === 0x2c || ch === 0x7b || ch === 0x3f) marks++; // : , { ?
  }
  if (marks <= limit) return undefined;
  let keys = 0;
  let offset = 0;
  let keyStart = 0;
  for (const token of new Lexer().lex(text)) {
    // Control tokens of one character below U+0020 (document, scalar and flow markers) take no source text.
    const control = token.length === 1 && token.charCodeAt(0) < 0x20 && token !== '\n' && token !== '\t';
    if (token === ':') {
      keys++;
      if (keys > limit) return { offset: lineStart(text, keyStart) };
    } else if (!control && token.trim() !== '' && token !== '\n') keyStart = offset;
    if (!control) offset += token.length;
  }
  return undefined;
}

/** The offset where the line holding `offset` begins. */
function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The deepest nesting of flow brackets (`[` `{`) outside quotes and comments, and where it is first reached. */
function flowDepth(text: string): { depth: number; offset: number } {
  let depth = 0;
  let deepest = 0;
  let offset = 0;
  let quote = '';
  let comment = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (comment) {
      if (ch === '\n') comment = false;
    } else if (quote !== '') {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) comment = true;
    else if (ch === '[' || ch === '{') {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        offset = i;
      }
    } else if (ch === ']' || ch === '}') depth = Math.max(0, depth - 1);
  }
  return { depth: deepest, offset };
}
