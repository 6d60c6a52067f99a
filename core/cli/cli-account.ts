import type { ParseArgsConfig } from 'node:util';
import type { Account, Credentials } from '../account.js';
import type { Result } from '../result.js';
import { profileFor, SERVER_PROFILE_IDS } from '../server-profiles.js';
import type { Format } from '../types.js';

/** The flags that say which server and account a command acts as (`--password-stdin` only where stdin is free). */
export const AUTH_OPTIONS = {
  server: { type: 'string' },
  profile: { type: 'string' },
  format: { type: 'string' },
  username: { type: 'string' },
  'password-env': { type: 'string' },
  'consumer-key': { type: 'string' },
  'consumer-secret-env': { type: 'string' },
  'token-env': { type: 'string' },
  'token-secret-env': { type: 'string' },
  'allow-insecure-basic': { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

type AuthOptions = typeof AUTH_OPTIONS;
export type AuthFlags = { [K in keyof AuthOptions]?: AuthOptions[K] extends { type: 'boolean' } ? boolean : string } & {
  'password-stdin'?: boolean;
};

/** Flags that would put a secret into argv (and so into shell history and `ps`): refused by name. */
export const SECRET_FLAGS = ['--password', '--consumer-secret', '--token', '--token-secret'] as const;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A secret from the variable a flag names. The name is never echoed: people do pass the secret
 * itself by mistake, and the message may land in a log or a --json answer.
 */
function secretFromEnv(env: NodeJS.ProcessEnv, flag: string, name: string | undefined): string | { error: string } {
  if (name === undefined) return { error: `${flag} VAR is required: the secret is read from that environment variable.` };
  if (!ENV_NAME.test(name)) {
    return { error: `${flag} takes the name of an environment variable (letters, digits, _), not the secret itself; what was given is not shown.` };
  }
  const value = env[name];
  if (value === undefined || value === '') return { error: `The environment variable named by ${flag} is not set or empty.` };
  return value;
}

/** An API base that can be reached: http(s), a host, a port that is not 0, no user:password in it. */
function unusableServer(apiBase: string): string | null {
  let url: URL;
  try {
    url = new URL(apiBase);
  } catch {
    return `--server must be an http(s) address like https://api.example.com/1, not "${apiBase}".`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `--server must be http or https, not ${url.protocol.slice(0, -1)}.`;
  if (url.hostname === '') return '--server has no host.';
  if (url.port === '0') return '--server names port 0, which no server listens on.';
  if (url.username !== '' || url.password !== '') return '--server must not hold a username or password: use the sign-in flags.';
  return null;
}

/** Builds the account a command acts as, from flags plus secrets from the environment or stdin. */
export function accountFromFlags(
  flags: AuthFlags,
  env: NodeJS.ProcessEnv,
  stdinSecret: string | null,
): Result<{ account: Account }, string> {
  const profile = profileFor(flags.profile ?? 'custom');
  if (profile === null) {
    return { ok: false, error: `Unknown --profile "${flags.profile}": use one of ${SERVER_PROFILE_IDS.join(', ')}.` };
  }
  const apiBase = flags.server ?? profile.apiBase;
  if (apiBase === null) {
    return { ok: false, error: '--server <api-base-url> is required (e.g. http://127.0.0.1:PORT/1 from `befriend sandbox`).' };
  }
  const unusable = unusableServer(apiBase);
  if (unusable !== null) return { ok: false, error: unusable };
  if (flags.format !== undefined && flags.format !== 'xml' && flags.format !== 'json') {
    return { ok: false, error: `--format must be xml or json, not "${flags.format}".` };
  }
  const format: Format = (flags.format as Format | undefined) ?? profile.defaultFormat;

  let credentials: Credentials;
  const oauthFlags = [flags['consumer-key'], flags['consumer-secret-env'], flags['token-env'], flags['token-secret-env']];
  if (flags.username !== undefined) {
    if (oauthFlags.some((f) => f !== undefined)) {
      return { ok: false, error: 'Choose one way to sign in: --username (Basic) or the OAuth flags, not both.' };
    }
    let password: string | { error: string };
    if (flags['password-stdin']) {
      password = stdinSecret === null || stdinSecret === '' ? { error: '--password-stdin was given but stdin held no password.' } : stdinSecret;
    } else {
      password = secretFromEnv(env, '--password-env', flags['password-env']);
    }
    if (typeof password !== 'string') return { ok: false, error: password.error };
    credentials = { mode: 'basic', username: flags.username, password };
  } else if (oauthFlags.some((f) => f !== undefined)) {
    if (flags['consumer-key'] === undefined || flags['token-env'] === undefined) {
      return { ok: false, error: 'OAuth needs --consumer-key K --consumer-secret-env VAR --token-env VAR --token-secret-env VAR.' };
    }
    // The access token is as good as a password: like the secrets, it comes from the environment.
    const token = secretFromEnv(env, '--token-env', flags['token-env']);
    if (typeof token !== 'string') return { ok: false, error: token.error };
    const consumerSecret = secretFromEnv(env, '--consumer-secret-env', flags['consumer-secret-env']);
    if (typeof consumerSecret !== 'string') return { ok: false, error: consumerSecret.error };
    const tokenSecret = secretFromEnv(env, '--token-secret-env', flags['token-secret-env']);
    if (typeof tokenSecret !== 'string') return { ok: false, error: tokenSecret.error };
    credentials = { mode: 'oauth', consumerKey: flags['consumer-key'], consumerSecret, token, tokenSecret };
  } else {
    return {
      ok: false,
      error: 'Sign in with --username U --password-env VAR, or --consumer-key K --consumer-secret-env VAR --token-env VAR --token-secret-env VAR.',
    };
  }
  return {
    ok: true,
    account: {
      profile: profile.id,
      apiBase,
      format,
      credentials,
      allowInsecureBasic: flags['allow-insecure-basic'] === true,
      // With Basic the username is the screen name on Twitter-style servers: enough to refuse a self-follow.
      self: credentials.mode === 'basic' ? { id: null, screenName: credentials.username } : null,
    },
  };
}
