/**
 * Text from a dataset (a school's name, a county's, a file name) may hold characters that act instead of showing:
 * control characters (an escape sequence recolours or clears a terminal, a carriage return overwrites a line) and
 * the bidirectional controls that reorder what follows them. In terminal and plain-text output each is shown as
 * ⟨U+XXXX⟩, so a reader sees it and nothing is done by it; line breaks and tabs that the output itself uses stay.
 */
const ACTING =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ue000]/gu;

export function showControls(text: string): string {
  return text.replace(
    ACTING,
    (char) => `⟨U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`,
  );
}

/**
 * The private-use character the text report uses for the escape character of its own colours while it is built,
 * so that `terminalText` can show every escape character that came from the data and keep only the report's own.
 */
export const OWN_ESCAPE = '\ue000';

/** Rendered terminal text: every acting character from the data shown (showControls), the report's colours kept. */
export function terminalText(text: string): string {
  const shown = text
    .split(OWN_ESCAPE)
    .map((part, i) => (i === 0 ? showControls(part) : `${OWN_ESCAPE}${showControls(part)}`))
    .join('');
  return shown
    .replace(new RegExp(`${OWN_ESCAPE}(\\[[0-9;]*m)`, 'gu'), '\u001b$1')
    .replace(new RegExp(OWN_ESCAPE, 'gu'), '⟨U+E000⟩');
}
