import type { ChangeCause } from '../model/comparison.ts';

/**
 * What makes two causes the same cause: a rule change by what changed where (its kind, aspect, area, indicator,
 * check, branch, input and the two values), an input by its name, whose it is and its two values. A change found
 * below has no ids of its own beyond the change it names, so its two sentences stand for it.
 */
export function causeKey(cause: ChangeCause): string {
  switch (cause.kind) {
    case 'rule': {
      const c = cause.change;
      return JSON.stringify([
        'rule',
        c.kind,
        c.aspect,
        c.area,
        c.indicator,
        c.check,
        c.branch,
        c.input,
        c.from,
        c.to,
      ]);
    }
    case 'input':
      return JSON.stringify(['input', cause.input, cause.owner, cause.from, cause.to, cause.where]);
    case 'below':
      return JSON.stringify(['below', cause.text.zh, cause.text.en]);
  }
}
