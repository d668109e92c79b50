import { describe, expect, it } from 'vitest';
import { distinctDecimals, formatNumber, formatPercent, formatQuantity } from '../../src/explain/index.ts';

describe('formatting numbers as a report prints them', () => {
  it.each([
    { name: 'two decimals round half away from zero', value: 1.005, decimals: 2, lang: 'zh', out: '1.01' },
    { name: 'no thousands separator in Chinese', value: 157296, decimals: 0, lang: 'zh', out: '157296' },
    { name: 'thousands separators in English', value: 157296, decimals: 0, lang: 'en', out: '157,296' },
    { name: 'negative zero prints as zero', value: -0.0001, decimals: 2, lang: 'zh', out: '0.00' },
  ] as const)('$name', ({ value, decimals, lang, out }) => {
    expect(formatNumber(value, decimals, lang)).toBe(out);
  });

  it.each([
    { name: 'exactly at the 85% share', share: 0.85, out: '85%' },
    { name: 'just below 85% does not print as 85%', share: 0.8496, out: '84.96%' },
    { name: 'just above 85%', share: 0.8504, out: '85.04%' },
  ])('$name', ({ share, out }) => {
    expect(formatPercent(share, 'zh', distinctDecimals(share * 100, 85, 0))).toBe(out);
  });

  it('a value just short of its bound gets enough decimals to differ from it', () => {
    expect(formatNumber(0.8999, distinctDecimals(0.8999, 0.9, 2), 'zh')).toBe('0.8999');
  });

  it.each([
    { name: 'large yuan sums in 万元', value: 3_987_100, out: '398.71 万元' },
    { name: 'very large yuan sums in 亿元', value: 398_710_000, out: '3.9871 亿元' },
    { name: 'small yuan sums as they are', value: 2534, out: '2534 元' },
  ])('$name', ({ value, out }) => {
    expect(formatQuantity(value, { zh: '元', en: 'yuan' }, 'zh')).toBe(out);
  });
});
