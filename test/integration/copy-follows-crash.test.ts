import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HARD_CASES, passwordFor, startSandbox, type Sandbox } from '../../core/sandbox/server.js';

const BEFRIEND = join(import.meta.dirname, '..', '..', 'core', 'cli', 'befriend.ts');

interface Round {
  signal: NodeJS.Signals | null;
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `befriend copy-follows` once; with `killAfter`, sends SIGKILL as soon as it has printed
 * that many finished follows. Counting answers, not time, puts the kill mid-run on any machine.
 */
function runOnce(args: string[], killAfter: number | null): Promise<Round> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', BEFRIEND, 'copy-follows', ...args], {
      env: { ...process.env, FROM_PW: passwordFor('demo'), TO_PW: passwordFor('demo') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (killAfter === null || killed) return;
      if (stdout.split('\n').filter((line) => line.startsWith('line ')).length >= killAfter) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

describe('copy-follows survives kill -9', () => {
  let source: Sandbox;
  let destination: Sandbox;
  let dir: string;
  let targets: string[];

  beforeAll(async () => {
    source = await startSandbox({ directorySize: 1100, rateLimit: null, graph: { idsPerPage: 300 } });
    destination = await startSandbox({ directorySize: 1100, rateLimit: null });
    const users = (await (await fetch(`${source.origin}/_sandbox/users`)).json()) as { screenName: string }[];
    const excluded = new Set(['demo', HARD_CASES.suspended]);
    targets = users.map((u) => u.screenName).filter((name) => !excluded.has(name)).slice(0, 1000);
    source.seedFollows('demo', targets);
    dir = await mkdtemp(join(tmpdir(), 'befriend-copy-crash-'));
  });

  afterAll(async () => {
    await source.close();
    await destination.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('copies 1,000 follows between two servers, each target followed exactly once by the destination’s count', async () => {
    const state = join(dir, 'state');
    const args = [
      ...['--from-server', source.apiBase, '--from-username', 'demo', '--from-password-env', 'FROM_PW'],
      ...['--to-server', destination.apiBase, '--to-username', 'demo', '--to-password-env', 'TO_PW'],
      ...['--state', state, '--concurrency', '4'],
    ];
    const kills = [40, 120, 75, 200, 10];
    const rounds: Round[] = [];
    for (const killAfter of kills) rounds.push(await runOnce(args, killAfter));
    expect(rounds.map((r) => r.signal)).toEqual(kills.map(() => 'SIGKILL'));
    const last = await runOnce(args, null);
    expect(last.code, last.stderr).toBe(0);
    expect(last.stdout).toMatch(/0 failed, 0 left, 0 not matched\./);

    const counts = destination.stats().followRequests;
    expect(targets.filter((name) => counts[name] !== 1)).toEqual([]);
    expect(Object.keys(counts)).toHaveLength(1000);
    expect(destination.stats().rateLimited).toBe(0);
    expect(targets.every((name) => destination.isFollowing('demo', name).following || destination.isFollowing('demo', name).pending)).toBe(true);
    const csv = await readFile(join(state, 'results.csv'), 'utf8');
    expect(csv.trim().split('\n').length).toBeGreaterThan(1);
  }, 300_000);
});
