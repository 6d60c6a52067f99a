/**
 * Reading follows for a move: accounts read per second from friends/ids + users/lookup against
 * the sandbox (in its own process, as a server would be) answering every request after 20 ms,
 * beside the ideal for the same requests: requests × 20 ms, one after another, all of the time
 * spent waiting on the server. The reader keeps three look-ups in flight, so it can beat that
 * ideal. Printed as measured ÷ ideal throughput (median of 5 reads of 5 000 follows); target ≥ 0.8.
 */
import type { Account } from '../core/account.js';
import { systemClock } from '../core/bulk/clock.js';
import { ReadPacer } from '../core/bulk/read-pacer.js';
import { readFollows } from '../core/bulk/read-follows.js';
import { createClient } from '../core/client.js';
import { admin, startChildSandbox } from './child-sandbox.js';
import { median } from './stats.js';

const FOLLOWS = 5_000;
const LATENCY_MS = 20;
const RUNS = 5;
const TARGET = 0.8;

const sandbox = await startChildSandbox(FOLLOWS + 50);
try {
  await admin(sandbox.origin, '/_sandbox/rate-limit', null);
  const users = (await admin(sandbox.origin, '/_sandbox/users')) as { screenName: string }[];
  const targets = users.map((u) => u.screenName).filter((name) => name !== sandbox.username && name !== 'spammer').slice(0, FOLLOWS);
  // Admin bodies are capped at 64 KiB: the follows go in parts.
  const seed = async (): Promise<void> => {
    for (let i = 0; i < targets.length; i += 1000) {
      await admin(sandbox.origin, '/_sandbox/follows', { follower: sandbox.username, targets: targets.slice(i, i + 1000) });
    }
  };
  await admin(sandbox.origin, '/_sandbox/faults', { latencyMs: LATENCY_MS });
  const account: Account = {
    profile: 'twitter-v1',
    apiBase: sandbox.apiBase,
    format: 'json',
    credentials: { mode: 'basic', username: sandbox.username, password: sandbox.password },
  };
  const client = createClient();

  const ratios: number[] = [];
  const rates: number[] = [];
  let requests = 0;
  for (let run = 0; run < RUNS; run += 1) {
    await admin(sandbox.origin, '/_sandbox/reset', {});
    await seed();
    const started = performance.now();
    const read = await readFollows({ client, pacer: new ReadPacer({ clock: systemClock }) }, account);
    const seconds = (performance.now() - started) / 1000;
    if (!read.ok || read.people.length !== FOLLOWS) throw new Error(`read failed: ${read.ok ? read.people.length : read.error.message}`);
    requests = ((await admin(sandbox.origin, '/_sandbox/requests')) as unknown[]).length;
    rates.push(FOLLOWS / seconds);
    ratios.push((requests * LATENCY_MS) / 1000 / seconds);
  }

  const ratio = median(ratios);
  const ideal = FOLLOWS / ((requests * LATENCY_MS) / 1000);
  console.log(
    `copy-follows read: ${FOLLOWS} follows in ${requests} requests (friends/ids + users/lookup), ${LATENCY_MS} ms latency: ` +
      `median ${Math.round(median(rates))} accounts/s vs ideal ${Math.round(ideal)} accounts/s = ${ratio.toFixed(2)}× of ideal (target ≥ ${TARGET}×)`,
  );
  process.exitCode = ratio >= TARGET ? 0 : 1;
} finally {
  sandbox.child.kill('SIGTERM');
}
