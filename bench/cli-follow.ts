/**
 * `befriend follow`, the whole process (start-up, module loading, the request, the card), beside a
 * bare Node script that sends the same request with `fetch` and prints the body. Both run against
 * one sandbox in this process, taking turns (ABBA), with the sandbox's follows cleared before each
 * run so every run is a first follow answered with the full user. Wall time from spawn to exit;
 * the verdict is the median of the pairs' ratios (each pair ran back to back, so load from other
 * processes weighs on both alike); target ≤ 1.2× the bare script. Beside it, for information, the
 * CPU time each process used (all its threads), which load from elsewhere disturbs far less.
 * Times dist/: `npm run bench` builds it first.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { startSandbox, type RecordedRequest, type Sandbox } from '../core/sandbox/server.js';
import { USER_AGENT } from '../core/version.js';
import { median, ms, ratio, verdict } from './stats.js';

const RUNS = 40;
const WARMUP = 3;
const TARGET_RATIO = 1.2;
const BIN = fileURLToPath(new URL('../dist/cli/befriend.js', import.meta.url));

/** The bare contender: one fetch, the body printed. Everything it needs comes from its environment. */
const BARE_SCRIPT = `
const response = await fetch(process.env.FOLLOW_URL, {
  method: 'POST',
  headers: { authorization: process.env.FOLLOW_AUTH, accept: 'application/json', 'user-agent': process.env.FOLLOW_UA },
});
process.stdout.write(await response.text() + '\\n');
`;

/** Preloaded into both contenders alike: reports the process's CPU time as it exits. */
const CPU_REPORT =
  "data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('cpu-us '+(u.userCPUTime+u.systemCPUTime)+'\\n')})";

interface Run {
  ms: number;
  cpuMs: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

function timed(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, ['--import', CPU_REPORT, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = performance.now() - start;
      const cpu = /^cpu-us (\d+)$/m.exec(stderr);
      resolve({ ms, cpuMs: cpu ? Number(cpu[1]) / 1000 : Number.NaN, code, stdout, stderr: stderr.replace(/^cpu-us \d+\n/m, '') });
    });
  });
}

/** What identifies a request to the server: the same for both contenders, or the comparison is void. */
function signature(request: RecordedRequest | undefined): string {
  if (request === undefined) return 'no request';
  const { method, path, query, auth, userAgent, screenName, status } = request;
  return JSON.stringify({ method, path, query, auth, userAgent, screenName, status });
}

function contenders(sandbox: Sandbox): Record<'cli' | 'bare', () => Promise<Run>> {
  const { username, password } = sandbox.demo;
  const base = { PATH: process.env['PATH'] ?? '' };
  return {
    cli: () =>
      timed([BIN, 'follow', '@dougw', '--server', sandbox.apiBase, '--username', username, '--password-env', 'FOLLOW_PASSWORD'], {
        ...base,
        FOLLOW_PASSWORD: password,
      }),
    bare: () =>
      timed(['--input-type=module', '-e', BARE_SCRIPT], {
        ...base,
        FOLLOW_URL: `${sandbox.apiBase}/friendships/create.json?screen_name=dougw`,
        FOLLOW_AUTH: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
        FOLLOW_UA: USER_AGENT,
      }),
  };
}

async function main(): Promise<void> {
  if (!existsSync(BIN)) throw new Error('dist/cli/befriend.js is missing: run `npm run build` (npm run bench does).');
  const sandbox = await startSandbox({ rateLimit: null });
  try {
    const run = contenders(sandbox);
    const once = async (name: 'cli' | 'bare'): Promise<{ run: Run; request: string }> => {
      sandbox.reset();
      const result = await run[name]();
      const follows = sandbox.requests.filter((r) => r.path.includes('friendships/create'));
      if (result.code !== 0 || follows.length !== 1) {
        throw new Error(`${name} failed (exit ${result.code}, ${follows.length} follows): ${result.stderr || result.stdout}`);
      }
      return { run: result, request: signature(follows[0]) };
    };

    const cliFirst = await once('cli');
    const bareFirst = await once('bare');
    if (cliFirst.request !== bareFirst.request) {
      throw new Error(`the two send different requests:\n  cli  ${cliFirst.request}\n  bare ${bareFirst.request}`);
    }
    if (!cliFirst.run.stdout.includes('Now following @dougw.') || !bareFirst.run.stdout.includes('"screen_name"')) {
      throw new Error('a contender printed something unexpected');
    }
    for (let i = 0; i < WARMUP; i += 1) {
      await once('cli');
      await once('bare');
    }

    const times: Record<'cli' | 'bare', number[]> = { cli: [], bare: [] };
    const cpu: Record<'cli' | 'bare', number[]> = { cli: [], bare: [] };
    for (let i = 0; i < RUNS; i += 1) {
      const order: ('cli' | 'bare')[] = i % 2 === 0 ? ['cli', 'bare'] : ['bare', 'cli'];
      for (const name of order) {
        const { run } = await once(name);
        times[name].push(run.ms);
        cpu[name].push(run.cpuMs);
      }
    }
    const pairRatio = median(times.cli.map((cli, i) => cli / times.bare[i]!));
    console.log(
      `cli follow, whole process (${RUNS} runs each, interleaved): befriend follow ${ms(median(times.cli))}, ` +
        `bare node + fetch ${ms(median(times.bare))} (medians, ratio ${ratio(median(times.cli), median(times.bare))}); ` +
        `median of the pairs' ratios ${pairRatio.toFixed(3)}× — ${verdict(pairRatio, TARGET_RATIO)}`,
    );
    console.log(
      `  CPU time per process (medians): befriend follow ${ms(median(cpu.cli))}, bare ${ms(median(cpu.bare))}, ` +
        `ratio ${ratio(median(cpu.cli), median(cpu.bare))}`,
    );
    if (pairRatio > TARGET_RATIO) process.exitCode = 1;
  } finally {
    await sandbox.close();
  }
}

await main();
