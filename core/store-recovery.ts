import { existsSync, renameSync } from 'node:fs';

/**
 * Opens the settings store; when the file on disk cannot be read (malformed JSON, a schema
 * violation from hand-editing or a newer build), moves it aside — never deletes it — and opens
 * a fresh one, so Befriend starts and can say what happened.
 */
export function openWithRecovery<T>(
  open: () => T,
  file: string,
  now: () => Date = () => new Date(),
): { store: T; movedAside: string | null } {
  try {
    return { store: open(), movedAside: null };
  } catch (error) {
    if (!existsSync(file)) throw error;
    const movedAside = `${file}.unreadable-${now().toISOString().replaceAll(':', '-')}`;
    renameSync(file, movedAside);
    return { store: open(), movedAside };
  }
}
