import type { ParseArgsConfig } from 'node:util';
import { learnSelf, selfNeededFor } from '../account-self.js';
import { createClient } from '../client.js';
import { adviceFor } from '../errors.js';
import { followOutcome } from '../follow-outcome.js';
import { parseTarget, type NumericChoice } from '../target.js';
import type { UserResult } from '../types.js';
import { accountFromFlags, AUTH_OPTIONS } from './cli-account.js';
import { EXIT, exitCodeFor, parseFlags, say, terminalSafe, UsageError, wholeNumber, type CliIo } from './cli-io.js';
import { readSecret } from './read-secret.js';
import { outcomeLine, renderCard } from './render-card.js';

const TARGET_OPTIONS = {
  ...AUTH_OPTIONS,
  'password-stdin': { type: 'boolean' },
  'screen-name': { type: 'boolean' },
  'user-id': { type: 'boolean' },
  'id-in-path': { type: 'boolean' },
  notify: { type: 'boolean' },
  json: { type: 'boolean' },
  timeout: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/** `befriend follow` and `befriend show`: one request, the card (or the JSON result) printed. */
export async function runTargetCommand(command: 'follow' | 'show', args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(args, TARGET_OPTIONS);
  const asJson = values.json === true;
  if (positionals.length !== 1) throw new UsageError(`${command} takes exactly one target (got ${positionals.length}).`);
  const forms = ['screen-name', 'user-id', 'id-in-path'].filter((f) => values[f as keyof typeof values] === true);
  if (forms.length > 1) throw new UsageError(`Choose one of --${forms.join(', --')}.`);
  const timeoutMs = wholeNumber(values.timeout, '--timeout', 1, 600_000);
  const numericAs: NumericChoice = values['screen-name'] ? 'screen_name' : 'user_id';
  // Only the form is checked here: the server, which profile URLs must match, comes with the account.
  const form = parseTarget(positionals[0]!, { numericAs });
  if (!form.ok) throw new UsageError(form.error.message);
  if (values['user-id'] && form.target.form !== 'user_id') {
    throw new UsageError(`--user-id takes a numeric user id, not "${positionals[0]!.trim()}".`);
  }

  const stdinSecret = values['password-stdin'] ? await readSecret(io.stdin, io.stderr) : null;
  const built = accountFromFlags(values, io.env, stdinSecret);
  if (!built.ok) throw new UsageError(built.error);
  const parsed = parseTarget(positionals[0]!, { numericAs, idInPath: values['id-in-path'] === true, server: built.account.apiBase });
  if (!parsed.ok) throw new UsageError(parsed.error.message);
  const target =
    values['screen-name'] && parsed.target.form === 'user_id'
      ? { form: 'screen_name' as const, value: parsed.target.value }
      : parsed.target;

  const client = createClient();
  const options = { timeoutMs };
  let account = built.account;
  let result: UserResult | null = null;
  if (command === 'follow' && selfNeededFor(account, target)) {
    // Who "you" are, so following yourself is refused here rather than answered "already following".
    const learned = await learnSelf(client, account, options);
    if (learned.ok) account = { ...account, self: learned.self };
    else result = { ...learned, rateLimit: null };
  }
  result ??=
    command === 'follow'
      ? await client.follow(account, target, { ...options, notify: values.notify === true })
      : await client.show(account, target, options);

  if (asJson) say(io.stdout, JSON.stringify(result));
  const outcome = command === 'follow' ? followOutcome(result) : null;
  if (result.ok) {
    if (!asJson) {
      say(io.stdout, renderCard(result.user));
      if (outcome !== null) say(io.stdout, `\n${outcomeLine(outcome, result.user.screenName)}`);
    }
    return EXIT.ok;
  }
  if (!asJson) {
    if (outcome !== null) {
      say(io.stdout, `${outcomeLine(outcome, target)} (${terminalSafe(result.error.message)})`);
    } else {
      const status = result.error.status === null ? '' : ` (HTTP ${result.error.status})`;
      const uncertain = command === 'follow' && (result.error.kind === 'timeout' || result.error.kind === 'network');
      const check = uncertain ? `\nTo look them up: \`befriend show ${terminalSafe(positionals[0]!.trim())}\` with the same options.` : '';
      say(io.stderr, `befriend: ${terminalSafe(result.error.message)}${status}\n${adviceFor(result.error, result.rateLimit)}${check}`);
    }
  }
  return exitCodeFor(result.error.kind);
}
