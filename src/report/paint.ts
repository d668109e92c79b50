import type { CountyVerdict, Verdict } from '../model/index.ts';

// ANSI colours by verdict; used only when the caller asks (a TTY without NO_COLOR).
const CODES: Record<Verdict | CountyVerdict, string> = {
  met: '32',
  recognised: '32',
  within_tolerance: '33',
  pending: '36',
  undetermined: '36',
  insufficient_data: '35',
  not_met: '31',
  not_recognised: '31',
};

/** The text in its verdict's colour when `color` is true, unchanged otherwise. */
export function paint(text: string, verdict: Verdict | CountyVerdict, color: boolean): string {
  return color ? `\u001b[${CODES[verdict]}m${text}\u001b[39m` : text;
}

/** Bold text when `color` is true. */
export function bold(text: string, color: boolean): string {
  return color ? `\u001b[1m${text}\u001b[22m` : text;
}
