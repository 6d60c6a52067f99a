/**
 * Reading follows for a move: accounts read per second from friends/ids + users/lookup against
 * the sandbox answering every request after 20 ms, beside the ideal for the same pages: pages ×
 * 20 ms, one after another, all of the time spent waiting on the server. The reader keeps two
 * look-ups in flight, so it can beat that ideal. Printed as measured ÷ ideal throughput (median of 5 reads of 5 000 follows); target ≥ 0.8.
 */
import type { Account } from '../core/account.js';
import { systemClock } from '../core/bulk/clock.js';
import { ReadPacer } from '../core/bulk/read-pacer.js';
import { readFollows } from '../core/bulk/read-follows.js';
import { createClient } from '../core/client.js';
import { startSandbox } from '../core/sandbox/server.js';
import { median } from './stats.js';

const FOLLOWS = 5_000;
const LATENCY_MS = 20;
const RUNS = 5;
const TARGET = 0.8;

const sandbox = await startSandbox({ directorySize: FOLLOWS + 50, rateLimit: null, faults: { latencyMs: LATENCY_MS } });
const users = (await (await fetch(`${sandbox.origin}/_sandbox/users`)).json()) as { screenName: string }[];
sandbox.seedFollows('demo', users.map((u) => u.screenName).filter((name) => name !== 'demo' && name !== 'spammer').slice(0, FOLLOWS));
const account: Account = {
  profile: 'twitter-v1',
  apiBase: sandbox.apiBase,
  format: 'json',
  credentials: { mode: 'basic', username: 'demo', password: sandbox.demo.password },
};
const client = createClient();

const ratios: number[] = [];
const rates: number[] = [];
let pages = 0;
for (let run = 0; run < RUNS; run += 1) {
  const before = sandbox.requests.length;
  const started = performance.now();
  const read = await readFollows({ client, pacer: new ReadPacer({ clock: systemClock }) }, account);
  const seconds = (performance.now() - started) / 1000;
  if (!read.ok || read.people.length !== FOLLOWS) throw new Error(`read failed: ${read.ok ? read.people.length : read.error.message}`);
  pages = sandbox.requests.length - before;
  const ideal = (pages * LATENCY_MS) / 1000;
  rates.push(FOLLOWS / seconds);
  ratios.push(ideal / seconds);
}
await sandbox.close();

const ratio = median(ratios);
console.log(
  `copy-follows read: ${FOLLOWS} follows in ${pages} requests (friends/ids + users/lookup), ${LATENCY_MS} ms latency: ` +
    `median ${Math.round(median(rates))} accounts/s vs ideal ${Math.round(FOLLOWS / ((pages * LATENCY_MS) / 1000))} accounts/s ` +
    `= ${ratio.toFixed(2)}× of ideal (target ≥ ${TARGET}×)`,
);
process.exitCode = ratio >= TARGET ? 0 : 1;
