import { MAX_SCREEN_NAME_LENGTH, parseTarget } from '../../core/target.js';

export const DEEP_LINK_SCHEME = 'befriend';

/**
 * `befriend://follow/<name>` (also `@name`, a numeric id, or a percent-encoded profile URL such as
 * GNU social's `http://host/index.php/name`, whose host main checks against the account's
 * server) → the target to offer. Anything
 * else — other actions, extra path segments, query strings, names with path characters — is
 * ignored: a link on any web page can open this, so it only ever shows a profile.
 */
export function parseDeepLink(raw: string): { action: 'follow'; target: string } | null {
  if (raw.length > 2048) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:` || url.host !== 'follow') return null;
  if (url.search !== '' || url.username !== '' || url.password !== '' || url.port !== '') return null;
  const segments = url.pathname.split('/').filter((s) => s !== '');
  if (segments.length !== 1) return null;
  let name: string;
  try {
    name = decodeURIComponent(segments[0]!);
  } catch {
    return null;
  }
  if (/^https?:\/\//i.test(name)) return parseTarget(name).ok ? { action: 'follow', target: name } : null;
  const bare = name.startsWith('@') ? name.slice(1) : name;
  if (bare.length === 0 || bare.length > MAX_SCREEN_NAME_LENGTH || !/^[\p{L}\p{N}_.-]+$/u.test(bare)) return null;
  return { action: 'follow', target: name.startsWith('@') ? name : `@${bare}` };
}

/** The deep link in a command line (first launch on Windows/Linux, or a second instance). */
export function deepLinkInArgv(argv: readonly string[]): string | null {
  return argv.find((arg) => arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}://`)) ?? null;
}
