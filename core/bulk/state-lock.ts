import { randomUUID } from 'node:crypto';
import { link, open, readFile, rename, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Result } from '../result.js';
import { syncDirectory } from './atomic-file.js';
import type { BulkStoreError } from './bulk-types.js';
import { ioError, LOCK } from './queue-files.js';

/**
 * The lock on a state directory: one run at a time, or every target gets a follow per run.
 * Taken atomically: the owner (pid, host, a nonce) is written to a private file first, which is
 * then hard-linked to `lock`; the link fails if `lock` exists, so of many simultaneous starts,
 * in one process or several, exactly one gets it, and nobody ever reads a half-written lock.
 * A lock whose owner pid is gone on this host is stale and taken over; one held from another
 * host, or by a pid still alive, is respected.
 */

interface Owner {
  pid: number;
  host: string;
  nonce: string;
}

export interface StateLock {
  path: string;
  /** Removes the lock if it is still this one. */
  release(): Promise<void>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The owner in a lock's text; a bare pid is the lock before hosts and nonces, taken on this host. */
function ownerOf(text: string): Owner | null {
  if (/^\d+\s*$/.test(text)) return { pid: Number.parseInt(text, 10), host: hostname(), nonce: '' };
  try {
    const owner = JSON.parse(text) as Partial<Owner>;
    if (Number.isSafeInteger(owner.pid) && typeof owner.host === 'string' && typeof owner.nonce === 'string') return owner as Owner;
  } catch {
    // Not a lock Befriend wrote: left alone below.
  }
  return null;
}

function isStale(owner: Owner | null): boolean {
  return owner !== null && owner.host === hostname() && owner.pid !== process.pid && !isAlive(owner.pid);
}

function lockedBy(owner: Owner | null, dir: string, path: string): BulkStoreError {
  const who = owner === null ? 'another process' : `pid ${owner.pid}${owner.host === hostname() ? '' : ` on ${owner.host}`}`;
  return {
    kind: 'locked',
    path,
    message: `Another Befriend run (${who}) is working from ${dir}; wait for it to finish or stop it. If none is, delete ${path}.`,
  };
}

/** Writes the owner to a file of its own, durably, before it can become the lock. */
async function writeOwner(path: string, owner: Owner): Promise<void> {
  const handle = await open(path, 'wx', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(owner)}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Moves a stale lock aside, but only the stale one that was read: if another starter replaced it
 * meanwhile, that fresh lock is put back.
 */
async function breakStale(path: string, staleText: string, nonce: string): Promise<void> {
  const aside = `${path}.${nonce}.stale`;
  try {
    await rename(path, aside);
  } catch {
    return;
  }
  const moved = await readFile(aside, 'utf8').catch(() => null);
  if (moved !== staleText) await link(aside, path).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

export async function takeStateLock(dir: string): Promise<Result<{ lock: StateLock }, BulkStoreError>> {
  const path = join(dir, LOCK);
  const owner: Owner = { pid: process.pid, host: hostname(), nonce: randomUUID() };
  const mine = `${path}.${owner.nonce}.owner`;
  try {
    // The same write proves the directory is writable before anything is sent.
    await writeOwner(mine, owner);
  } catch (error) {
    return { ok: false, error: ioError('unwritable', dir, 'Cannot write the state directory', error) };
  }
  try {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await link(mine, path);
        await syncDirectory(dir);
        return { ok: true, lock: { path, release: () => releaseIf(path, owner.nonce) } };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
          return { ok: false, error: ioError('unwritable', dir, 'Cannot take the lock in', error) };
        }
      }
      const held = await readFile(path, 'utf8').catch(() => null);
      const holder = held === null ? null : ownerOf(held);
      // A lock that keeps changing hands is as good as held.
      if (attempt >= 3) return { ok: false, error: lockedBy(holder, dir, path) };
      if (held === null) continue;
      if (!isStale(holder)) return { ok: false, error: lockedBy(holder, dir, path) };
      await breakStale(path, held, owner.nonce);
    }
  } finally {
    await unlink(mine).catch(() => undefined);
  }
}

async function releaseIf(path: string, nonce: string): Promise<void> {
  const held = await readFile(path, 'utf8').catch(() => null);
  if (held !== null && ownerOf(held)?.nonce === nonce) await unlink(path).catch(() => undefined);
}
