import type { Account } from '../account.js';
import type { BefriendClient } from '../client-api.js';
import type { Format } from '../types.js';
import { systemClock, type Clock } from './clock.js';
import type { QueueStore } from './queue-store.js';

export interface BulkQueueOptions {
  /** A run only follows, and looks up what may have been followed already. */
  client: Pick<BefriendClient, 'follow' | 'show'>;
  account: Account;
  store: QueueStore;
  /** Requests at once; default 2. */
  concurrency?: number;
  /** The most follows per minute the person allows; null: what the server allows, else 1 per second. */
  pacePerMinute?: number | null;
  /** Send `follow=true` with each follow. */
  notify?: boolean;
  format?: Format;
  /** Transient failures (server error, network, timeout) before an item counts as failed; default 6. */
  maxTransientFailures?: number;
  /** Exponential backoff with jitter on transient failures; defaults 1 s doubling to 5 min. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** How long to wait on a follow limit before trying again (servers do not say); default 15 min. */
  followLimitWaitMs?: number;
  /** How long to wait after a rate-limit refusal without a reset time; default 60 s. */
  rateLimitWaitMs?: number;
  /** Stop (state `stopped`, reason `wait_too_long`) rather than wait longer than this for a rate or follow limit. */
  maxWaitMs?: number | null;
  clock?: Clock;
  /** In [0, 1): the jitter's source. */
  random?: () => number;
}

/** How long the queue waits, and how often it tries, once every default is filled in. */
export interface WaitSettings {
  maxTransientFailures: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  followLimitWaitMs: number;
  rateLimitWaitMs: number;
  maxWaitMs: number | null;
  random: () => number;
}

export type QueueSettings = Omit<BulkQueueOptions, keyof WaitSettings | 'clock' | 'concurrency'> &
  WaitSettings & { clock: Clock; concurrency: number };

export function withDefaults(options: BulkQueueOptions): QueueSettings {
  return {
    ...options,
    concurrency: wholeConcurrency(options.concurrency ?? 2),
    maxTransientFailures: options.maxTransientFailures ?? 6,
    backoffBaseMs: options.backoffBaseMs ?? 1000,
    backoffMaxMs: options.backoffMaxMs ?? 5 * 60_000,
    followLimitWaitMs: options.followLimitWaitMs ?? 15 * 60_000,
    rateLimitWaitMs: options.rateLimitWaitMs ?? 60_000,
    maxWaitMs: options.maxWaitMs ?? null,
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
  };
}

export function wholeConcurrency(value: number): number {
  return Math.max(1, Math.floor(value));
}
