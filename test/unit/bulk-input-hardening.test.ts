/**
 * Issue 13, should-fix lines for bulk input: UTF-16 lists with a byte-order mark, bad lines
 * capped in the command's output, a garbage last journal line repaired like a cut one, and
 * following.js ids that are not whole numbers refused as bad lines.
 */
import { spawn } from 'node:child_process';
import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFileBulkStore } from '../../core/bulk/file-bulk-store.js';
import { decodeListBytes } from '../../core/bulk/list-text.js';
import { parseBulkInput } from '../../core/bulk/parse-bulk-input.js';
import { pendingItem } from '../../core/bulk/queue-items.js';
import { runBulkCommand } from '../../core/cli/bulk-command.js';

function utf16(text: string, endian: 'le' | 'be'): Uint8Array {
  const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
  if (endian === 'le') return le;
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1]!, le[i]!];
  return be;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'befriend-input-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('list files', () => {
  it('read UTF-16 (either byte order) by its mark, UTF-8 with or without one', () => {
    const list = '@alice\r\n@bøb_ü\r\n12345\r\n';
    for (const bytes of [utf16(list, 'le'), utf16(list, 'be'), Buffer.from(`\uFEFF${list}`), Buffer.from(list)]) {
      const text = decodeListBytes(bytes);
      expect(text).toBe(list);
      const parsed = parseBulkInput(text);
      expect(parsed.ok && parsed.input.entries.map((e) => e.input)).toEqual(['@alice', '@bøb_ü', '12345']);
    }
  });

  it('show at most 50 bad lines on the command line, then a count', async () => {
    const list = join(dir, 'list.txt');
    await writeFile(list, utf16(['@alice', ...Array.from({ length: 120 }, (_, i) => `bad line ${i}!`)].join('\n'), 'le'));
    let stderr = '';
    const io = {
      stdout: new Writable({ write: (_c, _e, done) => done() }),
      stderr: new Writable({
        write(chunk: Buffer, _encoding, done) {
          stderr += chunk.toString();
          done();
        },
      }),
      isTTY: false,
    };
    // An unreachable server: the look-ups fail, the reading of the list is what is under test.
    await runBulkCommand([list, '--preview', '--server', 'http://127.0.0.1:9/1', '--username', 'u', '--password-env', 'PW'], { PW: 'x' }, io);
    const badLines = stderr.split('\n').filter((line) => line.startsWith('line '));
    expect(badLines.length).toBe(50);
    expect(badLines[0]).toBe('line 2: "bad line 0!": ' + badLines[0]!.split('": ')[1]);
    expect(stderr).toContain('… and 70 more bad lines (skipped).');
  });
});

describe('the journal', () => {
  it('a garbage last line is cut off like a half-written one; the rest is kept', async () => {
    for (const garbage of ['garbage\n', '\u0000\u0000\u0000\u0000\n', '{"index":0,"state":"done"\n']) {
      const state = join(dir, `state-${garbage.length}`);
      const opened = await openFileBulkStore(state, null);
      if (!opened.ok) throw new Error(opened.error.message);
      const { store } = opened;
      await store.addItems([0, 1].map((i) => pendingItem(i, { line: i + 1, input: `@u${i}`, target: { form: 'screen_name', value: `u${i}` } })));
      Object.assign(store.items[1]!, { state: 'done', outcome: 'followed', attempts: 1 });
      store.record(store.items[1]!);
      await store.sync();
      const journal = join(state, (await readdir(state)).find((name) => name.startsWith('journal-'))!);
      const kept = await readFile(journal, 'utf8');
      await appendFile(journal, garbage);
      const child = spawn(process.execPath, ['-e', '']);
      await new Promise((resolve) => child.once('exit', resolve));
      await writeFile(join(state, 'lock'), `${child.pid}\n`);

      const again = await openFileBulkStore(state, null);
      expect(again.ok, JSON.stringify(garbage)).toBe(true);
      if (!again.ok) continue;
      expect(again.store.items.map((i) => i.state)).toEqual(['pending', 'done']);
      expect(await readFile(journal, 'utf8')).toBe(kept);
      await again.store.close();
    }
  });
});

describe('following.js', () => {
  it('refuses accountIds that are not whole numbers as bad lines', () => {
    const entries = ['"12"', '"abc"', '"1.5"', '-3', '"12a"', '" 7 "', '1e3', '"dougw"'].map((id) => `{"following":{"accountId":${id}}}`);
    const parsed = parseBulkInput(`window.YTD.following.part0 = [${entries.join(',\n')}]`);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.input.entries.map((e) => e.target)).toEqual([
      { form: 'user_id', value: '12' },
      { form: 'user_id', value: '7' },
      { form: 'user_id', value: '1000' },
    ]);
    expect(parsed.input.bad.map((b) => b.input)).toEqual(['abc', '1.5', '-3', '12a', 'dougw']);
  });
});
