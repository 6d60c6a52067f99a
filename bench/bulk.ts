/**
 * The bulk queue's figures, each against a target or a baseline from the same run:
 * - pace under a limit of N per minute: sustained follows per minute ÷ N, with no refusal. The
 *   sandbox and the queue share one clock running 20× fast, so three one-minute windows take
 *   seconds; both read only that clock, as in production. Target ≥ 0.95 and 0 refused.
 * - memory: growth of this process's live JS memory (heap + external, sampled right after a full
 *   collection every 100 ms) from a run of 1 000 targets to a run of 10 000, against an unlimited
 *   sandbox in its own process (so its memory is not counted as ours). Without the collections the
 *   peak mostly measures how long V8 lets garbage pile up, not what the queue keeps. Target < 30 MB.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Account } from '../core/account.js';
import { systemClock, type Clock } from '../core/bulk/clock.js';
import { openBulkQueue } from '../core/bulk/open-bulk-queue.js';
import type { BulkEntry } from '../core/bulk/parse-bulk-input.js';
import { createClient } from '../core/client.js';
import type { BefriendClient } from '../core/client-api.js';
import { HARD_CASE_SCREEN_NAMES, startSandbox } from '../core/sandbox/server.js';
import { admin, startChildSandbox } from './child-sandbox.js';

const SMALL = 1_000;
const LARGE = 10_000;
const LIMIT_PER_MINUTE = 60;
const WINDOWS = 3;
const MEMORY_TARGET_MB = 30;
const PACE_TARGET = 0.95;

/** Screen names of the sandbox's ordinary users: neither the demo account nor a hard case. */
async function ordinaryNames(origin: string, demo: string): Promise<string[]> {
  const users = (await admin(origin, '/_sandbox/users')) as { screenName: string }[];
  const special = new Set<string>([...HARD_CASE_SCREEN_NAMES, demo]);
  return users.map((u) => u.screenName).filter((n) => !special.has(n));
}

function entriesOf(names: readonly string[]): BulkEntry[] {
  return names.map((name, i) => ({ line: i + 1, input: `@${name}`, target: { form: 'screen_name', value: name } }));
}

function basicAccount(apiBase: string, username: string, password: string): Account {
  return { profile: 'twitter-v1', apiBase, format: 'json', credentials: { mode: 'basic', username, password } };
}

/** A fresh queue in its own state directory, filled with `names`, run to the end. */
async function runQueue(account: Account, names: readonly string[], client: Pick<BefriendClient, 'follow' | 'show'>, clock: Clock = systemClock): Promise<void> {
  const stateDir = await mkdtemp(join(tmpdir(), 'befriend-bulk-bench-'));
  try {
    const opened = await openBulkQueue({ stateDir, client, account, clock });
    if (!opened.ok) throw new Error(opened.error.message);
    const { queue } = opened;
    const added = await queue.add(entriesOf(names));
    if (!added.ok) throw new Error(added.error.message);
    const status = await queue.start();
    if (status.state !== 'finished') throw new Error(`the queue ended ${status.state}: ${status.message}`);
    const closed = await queue.close();
    if (closed) throw new Error(closed.message);
  } finally {
    await rm(stateDir, { recursive: true, force: true });
  }
}

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc (npm run bench does)');
  gc();
}

function used(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

/** The peak of live heap + external memory while `work` runs, in MB. */
async function peakLiveMb(work: () => Promise<unknown>): Promise<number> {
  collectGarbage();
  let live = used();
  const sampler = setInterval(() => {
    collectGarbage();
    live = Math.max(live, used());
  }, 100);
  try {
    await work();
    collectGarbage();
    return Math.max(live, used()) / (1024 * 1024);
  } finally {
    clearInterval(sampler);
  }
}

async function memoryGrowth(): Promise<{ smallMb: number; largeMb: number }> {
  const sandbox = await startChildSandbox(LARGE + 50);
  try {
    await admin(sandbox.origin, '/_sandbox/rate-limit', null);
    const names = await ordinaryNames(sandbox.origin, sandbox.username);
    const account = basicAccount(sandbox.apiBase, sandbox.username, sandbox.password);
    const client = createClient();
    const reset = (): Promise<unknown> => admin(sandbox.origin, '/_sandbox/reset', {});
    // A first run warms the code up, so neither measured run pays for compiling it.
    await runQueue(account, names.slice(0, SMALL), client);
    await reset();
    const smallMb = await peakLiveMb(() => runQueue(account, names.slice(0, SMALL), client));
    await reset();
    const largeMb = await peakLiveMb(() => runQueue(account, names.slice(0, LARGE), client));
    return { smallMb, largeMb };
  } finally {
    sandbox.child.kill('SIGTERM');
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

async function paceUnderLimit(): Promise<{ perMinute: number; refused: number }> {
  const clock = fastClock(20);
  const sandbox = await startSandbox({
    rateLimit: { limit: LIMIT_PER_MINUTE, windowSeconds: 60 },
    now: clock.now,
    directorySize: WINDOWS * LIMIT_PER_MINUTE + 100,
  });
  try {
    const names = (await ordinaryNames(sandbox.origin, sandbox.demo.screenName)).slice(0, WINDOWS * LIMIT_PER_MINUTE + 1);
    const real = createClient();
    const sentAt: number[] = [];
    const client: Pick<BefriendClient, 'follow' | 'show'> = {
      show: (account, target, options) => real.show(account, target, options),
      follow: (account, target, options) => {
        sentAt.push(clock.now());
        return real.follow(account, target, options);
      },
    };
    await runQueue(basicAccount(sandbox.apiBase, sandbox.demo.username, sandbox.demo.password), names, client, clock);
    // Over whole windows: from the first follow to the first of the window after the last.
    const span = sentAt[WINDOWS * LIMIT_PER_MINUTE]! - sentAt[0]!;
    return { perMinute: (WINDOWS * LIMIT_PER_MINUTE * 60_000) / span, refused: sandbox.stats().rateLimited };
  } finally {
    await sandbox.close();
  }
}

const pace = await paceUnderLimit();
const paceRatio = pace.perMinute / LIMIT_PER_MINUTE;
const paceOk = paceRatio >= PACE_TARGET && pace.refused === 0;
console.log(
  `bulk pace under the server's ${LIMIT_PER_MINUTE}/min (${WINDOWS} windows, clock ×20): ${pace.perMinute.toFixed(2)}/min = ` +
    `${paceRatio.toFixed(3)}× the limit, ${pace.refused} refused — ${paceOk ? 'within' : 'MISSES'} target ≥ ${PACE_TARGET}× with 0 refused`,
);

const memory = await memoryGrowth();
const growthMb = memory.largeMb - memory.smallMb;
const memoryOk = growthMb < MEMORY_TARGET_MB;
console.log(
  `bulk memory: live peak ${memory.smallMb.toFixed(1)} MB with ${SMALL} targets, ${memory.largeMb.toFixed(1)} MB with ${LARGE}: ` +
    `+${growthMb.toFixed(1)} MB — ${memoryOk ? 'within' : 'MISSES'} target < ${MEMORY_TARGET_MB} MB`,
);

if (!paceOk || !memoryOk) process.exitCode = 1;
