/**
 * The command line run two ways: in this process through `runCli` (what most tests use: the same
 * code, without a Node start per case), or as the built binary in a child process (for what
 * only a real process shows: its exit code, stdin, signals).
 */
import { spawn } from 'node:child_process';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../core/cli/run-cli.js';

export const BIN = fileURLToPath(new URL('../../dist/cli/befriend.js', import.meta.url));

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

/** `befriend …` in-process: the environment is exactly `env`, stdin is `stdin`, never a TTY. */
export async function runBefriend(args: string[], env: Record<string, string> = {}, stdin = ''): Promise<Run> {
  const stdout = collector();
  const stderr = collector();
  const code = await runCli(args, {
    stdout: stdout.stream,
    stderr: stderr.stream,
    stdin: Readable.from([Buffer.from(stdin)]),
    env: { ...env },
    isTTY: false,
    // Only `sandbox` waits for a stop; the tests that stop it use a real process and a signal.
    waitForStop: () => new Promise<void>(() => undefined),
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** The built binary in a child process, with only PATH and `env` in its environment. */
export function spawnBefriend(args: string[], env: Record<string, string> = {}, stdin = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
