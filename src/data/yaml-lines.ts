import { isMap, isScalar, isSeq, LineCounter, type Document, type Node } from 'yaml';

/**
 * The 1-based line of a key path (`county/inputs/students`, `counties/2/reported/0`) in a parsed YAML document:
 * the line of the last key (or list item) of the path, so that a message points where the user wrote the name.
 */
export function yamlLineFinder(doc: Document, lines: LineCounter): (path: string) => number | undefined {
  return (path: string) => {
    let node: unknown = doc.contents;
    let offset: number | undefined;
    for (const segment of path.split('/').filter((s) => s !== '')) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === segment);
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
