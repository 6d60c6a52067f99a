import type { Readable, Writable } from 'node:stream';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ErrorKind } from '../types.js';

/** What a command reads from and writes to; the tests pass their own streams. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
  /** Resolves when the person asks the process to stop (Ctrl+C, SIGTERM); used by `sandbox`. */
  waitForStop: () => Promise<void>;
}

/** What `befriend bulk` writes to: the tests call it with their own streams and a TTY or not. */
export type BulkCommandIo = Pick<CliIo, 'stdout' | 'stderr' | 'isTTY'>;

/** Bad input on the command line: the command prints it with the usage hint and exits 2. */
export class UsageError extends Error {}

/** The first line of stdin, for `--password-stdin`: the rest is never read. */
export async function readFirstLine(stdin: Readable): Promise<string> {
  let text = '';
  for await (const chunk of stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

export function say(stream: NodeJS.WritableStream, text: string): void {
  stream.write(text.endsWith('\n') ? text : `${text}\n`);
}

type FlagOptions = NonNullable<ParseArgsConfig['options']>;

/** Strict flags plus positionals; an unknown or malformed flag is a UsageError. */
export function parseFlags<O extends FlagOptions>(
  args: string[],
  options: O,
): ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function wholeNumber(value: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`${flag} takes a whole number from ${min} to ${max}, not "${value}".`);
  }
  return Number(value);
}

/**
 * Server text goes to a terminal on one line: control characters stripped (ESC sequences could
 * recolour the terminal, move the cursor or set its title), as are bidi overrides that could
 * disguise a name.
 */
export function terminalSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').replace(/[\r\n\t]+/g, ' ');
}

/** The command line's exit codes; documented in the README and `befriend --help`. */
export const EXIT = {
  ok: 0,
  other: 1,
  usage: 2,
  unauthorized: 3,
  notFound: 4,
  rateLimited: 5,
  network: 6,
} as const;

const EXIT_BY_KIND: Partial<Record<ErrorKind, number>> = {
  already_following: EXIT.ok,
  request_pending: EXIT.ok,
  not_following: EXIT.ok,
  invalid_request: EXIT.usage,
  unauthorized: EXIT.unauthorized,
  not_found: EXIT.notFound,
  rate_limited: EXIT.rateLimited,
  network: EXIT.network,
  timeout: EXIT.network,
};

export function exitCodeFor(kind: ErrorKind): number {
  return EXIT_BY_KIND[kind] ?? EXIT.other;
}
