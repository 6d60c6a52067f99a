import { randomUUID } from 'node:crypto';
import type { ServerProfileId } from '../../core/account.js';
import type { Format } from '../../core/types.js';

/** An OAuth PIN flow between its two steps; the consumer secret never leaves main. */
export interface PendingOAuth {
  server: {
    label?: string | undefined;
    profile: ServerProfileId;
    apiBase: string;
    oauthBase: string;
    format?: Format | undefined;
    notifyByDefault?: boolean | undefined;
    allowInsecureBasic?: boolean | undefined;
    hasUserSearch?: boolean | undefined;
  };
  consumer: { key: string; secret: string };
  requestToken: { token: string; tokenSecret: string };
}

/** Request tokens expire on the server too; 15 minutes is ample for typing a PIN. */
const FLOW_LIFETIME_MS = 15 * 60 * 1000;
/** A page calling startOAuth in a loop cannot grow main's memory without bound. */
const MAX_PENDING = 8;

export class OAuthFlows {
  readonly #pending = new Map<string, { flow: PendingOAuth; expiresAt: number }>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  add(flow: PendingOAuth): string {
    this.#prune();
    while (this.#pending.size >= MAX_PENDING) {
      const oldest = this.#pending.keys().next().value;
      if (oldest === undefined) break;
      this.#pending.delete(oldest);
    }
    const id = randomUUID();
    this.#pending.set(id, { flow, expiresAt: this.#now() + FLOW_LIFETIME_MS });
    return id;
  }

  get(id: string): PendingOAuth | null {
    this.#prune();
    return this.#pending.get(id)?.flow ?? null;
  }

  /** Ends a flow once its account is saved; a mistyped PIN leaves it open for another try. */
  finish(id: string): void {
    this.#pending.delete(id);
  }

  #prune(): void {
    const now = this.#now();
    for (const [id, entry] of this.#pending) {
      if (entry.expiresAt <= now) this.#pending.delete(id);
    }
  }
}
