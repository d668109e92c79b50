import type { Lang } from '../model/text.ts';

/** Where a command writes, so tests can run the program without spawning a process. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  isTTY: boolean;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
};

/** Exit codes: 0 the command did its job (whatever the verdicts), 1 a check the user asked for failed, 2 invalid input. */
export const EXIT = { ok: 0, checkFailed: 1, invalid: 2 } as const;

export function parseLang(value: string | undefined): Lang {
  if (value === undefined) return process.env['JUNHENG_LANG'] === 'en' ? 'en' : 'zh';
  if (value === 'zh' || value === 'en') return value;
  const near = value.toLowerCase().startsWith('z') || value.toLowerCase().startsWith('c') ? 'zh' : 'en';
  throw new UsageError({
    zh: `--lang 的值“${value}”无效；是否应为“${near}”？（可用：zh、en）`,
    en: `--lang: '${value}' is not allowed; did you mean '${near}'? (allowed: zh, en)`,
  });
}

/** A mistake in how the command was called. */
export class UsageError extends Error {
  readonly text: { zh: string; en: string };
  constructor(text: { zh: string; en: string }) {
    super(text.en);
    this.text = text;
  }
}

/** Colour only on a terminal and never with NO_COLOR. */
export function useColor(io: CliIo): boolean {
  return io.isTTY && !process.env['NO_COLOR'];
}
