import type { Lang, Text } from '../model/index.ts';

/** The string of a two-language text in the reader's language, falling back to the other when one is empty. */
export function localize(text: Text | undefined, lang: Lang): string {
  if (!text) return '';
  const own = text[lang];
  if (own) return own;
  return lang === 'zh' ? text.en : text.zh;
}

/** Picks the zh or en form of a phrase written in place. */
export function say(lang: Lang, zh: string, en: string): string {
  return lang === 'zh' ? zh : en;
}
