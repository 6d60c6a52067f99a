/**
 * Issue 13, item 2: of many runs started together on one state directory exactly one runs; a
 * lock left by a dead process on this host is taken over; the lock goes on every way out.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFileBulkStore } from '../../core/bulk/file-bulk-store.js';

const CONTENDER = join(import.meta.dirname, 'fixtures', 'lock-contender.ts');

function contender(dir: string): { child: ChildProcess; next: () => Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CONTENDER, dir], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  const waiters: ((line: string) => void)[] = [];
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      const waiter = waiters.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    }
  });
  const next = (): Promise<string> => {
    const line = lines.shift();
    return line === undefined ? new Promise((resolve) => waiters.push(resolve)) : Promise.resolve(line);
  };
  return { child, next };
}

/** The pid of a process that has exited: nobody holds it now. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('the state directory lock', () => {
  let dir: string;
  const children: ChildProcess[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'befriend-lock-'));
  });
  afterEach(async () => {
    for (const child of children.splice(0)) child.kill();
    await rm(dir, { recursive: true, force: true });
  });

  it('lets exactly one of 20 simultaneous opens in one process through', async () => {
    const opened = await Promise.all(Array.from({ length: 20 }, () => openFileBulkStore(dir, null)));
    const winners = opened.filter((o) => o.ok);
    expect(winners.length).toBe(1);
    expect(opened.filter((o) => !o.ok).map((o) => !o.ok && o.error.kind)).toEqual(Array(19).fill('locked'));
    if (winners[0]?.ok) await winners[0].store.close();
    expect(await readdir(dir)).not.toContain('lock');
  });

  it('lets exactly one through when four processes and ten in-process opens start together', { timeout: 60_000 }, async () => {
    const contenders = Array.from({ length: 4 }, () => contender(dir));
    children.push(...contenders.map((c) => c.child));
    expect(await Promise.all(contenders.map((c) => c.next()))).toEqual(Array(4).fill('ready'));
    for (const c of contenders) c.child.stdin!.write('go\n');
    const inProcess = await Promise.all(Array.from({ length: 10 }, () => openFileBulkStore(dir, null)));
    const outcomes = [...(await Promise.all(contenders.map((c) => c.next()))), ...inProcess.map((o) => (o.ok ? 'ok' : o.error.kind))];
    expect(outcomes.filter((o) => o === 'ok').length).toBe(1);
    expect(outcomes.filter((o) => o !== 'ok').every((o) => o === 'locked')).toBe(true);
    for (const o of inProcess) if (o.ok) await o.store.close();
  });

  it('takes over a lock whose owner died on this host, in the old and the new form', async () => {
    for (const text of [`${await deadPid()}\n`, `${JSON.stringify({ pid: await deadPid(), host: hostname(), nonce: 'x' })}\n`]) {
      await writeFile(join(dir, 'lock'), text);
      const opened = await openFileBulkStore(dir, null);
      expect(opened.ok, text).toBe(true);
      expect(JSON.parse(await readFile(join(dir, 'lock'), 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
      if (opened.ok) await opened.store.close();
    }
  });

  it('respects a lock held by a live process, or from another host', async () => {
    for (const owner of [{ pid: process.ppid, host: hostname(), nonce: 'a' }, { pid: 1, host: 'elsewhere.example', nonce: 'b' }]) {
      await writeFile(join(dir, 'lock'), JSON.stringify(owner));
      const opened = await openFileBulkStore(dir, null);
      expect(opened.ok).toBe(false);
      if (!opened.ok) expect(opened.error).toMatchObject({ kind: 'locked', message: expect.stringContaining(`pid ${owner.pid}`) });
    }
    const opened = await openFileBulkStore(dir, null);
    expect(!opened.ok && opened.error.message).toContain('on elsewhere.example');
  });

  it('is released when the directory holds a damaged queue, and leaves no owner files behind', async () => {
    await writeFile(join(dir, 'queue.json'), '{ not json');
    const opened = await openFileBulkStore(dir, null);
    expect(opened.ok).toBe(false);
    expect(await readdir(dir)).toEqual(['queue.json']);
  });
});
