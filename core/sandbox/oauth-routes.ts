/**
 * The OAuth 1.0a PIN ("out-of-band") flow under `/oauth`: request_token, the authorize page that
 * shows the demo user's PIN, and access_token.
 */
import { verifyOAuth, type OAuthRules } from './authenticate.js';
import { DEMO_CREDENTIALS } from './credentials.js';
import { textResponse } from './http-io.js';
import type { RouteRequest, SandboxResponse, SandboxState } from './state.js';
import { escapeAttribute } from './xml-writer.js';

const FORM = 'application/x-www-form-urlencoded; charset=utf-8';

function unauthorized(message: string): SandboxResponse {
  return textResponse(401, message, { 'WWW-Authenticate': 'OAuth realm="Befriend sandbox"' });
}

/** The fields are the sandbox's own tokens, ids and names: nothing that form and RFC 3986 encoding write differently. */
function formBody(fields: Record<string, string>): SandboxResponse {
  return { status: 200, headers: { 'Content-Type': FORM }, body: new URLSearchParams(fields).toString() };
}

function html(status: number, title: string, content: string): SandboxResponse {
  return {
    status,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
      'X-Frame-Options': 'DENY',
    },
    body:
      '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">' +
      `<title>${escapeAttribute(title)}</title>` +
      '<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}' +
      '.pin{font-size:2.5rem;letter-spacing:.3rem;font-family:monospace}</style></head>' +
      `<body>${content}</body></html>\n`,
  };
}

/** The sandbox's one consumer, its nonces and its clock; which token must sign is the step's to say. */
export function sandboxOAuthRules(state: SandboxState, tokenSecret: OAuthRules['tokenSecret']): OAuthRules {
  return {
    consumerSecret: (key) => (key === DEMO_CREDENTIALS.consumerKey ? DEMO_CREDENTIALS.consumerSecret : undefined),
    tokenSecret,
    nonces: state.nonces,
    nowMs: state.now(),
    timestampWindowSeconds: state.timestampWindowSeconds,
  };
}

function requestToken(state: SandboxState, request: RouteRequest): SandboxResponse {
  const checked = verifyOAuth(request, sandboxOAuthRules(state, null));
  if (!checked.ok) return unauthorized(checked.message);
  // RFC 5849 lets oauth_callback travel in the header or as a signed parameter.
  const callback = checked.params.oauth_callback ?? request.params.oauth_callback;
  if (callback !== 'oob') {
    return unauthorized('Only the out-of-band flow is supported: sign with oauth_callback=oob.');
  }
  const issued = state.tokens.issueRequestToken();
  return formBody({
    oauth_token: issued.token,
    oauth_token_secret: issued.secret,
    oauth_callback_confirmed: 'true',
  });
}

function authorize(state: SandboxState, request: RouteRequest): SandboxResponse {
  const token = request.params.oauth_token ?? '';
  const pin = token === '' ? null : state.tokens.authorize(token);
  if (pin === null) {
    return html(
      404,
      'Unknown request token',
      `<h1>Unknown request token</h1><p>No pending request token <code>${escapeAttribute(token)}</code>: ` +
        'start the sign-in again from Befriend.</p>',
    );
  }
  return html(
    200,
    'Befriend sandbox: authorize',
    `<h1>Authorize Befriend</h1><p>Signed in as <strong>@${escapeAttribute(DEMO_CREDENTIALS.screenName)}</strong>. ` +
      'Befriend may follow people for you.</p><p>Type this PIN into Befriend:</p>' +
      `<p class="pin" id="oauth_pin">${escapeAttribute(pin)}</p>`,
  );
}

function accessToken(state: SandboxState, request: RouteRequest): SandboxResponse {
  const checked = verifyOAuth(request, sandboxOAuthRules(state, (token) => state.tokens.requestToken(token)?.secret));
  if (!checked.ok) return unauthorized(checked.message);
  const token = checked.token!;
  const pending = state.tokens.requestToken(token);
  // The verifier may travel in the header (as signed) or as a plain parameter.
  const verifier = checked.params.oauth_verifier ?? request.params.oauth_verifier;
  if (!pending || pending.verifier === null || verifier !== pending.verifier) {
    return unauthorized('Invalid oauth_verifier: the PIN does not match this request token.');
  }
  const issued = state.tokens.exchange(token, DEMO_CREDENTIALS.userId);
  return formBody({
    oauth_token: issued.token,
    oauth_token_secret: issued.secret,
    user_id: DEMO_CREDENTIALS.userId,
    screen_name: DEMO_CREDENTIALS.screenName,
  });
}

const ROUTES: Record<string, { method: 'GET' | 'POST'; handle: (state: SandboxState, request: RouteRequest) => SandboxResponse }> = {
  '/oauth/request_token': { method: 'POST', handle: requestToken },
  '/oauth/authorize': { method: 'GET', handle: authorize },
  '/oauth/access_token': { method: 'POST', handle: accessToken },
};

export function isOAuthPath(path: string): boolean {
  return path === '/oauth' || path.startsWith('/oauth/');
}

/** The authorize page is for a browser: faults meant for API clients leave it alone. */
export function isBrowserPage(path: string): boolean {
  return path === '/oauth/authorize';
}

export function handleOAuth(state: SandboxState, request: RouteRequest): SandboxResponse {
  const route = Object.hasOwn(ROUTES, request.path) ? ROUTES[request.path] : undefined;
  if (!route) return textResponse(404, 'Not found.');
  if (request.method !== route.method) return textResponse(405, `This endpoint requires ${route.method}.`, { Allow: route.method });
  return route.handle(state, request);
}
