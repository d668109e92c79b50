import type { Text } from '../model/text.ts';

/** What to type instead of a line (or a threshold) and why, in both languages. */
export interface Advice {
  fixed: string;
  why: Text;
}

const KEY = String.raw`[A-Za-z_][\w.-]*`;
const LEAD = String.raw`^(\s*(?:-\s+)?)`;
const FULL_WIDTH = /[０-９．％，＋－＞＜＝]/;

/** Full-width digits and signs, as a Chinese input method types them, to half-width. */
function halfWidth(text: string): string {
  return text
    .replace(/[０-９＋－＞＜＝％]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/．/g, '.')
    .replace(/，/g, ',');
}

/**
 * The mistakes people make typing YAML by hand, each a test on one line and the line as it should be. Asked only
 * about a line a problem was found at, so a Chinese colon inside a title is never flagged.
 */
const LINE_RULES: { test: RegExp; fix: (m: RegExpExecArray, line: string) => string; why: Text }[] = [
  {
    test: /^(\s*)\t/,
    fix: (_m, line) => line.replace(/^[\t ]+/, (lead) => lead.replace(/\t/g, '  ')),
    why: {
      zh: '缩进不能用制表符（Tab），请改用空格（同一层级的键对齐到同一列）',
      en: 'indent with spaces, not tabs (keys of one level start at the same column)',
    },
  },
  {
    test: new RegExp(`${LEAD}(${KEY})\\s*：\\s*(.*)$`),
    fix: (m) => `${m[1]}${m[2]}: ${m[3]}`,
    why: {
      zh: '键后面的冒号要用英文冒号“:”（半角），冒号后面加一个空格',
      en: "the colon after a key must be the ASCII ':' followed by a space, not the full-width '：'",
    },
  },
  {
    test: new RegExp(`${LEAD}(${KEY}):(?!//)(\\S.*)$`),
    fix: (m) => `${m[1]}${m[2]}: ${m[3]}`,
    why: { zh: '键后面的冒号“:”之后要加一个空格', en: "put a space after the ':' of a key" },
  },
  {
    test: new RegExp(`${LEAD}(${KEY}):\\s+[“”‘’「」](.*?)[“”‘’「」]?\\s*$`),
    fix: (m) => `${m[1]}${m[2]}: "${m[3]}"`,
    why: {
      zh: '引号要用英文（半角）双引号 "…"，不能用中文引号“…”',
      en: 'quote with ASCII double quotes "…", not Chinese quotes “…”',
    },
  },
  {
    test: new RegExp(`${LEAD}(${KEY}):\\s+"([^"]*)[”“]\\s*$`),
    fix: (m) => `${m[1]}${m[2]}: "${m[3]}"`,
    why: {
      zh: '引号要用英文（半角）双引号 "…"，前后两个都要是英文引号',
      en: 'both quotes must be ASCII double quotes "…"',
    },
  },
  {
    test: new RegExp(`${LEAD}(${KEY}):\\s+((?:>=|<=|==|!=|>|<|≥|≤|＞|＜)\\s*[^"'\\s].*?)\\s*$`),
    fix: (m) => `${m[1]}${m[2]}: "${halfWidth(m[3] ?? '')}"`,
    why: {
      zh: '以比较符号开头的值（阈值）要加英文引号',
      en: 'a value that starts with a comparison (a threshold) must be in double quotes',
    },
  },
  {
    test: new RegExp(`${LEAD}(${KEY}):\\s+([\\s０-９0-9．.％%，,＋－+\\-]+?)\\s*$`),
    fix: (m) => `${m[1]}${m[2]}: ${halfWidth(m[3] ?? '')}`,
    why: {
      zh: '数字和符号要用半角（英文输入法）输入，不能用全角',
      en: 'type digits and signs half-width (ASCII), not full-width',
    },
  },
];

/** Advice for one line of a YAML file that a problem was found at, when it shows a common typing mistake. */
export function adviseLine(line: string): Advice | undefined {
  for (const rule of LINE_RULES) {
    const match = rule.test.exec(line);
    if (!match) continue;
    const fixed = rule.fix(match, line);
    // The full-width rule matches any number; only a line with a full-width character is a mistake.
    if (rule === LINE_RULES[LINE_RULES.length - 1] && !FULL_WIDTH.test(line)) continue;
    if (fixed !== line) return { fixed: fixed.trimEnd(), why: rule.why };
  }
  return undefined;
}

/** Advice for a threshold value that is not a comparison and a bound, with the threshold as it should be. */
export function adviseThreshold(value: unknown): Advice | undefined {
  if (typeof value === 'number' || typeof value === 'boolean') {
    return {
      fixed: `>= ${String(value)}`,
      why: {
        zh: '阈值要写成带比较符号的文字，并加引号（要求不高于时写 "<="）',
        en: 'a threshold is quoted text with a comparison (write "<=" for an upper limit)',
      },
    };
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const unquoted = /^[“”‘’「」](.*?)[“”‘’「」]?$/.exec(text);
  if (unquoted) {
    return {
      fixed: halfWidth(unquoted[1] ?? ''),
      why: {
        zh: '阈值的引号要用英文双引号 "…"，不能用中文引号',
        en: 'quote a threshold with ASCII "…", not Chinese quotes',
      },
    };
  }
  const half = halfWidth(text);
  if (/^[+-]?\d+(?:\.\d+)?\s*%?$/.test(half)) {
    return {
      fixed: `>= ${half}`,
      why: {
        zh: '阈值缺少比较符号（要求不高于时写 "<="）',
        en: 'the threshold has no comparison (write "<=" for an upper limit)',
      },
    };
  }
  const reversed = /^=\s*([<>])\s*(.*)$/.exec(half);
  if (reversed) {
    return {
      fixed: `${reversed[1]}= ${reversed[2]}`,
      why: {
        zh: '比较符号写反了：大于号、小于号在前，等号在后',
        en: 'the comparison is reversed: > or < comes before =',
      },
    };
  }
  const split = /^([<>=!])\s+=\s*(.*)$/.exec(half);
  if (split) {
    return {
      fixed: `${split[1]}= ${split[2]}`,
      why: { zh: '比较符号的两个字符之间不能有空格', en: 'no space inside a two-character comparison' },
    };
  }
  const bare = /^(>=|<=|==|!=|>|<|≥|≤)\s*$/.exec(half);
  if (bare) {
    return {
      fixed: `${bare[1]} 4.5`,
      why: { zh: '比较符号后面缺少标准值', en: 'the comparison has no bound after it' },
    };
  }
  if (/\d,(?!\d{3}(?!\d))\d/.test(half)) {
    return {
      fixed: half.replace(/(\d),(?!\d{3}(?!\d))(\d)/g, '$1.$2'),
      why: {
        zh: '小数点要用英文句点“.”，不能用逗号',
        en: "a decimal point is '.', not a comma",
      },
    };
  }
  return undefined;
}

/** `第 6 行「decimals：2」：why；应写成「decimals: 2」` — the line as written, what is wrong, what to type. */
export function describeAdvice(line: number, written: string, advice: Advice): Text {
  return {
    zh: `第 ${line} 行「${written.trim()}」：${advice.why.zh}；应写成「${advice.fixed.trimEnd()}」`,
    en: `line ${line} (${written.trim()}): ${advice.why.en}; write: ${advice.fixed.trimEnd()}`,
  };
}

/** The line of a threshold as it should be: the value replaced in the line as written, quoted. */
export function fixThresholdLine(written: string, fixedValue: string): string {
  const match = /^(\s*(?:-\s+)?[^:：{]+[:：]\s*)(.*?)(\s+#.*)?$/.exec(written);
  if (!match || /^[{[]/.test(match[2] ?? '')) return `"${fixedValue}"`;
  return `${(match[1] ?? '').replace(/\s*[:：]\s*$/, ': ')}"${fixedValue}"`;
}
