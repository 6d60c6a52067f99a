import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Readable, Writable } from 'node:stream';
import { createClient } from '../client.js';
import { adviceFor, apiError } from '../errors.js';
import { followOutcome } from '../follow-outcome.js';
import { startSandbox } from '../sandbox/server.js';
import { apiBaseForProfile, defaultFormatForProfile } from '../server-profiles.js';
import { parseTarget, type NumericChoice } from '../target.js';
import type { UserResult } from '../types.js';
import { VERSION } from '../version.js';
import { runBulkCommand } from './bulk-command.js';
import { accountFromFlags, SECRET_FLAGS, type AuthFlags } from './cli-account.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { outcomeLine, renderCard } from './render-card.js';
import { terminalSafe } from './terminal-text.js';

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
  /** Resolves when the person asks the process to stop (Ctrl+C, SIGTERM); used by `sandbox`. */
  waitForStop: () => Promise<void>;
}

export const HELP = `befriend ${VERSION} — follow people on Twitter-API-compatible servers

Usage:
  befriend follow <target> [options]    follow someone (friendships/create)
  befriend show <target> [options]      look someone up (users/show)
  befriend bulk <file> --state <dir> [options]
                                        follow everyone in a list, resumably
  befriend sandbox [--port N] [--directory-size N] [--json]
                                        run the built-in sandbox server

<target>: @name, name, a numeric user id, or a profile URL (https://host/name).
  Bare digits are taken as a user id; --screen-name says they are a screen name.

Options for follow and show:
  --server <url>             the API base URL, e.g. http://127.0.0.1:PORT/1
  --profile <p>              twitter-v1 | twitter-v1.1 | gnusocial | custom (default custom)
  --screen-name | --user-id | --id-in-path
                             how to send the target (default: by its form)
  --notify                   also deliver their updates to your device (follow=true)
  --format xml|json          response format (default: the profile's)
  --username U --password-env VAR      HTTP Basic; the password from $VAR
  --password-stdin                     ... or from the first line of stdin
  --consumer-key K --consumer-secret-env VAR --token T --token-secret-env VAR
                                       OAuth 1.0a; secrets from environment variables
  --allow-insecure-basic     allow Basic over plain http to a non-loopback host
  --json                     print the normalized result as JSON (also for failures)
  --timeout MS               give up after MS milliseconds (default 15000)

Secrets are never taken from the command line.
Exit codes: 0 followed, already following or request pending; 2 usage; 3 unauthorized;
  4 not found; 5 rate limited; 6 network or timeout; 1 anything else.
`;

const TARGET_OPTIONS = {
  server: { type: 'string' },
  profile: { type: 'string' },
  format: { type: 'string' },
  username: { type: 'string' },
  'password-env': { type: 'string' },
  'password-stdin': { type: 'boolean' },
  'consumer-key': { type: 'string' },
  'consumer-secret-env': { type: 'string' },
  token: { type: 'string' },
  'token-secret-env': { type: 'string' },
  'allow-insecure-basic': { type: 'boolean' },
  'screen-name': { type: 'boolean' },
  'user-id': { type: 'boolean' },
  'id-in-path': { type: 'boolean' },
  notify: { type: 'boolean' },
  json: { type: 'boolean' },
  timeout: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

const SANDBOX_OPTIONS = {
  port: { type: 'string' },
  'directory-size': { type: 'string' },
  json: { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

function write(stream: Writable, text: string): void {
  stream.write(text.endsWith('\n') ? text : `${text}\n`);
}

class UsageError extends Error {}

function parse<O extends ParseArgsConfig['options']>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function wholeNumber(value: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`${flag} takes a whole number from ${min} to ${max}, not "${value}".`);
  }
  return Number(value);
}

async function readFirstLine(stdin: Readable): Promise<string> {
  let text = '';
  for await (const chunk of stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

function usageFailure(io: CliIo, message: string, asJson: boolean): number {
  if (asJson) {
    const result: UserResult = { ok: false, error: apiError('invalid_request', message), rateLimit: null };
    write(io.stdout, JSON.stringify(result));
  }
  write(io.stderr, `befriend: ${message}\nRun \`befriend --help\` for usage.`);
  return EXIT.usage;
}

async function runTargetCommand(command: 'follow' | 'show', args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, TARGET_OPTIONS);
  const asJson = values.json === true;
  if (positionals.length !== 1) {
    return usageFailure(io, `${command} takes exactly one target (got ${positionals.length}).`, asJson);
  }
  const forms = ['screen-name', 'user-id', 'id-in-path'].filter((f) => values[f as keyof typeof values] === true);
  if (forms.length > 1) return usageFailure(io, `Choose one of --${forms.join(', --')}.`, asJson);
  const timeoutMs = wholeNumber(values.timeout, '--timeout', 1, 600_000);
  const numericAs: NumericChoice = values['screen-name'] ? 'screen_name' : 'user_id';
  const parsed = parseTarget(positionals[0]!, { numericAs, idInPath: values['id-in-path'] === true });
  if (!parsed.ok) return usageFailure(io, parsed.error.message, asJson);
  const target =
    values['screen-name'] && parsed.target.form === 'user_id'
      ? { form: 'screen_name' as const, value: parsed.target.value }
      : parsed.target;

  const stdinSecret = values['password-stdin'] ? await readFirstLine(io.stdin) : null;
  const built = accountFromFlags(values as AuthFlags, io.env, stdinSecret, {
    apiBaseFor: apiBaseForProfile,
    formatFor: defaultFormatForProfile,
  });
  if (!built.ok) return usageFailure(io, built.message, asJson);

  const client = createClient();
  const options = { ...(timeoutMs === undefined ? {} : { timeoutMs }) };
  const result =
    command === 'follow'
      ? await client.follow(built.account, target, { ...options, notify: values.notify === true })
      : await client.show(built.account, target, options);

  if (asJson) write(io.stdout, JSON.stringify(result));
  const outcome = command === 'follow' ? followOutcome(result) : null;
  if (result.ok) {
    if (!asJson) {
      write(io.stdout, renderCard(result.user));
      if (outcome !== null) write(io.stdout, `\n${outcomeLine(outcome, result.user.screenName)}`);
    }
    return EXIT.ok;
  }
  if (!asJson) {
    if (outcome !== null) {
      write(io.stdout, `${outcomeLine(outcome, target.value)} (${terminalSafe(result.error.message)})`);
    } else {
      const status = result.error.status === null ? '' : ` (HTTP ${result.error.status})`;
      write(io.stderr, `befriend: ${terminalSafe(result.error.message)}${status}\n${adviceFor(result.error, result.rateLimit)}`);
    }
  }
  return exitCodeFor(result.error.kind);
}

async function runSandboxCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, SANDBOX_OPTIONS);
  if (positionals.length > 0) throw new UsageError(`sandbox takes no arguments (got "${positionals[0]}").`);
  const port = wholeNumber(values.port, '--port', 0, 65_535);
  const directorySize = wholeNumber(values['directory-size'], '--directory-size', 1, 1_000_000);
  let sandbox;
  try {
    sandbox = await startSandbox({ port, directorySize });
  } catch (error) {
    write(io.stderr, `befriend: the sandbox could not start: ${(error as Error).message}`);
    return EXIT.other;
  }
  const { demo } = sandbox;
  if (values.json) {
    write(io.stdout, JSON.stringify({ apiBase: sandbox.apiBase, username: demo.username, password: demo.password }));
  } else {
    write(
      io.stdout,
      [
        `Befriend sandbox listening on ${sandbox.origin}`,
        `  API base:        ${sandbox.apiBase}`,
        `  OAuth base:      ${sandbox.oauthBase}`,
        `  Basic:           username ${demo.username}, password ${demo.password}`,
        `  OAuth consumer:  key ${demo.consumerKey}, secret ${demo.consumerSecret}`,
        `  OAuth token:     ${demo.token}, secret ${demo.tokenSecret}`,
        '',
        'Try it:',
        `  BEFRIEND_PASSWORD=${demo.password} befriend follow @dougw --server ${sandbox.apiBase} --username ${demo.username} --password-env BEFRIEND_PASSWORD`,
        '',
        'These are demo credentials for this local server only. Press Ctrl+C to stop.',
      ].join('\n'),
    );
  }
  await io.waitForStop();
  await sandbox.close();
  return EXIT.ok;
}

/** The whole command line as a function: argv in, exit code out; never throws for bad input. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const secretFlag = argv.find((a) => SECRET_FLAGS.some((flag) => a === flag || a.startsWith(`${flag}=`)));
  if (secretFlag !== undefined) {
    return usageFailure(
      io,
      `${secretFlag.split('=')[0]} is refused: secrets are never taken from the command line (they would land in shell history). Use the matching -env VAR flag, or --password-stdin.`,
      argv.includes('--json'),
    );
  }
  try {
    switch (command) {
      case 'follow':
      case 'show':
        return await runTargetCommand(command, rest, io);
      case 'sandbox':
        return await runSandboxCommand(rest, io);
      case 'bulk':
        return await runBulkCommand(rest, io.env, { stdout: io.stdout, stderr: io.stderr, isTTY: io.isTTY });
      case '--version':
      case '-v':
        write(io.stdout, VERSION);
        return EXIT.ok;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        write(command === undefined ? io.stderr : io.stdout, HELP);
        return command === undefined ? EXIT.usage : EXIT.ok;
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(io, error.message, argv.includes('--json'));
    throw error;
  }
}
