/**
 * Issue 13, should-fix lines for the command line: secrets never on argv nor echoed, a prompt
 * without echo on a terminal, unusable servers refused as usage, and invisible characters
 * stripped from what reaches the terminal. In process, through runCli.
 */
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { terminalSafe } from '../../core/cli/cli-io.js';
import { readSecret } from '../../core/cli/read-secret.js';
import { runCli } from '../../core/cli/run-cli.js';
import { startSandbox, type Sandbox } from '../../core/sandbox/server.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

async function befriend(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const sink = (add: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        add(chunk.toString());
        done();
      },
    });
  const stdin = new PassThrough();
  stdin.end();
  const code = await runCli(args, {
    stdout: sink((t) => (stdout += t)),
    stderr: sink((t) => (stderr += t)),
    stdin,
    env,
    isTTY: false,
    waitForStop: () => new Promise(() => undefined),
  });
  return { code, stdout, stderr };
}

describe('OAuth tokens on the command line', () => {
  it('refuses --token like --password, without echoing it', async () => {
    for (const flag of [['--token', 'tok-123-secret'], ['--token=tok-123-secret']]) {
      const run = await befriend(['follow', '@dougw', '--server', sandbox.apiBase, '--json', ...flag]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('--token is refused');
      expect(run.stdout + run.stderr).not.toContain('tok-123-secret');
    }
  });

  it('takes the token from --token-env', async () => {
    const { demo } = sandbox;
    const run = await befriend(
      ['follow', '@dougw', '--server', sandbox.apiBase, '--consumer-key', demo.consumerKey, '--consumer-secret-env', 'CS', '--token-env', 'TOKEN', '--token-secret-env', 'TS'],
      { CS: demo.consumerSecret, TOKEN: demo.token, TS: demo.tokenSecret },
    );
    expect([run.code, run.stderr]).toEqual([0, '']);
  });
});

describe('--password-env given the secret itself', () => {
  it('never echoes it, in errors or in --json', async () => {
    for (const value of ['hunter2!pass', 'Sunshine2024']) {
      const run = await befriend(['follow', '@dougw', '--server', sandbox.apiBase, '--username', 'demo', '--password-env', value, '--json']);
      expect(run.code).toBe(2);
      expect(run.stdout + run.stderr).not.toContain(value);
      expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
    }
  });
});

describe('--password-stdin at a terminal', () => {
  it('prompts on stderr and reads the keys with echo off', async () => {
    const stdin = Object.assign(new PassThrough(), { isTTY: true, rawModes: [] as boolean[], setRawMode(raw: boolean) {
      this.rawModes.push(raw);
    } });
    let shown = '';
    const prompt = new Writable({
      write(chunk: Buffer, _encoding, done) {
        shown += chunk.toString();
        done();
      },
    });
    const secret = readSecret(stdin, prompt);
    stdin.write('sandbox-demx');
    stdin.write('\u007fo\r');
    expect(await secret).toBe('sandbox-demo');
    expect(stdin.rawModes).toEqual([true, false]);
    expect(shown).toBe('Password: \n');
  });

  it('still reads the first line when stdin is a pipe', async () => {
    const stdin = new PassThrough();
    stdin.end('piped-secret\nmore\n');
    expect(await readSecret(stdin, new PassThrough())).toBe('piped-secret');
  });
});

describe('unusable --server addresses', () => {
  it.each(['http://[::1]:0/1', 'http://127.0.0.1:0/1', 'ftp://example.com/1', 'not a url', 'http://user:pw@example.com/1'])(
    'exit 2 for %s, sending nothing',
    async (server) => {
      const before = sandbox.requests.length;
      const run = await befriend(['follow', '@dougw', '--server', server, '--username', 'demo', '--password-env', 'PW'], { PW: 'x' });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('--server');
      expect(run.stderr).not.toContain('pw@');
      expect(sandbox.requests.length).toBe(before);
    },
  );
});

describe('terminal output', () => {
  it('strips zero-width, directional marks, separators and invisible operators', () => {
    const hidden = ['\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u2060', '\u2061', '\u2062', '\u2063', '\u2064'];
    expect(terminalSafe(`do${hidden.join('')}ug`)).toBe('doug');
    expect(terminalSafe('one\u2028two\u2029three')).toBe('one two three');
  });
});
