/**
 * Server text goes to a terminal: strip control characters (ESC sequences could recolour the
 * terminal, move the cursor or set its title) and bidi overrides that could disguise a name.
 * Newlines become spaces unless `multiline` keeps them.
 */
export function terminalSafe(text: string, multiline = false): string {
  const cleaned = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');
  return multiline ? cleaned : cleaned.replace(/[\r\n\t]+/g, ' ');
}
