import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { CustomScheme } from 'electron';
import { securityHeaders } from './security.js';

/** The app's pages live at `app://befriend/…`, served from the built renderer directory. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'befriend';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * Only what the pages need: `standard` so relative URLs and an origin exist, `secure` so the
 * page is a secure context. No `bypassCSP`, `corsEnabled`, `supportFetchAPI`, service workers
 * or code cache.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true },
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * Answers one `app://` request from `root`. Anything outside `root` (`..`, encoded slashes),
 * another host, a method other than GET, or an unknown file type is refused.
 */
export async function serveAppRequest(request: Request, root: string, csp: string): Promise<Response> {
  if (request.method !== 'GET') return new Response(null, { status: 405 });
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return new Response(null, { status: 400 });
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return new Response(null, { status: 404 });
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return new Response(null, { status: 400 });
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return new Response(null, { status: 400 });
  const base = resolve(root);
  const file = resolve(base, `.${pathname === '/' ? '/index.html' : pathname}`);
  if (!file.startsWith(base + sep)) return new Response(null, { status: 404 });
  const contentType = CONTENT_TYPES[extname(file).toLowerCase()];
  if (contentType === undefined) return new Response(null, { status: 404 });
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return new Response(null, { status: 404 });
  }
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: { 'Content-Type': contentType, ...securityHeaders(csp) },
  });
}
