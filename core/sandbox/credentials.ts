/**
 * Who may call the sandbox: the demo account's fixed credentials, the password rule for every
 * other directory user, OAuth tokens (fixed and issued through the PIN flow) and seen nonces.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { DEMO_SCREEN_NAME, DEMO_USER_ID } from './directory.js';

export const DEMO_CREDENTIALS = {
  screenName: DEMO_SCREEN_NAME,
  userId: DEMO_USER_ID,
  username: DEMO_SCREEN_NAME,
  password: 'sandbox-demo',
  consumerKey: 'befriend-sandbox-consumer-key',
  consumerSecret: 'befriend-sandbox-consumer-secret',
  token: `${DEMO_USER_ID}-befriend-sandbox-demo-token`,
  tokenSecret: 'befriend-sandbox-demo-token-secret',
} as const;

/**
 * Every directory user signs in with Basic as `screen_name` (any case) and the password
 * `sandbox-<screen name in lower case>`; the demo account follows the same rule.
 */
export function passwordFor(screenName: string): string {
  return `sandbox-${screenName.toLowerCase()}`;
}

export interface AccessToken {
  secret: string;
  userId: string;
}

export interface RequestToken {
  secret: string;
  /** Set when the authorize page has been shown: the PIN the person types back. */
  verifier: string | null;
}

function randomToken(): string {
  return randomBytes(18).toString('base64url');
}

/** Tokens live as long as the sandbox; the demo access token always exists. */
export class TokenStore {
  private readonly access = new Map<string, AccessToken>([
    [DEMO_CREDENTIALS.token, { secret: DEMO_CREDENTIALS.tokenSecret, userId: DEMO_USER_ID }],
  ]);
  private readonly requests = new Map<string, RequestToken>();

  accessToken(token: string): AccessToken | undefined {
    return this.access.get(token);
  }

  requestToken(token: string): RequestToken | undefined {
    return this.requests.get(token);
  }

  issueRequestToken(): { token: string; secret: string } {
    const token = randomToken();
    const secret = randomToken();
    this.requests.set(token, { secret, verifier: null });
    return { token, secret };
  }

  /** Shows the PIN for a request token, the same one however often the page is opened. */
  authorize(token: string): string | null {
    const request = this.requests.get(token);
    if (!request) return null;
    request.verifier ??= String(randomInt(1_000_000, 10_000_000));
    return request.verifier;
  }

  /** Trades an authorized request token for an access token; a request token works once. */
  exchange(token: string, userId: string): { token: string; secret: string } {
    this.requests.delete(token);
    const issued = { token: `${userId}-${randomToken()}`, secret: randomToken() };
    this.access.set(issued.token, { secret: issued.secret, userId });
    return issued;
  }
}

/**
 * Nonces seen within the timestamp window; anything older is refused by its timestamp anyway,
 * so entries are dropped once they are twice the window old.
 */
export class NonceStore {
  private readonly seen = new Map<string, number>();

  constructor(private readonly windowMs: number) {}

  /** True when the nonce is new for this consumer, token and timestamp (and remembers it). */
  claim(key: string, nowMs: number): boolean {
    this.prune(nowMs);
    if (this.seen.has(key)) return false;
    this.seen.set(key, nowMs);
    return true;
  }

  private prune(nowMs: number): void {
    // Map order is arrival order, so the oldest entries are first.
    for (const [key, at] of this.seen) {
      if (nowMs - at <= 2 * this.windowMs) break;
      this.seen.delete(key);
    }
  }
}
