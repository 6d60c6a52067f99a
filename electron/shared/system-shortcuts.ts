/**
 * Shortcuts the system and every app already use for editing and closing windows. Taken as
 * Befriend's global shortcut they would stop copy, paste or undo working everywhere, or close
 * nothing when asked to, so the recorder (renderer) and main refuse them alike.
 */

/** Every spelling of the platform's main modifier: Ctrl on Windows and Linux, Command on macOS. */
const PRIMARY = new Set(['commandorcontrol', 'cmdorctrl', 'control', 'ctrl', 'command', 'cmd']);

const WITH_PRIMARY = new Map([
  ['C', 'copy'],
  ['V', 'paste'],
  ['X', 'cut'],
  ['Z', 'undo'],
  ['A', 'select all'],
  ['W', 'close a window'],
  ['Q', 'quit an app'],
]);
const WITH_ALT = new Map([['F4', 'close a window']]);

/** Why an accelerator (`CommandOrControl+C`) is the system's, or null when it is free to take. */
export function systemShortcutProblem(accelerator: string): string | null {
  const parts = accelerator.split('+').map((part) => part.trim());
  const key = (parts.pop() ?? '').toUpperCase();
  const modifiers = parts.map((part) => (PRIMARY.has(part.toLowerCase()) ? 'primary' : part.toLowerCase()));
  const use =
    modifiers.length === 1 && modifiers[0] === 'primary'
      ? WITH_PRIMARY.get(key)
      : modifiers.length === 1 && modifiers[0] === 'alt'
        ? WITH_ALT.get(key)
        : undefined;
  return use === undefined ? null : `${accelerator} is how you ${use} in every app: choose another shortcut.`;
}
