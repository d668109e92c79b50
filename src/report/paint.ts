import type { CountyVerdict, Verdict } from '../model/index.ts';
import { OWN_ESCAPE } from '../text/safe-text.ts';

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

/**
 * The text in its verdict's colour when `color` is true, unchanged otherwise. The escape character is OWN_ESCAPE until
 * the report is finished (terminalText), so that only the report's own colour codes reach a terminal.
 */
export function paint(text: string, verdict: Verdict | CountyVerdict, color: boolean): string {
  return color ? `${OWN_ESCAPE}[${CODES[verdict]}m${text}${OWN_ESCAPE}[39m` : text;
}

/** Bold text when `color` is true. */
export function bold(text: string, color: boolean): string {
  return color ? `${OWN_ESCAPE}[1m${text}${OWN_ESCAPE}[22m` : text;
}
