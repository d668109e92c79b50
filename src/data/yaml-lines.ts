import {
  isMap,
  isScalar,
  isSeq,
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
  const doc = parseDocument(text, { ...options, uniqueKeys: false });
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
