import type { EvalFunction, MathNode } from 'mathjs';
import type { Formula } from '../model/ruleset.ts';
import { compileJs, compileJsRows, type JsFormula, type JsRows } from '../formula/compile-js.ts';
import { parseFormula } from '../formula/parse-formula.ts';

/** Every formula of a rule set compiled once (the loader has already proven each one safe). */
export class CompiledFormulas {
  private readonly compiled = new Map<string, EvalFunction>();
  private readonly js = new Map<string, JsFormula | undefined>();
  private readonly rows = new Map<string, JsRows | undefined>();

  get(formula: Formula): EvalFunction {
    let fn = this.compiled.get(formula.text);
    if (!fn) {
      fn = parse(formula).compile();
      this.compiled.set(formula.text, fn);
    }
    return fn;
  }

  /**
   * The formula compiled to plain JavaScript (compile-js.ts), reading `formula.names` by position; undefined when
   * it falls outside what that compiler covers, in which case the mathjs function serves.
   */
  getJs(formula: Formula): JsFormula | undefined {
    if (!this.js.has(formula.text)) this.js.set(formula.text, compileJs(parse(formula), formula.names));
    return this.js.get(formula.text);
  }

  /**
   * The formula compiled to a loop over rows of columns (compile-js.ts compileJsRows), `inputs[i]` saying how
   * `formula.names[i]` is held and whether it is external; undefined where getJs is.
   */
  getRows(formula: Formula, inputs: readonly { numbers: boolean; external: boolean }[]): JsRows | undefined {
    const key = `${inputs.map((i) => `${i.numbers ? 'n' : 'v'}${i.external ? 'e' : ''}`).join(',')}|${formula.text}`;
    if (!this.rows.has(key)) this.rows.set(key, compileJsRows(parse(formula), formula.names, inputs));
    return this.rows.get(key);
  }

  /** The denominators of the formula's divisions, each with its text: to tell a zero denominator from an overflow. */
  denominators(formula: Formula): { text: string; fn: EvalFunction }[] {
    let list = this.divisions.get(formula.text);
    if (!list) {
      list = parse(formula)
        .filter((node) => node.type === 'OperatorNode' && (node as unknown as { fn: string }).fn === 'divide')
        .map((node) => {
          const denominator = (node as unknown as { args: MathNode[] }).args[1] as MathNode;
          return { text: denominator.toString(), fn: denominator.compile() };
        });
      this.divisions.set(formula.text, list);
    }
    return list;
  }

  private readonly divisions = new Map<string, { text: string; fn: EvalFunction }[]>();
}

function parse(formula: Formula) {
  const parsed = parseFormula(formula.text, new Set(formula.names));
  if (!parsed.formula)
    throw new Error(`formula "${formula.text}" did not compile: ${parsed.issues[0]?.message.en}`);
  return parsed.formula.node;
}
