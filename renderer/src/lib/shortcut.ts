/** Turns a keydown into an Electron accelerator string, or null while only modifiers are held. */
import { systemShortcutProblem } from '../../../electron/shared/system-shortcuts.js';

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

const MODIFIER_KEYS = new Set(['Control', 'Meta', 'Alt', 'Shift', 'AltGraph', 'OS']);

/** Keys named by the character they type on a US layout, as Electron's accelerators name them. */
const PUNCTUATION: Record<string, string> = {
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Semicolon: ';',
  Quote: "'",
  Comma: ',',
  Period: '.',
  Slash: '/',
  Backquote: '`',
};

function keyName(code: string): string | null {
  if (/^(Key[A-Z]|Digit[0-9])$/.test(code)) return code.slice(-1);
  if (/^(F([1-9]|1[0-9]|2[0-4])|Space|Enter|Tab|Backspace|Delete|Insert|Home|End|PageUp|PageDown|Escape)$/.test(code)) {
    return code;
  }
  if (/^Arrow(Up|Down|Left|Right)$/.test(code)) return code.slice(5);
  if (/^Numpad[0-9]$/.test(code)) return `num${code.slice(6)}`;
  return PUNCTUATION[code] ?? null;
}

export type Recorded = { accelerator: string } | { problem: string } | null;

/**
 * Uses the physical key (`code`) so the result does not depend on the keyboard layout or on what
 * Shift produces. A global shortcut needs at least one modifier besides Shift, except F-keys.
 */
export function acceleratorFromKey(event: KeyLike, isMac: boolean): Recorded {
  if (MODIFIER_KEYS.has(event.key)) return null;
  const key = keyName(event.code);
  if (key === null) return { problem: `“${event.key}” cannot be part of a shortcut.` };
  const parts: string[] = [];
  if (isMac ? event.metaKey : event.ctrlKey) parts.push('CommandOrControl');
  if (isMac && event.ctrlKey) parts.push('Control');
  if (!isMac && event.metaKey) parts.push('Super');
  if (event.altKey) parts.push('Alt');
  if (event.shiftKey) parts.push('Shift');
  const hasModifier = parts.some((part) => part !== 'Shift');
  if (!hasModifier && !/^F[0-9]+$/.test(key)) {
    return { problem: 'Add Ctrl, Alt or ⌘ so the shortcut does not take over a plain key.' };
  }
  parts.push(key);
  const accelerator = parts.join('+');
  const system = systemShortcutProblem(accelerator);
  return system === null ? { accelerator } : { problem: system };
}

/** How an accelerator reads on this platform, e.g. `Ctrl+Alt+F` or `⌘⌥F`. */
export function displayAccelerator(accelerator: string, isMac: boolean): string {
  const parts = accelerator.split('+');
  if (isMac) {
    const symbols: Record<string, string> = {
      CommandOrControl: '⌘',
      CmdOrCtrl: '⌘',
      Command: '⌘',
      Control: '⌃',
      Ctrl: '⌃',
      Alt: '⌥',
      Option: '⌥',
      Shift: '⇧',
    };
    return parts.map((part) => symbols[part] ?? part).join('');
  }
  const names: Record<string, string> = { CommandOrControl: 'Ctrl', CmdOrCtrl: 'Ctrl', Control: 'Ctrl' };
  return parts.map((part) => names[part] ?? part).join('+');
}

export function isMacPlatform(): boolean {
  return /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}
