import { apiError } from '../errors.js';
import type { UserResult } from '../types.js';
import { VERSION } from '../version.js';
import { SECRET_FLAGS } from './cli-account.js';
import { EXIT, say, UsageError, type CliIo } from './cli-io.js';

export type { CliIo } from './cli-io.js';

export const HELP = `befriend ${VERSION} — follow people on Twitter-API-compatible servers

Usage:
  befriend follow <target> [options]    follow someone (friendships/create)
  befriend show <target> [options]      look someone up (users/show)
  befriend bulk <file> --state <dir> [options]
                                        follow everyone in a list, resumably
  befriend copy-follows --from-server <url> … --to-server <url> … --state <dir>
                                        follow everyone one account follows, as another
  befriend sandbox [--port N] [--directory-size N] [--personality twitter|gnusocial] [--json]
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
  --consumer-key K --consumer-secret-env VAR --token-env VAR --token-secret-env VAR
                                       OAuth 1.0a; secrets from environment variables
  --allow-insecure-basic     allow Basic over plain http to a non-loopback host
  --json                     print the normalized result as JSON (also for failures)
  --timeout MS               give up after MS milliseconds (default 15000)

Secrets are never taken from the command line.
Exit codes: 0 followed, already following or request pending; 2 usage; 3 unauthorized;
  4 not found; 5 rate limited; 6 network or timeout; 1 anything else.
`;

/**
 * Each command's module is loaded when that command runs, not before: a follow is one request
 * in a process that starts for it, and the sandbox, the bulk queue and zod are no part of it.
 */
const COMMANDS = new Map<string, (args: string[], io: CliIo) => Promise<number>>([
  ['follow', async (args, io) => (await import('./target-command.js')).runTargetCommand('follow', args, io)],
  ['show', async (args, io) => (await import('./target-command.js')).runTargetCommand('show', args, io)],
  ['sandbox', async (args, io) => (await import('./sandbox-command.js')).runSandboxCommand(args, io)],
  ['bulk', async (args, io) => (await import('./bulk-command.js')).runBulkCommand(args, io.env, io)],
  ['copy-follows', async (args, io) => (await import('./copy-follows-command.js')).runCopyFollowsCommand(args, io)],
]);

function usageFailure(io: CliIo, message: string, asJson: boolean): number {
  if (asJson) {
    const result: UserResult = { ok: false, error: apiError('invalid_request', message), rateLimit: null };
    say(io.stdout, JSON.stringify(result));
  }
  say(io.stderr, `befriend: ${message}\nRun \`befriend --help\` for usage.`);
  return EXIT.usage;
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
    const run = command === undefined ? undefined : COMMANDS.get(command);
    if (run !== undefined) return await run(rest, io);
    switch (command) {
      case '--version':
      case '-v':
        say(io.stdout, VERSION);
        return EXIT.ok;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        say(command === undefined ? io.stderr : io.stdout, HELP);
        return command === undefined ? EXIT.usage : EXIT.ok;
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(io, error.message, argv.includes('--json'));
    throw error;
  }
}
