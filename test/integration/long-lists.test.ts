/**
 * Issue 13, item 3: long lists. A million lines is refused with the cap the command line and the
 * desktop share, within a small heap; a list at the cap is read and queued; the lock is released
 * on every way out.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_BULK_ENTRIES } from '../../core/bulk/bulk-limits.js';
import { openFileBulkStore } from '../../core/bulk/file-bulk-store.js';
import { parseBulkInput } from '../../core/bulk/parse-bulk-input.js';
import { pendingItem } from '../../core/bulk/queue-items.js';
import { createHeadlessMain } from '../../electron/main/headless.js';
import { invokeChannel } from '../../electron/main/ipc/handlers.js';
import { LIMITS } from '../../electron/shared/contract.js';
import { startHostileServer, type HostileServer } from './fixtures/hostile-server.js';

const BEFRIEND = join(import.meta.dirname, '..', '..', 'core', 'cli', 'befriend.ts');

function names(count: number, from = 0): string {
  let text = '';
  for (let i = from; i < from + count; i += 1) text += `@user${i}\n`;
  return text;
}

/** The CLI in a child process whose heap is capped: a list that is not read in bounded memory crashes it. */
function befriend(args: string[], heapMb: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, '--import', 'tsx', BEFRIEND, ...args], {
      env: { ...process.env, PW: 'secret' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('a list of a million lines', () => {
  let dir: string;
  let server: HostileServer | null = null;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'befriend-long-'));
  });
  afterEach(async () => {
    await server?.close();
    server = null;
    await rm(dir, { recursive: true, force: true });
  });

  it('is refused by the command line with the shared cap, in a 160 MB heap, before any state is written', { timeout: 120_000 }, async () => {
    const list = join(dir, 'million.txt');
    await writeFile(list, names(1_000_000));
    const state = join(dir, 'state');
    const run = await befriend(['bulk', list, '--state', state, '--server', 'http://127.0.0.1:9/1', '--username', 'u', '--password-env', 'PW'], 160);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`line ${MAX_BULK_ENTRIES + 1}`);
    expect(run.stderr).toContain('more than 50,000 accounts; one bulk follow takes at most 50,000');
    expect(await readdir(dir)).toEqual(['million.txt']);
  });

  it('is refused by the desktop with the same cap, whether it fits the text limit or not', async () => {
    const main = createHeadlessMain({ dataDir: dir });
    try {
      // An account to follow from, so what refuses the list is its length, not the lack of one.
      const started = await main.handlers.startSandbox();
      expect(started).toMatchObject({ ok: true });
      const huge = await invokeChannel(main.handlers, 'bulkPreview', { text: names(1_000_000) });
      expect(huge).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
      const over = names(MAX_BULK_ENTRIES + 1);
      expect(over.length).toBeLessThan(LIMITS.bulkText);
      for (const channel of ['bulkPreview', 'bulkStart'] as const) {
        const answer = await invokeChannel(main.handlers, channel, { text: over });
        expect(answer).toMatchObject({ ok: false, error: { kind: 'invalid_request', message: expect.stringContaining('at most 50,000') } });
      }
    } finally {
      await main.close();
    }
  });

  it('parses at the cap, and a store takes 200,000 items at once (no spread into push)', async () => {
    const parsed = parseBulkInput(names(MAX_BULK_ENTRIES));
    expect(parsed.ok && parsed.input.entries.length).toBe(MAX_BULK_ENTRIES);
    const opened = await openFileBulkStore(join(dir, 'state'), null);
    if (!opened.ok) throw new Error(opened.error.message);
    const items = Array.from({ length: 200_000 }, (_, i) => pendingItem(i, { line: i + 1, input: `@u${i}`, target: { form: 'screen_name', value: `u${i}` } }));
    expect(await opened.store.addItems(items)).toBeNull();
    expect(opened.store.items.length).toBe(200_000);
    await opened.store.close();
    expect(await readdir(join(dir, 'state'))).toEqual(['queue.json']);
  });

  it('at the cap is queued by the command line, and a run that stops releases the lock', { timeout: 120_000 }, async () => {
    server = await startHostileServer((_request, response) => {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end('{"errors":[{"code":32,"message":"Could not authenticate you."}]}');
    });
    const list = join(dir, 'list.txt');
    await writeFile(list, names(MAX_BULK_ENTRIES));
    const state = join(dir, 'state');
    const run = await befriend(['bulk', list, '--state', state, '--server', server.apiBase, '--username', 'u', '--password-env', 'PW'], 256);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`${MAX_BULK_ENTRIES} accounts, ${MAX_BULK_ENTRIES} new`);
    expect(await readdir(state)).not.toContain('lock');
    const snapshot = JSON.parse(await readFile(join(state, 'queue.json'), 'utf8')) as { items: unknown[] };
    expect(snapshot.items.length).toBe(MAX_BULK_ENTRIES);
  });
});
