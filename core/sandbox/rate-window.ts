/** v1 rate limiting: a fixed window per calling account, opened by its first request. */

export interface RateLimitConfig {
  limit: number;
  windowSeconds: number;
  exceededStatus: 400 | 429;
}

export const DEFAULT_RATE_LIMIT: RateLimitConfig = { limit: 150, windowSeconds: 3600, exceededStatus: 400 };

/** "Unlimited" still sends the headers, with a limit no client will reach. */
export const UNLIMITED_RATE_LIMIT: RateLimitConfig = {
  limit: 1_000_000_000,
  windowSeconds: 3600,
  exceededStatus: 400,
};

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch seconds at which the window closes. */
  reset: number;
}

interface Window {
  startsAt: number;
  used: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private config: RateLimitConfig,
    private readonly now: () => number,
  ) {}

  get current(): RateLimitConfig {
    return this.config;
  }

  /** New limits start everyone on a fresh window. */
  configure(config: RateLimitConfig): void {
    this.config = config;
    this.windows.clear();
  }

  clear(): void {
    this.windows.clear();
  }

  /** Counts one request by `account` and says whether it is within the limit. */
  take(account: string): RateDecision {
    const now = this.now();
    const windowMs = this.config.windowSeconds * 1000;
    let window = this.windows.get(account);
    if (!window || now >= window.startsAt + windowMs) {
      window = { startsAt: now, used: 0 };
      this.windows.set(account, window);
    }
    window.used += 1;
    return {
      allowed: window.used <= this.config.limit,
      limit: this.config.limit,
      remaining: Math.max(0, this.config.limit - window.used),
      reset: Math.ceil((window.startsAt + windowMs) / 1000),
    };
  }
}

export function rateLimitHeaders(decision: RateDecision): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(decision.limit),
    'X-RateLimit-Remaining': String(decision.remaining),
    'X-RateLimit-Reset': String(decision.reset),
  };
}

/** v1's sentence, with the period spelled out when it is not the usual hour. */
export function rateLimitMessage(config: RateLimitConfig): string {
  const period = config.windowSeconds === 3600 ? 'hour' : `${config.windowSeconds} seconds`;
  return `Rate limit exceeded. Clients may not make more than ${config.limit} requests per ${period}.`;
}
