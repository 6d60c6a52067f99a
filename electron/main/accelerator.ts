/**
 * Checks an Electron accelerator string before it reaches `globalShortcut.register`, so a typo
 * gets a sentence instead of a refusal that looks like "taken by another app".
 */
import type { Result } from '../../core/result.js';
import { systemShortcutProblem } from '../shared/system-shortcuts.js';

const MODIFIERS = new Map(
  [
    'Command',
    'Cmd',
    'Control',
    'Ctrl',
    'CommandOrControl',
    'CmdOrCtrl',
    'Alt',
    'Option',
    'AltGr',
    'Shift',
    'Super',
    'Meta',
  ].map((m) => [m.toLowerCase(), m]),
);

const NAMED_KEYS = [
  'Plus',
  'Space',
  'Tab',
  'Capslock',
  'Numlock',
  'Scrolllock',
  'Backspace',
  'Delete',
  'Insert',
  'Return',
  'Enter',
  'Up',
  'Down',
  'Left',
  'Right',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Escape',
  'Esc',
  'PrintScreen',
  'numdec',
  'numadd',
  'numsub',
  'nummult',
  'numdiv',
];
const KEYS = new Map(NAMED_KEYS.map((k) => [k.toLowerCase(), k]));
for (let n = 1; n <= 24; n += 1) KEYS.set(`f${n}`, `F${n}`);
for (let n = 0; n <= 9; n += 1) KEYS.set(`num${n}`, `num${n}`);
const SINGLE_CHARACTER = /^[A-Za-z0-9)!@#$%^&*(:;+=<,_\->.?/~`{\]}[|\\"']$/;

/** Shift alone does not make a global shortcut: Shift+A is just a capital letter. */
const STRONG_MODIFIERS = new Set(['command', 'cmd', 'control', 'ctrl', 'commandorcontrol', 'cmdorctrl', 'alt', 'option', 'altgr', 'super', 'meta']);

export type AcceleratorCheck = Result<{ accelerator: string }, string>;

/** Validates and normalizes (`ctrl+alt+f` → `Ctrl+Alt+F`). */
export function checkAccelerator(input: string): AcceleratorCheck {
  const parts = input.trim().split('+');
  // "Ctrl++" means Ctrl and the plus key: splitting leaves two empty parts at the end.
  if (parts.length >= 3 && parts.at(-1) === '' && parts.at(-2) === '') parts.splice(-2, 2, 'Plus');
  if (parts.some((p) => p.trim() === '')) {
    return { ok: false, error: `"${input.slice(0, 100)}" is not a shortcut: write it like CommandOrControl+Alt+F.` };
  }
  const modifiers: string[] = [];
  let key: string | null = null;
  for (const raw of parts.map((p) => p.trim())) {
    const modifier = MODIFIERS.get(raw.toLowerCase());
    if (modifier !== undefined && key === null) {
      if (modifiers.includes(modifier)) return { ok: false, error: `${modifier} appears twice in the shortcut.` };
      modifiers.push(modifier);
      continue;
    }
    if (key !== null) return { ok: false, error: 'A shortcut has one key after its modifiers, like CommandOrControl+Alt+F.' };
    const named = KEYS.get(raw.toLowerCase());
    if (named !== undefined) key = named;
    else if (SINGLE_CHARACTER.test(raw)) key = raw.toUpperCase();
    else return { ok: false, error: `"${raw.slice(0, 40)}" is not a key Electron knows.` };
  }
  if (key === null) return { ok: false, error: 'The shortcut needs a key after its modifiers, like CommandOrControl+Alt+F.' };
  if (!modifiers.some((m) => STRONG_MODIFIERS.has(m.toLowerCase()))) {
    return { ok: false, error: 'A global shortcut needs Ctrl, Alt, Command or Super, or it would take over normal typing.' };
  }
  const accelerator = [...modifiers, key].join('+');
  const system = systemShortcutProblem(accelerator);
  if (system !== null) return { ok: false, error: system };
  return { ok: true, accelerator };
}
