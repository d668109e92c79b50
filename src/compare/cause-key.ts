import type { ChangeCause } from '../model/comparison.ts';

/**
 * What makes two causes the same cause, by code and ids, never by their words: a rule change by what changed where
 * (its kind, aspect, area, indicator, check, branch, input and the two values), an input by its name, whose it is and
 * its two values (an input of one owner has one cell, so where it was read adds nothing), a change found below by its
 * code and the ids of what changed.
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
      return JSON.stringify(['input', cause.input, cause.owner, cause.from, cause.to]);
    case 'below':
      return JSON.stringify(['below', cause.of], ['below', ...Object.keys(cause.of).sort()]);
  }
}
