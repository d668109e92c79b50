import type { InputDictionary } from '../model/index.ts';

/**
 * Characters that cannot be seen but make two ids differ: zero-width space, non-joiner and joiner, the left-to-right
 * and right-to-left marks, the bidi embeddings, overrides and isolates, word joiner and invisible operators, the
 * byte-order mark (zero-width no-break space), the soft hyphen and the Mongolian vowel separator.
 */
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;

/** Every invisible character, for showing where they are. */
export const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'gu');

/** The first invisible character of `text` as `U+200B`, or undefined. */
export function invisibleCharacter(text: string): string | undefined {
  const found = INVISIBLE.exec(text)?.[0];
  return found === undefined ? undefined : `U+${(found.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** An id as it is compared: Unicode NFKC (full-width `Ｓ１` is `S1`), without surrounding spaces. */
export function normalizeId(text: string): string {
  return text.normalize('NFKC').trim();
}

const idInputs = new WeakMap<InputDictionary, ReadonlySet<string>>();

/** The inputs that hold ids: every level's key and parent key (a county key included). */
export function idInputNames(dict: InputDictionary): ReadonlySet<string> {
  let names = idInputs.get(dict);
  if (names === undefined) {
    const set = new Set<string>();
    for (const level of Object.values(dict.levels)) {
      if (level === undefined) continue;
      set.add(level.key);
      if (level.parentKey !== undefined) set.add(level.parentKey);
    }
    names = set;
    idInputs.set(dict, names);
  }
  return names;
}
