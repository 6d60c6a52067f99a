import type { ParseArgsConfig } from 'node:util';
import type { Account } from '../account.js';
import { copyEntries, planCopy, type CopyPlan } from '../bulk/copy-follows.js';
import { openBulkQueue } from '../bulk/open-bulk-queue.js';
import { createClient } from '../client.js';
import { adviceFor } from '../errors.js';
import { accountFromFlags, AUTH_OPTIONS, SECRET_FLAGS, type AuthFlags } from './cli-account.js';
import { runToEnd } from './bulk-command.js';
import { EXIT, exitCodeFor, parseFlags, say, terminalSafe, UsageError, wholeNumber, type CliIo } from './cli-io.js';
import { firstLine } from './read-secret.js';

/**
 * `befriend copy-follows --from-… --to-… --state <dir>`: follows, as the destination account,
 * everyone the source account follows, through the same durable queue as `befriend bulk` (run it
 * again to resume) and with its exit codes. People who could not be matched count like bad lines.
 */

const HELP = `Usage: befriend copy-follows --from-server <url> (from-auth) --to-server <url> (to-auth) --state <dir>

Follows, as the "to" account, everyone the "from" account follows. On the same server people are
matched by id; on another server by screen name (review those), and names the destination does
not know are listed, never guessed.
  --from-server, --from-profile, --from-format, --from-username, --from-password-env VAR,
  --from-consumer-key, --from-consumer-secret-env VAR, --from-token-env VAR, --from-token-secret-env VAR,
  --from-allow-insecure-basic, --from-password-stdin: the source account, as \`befriend follow\`
  takes them; the same with --to- for the destination (only one side may read stdin).
  --state <dir>              where progress is kept; run the same command again to resume
  --preview                  only read both sides and print the counts; nothing is followed
  --notify                   also deliver their updates to your device (follow=true)
  --concurrency N            follows at once (default 2)
  --max-wait MINUTES         stop instead of waiting longer for a rate or follow limit
Exit codes: as \`befriend bulk\`: 0 all done; 1 some failed or could not be matched; 2 usage or
  unusable state directory; 3 unauthorized; 5 a limit outlasts --max-wait; 6 network; 130 interrupted.
`;

type Side = 'from' | 'to';

function sideOptions<S extends Side>(side: S) {
  const entries = Object.entries({ ...AUTH_OPTIONS, 'password-stdin': { type: 'boolean' } }).map(([name, option]) => [`${side}-${name}`, option]);
  return Object.fromEntries(entries) as { [K in keyof typeof AUTH_OPTIONS | 'password-stdin' as `${S}-${K}`]: K extends keyof typeof AUTH_OPTIONS ? (typeof AUTH_OPTIONS)[K] : { type: 'boolean' } };
}

const OPTIONS = {
  ...sideOptions('from'),
  ...sideOptions('to'),
  state: { type: 'string' },
  preview: { type: 'boolean' },
  notify: { type: 'boolean' },
  concurrency: { type: 'string' },
  'max-wait': { type: 'string' },
  help: { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

/** Secrets on the command line land in shell history: refused by name on either side. */
const SECRET_FLAG = new RegExp(`^--(from|to)-(${SECRET_FLAGS.map((flag) => flag.slice(2)).join('|')})(=|$)`);

function flagsOf(values: Record<string, string | boolean | undefined>, side: Side): AuthFlags {
  const prefix = `${side}-`;
  const entries = Object.entries(values).filter(([name]) => name.startsWith(prefix)).map(([name, value]) => [name.slice(prefix.length), value]);
  return Object.fromEntries(entries) as AuthFlags;
}

async function accounts(values: Record<string, string | boolean | undefined>, io: CliIo): Promise<{ from: Account; to: Account }> {
  if (values['from-password-stdin'] && values['to-password-stdin']) {
    throw new UsageError('Only one side can read its password from stdin: give the other side --…-password-env VAR.');
  }
  const stdinSecret = values['from-password-stdin'] || values['to-password-stdin'] ? await firstLine(io.stdin) : null;
  const built: Partial<Record<Side, Account>> = {};
  for (const side of ['from', 'to'] as const) {
    const account = accountFromFlags(flagsOf(values, side), io.env, stdinSecret);
    // The shared messages name the flags without their side; say which side they are about.
    if (!account.ok) throw new UsageError(`--${side}-…: ${account.error.replaceAll('--', `--${side}-`)}`);
    built[side] = account.account;
  }
  return { from: built.from!, to: built.to! };
}

function names(people: readonly { screenName: string }[]): string {
  return people.map((p) => `@${terminalSafe(p.screenName)}`).join(', ');
}

function printPlan(plan: CopyPlan, io: CliIo): void {
  const how = plan.sameServer ? 'matched by id (same server)' : 'matched by screen name (another server: review them)';
  say(
    io.stdout,
    `The source follows ${plan.sourceCount}: ${plan.toFollow.length} to follow, ${plan.alreadyFollowed.length} already followed, ` +
      `${plan.notFound.length} not found, ${plan.ambiguous.length} ambiguous; ${how}.`,
  );
  if (plan.notFound.length > 0) say(io.stdout, `Not found on the destination: ${names(plan.notFound)}`);
  for (const { source, candidates } of plan.ambiguous) {
    say(io.stdout, `Ambiguous: @${terminalSafe(source.screenName)} could be ${names(candidates)}`);
  }
}

export async function runCopyFollowsCommand(argv: string[], io: CliIo): Promise<number> {
  const secret = argv.find((arg) => SECRET_FLAG.test(arg));
  if (secret !== undefined) {
    throw new UsageError(`${secret.split('=')[0]} is refused: secrets are never taken from the command line. Use the matching -env VAR flag, or --…-password-stdin.`);
  }
  const { values, positionals } = parseFlags(argv, OPTIONS);
  if (values.help) {
    say(io.stdout, HELP);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UsageError(`copy-follows takes no file (got "${positionals[0]}").`);
  if (!values.preview && !values.state) throw new UsageError('--state <dir> is required: progress is kept there.');
  const concurrency = wholeNumber(values.concurrency, '--concurrency', 1, 32) ?? 2;
  const maxWait = wholeNumber(values['max-wait'], '--max-wait', 0, 10_000_000);
  const maxWaitMs = maxWait === undefined ? null : maxWait * 60_000;
  const { from, to } = await accounts(values, io);

  const client = createClient();
  say(io.stderr, 'Reading who the source follows and matching them on the destination…');
  const planned = await planCopy({
    client,
    from,
    to,
    maxWaitMs,
    onWait: (until) => say(io.stderr, `Waiting for the rate limit until ${new Date(until).toISOString()}…`),
  });
  if (!planned.ok) {
    const side = planned.error.side === 'from' ? 'the --from- account' : 'the --to- account';
    say(io.stderr, `befriend copy-follows: ${side}: ${terminalSafe(planned.error.message)}\n${adviceFor(planned.error)}\nNothing was followed.`);
    return exitCodeFor(planned.error.kind);
  }
  const { plan } = planned;
  printPlan(plan, io);
  if (values.preview) return EXIT.ok;

  const opened = await openBulkQueue({ stateDir: values.state!, client, account: to, concurrency, notify: values.notify === true, maxWaitMs });
  if (!opened.ok) {
    say(io.stderr, `befriend copy-follows: ${opened.error.message}\nNothing was followed.`);
    return EXIT.usage;
  }
  const { queue } = opened;
  const added = await queue.add(copyEntries(plan));
  if (!added.ok) {
    await queue.close();
    say(io.stderr, `befriend copy-follows: ${added.error.message}\nNothing was followed.`);
    return EXIT.usage;
  }
  const before = queue.progress();
  say(io.stderr, `${added.result.added} new, ${added.result.alreadyQueued} from an earlier run; ${before.counts.done} already done.`);
  return runToEnd(queue, values.state!, io, plan.notFound.length + plan.ambiguous.length, 'not matched');
}
