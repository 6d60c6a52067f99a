/** The sandbox in a child process, for benchmarks: its work and memory stay out of the measured process. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BEFRIEND = fileURLToPath(new URL('../core/cli/befriend.ts', import.meta.url));

export interface ChildSandbox {
  apiBase: string;
  origin: string;
  username: string;
  password: string;
  child: ChildProcess;
}

/** `befriend sandbox --json` in a child process: its bookkeeping stays out of our heap. */
export function startChildSandbox(directorySize: number): Promise<ChildSandbox> {
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

export async function admin(origin: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${origin}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return response.json();
}

