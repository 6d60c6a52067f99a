import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { ParseArgsConfig } from 'node:util';
import { writeFileAtomic } from '../bulk/atomic-file.js';
import { bulkResultsCsv } from '../bulk/bulk-export.js';
import type { BulkQueue } from '../bulk/bulk-queue.js';
import type { BulkStatus } from '../bulk/bulk-types.js';
import { openBulkQueue } from '../bulk/open-bulk-queue.js';
import { previewBulkInput, type BulkPreview } from '../bulk/bulk-preview.js';
import { MAX_BAD_LINES_SHOWN } from '../bulk/bulk-limits.js';
import { decodeListBytes } from '../bulk/list-text.js';
import { parseBulkInput, type BulkEntry, type ParsedBulkInput } from '../bulk/parse-bulk-input.js';
import { learnSelf, selfNeededFor } from '../account-self.js';
import { createClient } from '../client.js';
import type { NumericChoice } from '../target.js';
import { accountFromFlags, AUTH_OPTIONS } from './cli-account.js';
import { readSecret } from './read-secret.js';
import { attachReporter } from './bulk-reporter.js';
import { EXIT, parseFlags, say, terminalSafe, UsageError, wholeNumber, type BulkCommandIo } from './cli-io.js';

/**
 * `befriend bulk <file> --state <dir>`: follows everyone in a list through the durable queue.
 * Running the same command again resumes where the last run stopped (or crashed).
 *
 * Exit codes: 0 every account followed, already followed or requested; 1 some failed, some lines
 * were invalid, or the run was cancelled; 2 usage, unreadable list or unusable state directory
 * (nothing sent); 3 the server refused the credentials (sign in again, run again); 5 a rate or
 * follow limit lifts later than --max-wait allows (run again then); 6 the items that failed all
 * failed for network errors or timeouts; 130 interrupted (progress kept).
 */

const BULK_HELP = `Usage: befriend bulk <file> --state <dir> --server <url> (auth) [options]

<file>: one account per line (@name, id or profile URL), a CSV with a screen_name or user_id
  column, or following.js from a Twitter archive.
  --state <dir>              where progress is kept; run the same command again to resume
  --numeric-as user_id|screen_name   what a bare number in a plain list means (default user_id)
  --pace N/min               at most N follows per minute (also N/s, N/h; default: what the
                             server's rate limit allows, or 1 per second without one)
  --concurrency N            requests at once (default 2)
  --max-wait MINUTES         stop instead of waiting longer for a rate or follow limit
  --preview                  only count the list and look up (at most 100) who you already
                             follow; nothing is followed and no state is written
  --notify                   also deliver their updates to your device (follow=true)
  plus --server, --profile, --format and the sign-in flags of \`befriend follow\`.
Results: <dir>/results.csv after every run.
Exit codes: 0 all done; 1 some failed or bad lines; 2 usage or unusable state directory;
  3 unauthorized; 5 a limit outlasts --max-wait; 6 failures were all network errors; 130 interrupted.
`;

const OPTIONS = {
  ...AUTH_OPTIONS,
  state: { type: 'string' },
  notify: { type: 'boolean' },
  pace: { type: 'string' },
  concurrency: { type: 'string' },
  'numeric-as': { type: 'string' },
  'max-wait': { type: 'string' },
  'password-stdin': { type: 'boolean' },
  preview: { type: 'boolean' },
  help: { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

const EXIT_INTERRUPTED = 130;
const PACE = /^([0-9]+(?:\.[0-9]+)?)(?:\/(s|sec|min|m|h|hour))?$/;

function usage(io: BulkCommandIo, message: string): number {
  say(io.stderr, `befriend bulk: ${message}\nRun \`befriend bulk --help\` for usage.`);
  return EXIT.usage;
}

/** `30/min`, `2/s`, `100/h` or a bare number per minute → follows per minute. */
function parsePace(text: string): number | null {
  const match = PACE.exec(text.trim());
  if (!match) return null;
  const amount = Number(match[1]);
  const unit = match[2] ?? 'min';
  const perMinute = unit === 's' || unit === 'sec' ? amount * 60 : unit === 'h' || unit === 'hour' ? amount / 60 : amount;
  return perMinute > 0 && Number.isFinite(perMinute) ? perMinute : null;
}

function printPreview(preview: BulkPreview, file: string, io: BulkCommandIo): number {
  const lines = (entries: readonly BulkEntry[]): string => (entries.length === 0 ? '' : ` (lines ${entries.map((e) => e.line).join(', ')})`);
  const unavailable = preview.unavailable.map((u) => u.entry);
  say(io.stdout, `${file} (${preview.kind}): ${preview.valid} accounts to follow, ${preview.duplicates} duplicates, ${preview.bad} bad lines.`);
  say(
    io.stdout,
    [
      `Looked up ${preview.checked}: ${preview.alreadyFollowing.length} already followed${lines(preview.alreadyFollowing)}`,
      `${preview.requested.length} already requested${lines(preview.requested)}`,
      `${unavailable.length} unknown or suspended${lines(unavailable)}`,
      `${preview.unknown} could not be checked.`,
    ].join(', '),
  );
  return EXIT.ok;
}

function exitCodeOf(status: BulkStatus, queue: BulkQueue, badLines: number): number {
  if (status.state === 'needs_sign_in') return EXIT.unauthorized;
  if (status.state === 'stopped' && status.reason === 'wait_too_long') return EXIT.rateLimited;
  if (status.state === 'stopped' && status.reason === 'closed') return EXIT_INTERRUPTED;
  if (status.state !== 'finished') return EXIT.other;
  const failed = queue.listItems({ states: ['failed'] }).items;
  if (failed.length > 0) {
    const unreachable = failed.every((item) => item.error?.kind === 'network' || item.error?.kind === 'timeout');
    return unreachable ? EXIT.network : EXIT.other;
  }
  return badLines > 0 ? EXIT.other : EXIT.ok;
}

/** The flags, checked: a run to make, or `help`; throws a UsageError for bad ones. */
async function parseBulkFlags(argv: string[], env: NodeJS.ProcessEnv, { stdin, stderr }: BulkCommandIo & { stdin?: Readable }) {
  const { values, positionals } = parseFlags(argv, OPTIONS);
  if (values.help) return 'help' as const;
  if (positionals.length !== 1) throw new UsageError(`bulk takes exactly one file (got ${positionals.length}).`);
  const preview = values.preview === true;
  if (!preview && (values.state === undefined || values.state === '')) {
    throw new UsageError('--state <dir> is required: progress is kept there.');
  }
  const numericAs = (values['numeric-as'] ?? 'user_id') as NumericChoice;
  if (numericAs !== 'user_id' && numericAs !== 'screen_name') {
    throw new UsageError(`--numeric-as must be user_id or screen_name, not "${numericAs}".`);
  }
  const pacePerMinute = values.pace === undefined ? null : parsePace(values.pace);
  if (values.pace !== undefined && pacePerMinute === null) {
    throw new UsageError(`--pace takes a rate like 30/min, 1/s or 500/h, not "${values.pace}".`);
  }
  const concurrency = wholeNumber(values.concurrency, '--concurrency', 1, 32);
  const maxWait = wholeNumber(values['max-wait'], '--max-wait', 0, 10_000_000);
  const stdinSecret = values['password-stdin'] && stdin !== undefined ? await readSecret(stdin, stderr) : null;
  const built = accountFromFlags(values, env, stdinSecret);
  if (!built.ok) throw new UsageError(built.error);
  return {
    file: positionals[0]!,
    stateDir: values.state ?? null,
    preview,
    account: built.account,
    numericAs,
    pacePerMinute,
    concurrency: concurrency ?? 2,
    maxWaitMs: maxWait === undefined ? null : maxWait * 60_000,
    notify: values.notify === true,
  };
}

/** Runs the queue until it ends or the person presses Ctrl+C (then in-flight requests finish first). */
async function runUntilDone(queue: BulkQueue, io: BulkCommandIo): Promise<{ status: BulkStatus; interrupted: boolean }> {
  const detach = attachReporter(queue, io);
  let interrupted = false;
  const interrupt = (): void => {
    // A second Ctrl+C means now: what is on disk is consistent at any moment.
    if (interrupted) process.exit(EXIT_INTERRUPTED);
    interrupted = true;
    say(io.stderr, 'Stopping after the requests in flight; run the same command again to continue.');
    void queue.close();
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  try {
    return { status: await queue.start(), interrupted };
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    detach();
  }
}

export async function runBulkCommand(
  argv: string[],
  env: NodeJS.ProcessEnv,
  io: BulkCommandIo & { stdin?: Readable },
): Promise<number> {
  let run: Awaited<ReturnType<typeof parseBulkFlags>>;
  try {
    run = await parseBulkFlags(argv, env, io);
  } catch (error) {
    if (error instanceof UsageError) return usage(io, error.message);
    throw error;
  }
  if (run === 'help') {
    say(io.stdout, BULK_HELP);
    return EXIT.ok;
  }
  const { file } = run;
  let text: string;
  try {
    text = decodeListBytes(await readFile(file));
  } catch (error) {
    return usage(io, `Cannot read ${file}: ${(error as Error).message}`);
  }
  const client = createClient();
  let { account } = run;
  let input = parseBulkInput(text, { numericAs: run.numericAs, account });
  if (input.ok && input.input.entries.some((entry) => selfNeededFor(account, entry.target))) {
    // Who "you" are, so the line naming you is a bad line, not a follow GNU social calls done.
    const learned = await learnSelf(client, account);
    if (learned.ok) account = { ...account, self: learned.self };
    input = parseBulkInput(text, { numericAs: run.numericAs, account });
  }
  if (!input.ok) {
    const where = input.error.line === null ? '' : ` (line ${input.error.line})`;
    return usage(io, `${file}${where}: ${input.error.message}`);
  }
  const { bad } = input.input;
  for (const line of bad.slice(0, MAX_BAD_LINES_SHOWN)) {
    say(io.stderr, `line ${line.line}: "${terminalSafe(line.input)}": ${line.message} (skipped)`);
  }
  if (bad.length > MAX_BAD_LINES_SHOWN) say(io.stderr, `… and ${bad.length - MAX_BAD_LINES_SHOWN} more bad lines (skipped).`);
  if (run.preview || run.stateDir === null) {
    return printPreview(await previewBulkInput(input.input, { client, account }), file, io);
  }

  const opened = await openBulkQueue({
    stateDir: run.stateDir,
    client,
    account,
    concurrency: run.concurrency,
    pacePerMinute: run.pacePerMinute,
    notify: run.notify,
    maxWaitMs: run.maxWaitMs,
  });
  if (!opened.ok) {
    say(io.stderr, `befriend bulk: ${opened.error.message}\nNothing was sent.`);
    return EXIT.usage;
  }
  const queue = opened.queue;
  try {
    return await runQueue(queue, { file, stateDir: run.stateDir, input: input.input }, io);
  } catch (error) {
    // Whatever went wrong, the state directory is not left locked.
    await queue.close();
    throw error;
  }
}

async function runQueue(
  queue: BulkQueue,
  { file, stateDir, input }: { file: string; stateDir: string; input: ParsedBulkInput },
  io: BulkCommandIo,
): Promise<number> {
  const { entries, bad, duplicates } = input;
  const added = await queue.add(entries);
  if (!added.ok) {
    await queue.close();
    say(io.stderr, `befriend bulk: ${added.error.message}\nNothing was sent.`);
    return EXIT.usage;
  }
  const before = queue.progress();
  if (before.total === 0) {
    await queue.close();
    return usage(io, `${file} names nobody to follow.`);
  }
  say(
    io.stderr,
    `${file} (${input.kind}): ${entries.length} accounts, ${added.result.added} new, ` +
      `${added.result.alreadyQueued} from an earlier run; ${duplicates.length} duplicates and ${bad.length} bad lines skipped. ` +
      `${before.counts.done} already done, ${before.counts.pending + before.counts.in_flight} to go.`,
  );

  return runToEnd(queue, stateDir, io, bad.length);
}

/**
 * Runs an opened queue to its end, writes `<stateDir>/results.csv` and the summary, closes the
 * queue and answers the exit code; `badLines` were left out of the queue and make the run count as
 * partly failed. `befriend copy-follows` ends its runs the same way.
 */
export async function runToEnd(
  queue: BulkQueue,
  stateDir: string,
  io: BulkCommandIo,
  badLines: number,
  leftOutAs = 'bad lines',
): Promise<number> {
  const { status, interrupted } = await runUntilDone(queue, io);
  const storeError = await queue.close();
  const results = join(stateDir, 'results.csv');
  let exportNote = `Results: ${results}`;
  try {
    await writeFileAtomic(results, bulkResultsCsv(queue.allItems()));
  } catch (error) {
    exportNote = `Could not write ${results}: ${(error as Error).message}`;
  }
  const final = queue.progress();
  say(
    io.stdout,
    `${final.outcomes.followed} followed, ${final.outcomes.already_following} already followed, ` +
      `${final.outcomes.request_pending} requested, ${final.counts.failed} failed, ` +
      `${final.counts.pending + final.counts.in_flight} left, ${badLines} ${leftOutAs}. ${exportNote}`,
  );
  if (storeError) say(io.stderr, `befriend bulk: ${storeError.message}`);
  if (interrupted) return EXIT_INTERRUPTED;
  return storeError ? EXIT.other : exitCodeOf(status, queue, badLines);
}
