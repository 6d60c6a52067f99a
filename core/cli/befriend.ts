#!/usr/bin/env node
import { raiseHeaderLimit } from './header-limit.js';
import { runCli } from './run-cli.js';

raiseHeaderLimit();

// Installed only by commands that run until stopped, so Ctrl+C still ends a follow at once.
const waitForStop = () =>
  new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });

try {
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    isTTY: process.stdout.isTTY === true,
    waitForStop,
  });
} catch (error) {
  // A bug, not bad input: say so in one line; the stack only when asked for.
  process.stderr.write(`befriend: internal error: ${(error as Error).message}\n`);
  if (process.env['BEFRIEND_DEBUG']) process.stderr.write(`${(error as Error).stack}\n`);
  process.exitCode = 1;
}
