/**
 * Bulk follow for the fake server: the list is read with the real parser, the job lives in
 * memory, and the test moves it on (`step`, `status`) and pushes it the way main does.
 */
import type {
  BulkItem,
  BulkJobView,
  BulkPreviewView,
  BulkStatus,
  IpcFailure,
  RequestOf,
} from '../../electron/shared/contract.js';
import { parseBulkInput } from '../../core/bulk/parse-bulk-input.js';
import type { FollowOutcome } from '../../core/types.js';
import type { FakeServer } from './fake-api.js';

export interface FakeBulk {
  job: BulkJobView | null;
  items: BulkItem[];
  calls: { channel: string; request: unknown }[];
  /** When set, the next start answers with this failure. */
  startFailure: IpcFailure | null;
  exportPath: string | null;
  /** Finishes the next `count` pending items (followed unless told otherwise) and pushes. */
  step(count: number, outcome?: FollowOutcome | 'failed', message?: string): void;
  status(status: Partial<BulkStatus> & Pick<BulkStatus, 'state'>): void;
  /** A job left by an earlier session: `total` items, `done` of them done, paused. */
  restore(total: number, done: number): void;
  push(): void;
}

function emptyCounts(): BulkJobView['progress']['counts'] {
  return { pending: 0, in_flight: 0, done: 0, failed: 0, cancelled: 0 };
}

export function installFakeBulk(server: FakeServer, accountId = 'acct-1'): FakeBulk {
  const bulk: FakeBulk = {
    job: null,
    items: [],
    calls: [],
    startFailure: null,
    exportPath: '/home/me/Downloads/befriend-bulk.csv',
    step(count, outcome = 'followed', message = 'Not found') {
      for (const item of bulk.items.filter((i) => i.state === 'pending').slice(0, count)) {
        if (outcome === 'failed') {
          item.state = 'failed';
          item.error = { kind: 'not_found', status: 404, message };
        } else {
          item.state = 'done';
          item.outcome = outcome;
          item.user = { id: String(item.index), screenName: item.input.replace(/^@/, '') };
        }
        item.attempts += 1;
      }
      if (bulk.items.every((i) => i.state !== 'pending' && i.state !== 'in_flight')) {
        setStatus({ state: 'finished' });
      }
      bulk.push();
    },
    status(status) {
      setStatus(status);
      bulk.push();
    },
    restore(total, done) {
      bulk.items = Array.from({ length: total }, (_, index) => item(index, index + 1, `@user${index}`));
      for (const entry of bulk.items.slice(0, done)) {
        entry.state = 'done';
        entry.outcome = 'followed';
      }
      bulk.job = view({ state: 'paused', reason: null, until: null, message: 'Paused.' }, { concurrency: 2, pacePerMinute: 30, notify: false });
    },
    push() {
      if (bulk.job) server.emit('bulk', { accountId, job: refreshed() });
    },
  };

  function item(index: number, line: number, input: string): BulkItem {
    return {
      index,
      line,
      input,
      target: { form: 'screen_name', value: input.replace(/^@/, '') },
      state: 'pending',
      outcome: null,
      error: null,
      attempts: 0,
      user: null,
      updatedAt: null,
    };
  }

  function view(status: BulkStatus, options: BulkJobView['options']): BulkJobView {
    return {
      accountId,
      accountLabel: 'Sandbox (demo)',
      options,
      progress: {
        total: 0,
        counts: emptyCounts(),
        outcomes: { followed: 0, already_following: 0, request_pending: 0 },
        status,
        rateLimit: null,
        etaSeconds: 120,
      },
    };
  }

  function refreshed(): BulkJobView {
    const job = bulk.job!;
    const counts = emptyCounts();
    const outcomes = { followed: 0, already_following: 0, request_pending: 0 };
    for (const entry of bulk.items) {
      counts[entry.state] += 1;
      if (entry.outcome) outcomes[entry.outcome] += 1;
    }
    bulk.job = { ...job, progress: { ...job.progress, total: bulk.items.length, counts, outcomes } };
    return bulk.job;
  }

  function setStatus(status: Partial<BulkStatus> & Pick<BulkStatus, 'state'>): void {
    if (!bulk.job) return;
    bulk.job = { ...bulk.job, progress: { ...bulk.job.progress, status: { reason: null, until: null, message: null, ...status } } };
  }

  const answer = () => ({ ok: true as const, job: bulk.job && refreshed() });
  const none = (): IpcFailure => ({
    ok: false,
    error: { kind: 'invalid_request', status: null, code: null, message: 'No bulk follow.' },
    rateLimit: null,
  });
  const record = (channel: string, request: unknown) => bulk.calls.push({ channel, request });

  server.handle('bulkStatus', async (request: RequestOf<'bulkStatus'>) => {
    record('bulkStatus', request);
    return answer();
  });
  server.handle('bulkPreview', async (request: RequestOf<'bulkPreview'>) => {
    record('bulkPreview', request);
    const parsed = parseBulkInput(request.text, request.numericAs ? { numericAs: request.numericAs } : {});
    if (!parsed.ok) {
      return { ok: false, error: { kind: 'invalid_request', status: null, code: null, message: parsed.error.message }, rateLimit: null };
    }
    const { input } = parsed;
    const preview: BulkPreviewView = {
      kind: input.kind,
      valid: input.entries.length,
      badCount: input.bad.length,
      bad: input.bad,
      duplicateCount: input.duplicates.length,
      duplicates: input.duplicates,
      checked: Math.min(input.entries.length, request.lookups ?? 0),
      alreadyFollowingLines: input.entries.filter((e) => e.input === '@dougw').map((e) => e.line),
      unavailableLines: [],
      unknown: 0,
    };
    return { ok: true, preview };
  });
  server.handle('bulkStart', async (request: RequestOf<'bulkStart'>) => {
    record('bulkStart', request);
    if (bulk.startFailure) {
      const failure = bulk.startFailure;
      bulk.startFailure = null;
      return failure;
    }
    const parsed = parseBulkInput(request.text, request.numericAs ? { numericAs: request.numericAs } : {});
    if (!parsed.ok) return none();
    bulk.items = parsed.input.entries.map((entry, index) => item(index, entry.line, entry.input));
    bulk.job = view(
      { state: 'running', reason: null, until: null, message: null },
      { concurrency: request.concurrency ?? 2, pacePerMinute: request.pacePerMinute ?? null, notify: request.notify ?? false },
    );
    return answer();
  });
  const control = (channel: 'bulkPause' | 'bulkResume' | 'bulkCancel' | 'bulkRetryFailed', change: () => void) =>
    server.handle(channel, async (request: unknown) => {
      record(channel, request);
      if (!bulk.job) return none();
      change();
      return answer();
    });
  control('bulkPause', () => setStatus({ state: 'paused', message: 'Paused.' }));
  control('bulkResume', () => {
    for (const entry of bulk.items) if (entry.state === 'cancelled') entry.state = 'pending';
    setStatus({ state: 'running' });
  });
  control('bulkCancel', () => {
    for (const entry of bulk.items) if (entry.state === 'pending') entry.state = 'cancelled';
    setStatus({ state: 'cancelled' });
  });
  control('bulkRetryFailed', () => {
    for (const entry of bulk.items) {
      if (entry.state === 'failed' || entry.state === 'cancelled') {
        entry.state = 'pending';
        entry.error = null;
      }
    }
    setStatus({ state: 'running' });
  });
  server.handle('bulkSetOptions', async (request: RequestOf<'bulkSetOptions'>) => {
    record('bulkSetOptions', request);
    if (!bulk.job) return none();
    const options = { ...bulk.job.options };
    if (request.concurrency !== undefined) options.concurrency = request.concurrency;
    if (request.pacePerMinute !== undefined) options.pacePerMinute = request.pacePerMinute;
    bulk.job = { ...bulk.job, options };
    return answer();
  });
  server.handle('bulkItems', async (request: RequestOf<'bulkItems'>) => {
    record('bulkItems', request);
    const search = request.search?.toLowerCase() ?? '';
    const matches = bulk.items.filter(
      (entry) => (request.states === undefined || request.states.includes(entry.state)) && entry.input.toLowerCase().includes(search),
    );
    const offset = request.offset ?? 0;
    return { ok: true, total: matches.length, items: matches.slice(offset, offset + (request.limit ?? 100)).map((e) => ({ ...e })) };
  });
  server.handle('bulkExportCsv', async (request: RequestOf<'bulkExportCsv'>) => {
    record('bulkExportCsv', request);
    if (!bulk.job) return none();
    return { ok: true, path: bulk.exportPath, rows: bulk.items.length };
  });
  return bulk;
}
