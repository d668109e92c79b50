import type { Lang } from '../model/index.ts';

/** A section heading in plain text: 【资源配置】 / [Resource allocation]. */
export function sectionTitle(title: string, lang: Lang): string {
  return lang === 'zh' ? `【${title}】` : `[${title}]`;
}
