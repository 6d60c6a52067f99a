import { MAX_SCREEN_NAME_LENGTH } from '../../core/target.js';

export const DEEP_LINK_SCHEME = 'befriend';

/**
 * `befriend://follow/<name>` (also `@name` or a numeric id) → the target to offer. Anything
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
  const bare = name.startsWith('@') ? name.slice(1) : name;
  if (bare.length === 0 || bare.length > MAX_SCREEN_NAME_LENGTH || !/^[\p{L}\p{N}_.-]+$/u.test(bare)) return null;
  return { action: 'follow', target: name.startsWith('@') ? name : `@${bare}` };
}

/** The deep link in a command line (first launch on Windows/Linux, or a second instance). */
export function deepLinkInArgv(argv: readonly string[]): string | null {
  return argv.find((arg) => arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}://`)) ?? null;
}
