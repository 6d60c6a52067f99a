import type { Readable, Writable } from 'node:stream';
import { parseArgs, type ParseArgsConfig } from 'node:util';

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
