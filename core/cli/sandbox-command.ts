import type { ParseArgsConfig } from 'node:util';
import { isPersonalityId, PERSONALITY_IDS } from '../sandbox/personality.js';
import { startSandbox } from '../sandbox/server.js';
import { EXIT, parseFlags, say, UsageError, wholeNumber, type CliIo } from './cli-io.js';

const SANDBOX_OPTIONS = {
  port: { type: 'string' },
  'directory-size': { type: 'string' },
  personality: { type: 'string' },
  json: { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

/** `befriend sandbox`: the built-in server, until Ctrl+C. */
export async function runSandboxCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(args, SANDBOX_OPTIONS);
  if (positionals.length > 0) throw new UsageError(`sandbox takes no arguments (got "${positionals[0]}").`);
  const port = wholeNumber(values.port, '--port', 0, 65_535);
  const directorySize = wholeNumber(values['directory-size'], '--directory-size', 1, 1_000_000);
  const personality = values.personality ?? 'twitter';
  if (!isPersonalityId(personality)) {
    throw new UsageError(`--personality must be one of ${PERSONALITY_IDS.join(', ')}, not "${personality}".`);
  }
  const profileFlag = personality === 'gnusocial' ? ' --profile gnusocial' : '';
  let sandbox;
  try {
    sandbox = await startSandbox({ port, directorySize, personality });
  } catch (error) {
    say(io.stderr, `befriend: the sandbox could not start: ${(error as Error).message}`);
    return EXIT.other;
  }
  const { demo } = sandbox;
  if (values.json) {
    say(io.stdout, JSON.stringify({ apiBase: sandbox.apiBase, username: demo.username, password: demo.password }));
  } else {
    say(
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
        `  BEFRIEND_PASSWORD=${demo.password} befriend follow @dougw --server ${sandbox.apiBase} --username ${demo.username} --password-env BEFRIEND_PASSWORD${profileFlag}`,
        '',
        'These are demo credentials for this local server only. Press Ctrl+C to stop.',
      ].join('\n'),
    );
  }
  await io.waitForStop();
  await sandbox.close();
  return EXIT.ok;
}
