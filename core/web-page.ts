import type { Account } from './account.js';
import { apiError } from './errors.js';
import { profileFor } from './server-profiles.js';
import type { ApiError } from './types.js';

const PAGE_START = /^(?:<!doctype html|<html[\s>])/i;

/**
 * An HTML page where JSON or XML was asked for: the address reached a web site, not its API.
 * GNU social answers `{site}/index.php/friendships/create.json` (the base without `/api`) with 404
 * and its "Not found" page, which read as an API 404 would say "no such account", a lie. A 5xx
 * page is left to the status: a gateway's 502/503 page in front of a struggling API is the proxy
 * speaking, and trying again helps (spec §4's table keeps those `server_error`).
 */
export function webPageError(
  status: number,
  body: string,
  contentType: string | null,
  account: Pick<Account, 'profile' | 'apiBase'>,
): ApiError | null {
  if (status >= 500) return null;
  const text = body.trimStart();
  const html = PAGE_START.test(text) || ((contentType ?? '').toLowerCase().includes('text/html') && text.startsWith('<'));
  if (!html) return null;
  return apiError(
    'bad_response',
    `The server answered with a web page, not the API: check the API address, e.g. ${apiExample(account)}.`,
    status,
  );
}

function apiExample(account: Pick<Account, 'profile' | 'apiBase'>): string {
  let origin: string;
  try {
    origin = new URL(account.apiBase).origin;
  } catch {
    origin = 'https://social.example';
  }
  if (account.profile === 'gnusocial') return `${origin}/index.php/api`;
  return profileFor(account.profile)?.apiBase ?? `${origin}/api`;
}
