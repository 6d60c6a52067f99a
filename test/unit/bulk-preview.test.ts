import { describe, expect, it } from 'vitest';
import { previewBulkInput } from '../../core/bulk/bulk-preview.js';
import { parseBulkInput } from '../../core/bulk/parse-bulk-input.js';
import { ACCOUNT, FakeClock, FakeServer } from './support/bulk-fakes.js';

function input(text: string) {
  const parsed = parseBulkInput(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.input;
}

describe('the preview of a bulk list', () => {
  it('counts valid, bad and duplicate lines and finds who is already followed or requested', async () => {
    const clock = new FakeClock();
    const server = new FakeServer(clock);
    server.following.add('known');
    server.following.add('locked');
    server.protectedAccounts.add('locked');
    server.missing.add('ghost');
    const list = input('@known\n@new\nbad name\n@locked\n@ghost\n@KNOWN\n');
    const preview = await clock.run(previewBulkInput(list, { client: server.client, account: ACCOUNT }));
    expect(preview).toMatchObject({ kind: 'text', valid: 4, bad: 1, duplicates: 1, checked: 4, unknown: 0 });
    expect(preview.alreadyFollowing.map((e) => e.line)).toEqual([1]);
    expect(preview.requested.map((e) => e.line)).toEqual([4]);
    expect(preview.unavailable.map((u) => [u.entry.line, u.error.kind])).toEqual([[5, 'not_found']]);
    expect(server.sent.every((r) => r.kind === 'show')).toBe(true);
  });

  it('keeps to its budget of look-ups, and can skip them', async () => {
    const clock = new FakeClock();
    const server = new FakeServer(clock);
    const list = input(Array.from({ length: 30 }, (_, i) => `@u${i}`).join('\n'));
    const capped = await clock.run(previewBulkInput(list, { client: server.client, account: ACCOUNT, maxChecks: 10 }));
    expect(capped.checked).toBe(10);
    expect(server.sent).toHaveLength(10);
    const countsOnly = await clock.run(previewBulkInput(list, { client: server.client, account: ACCOUNT, maxChecks: 0 }));
    expect(countsOnly).toMatchObject({ valid: 30, checked: 0 });
    expect(server.sent).toHaveLength(10);
  });

  it('stops looking up once the credentials are refused', async () => {
    const clock = new FakeClock();
    const server = new FakeServer(clock);
    for (let i = 0; i < 5; i += 1) server.script.set(`u${i}`, [{ kind: 'unauthorized', status: 401 }]);
    const list = input(Array.from({ length: 5 }, (_, i) => `@u${i}`).join('\n'));
    const preview = await clock.run(previewBulkInput(list, { client: server.client, account: ACCOUNT, concurrency: 1 }));
    expect(preview).toMatchObject({ checked: 1, unknown: 1 });
  });
});
