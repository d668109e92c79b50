/** The two languages every user-facing string is written in. zh is the default. */
export type Lang = 'zh' | 'en';

/** A string in both languages. */
export interface Text {
  zh: string;
  en: string;
}
