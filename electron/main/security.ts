import type { Session, WebContents } from 'electron';

/**
 * The renderer's Content-Security-Policy. Nothing may load but our own bundled scripts and
 * styles; the renderer makes no network requests at all (main does them), so `connect-src` is
 * closed. Profile pictures come from whatever server the account uses, hence `img-src` alone
 * allows http(s). In development the Vite dev server injects styles and a websocket for hot
 * reload, which `dev` allows and production never does.
 */
export function contentSecurityPolicy(options: { dev?: { origin: string } } = {}): string {
  const dev = options.dev;
  const directives: [string, string][] = [
    ['default-src', "'none'"],
    ['script-src', dev ? `'self' ${dev.origin}` : "'self'"],
    ['style-src', dev ? "'self' 'unsafe-inline'" : "'self'"],
    ['img-src', "'self' data: https: http:"],
    ['font-src', "'self'"],
    ['connect-src', dev ? `'self' ${dev.origin.replace(/^http/, 'ws')}` : "'none'"],
    ['media-src', "'none'"],
    ['object-src', "'none'"],
    ['frame-src', "'none'"],
    ['worker-src', "'none'"],
    ['manifest-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ];
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}

/** Headers every page of ours is served with. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

export type HardenableSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'webRequest'
>;

/**
 * Denies every permission (camera, notifications from the page, geolocation, …: Befriend's
 * pages need none; main shows notifications itself) and adds the CSP to every response the
 * session receives, so a page served by the dev server gets it too.
 */
export function hardenSession(session: HardenableSession, csp: string): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders = { ...details.responseHeaders };
    for (const name of Object.keys(responseHeaders)) {
      if (name.toLowerCase() === 'content-security-policy') delete responseHeaders[name];
    }
    for (const [name, value] of Object.entries(securityHeaders(csp))) responseHeaders[name] = [value];
    callback({ responseHeaders });
  });
}

export type HardenableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Every page stays where it was loaded: navigation and redirects are cancelled, new windows
 * are denied (links go through the `openExternal` channel), and `<webview>` cannot attach.
 */
export function hardenWebContents(contents: HardenableContents, onBlocked: (what: string) => void = () => undefined): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    onBlocked('navigation');
  });
  contents.on('will-redirect', (event) => {
    event.preventDefault();
    onBlocked('redirect');
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    onBlocked('webview');
  });
  contents.setWindowOpenHandler(() => {
    onBlocked('window.open');
    return { action: 'deny' };
  });
}

/** Only web addresses go to the system browser: never `file:`, `javascript:`, custom schemes. */
/** The http(s) address as the browser will be given it (normalized by the URL parser), or null. */
export function externalUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}
