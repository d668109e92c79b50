import type { MathNode } from 'mathjs';
import type { InputDictionary } from '../model/ruleset.ts';
import type { Text } from '../model/text.ts';
import { nearestName } from '../text/nearest-name.ts';

/**
 * Category values a formula compares with (`school_type == "teaching_point"`) that the category does not have. A
 * misspelt value would silently match nothing, so it is an error naming the allowed values and the nearest one; a
 * Chinese label written instead of its key is pointed to the key.
 */
export function unknownCategoryValues(node: MathNode, dictionary: InputDictionary): Text[] {
  const out: Text[] = [];
  node.traverse((current) => {
    if (current.type !== 'OperatorNode') return;
    const op = current as unknown as { fn: string; args: MathNode[] };
    if (op.fn !== 'equal' && op.fn !== 'unequal') return;
    const [left, right] = op.args;
    for (const [symbol, constant] of [
      [left, right],
      [right, left],
    ] as const) {
      if (symbol?.type !== 'SymbolNode' || constant?.type !== 'ConstantNode') continue;
      const name = (symbol as unknown as { name: string }).name;
      const value = (constant as unknown as { value: unknown }).value;
      const input = dictionary.inputs[name];
      if (input?.type !== 'category' || typeof value !== 'string') continue;
      const values = input.values ?? {};
      if (Object.hasOwn(values, value)) continue;
      const byLabel = Object.entries(values).find(([, label]) => label.zh === value || label.en === value)?.[0];
      const near = byLabel ?? nearestName(value, Object.keys(values));
      const allowed = Object.keys(values).join(', ');
      out.push({
        zh: `“${name}”没有取值“${value}”${near ? `；是否应为“${near}”？` : ''}可选：${allowed}`,
        en: `'${name}' has no value '${value}'${near ? `; did you mean '${near}'?` : ''} Allowed: ${allowed}`,
      });
    }
  });
  return out;
}
