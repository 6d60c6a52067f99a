import { open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Makes a directory entry (a create, rename or unlink) durable. Windows cannot open a directory
 * for this; NTFS journals its metadata, so there is nothing to do there.
 */
export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Replaces `path` with `data` so that after a crash the file holds either the old or the new
 * content, never a mix: write a temporary file, fsync it, rename it over, fsync the directory.
 */
export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await handle.close();
  await rename(temporary, path);
  await syncDirectory(dirname(path));
}
