import type { ToPass } from '../../model/evaluation.ts';
import type { Text } from '../../model/text.ts';

/**
 * The change in words, as an inspector would say it: counts as whole things (“体育、艺术（美术、音乐）专任教师增加 2 人”,
 * “2 more full-time PE and art teachers”), amounts with their unit (“体育运动场馆面积增加 420 平方米”).
 */
export function describeToPassChange(
  toPass: Pick<ToPass, 'label' | 'unit' | 'from' | 'to' | 'integer'>,
): Text {
  const { label, unit, from, to, integer } = toPass;
  const fmt = (n: number) => (integer ? String(Math.round(n)) : String(Number(n.toPrecision(6))));
  const delta = fmt(Math.abs(to - from));
  const more = to > from;
  const u = unit ?? { zh: '', en: '' };
  // A count's label names the count (“…教师数”); the change is in the things counted (“…教师增加 2 人”).
  const thing = integer ? label.zh.replace(/数$/u, '') : label.zh;
  const en = /^[A-Z][a-z]/.test(label.en) ? label.en.charAt(0).toLowerCase() + label.en.slice(1) : label.en;
  const range = `${fmt(from)} → ${fmt(to)}`;
  return {
    zh: `${thing}${more ? '增加' : '减少'} ${delta}${u.zh ? ` ${u.zh}` : ''}（${range}）即可达标`,
    en: integer
      ? `${delta} ${more ? 'more' : 'fewer'} ${en} (${range}) would meet the standard`
      : `${en} ${more ? 'up' : 'down'} by ${delta}${u.en ? ` ${u.en}` : ''} (${range}) would meet the standard`,
  };
}
