/**
 * The bulk queue's figures:
 * - throughput: 10 000 follows through the queue (journal, fsync, parsing, rate-limit bookkeeping)
 *   vs a bare keep-alive fetch loop at the same concurrency, against an unlimited sandbox running
 *   in its own process (so its memory and CPU are not counted as ours). Each contender follows all
 *   10 000 targets, as a person's one list would be: the queue is a fresh one, filled with the
 *   whole list at once (timed apart), then run to the end. Six such runs each, taking turns in
 *   a rotating order (each of the three orders twice, so none is favoured by going first); the
 *   verdict is the median of the six runs' ratios, so load from other processes hits each
 *   contender alike. (Runs of 1 000 from one queue that grew round by round
 *   charged the queue ten snapshots of a growing list and ten start-ups that a run of one list
 *   never pays: 5–14 % over the client's own loop, against 3–5 % measured run for run.)
 * - memory: peak growth of this process's live JS memory (heap + external, sampled right after a
 *   full collection every 100 ms) from a 1 000-item run to a 10 000-item run. Without those
 *   collections the peak mostly measures how long V8 lets garbage pile up (a bare fetch loop's
 *   peak grows by ~30 MB from 1 000 to 10 000 requests too), not what the queue keeps; the peak
 *   sampled every 5 ms between the collections is printed beside it;
 * - pace under a limit of N per minute: the sandbox and the queue share one clock running 20×
 *   fast, so three one-minute windows take seconds; both read only that clock, as in production.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Account } from '../core/account.js';
import { openBulkQueue } from '../core/bulk/open-bulk-queue.js';
import { systemClock, type Clock } from '../core/bulk/clock.js';
import type { BulkEntry } from '../core/bulk/parse-bulk-input.js';
import { createClient } from '../core/client.js';
import type { BefriendClient } from '../core/client-api.js';
import { HARD_CASE_SCREEN_NAMES, startSandbox } from '../core/sandbox/server.js';
import { USER_AGENT } from '../core/version.js';
import { median } from './stats.js';

export interface BulkBenchFigures {
  targets: number;
  concurrency: number;
  bareMs: number;
  queueMs: number;
  /** Adding the 10 000 targets to an empty queue (one durable snapshot), median of the runs. */
  addMs: number;
  bareRate: number;
  queueRate: number;
  /** Queue throughput ÷ bare throughput, the median of the runs' ratios (robust to load from elsewhere); target ≥ 0.8. */
  throughputRatio: number;
  /** The same over all runs together. */
  overallRatio: number;
  /** Each run's ratio, in order. */
  runRatios: number[];
  /** The client's own loop (no queue, the same follows), for comparison. */
  clientRate: number;
  /** Client loop ÷ bare fetch, median of the runs. */
  clientRatio: number;
  /** Queue ÷ client loop, median of the runs: the queue's own cost. */
  queueOverClientRatio: number;
  /** For information: queue ÷ bare with the sandbox answering after LAN_LATENCY_MS, median of the runs. */
  lanRatio: number;
  peakMemory1kMb: number;
  peakMemory10kMb: number;
  /** Live memory; target < 30 MB. */
  memoryGrowthMb: number;
  /** The peak sampled every 5 ms between those collections; for information. */
  rawMemoryGrowthMb: number;
  limitPerMinute: number;
  sustainedPerMinute: number;
  /** sustained ÷ limit; target ≥ 0.95. */
  paceRatio: number;
  refusedForRateLimit: number;
}

const BEFRIEND = fileURLToPath(new URL('../core/cli/befriend.ts', import.meta.url));
const CONCURRENCY = 2;
const WARMUP = 1000;
const RUNS = 6;
/** A server on the local network; over the internet the network's share only grows. */
const LAN_LATENCY_MS = 2;
const LAN_TARGETS = 2_000;
const LAN_RUNS = 3;

interface ChildSandbox {
  apiBase: string;
  origin: string;
  username: string;
  password: string;
  child: ChildProcess;
}

/** `befriend sandbox --json` in a child process: its bookkeeping stays out of our heap. */
function startChildSandbox(directorySize: number): Promise<ChildSandbox> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', BEFRIEND, 'sandbox', '--json', '--directory-size', String(directorySize)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) {
        const info = JSON.parse(line) as { apiBase: string; username: string; password: string };
        resolve({ ...info, origin: new URL(info.apiBase).origin, child });
      }
    });
    child.once('exit', (code) => reject(new Error(`the sandbox exited early (${code})`)));
  });
}

async function admin(origin: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${origin}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return response.json();
}

function entriesOf(names: readonly string[], firstLine = 1): BulkEntry[] {
  return names.map((name, i) => ({ line: firstLine + i, input: `@${name}`, target: { form: 'screen_name', value: name } }));
}

/** Follows everyone in `names` with `follow`, CONCURRENCY at a time; returns the milliseconds taken. */
async function followLoop(names: readonly string[], follow: (name: string) => Promise<unknown>): Promise<number> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < names.length) await follow(names[next++]!);
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return performance.now() - start;
}

function bareFollow(apiBase: string, authorization: string): (name: string) => Promise<unknown> {
  return async (name) => {
    const response = await fetch(`${apiBase}/friendships/create.json?screen_name=${encodeURIComponent(name)}`, {
      method: 'POST',
      // The same request the queue sends: the same URL, method and headers.
      headers: { authorization, accept: 'application/json', 'user-agent': USER_AGENT },
    });
    return response.text();
  };
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function used(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

/** Peaks of heap + external memory while `work` runs: live (after a full collection) and between collections. */
async function peakMemory(work: () => Promise<unknown>): Promise<{ liveBytes: number; rawBytes: number }> {
  if (!(globalThis as { gc?: () => void }).gc) throw new Error('run with --expose-gc (npm run bench does)');
  collectGarbage();
  const base = used();
  let live = base;
  let raw = base;
  const rawSampler = setInterval(() => {
    raw = Math.max(raw, used());
  }, 5);
  const liveSampler = setInterval(() => {
    raw = Math.max(raw, used());
    collectGarbage();
    live = Math.max(live, used());
  }, 100);
  try {
    await work();
    collectGarbage();
    live = Math.max(live, used());
    return { liveBytes: live, rawBytes: raw };
  } finally {
    clearInterval(rawSampler);
    clearInterval(liveSampler);
  }
}

/** A fresh queue in its own state directory, filled with `names` (timed apart), then run to the end. */
async function runQueue(
  account: Account,
  names: readonly string[],
  client: BefriendClient,
  clock: Clock = systemClock,
): Promise<{ runMs: number; addMs: number }> {
  const stateDir = await mkdtemp(join(tmpdir(), 'befriend-bulk-bench-'));
  try {
    const opened = await openBulkQueue({ stateDir, client, account, concurrency: CONCURRENCY, clock });
    if (!opened.ok) throw new Error(opened.error.message);
    const { queue } = opened;
    const adding = performance.now();
    const added = await queue.add(entriesOf(names));
    if (!added.ok) throw new Error(added.error.message);
    const start = performance.now();
    const status = await queue.start();
    const runMs = performance.now() - start;
    if (status.state !== 'finished') throw new Error(`the queue ended ${status.state}: ${status.message}`);
    const closed = await queue.close();
    if (closed) throw new Error(closed.message);
    return { runMs, addMs: start - adding };
  } finally {
    await rm(stateDir, { recursive: true, force: true });
  }
}

/** A clock `speed` times faster than the wall clock, shared by the sandbox and the queue. */
function fastClock(speed: number): Clock {
  const origin = Date.now();
  return {
    now: () => origin + (Date.now() - origin) * speed,
    sleep: (ms, signal) => systemClock.sleep(ms / speed, signal),
  };
}

async function paceUnderLimit(limit: number): Promise<{ sustained: number; refused: number }> {
  const clock = fastClock(20);
  const windows = 3;
  const sandbox = await startSandbox({ rateLimit: { limit, windowSeconds: 60 }, now: clock.now, directorySize: windows * limit + 100 });
  try {
    const users = (await (await fetch(`${sandbox.origin}/_sandbox/users`)).json()) as { screenName: string }[];
    const special = new Set<string>([...HARD_CASE_SCREEN_NAMES, sandbox.demo.screenName]);
    const names = users.map((u) => u.screenName).filter((n) => !special.has(n)).slice(0, windows * limit + 1);
    const real = createClient();
    const sentAt: number[] = [];
    const client: BefriendClient = {
      ...real,
      follow: (account, target, options) => {
        sentAt.push(clock.now());
        return real.follow(account, target, options);
      },
    };
    const account: Account = {
      profile: 'twitter-v1',
      apiBase: sandbox.apiBase,
      format: 'json',
      credentials: { mode: 'basic', username: sandbox.demo.username, password: sandbox.demo.password },
    };
    await runQueue(account, names, client, clock);
    // Rate over whole windows: from the first follow to the first of the window after the last.
    const span = sentAt[windows * limit]! - sentAt[0]!;
    return { sustained: (windows * limit * 60_000) / span, refused: sandbox.stats().rateLimited };
  } finally {
    await sandbox.close();
  }
}

export async function runBulkBench(targets = 10_000, limitPerMinute = 60): Promise<BulkBenchFigures> {
  const sandbox = await startChildSandbox(targets + WARMUP + 50);
  try {
    await admin(sandbox.origin, '/_sandbox/rate-limit', null);
    const users = (await admin(sandbox.origin, '/_sandbox/users')) as { screenName: string }[];
    const special = new Set<string>([...HARD_CASE_SCREEN_NAMES, sandbox.username]);
    const names = users.map((u) => u.screenName).filter((n) => !special.has(n));
    const warm = names.slice(0, WARMUP);
    const main = names.slice(WARMUP, WARMUP + targets);
    const small = main.slice(0, 1_000);
    const account: Account = {
      profile: 'twitter-v1',
      apiBase: sandbox.apiBase,
      format: 'json',
      credentials: { mode: 'basic', username: sandbox.username, password: sandbox.password },
    };
    const authorization = `Basic ${Buffer.from(`${sandbox.username}:${sandbox.password}`).toString('base64')}`;
    const client = createClient();

    const reset = async (): Promise<void> => {
      await admin(sandbox.origin, '/_sandbox/reset', {});
    };

    const bare = bareFollow(sandbox.apiBase, authorization);
    // What the queue sends.
    const direct = (name: string): Promise<unknown> => client.follow(account, { form: 'screen_name', value: name });
    const addTimes: number[] = [];
    const contenders = {
      bare: () => followLoop(main, bare),
      client: () => followLoop(main, direct),
      queue: async () => {
        const { runMs, addMs } = await runQueue(account, main, client);
        addTimes.push(addMs);
        return runMs;
      },
    };
    await followLoop(warm, bare);
    await reset();
    await followLoop(warm, direct);
    await reset();
    await runQueue(account, warm, client);
    await reset();

    // Each follows all the targets in every run, first, second and third in turn.
    const runMs: Record<keyof typeof contenders, number[]> = { bare: [], client: [], queue: [] };
    for (let run = 0; run < RUNS; run += 1) {
      const order: (keyof typeof contenders)[] = ['bare', 'client', 'queue'];
      for (let i = 0; i < run % order.length; i += 1) order.unshift(order.pop()!);
      for (const name of order) {
        runMs[name].push(await contenders[name]());
        await reset();
      }
    }
    const total = (list: number[]): number => list.reduce((a, b) => a + b, 0);
    const [bareMs, clientMs, queueMs] = [total(runMs.bare), total(runMs.client), total(runMs.queue)];
    const ratios = (fast: number[], slow: number[]): number[] => fast.map((ms, run) => ms / slow[run]!);

    // The same comparison once the network, not this process's CPU, sets the pace.
    await admin(sandbox.origin, '/_sandbox/faults', { latencyMs: LAN_LATENCY_MS });
    const lanTargets = main.slice(0, LAN_TARGETS);
    const lanRatios: number[] = [];
    for (let run = 0; run < LAN_RUNS; run += 1) {
      const bareFirst = run % 2 === 0;
      const firstMs = bareFirst ? await followLoop(lanTargets, bare) : (await runQueue(account, lanTargets, client)).runMs;
      await reset();
      const secondMs = bareFirst ? (await runQueue(account, lanTargets, client)).runMs : await followLoop(lanTargets, bare);
      await reset();
      lanRatios.push(bareFirst ? firstMs / secondMs : secondMs / firstMs);
    }
    await admin(sandbox.origin, '/_sandbox/faults', { latencyMs: 0 });

    const small1k = await peakMemory(() => runQueue(account, small, client));
    await reset();
    const full = await peakMemory(() => runQueue(account, main, client));
    await reset();

    const pace = await paceUnderLimit(limitPerMinute);
    const mb = (bytes: number): number => bytes / (1024 * 1024);
    return {
      targets,
      concurrency: CONCURRENCY,
      bareMs,
      queueMs,
      addMs: median(addTimes),
      bareRate: (RUNS * targets * 1000) / bareMs,
      queueRate: (RUNS * targets * 1000) / queueMs,
      overallRatio: bareMs / queueMs,
      throughputRatio: median(ratios(runMs.bare, runMs.queue)),
      runRatios: ratios(runMs.bare, runMs.queue),
      clientRate: (RUNS * targets * 1000) / clientMs,
      clientRatio: median(ratios(runMs.bare, runMs.client)),
      queueOverClientRatio: median(ratios(runMs.client, runMs.queue)),
      lanRatio: median(lanRatios),
      peakMemory1kMb: mb(small1k.liveBytes),
      peakMemory10kMb: mb(full.liveBytes),
      memoryGrowthMb: mb(full.liveBytes - small1k.liveBytes),
      rawMemoryGrowthMb: mb(full.rawBytes - small1k.rawBytes),
      limitPerMinute,
      sustainedPerMinute: pace.sustained,
      paceRatio: pace.sustained / limitPerMinute,
      refusedForRateLimit: pace.refused,
    };
  } finally {
    sandbox.child.kill('SIGTERM');
  }
}

export function bulkBenchVerdicts(f: BulkBenchFigures): { name: string; ok: boolean }[] {
  return [
    { name: 'throughput ≥ 0.8× bare fetch', ok: f.throughputRatio >= 0.8 },
    { name: 'memory growth 1k→10k < 30 MB', ok: f.memoryGrowthMb < 30 },
    { name: 'sustained ≥ 0.95 N per minute, no refusal', ok: f.paceRatio >= 0.95 && f.refusedForRateLimit === 0 },
  ];
}

export function printBulkBench(f: BulkBenchFigures): void {
  const [throughput, memory, pace] = bulkBenchVerdicts(f).map((v) => (v.ok ? 'within target' : 'MISSES target'));
  console.log(
    `bulk throughput (${f.targets} follows, concurrency ${f.concurrency}, ${RUNS} runs each): bare fetch ${f.bareRate.toFixed(0)}/s, ` +
      `queue ${f.queueRate.toFixed(0)}/s; ratio ${f.throughputRatio.toFixed(3)}× median of the runs ` +
      `(${f.runRatios.map((r) => r.toFixed(3)).join(', ')}), ${f.overallRatio.toFixed(3)}× overall — ${throughput} ≥ 0.8× ` +
      `(adding the ${f.targets} to a queue beforehand: ${f.addMs.toFixed(0)} ms)`,
  );
  console.log(
    `  where it goes: client.follow loop without the queue ${f.clientRate.toFixed(0)}/s = ${f.clientRatio.toFixed(3)}× bare; ` +
      `queue over that loop ${f.queueOverClientRatio.toFixed(3)}×; for information, with ${LAN_LATENCY_MS} ms of server latency ` +
      `(${LAN_TARGETS} targets, ${LAN_RUNS} runs each): queue ${f.lanRatio.toFixed(3)}× bare`,
  );
  console.log(
    `bulk memory: live peak ${f.peakMemory1kMb.toFixed(1)} MB with 1 000 targets, ${f.peakMemory10kMb.toFixed(1)} MB with 10 000: ` +
      `+${f.memoryGrowthMb.toFixed(1)} MB — ${memory} < 30 MB (peak between collections: +${f.rawMemoryGrowthMb.toFixed(1)} MB)`,
  );
  console.log(
    `bulk pace under ${f.limitPerMinute}/min (3 windows, clock ×20): ${f.sustainedPerMinute.toFixed(2)}/min, ratio ${f.paceRatio.toFixed(3)}×, ` +
      `${f.refusedForRateLimit} refused — ${pace} ≥ 0.95×`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await runBulkBench();
  printBulkBench(figures);
  if (bulkBenchVerdicts(figures).some((v) => !v.ok)) process.exitCode = 1;
}
