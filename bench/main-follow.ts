/**
 * Main's own time per desktop follow: from the IPC handler's entry (the validating wrapper the
 * Electron registration calls) to its answer, minus the server's time, with a 500-entry history
 * on disk and 20 ms of sandbox latency. The handlers, stores, history and client are the real
 * ones (headless main: everything but Electron's IPC transport); the sandbox runs in-process, as
 * it does in the app.
 *
 * "The server's time" is what the client's fetch spends, request sent → body read, measured
 * inside main around that fetch; main's own time is the rest. A bare `fetch` of the same request
 * to the same sandbox, interleaved, is the baseline from the same run: the server's time as a
 * script with nothing else to do sees it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createClient } from '../core/client.js';
import { HistoryLog } from '../core/history.js';
import { passwordFor } from '../core/sandbox/credentials.js';
import { HARD_CASE_SCREEN_NAMES, startSandbox } from '../core/sandbox/server.js';
import { USER_AGENT } from '../core/version.js';
import { createHeadlessMain } from '../electron/main/headless.js';
import { median, ms, percentile, ratio } from './stats.js';

const FOLLOWS = 300;
const WARMUP = 20;
const LATENCY_MS = 20;
const HISTORY_ENTRIES = 500;
const TARGET_MEDIAN_MS = 2;
const TARGET_P95_MS = 5;
/** The bare script follows the same people as another sandbox user, so both requests are first follows. */
const BARE_USER = 'dougw';

function summary(label: string, values: readonly number[]): string {
  return `${label.padEnd(44)} median ${ms(median(values))}   p95 ${ms(percentile(values, 95))}`;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'befriend-bench-main-'));
  const sandbox = await startSandbox({ rateLimit: null, directorySize: FOLLOWS + WARMUP + 100 });
  try {
    // A history as a previous session left it: 500 follows, each with the person's summary.
    const previous = new HistoryLog({
      dir: dataDir,
      onWriteError: (error) => {
        throw error;
      },
    });
    previous.addMany(
      Array.from({ length: HISTORY_ENTRIES }, (_, i) => ({
        action: 'follow' as const,
        accountId: 'earlier',
        accountLabel: 'Sandbox (demo)',
        target: `@earlier${i}`,
        outcome: 'followed' as const,
        user: { id: String(5_000_000 + i), screenName: `earlier${i}`, name: `Earlier ${i}`, profileImageUrl: null, protected: false },
        error: null,
      })),
    );
    await previous.flush();

    let serverMs = 0;
    const timedFetch: typeof fetch = async (input, init) => {
      const start = performance.now();
      const response = await fetch(input, init);
      const body = await response.arrayBuffer();
      serverMs += performance.now() - start;
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    };
    const app = createHeadlessMain({
      dataDir,
      client: createClient({ fetch: timedFetch }),
      startSandbox: async () => ({ ...sandbox, close: () => undefined }),
    });
    const started = await app.handlers.startSandbox();
    if (!started.ok) throw new Error(started.error.message);
    const listed = await app.handlers.listHistory({});
    if (!listed.ok || listed.entries.length !== HISTORY_ENTRIES) throw new Error('the history did not load its 500 entries');
    sandbox.setFaults({ latencyMs: LATENCY_MS });

    const users = (await (await fetch(`${sandbox.origin}/_sandbox/users`)).json()) as { screenName: string }[];
    const special = new Set([...HARD_CASE_SCREEN_NAMES, sandbox.demo.screenName, BARE_USER]);
    const targets = users.map((u) => u.screenName).filter((name) => !special.has(name));
    if (targets.length < FOLLOWS + WARMUP) throw new Error(`the sandbox has only ${targets.length} plain users`);

    const authorization = `Basic ${Buffer.from(`${BARE_USER}:${passwordFor(BARE_USER)}`).toString('base64')}`;
    const bare = async (screenName: string): Promise<number> => {
      const start = performance.now();
      const response = await fetch(`${sandbox.apiBase}/friendships/create.json?screen_name=${screenName}`, {
        method: 'POST',
        headers: { authorization, accept: 'application/json', 'user-agent': USER_AGENT },
      });
      await response.text();
      if (response.status !== 200) throw new Error(`bare follow of ${screenName}: HTTP ${response.status}`);
      return performance.now() - start;
    };
    const desktop = async (screenName: string): Promise<{ total: number; server: number }> => {
      serverMs = 0;
      const start = performance.now();
      const result = await app.handlers.follow({ target: `@${screenName}` });
      const total = performance.now() - start;
      if (!result.ok) throw new Error(`main's follow of ${screenName}: ${result.error.kind}`);
      return { total, server: serverMs };
    };

    const bareMs: number[] = [];
    const handlerMs: number[] = [];
    const insideMs: number[] = [];
    const ownMs: number[] = [];
    for (let i = 0; i < FOLLOWS + WARMUP; i++) {
      const target = targets[i]!;
      // Alternate which goes first, so neither always meets a freshly idle server.
      let bareTime: number;
      let measured: { total: number; server: number };
      if (i % 2 === 0) {
        bareTime = await bare(target);
        measured = await desktop(target);
      } else {
        measured = await desktop(target);
        bareTime = await bare(target);
      }
      if (i < WARMUP) continue;
      bareMs.push(bareTime);
      handlerMs.push(measured.total);
      insideMs.push(measured.server);
      ownMs.push(measured.total - measured.server);
    }
    await app.close();

    const history = await new HistoryLog({ dir: dataDir, onWriteError: () => undefined }).list();
    if (history.length !== HISTORY_ENTRIES) throw new Error(`the history holds ${history.length} entries, not ${HISTORY_ENTRIES}`);

    console.log(`${FOLLOWS} follows (after ${WARMUP} to warm up), sandbox latency ${LATENCY_MS} ms, history of ${HISTORY_ENTRIES} entries`);
    console.log(summary('bare fetch of the same request (baseline)', bareMs));
    console.log(summary('follow handler, entry to answer', handlerMs));
    console.log(summary("  of which the server (main's fetch)", insideMs));
    console.log(summary("  main's own time", ownMs));
    console.log(`handler median / bare median: ${ratio(median(handlerMs), median(bareMs))}`);
    const ownMedian = median(ownMs);
    const ownP95 = percentile(ownMs, 95);
    const within = ownMedian <= TARGET_MEDIAN_MS && ownP95 <= TARGET_P95_MS;
    console.log(
      `main's own time: median ${ms(ownMedian)} (target ≤ ${TARGET_MEDIAN_MS} ms), p95 ${ms(ownP95)} (target ≤ ${TARGET_P95_MS} ms): ${
        within ? 'within target' : 'OVER target'
      }`,
    );
    if (!within) process.exitCode = 1;
  } finally {
    await sandbox.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
