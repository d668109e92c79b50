import { isPair, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';

/** One scalar of a rule file to be written anew: where its value starts (1-based line and column) and its new text. */
export interface ScalarEdit {
  file: string;
  line: number;
  column: number;
  value: string;
  /** The value the page saw there: when the file now holds another, the edit is refused rather than misplaced. */
  was?: string;
}

/**
 * Writes a new value into the scalar that starts at `line`:`column` of a YAML text, splicing it into the original
 * characters so that every other byte — comments, blank lines, the layout of untouched keys — stays as written. The
 * value keeps single quotes where it had them, a plain number stays plain, and anything else is double-quoted (a
 * threshold such as `>= 4.5` cannot be a plain scalar). Undefined when no scalar starts there, or when `was` is given and the scalar holds another
 * value (the file changed since the page read it).
 */
export function spliceScalar(
  text: string,
  line: number,
  column: number,
  value: string,
  was?: string,
): string | undefined {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, keepSourceTokens: false });
  const offset = (counter.lineStarts[line - 1] ?? Number.NaN) + column - 1;
  let range: [number, number] | undefined;
  let style: string | undefined;
  let kind: string | undefined;
  visit(doc, {
    Scalar(key, node) {
      // A key is never rewritten: only the value it names.
      if (node.range?.[0] === offset && key !== 'key') {
        if (was !== undefined && String(node.value) !== was) return visit.BREAK;
        range = [node.range[0], node.range[1]];
        style = node.type;
        kind = typeof node.value;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (!range) return undefined;
  const [from, to] = range;
  // A plain value stays plain when it reads back as the same kind (`at_least_met: 6` a number, `others_not_below:
  // 85%` a string); anything else is quoted, and then reads back as text.
  const candidates = style === 'PLAIN' ? [value, quote(value, style)] : [quote(value, style)];
  for (const written of candidates) {
    const next = text.slice(0, from) + written + text.slice(to);
    const readBack = valueAt(next, offset);
    if (
      readBack.found &&
      String(readBack.value) === value &&
      (written !== value || typeof readBack.value === kind)
    )
      return next;
  }
  return undefined;
}

/** The value of the scalar that starts at `offset`, when the text parses without error. */
function valueAt(text: string, offset: number): { found: boolean; value?: unknown } {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return { found: false };
  let out: { found: boolean; value?: unknown } = { found: false };
  visit(doc, {
    Scalar(key, node) {
      if (node.range?.[0] === offset && key !== 'key') {
        out = { found: true, value: node.value };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return out;
}

function quote(value: string, style: string | undefined): string {
  if (style === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  return JSON.stringify(value);
}

/** Applies several edits of one file, the last in the text first, so that earlier positions stay where they were. */
export function spliceScalars(text: string, edits: readonly ScalarEdit[]): string | undefined {
  const ordered = [...edits].sort((a, b) => b.line - a.line || b.column - a.column);
  let current: string | undefined = text;
  for (const edit of ordered) {
    if (current === undefined) return undefined;
    current = spliceScalar(current, edit.line, edit.column, edit.value, edit.was);
  }
  return current;
}

/** The path of keys and indices from the document's root to the scalar that starts at `line`:`column`. */
export function scalarPath(text: string, line: number, column: number): (string | number)[] | undefined {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  const offset = (counter.lineStarts[line - 1] ?? Number.NaN) + column - 1;
  let found: (string | number)[] | undefined;
  visit(doc, {
    Scalar(key, node, ancestors) {
      if (node.range?.[0] !== offset || key !== 'value') return undefined;
      const path: (string | number)[] = [];
      let child: unknown = node;
      for (let i = ancestors.length - 1; i >= 0; i--) {
        const parent = ancestors[i];
        if (isPair(parent)) {
          if (parent.value === child)
            path.unshift(isScalar(parent.key) ? String(parent.key.value) : String(parent.key));
        } else if (isSeq(parent)) path.unshift(parent.items.indexOf(child as never));
        child = parent;
      }
      found = path;
      return visit.BREAK;
    },
  });
  return found;
}

/** Where the value at `path` starts (1-based line and column) and its text, when it is a scalar. */
export function scalarAt(
  text: string,
  path: readonly (string | number)[],
): { line: number; column: number; text: string } | undefined {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  const node = doc.getIn(path, true);
  if (!isScalar(node) || !node.range) return undefined;
  const { line, col } = counter.linePos(node.range[0]);
  return { line, column: col, text: String(node.value) };
}
