/**
 * Client overhead: `follow` through the core (as built by `npm run build`) vs a bare `fetch` POST
 * of the same request to the same sandbox. Calls are interleaved (bare, core, bare, core, … with the order swapped every
 * iteration) on distinct users so both sides see the same server state and the same noise.
 * After 500 warm-up pairs (so both sides run optimized code), three blocks of 2 000 pairs each
 * give a ratio of medians; the verdict is the median of the three,
 * since one block's ratio moves by a few hundredths with whatever else the machine is doing.
 */
import { performance } from 'node:perf_hooks';
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Account } from '../dist/account.js';
import { createClient } from '../dist/client.js';
import { HARD_CASE_SCREEN_NAMES } from '../dist/sandbox/server.js';
import { USER_AGENT } from '../dist/version.js';
import type { Format } from '../dist/types.js';
import { median, ms, ratio, verdict } from './stats.js';

export interface OverheadBlock {
  bareMedianMs: number;
  coreMedianMs: number;
  ratio: number;
}

export interface OverheadFigures {
  format: Format;
  /** Calls per side in each block. */
  calls: number;
  blocks: OverheadBlock[];
  /** The median of the blocks' ratios: the verdict. */
  ratio: number;
  target: number;
}

const TARGETS: Record<Format, number> = { json: 1.15, xml: 1.3 };

const WARMUP = 500;
const BLOCKS = 3;

interface RunningSandbox {
  origin: string;
  apiBase: string;
  username: string;
  password: string;
  stop(): void;
}

/**
 * The sandbox runs in its own process, as a real server would: its work and garbage then never
 * land on the client's side of the measurement.
 */
async function spawnSandbox(directorySize: number): Promise<RunningSandbox> {
  const bin = fileURLToPath(new URL('../dist/cli/befriend.js', import.meta.url));
  const args = [bin, 'sandbox', '--json', '--directory-size', String(directorySize)];
  const pinned = process.env['BENCH_PIN'] === '1';
  const child = pinned
    ? spawn('taskset', ['-c', '1', process.execPath, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
    : spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += String(chunk);
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.once('exit', (code) => reject(new Error(`the sandbox exited (${code}); run \`npm run build\` first`)));
  });
  const printed = JSON.parse(line) as { apiBase: string; username: string; password: string };
  const origin = new URL(printed.apiBase).origin;
  await fetch(`${origin}/_sandbox/rate-limit`, { method: 'POST', body: 'null', headers: { 'content-type': 'application/json' } });
  return { ...printed, origin, stop: () => child.kill('SIGINT') };
}

async function resetSandbox(sandbox: RunningSandbox): Promise<void> {
  await fetch(`${sandbox.origin}/_sandbox/reset`, { method: 'POST' });
}

export async function runCoreOverheadBench(calls = 2000, blocks = BLOCKS): Promise<OverheadFigures[]> {
  const warmup = WARMUP;
  const pairs = warmup + blocks * calls;
  const sandbox = await spawnSandbox(2 * pairs + 300);
  try {
    const users = (await (await fetch(`${sandbox.origin}/_sandbox/users`)).json()) as { screenName: string }[];
    // The hard cases (protected, suspended, …) answer differently; the bench compares like with like.
    const special = new Set<string>([...HARD_CASE_SCREEN_NAMES, sandbox.username]);
    const followable = users.filter((u) => !special.has(u.screenName));
    if (followable.length < 2 * pairs) throw new Error(`the sandbox has only ${followable.length} plain users`);
    const client = createClient();
    const authorization = `Basic ${Buffer.from(`${sandbox.username}:${sandbox.password}`).toString('base64')}`;
    const figures: OverheadFigures[] = [];
    for (const format of ['json', 'xml'] as const) {
      await resetSandbox(sandbox);
      const account: Account = {
        profile: 'twitter-v1',
        apiBase: sandbox.apiBase,
        format,
        credentials: { mode: 'basic', username: sandbox.username, password: sandbox.password },
      };
      const accept = format === 'json' ? 'application/json' : 'application/xml';
      const bare = async (screenName: string) => {
        const response = await fetch(`${sandbox.apiBase}/friendships/create.${format}?screen_name=${screenName}`, {
          method: 'POST',
          // The same request the core sends: the same URL, method and headers.
          headers: { authorization, accept, 'user-agent': USER_AGENT },
        });
        await response.text();
        if (response.status !== 200) throw new Error(`bare follow of ${screenName}: HTTP ${response.status}`);
      };
      const core = async (screenName: string) => {
        const result = await client.follow(account, { form: 'screen_name', value: screenName });
        if (!result.ok) throw new Error(`core follow of ${screenName}: ${result.error.kind}`);
      };
      const measured: OverheadBlock[] = [];
      let next = 0;
      for (let block = 0; block < blocks; block++) {
        const bareTimes: number[] = [];
        const coreTimes: number[] = [];
        const skip = block === 0 ? warmup : 0;
        for (let i = 0; i < calls + skip; i++, next++) {
          const pair: [typeof bare, number[], string][] = [
            [bare, bareTimes, followable[2 * next]?.screenName ?? ''],
            [core, coreTimes, followable[2 * next + 1]?.screenName ?? ''],
          ];
          if (i % 2 === 1) pair.reverse();
          for (const [run, times, name] of pair) {
            const start = performance.now();
            await run(name);
            if (i >= skip) times.push(performance.now() - start);
          }
        }
        const bareMedianMs = median(bareTimes);
        const coreMedianMs = median(coreTimes);
        measured.push({ bareMedianMs, coreMedianMs, ratio: coreMedianMs / bareMedianMs });
      }
      figures.push({ format, calls, blocks: measured, ratio: median(measured.map((b) => b.ratio)), target: TARGETS[format] });
    }
    return figures;
  } finally {
    sandbox.stop();
  }
}

export function printCoreOverhead(figures: readonly OverheadFigures[]): void {
  for (const f of figures) {
    const blocks = f.blocks
      .map((b) => `bare ${ms(b.bareMedianMs)}, core ${ms(b.coreMedianMs)}, ${ratio(b.coreMedianMs, b.bareMedianMs)}`)
      .join('; ');
    console.log(`follow overhead (${f.format}, ${f.blocks.length} blocks of ${f.calls} interleaved calls, medians): ${blocks}`);
    console.log(`  ratio ${f.ratio.toFixed(3)}× (the median of the blocks) — ${verdict(f.ratio, f.target)}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await runCoreOverheadBench(Number(process.argv[2] ?? 2000));
  printCoreOverhead(figures);
  if (figures.some((f) => f.ratio > f.target)) process.exitCode = 1;
}
