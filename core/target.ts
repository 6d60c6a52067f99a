import { apiError } from './errors.js';
import type { ApiError } from './types.js';

/** How a target travels (spec §1): `id` in the path, or an explicit `user_id` / `screen_name`. */
export type TargetForm = 'screen_name' | 'user_id' | 'id';

export interface Target {
  form: TargetForm;
  value: string;
}

/** What an all-digits input means; people must choose, the command line defaults to user_id. */
export type NumericChoice = 'screen_name' | 'user_id';

export type TargetParse =
  | { ok: true; target: Target }
  | { ok: false; error: ApiError; ambiguous: boolean };

/** Twitter allowed 15, GNU social 64; servers differ, so take the larger and let the server judge. */
export const MAX_SCREEN_NAME_LENGTH = 64;
/** The largest unsigned 64-bit integer has 20 digits. */
const MAX_USER_ID = 18446744073709551615n;

const SCREEN_NAME = /^[\p{L}\p{N}_.-]+$/u;
const DIGITS = /^[0-9]+$/;

function invalid(message: string, ambiguous = false): TargetParse {
  return { ok: false, error: apiError('invalid_request', message), ambiguous };
}

type ProfileUrl = ({ screenName: string } | { userId: string }) & { host: string };

/**
 * The name (or `user/<id>`) in a profile URL, e.g. `https://twitter.com/dougw`. GNU social without
 * fancy URLs puts `index.php/` before both (`http://HOST/index.php/NAME`, `…/index.php/user/ID`:
 * its `statusnet_profile_url`), so a leading `index.php` segment is read past.
 */
function fromProfileUrl(input: string): ProfileUrl | null {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const host = url.host.toLowerCase();
  const segments = url.pathname.split('/').filter((s) => s !== '');
  if (segments[0] === 'index.php') segments.shift();
  if (segments.length === 2 && segments[0] === 'user' && DIGITS.test(segments[1]!)) {
    return { userId: segments[1]!, host };
  }
  if (segments.length !== 1) return null;
  let name: string;
  try {
    name = decodeURIComponent(segments[0]!);
  } catch {
    return null;
  }
  return { screenName: name.startsWith('@') ? name.slice(1) : name, host };
}

/** Twitter's profiles live on twitter.com (or x.com) and its API on api.twitter.com: one site. */
function siteOf(host: string): string {
  const bare = host.toLowerCase().replace(/^(?:www|api|mobile)\./, '');
  return bare === 'x.com' ? 'twitter.com' : bare;
}

function hostOf(server: string): string | null {
  try {
    return new URL(server).host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * A profile URL names a person on one server; on a federated network the same name elsewhere is
 * someone else, so a URL on another host is refused rather than followed as a local name.
 */
function otherServerProblem(profile: ProfileUrl, server: string | null | undefined): TargetParse | null {
  const serverHost = server ? hostOf(server) : null;
  if (serverHost === null || siteOf(profile.host) === siteOf(serverHost)) return null;
  return invalid(
    `That profile is on ${profile.host}, but this account is on ${serverHost}: ` +
      `Befriend follows people on the account's own server only.`,
  );
}

function checkScreenName(name: string): TargetParse {
  if (name === '') return invalid('Type a screen name, a user id or a profile URL.');
  if (name.length > MAX_SCREEN_NAME_LENGTH) {
    return invalid(`A screen name has at most ${MAX_SCREEN_NAME_LENGTH} characters.`);
  }
  if (!SCREEN_NAME.test(name)) {
    return invalid(
      'A screen name has only letters, digits, "_", "." and "-" (no spaces, slashes or other symbols).',
    );
  }
  return { ok: true, target: { form: 'screen_name', value: name } };
}

function checkUserId(id: string): TargetParse {
  if (id.length > 20 || BigInt(id) > MAX_USER_ID || BigInt(id) === 0n) {
    return invalid('That number is not a valid user id (ids are 1 to 20 digits, at most 2^64 − 1).');
  }
  return { ok: true, target: { form: 'user_id', value: id } };
}

/**
 * Turns what a person typed into a target, or says what is wrong with it. `@name` and profile
 * URLs are screen names; bare digits are ambiguous (spec §1) unless `numericAs` decides. With
 * `idInPath` the value is sent in the `{id}` path form for servers that need it. `server` (the
 * account's API address) refuses profile URLs on other hosts; without it any host is read.
 */
export function parseTarget(
  raw: string,
  options: { numericAs?: NumericChoice; idInPath?: boolean; server?: string | null } = {},
): TargetParse {
  const input = raw.trim();
  let parsed: TargetParse;
  if (input.startsWith('@')) {
    parsed = checkScreenName(input.slice(1));
  } else if (/^https?:\/\//i.test(input)) {
    const fromUrl = fromProfileUrl(input);
    if (fromUrl === null) {
      return invalid('That URL is not a profile address like https://example.social/name.');
    }
    const elsewhere = otherServerProblem(fromUrl, options.server);
    if (elsewhere !== null) return elsewhere;
    parsed = 'userId' in fromUrl ? checkUserId(fromUrl.userId) : checkScreenName(fromUrl.screenName);
  } else if (DIGITS.test(input)) {
    if (options.numericAs === undefined) {
      return invalid(
        `"${input}" could be a screen name or a user id: choose which.`,
        true,
      );
    }
    parsed = options.numericAs === 'user_id' ? checkUserId(input) : checkScreenName(input);
  } else {
    parsed = checkScreenName(input);
  }
  if (parsed.ok && options.idInPath) {
    return { ok: true, target: { form: 'id', value: parsed.target.value } };
  }
  return parsed;
}

/** True when the target names the signed-in person (compared as the server would). */
export function isSelf(
  target: Target,
  self: { id: string | null; screenName: string | null } | null | undefined,
): boolean {
  if (!self) return false;
  const sameName = self.screenName !== null && target.value.toLowerCase() === self.screenName.toLowerCase();
  const sameId = self.id !== null && target.value === self.id;
  return (target.form !== 'user_id' && sameName) || (target.form !== 'screen_name' && sameId);
}
