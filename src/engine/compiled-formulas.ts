import type { EvalFunction } from 'mathjs';
import type { Formula } from '../model/ruleset.ts';
import { parseFormula } from '../formula/parse-formula.ts';

/** Every formula of a rule set compiled once (the loader has already proven each one safe). */
export class CompiledFormulas {
  private readonly compiled = new Map<string, EvalFunction>();

  get(formula: Formula): EvalFunction {
    let fn = this.compiled.get(formula.text);
    if (!fn) {
      const parsed = parseFormula(formula.text, new Set(formula.names));
      if (!parsed.formula)
        throw new Error(`formula "${formula.text}" did not compile: ${parsed.issues[0]?.message.en}`);
      fn = parsed.formula.node.compile();
      this.compiled.set(formula.text, fn);
    }
    return fn;
  }
}
