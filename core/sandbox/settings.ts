/**
 * The sandbox's adjustable settings (faults, rate limits, directory size), checked the same way
 * whether they come from code or from the admin routes' JSON.
 */
import { z } from 'zod';
import type { RateLimitConfig } from './rate-window.js';

export interface SandboxFaults {
  /** Delay before every API answer. */
  latencyMs: number;
  /** 0..1: the share of API requests answered 503 with an HTML page. */
  errorRate: number;
  /** How 2xx API bodies are mangled; `oversized` is over 1 MiB. */
  body: 'normal' | 'truncated' | 'oversized' | 'malformed';
}

export const NO_FAULTS: SandboxFaults = { latencyMs: 0, errorRate: 0, body: 'normal' };

/** Page sizes and which endpoints exist; GNU social has no users/lookup. */
export interface GraphSettings {
  /** Twitter's friends/ids page held 5000 ids. */
  idsPerPage: number;
  /** Twitter's statuses/friends page held 100 users. */
  usersPerPage: number;
  usersLookup: boolean;
  /** False: `cursor` is ignored and every answer is a bare list paged by `page`, as on GNU social. */
  cursors: boolean;
}

export const DEFAULT_GRAPH_SETTINGS: GraphSettings = { idsPerPage: 5000, usersPerPage: 100, usersLookup: true, cursors: true };

/** Longer than any client timeout worth testing, short enough not to hang a test run. */
const MAX_LATENCY_MS = 120_000;

const faultsSchema = z.strictObject({
  latencyMs: z.number().min(0).max(MAX_LATENCY_MS).optional(),
  errorRate: z.number().min(0).max(1).optional(),
  body: z.enum(['normal', 'truncated', 'oversized', 'malformed']).optional(),
});

const rateLimitSchema = z
  .strictObject({
    limit: z.number().int().min(0),
    windowSeconds: z.number().int().min(1),
    exceededStatus: z.union([z.literal(400), z.literal(429)]).optional(),
  })
  .nullable();

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

function check<T>(schema: z.ZodType<T>, input: unknown, what: string): Checked<T> {
  const parsed = schema.safeParse(input);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, message: `Invalid ${what}: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}` };
}

export function checkFaults(input: unknown): Checked<Partial<SandboxFaults>> {
  const checked = check(faultsSchema, input, 'faults');
  if (!checked.ok) return checked;
  // Keys given as undefined are dropped, so they do not overwrite the current values.
  const given = Object.entries(checked.value).filter(([, value]) => value !== undefined);
  return { ok: true, value: Object.fromEntries(given) as Partial<SandboxFaults> };
}

/** `null` means unlimited; a missing `exceededStatus` is v1's 400. */
export function checkRateLimit(input: unknown): Checked<RateLimitConfig | null> {
  const checked = check(rateLimitSchema, input, 'rate limit');
  if (!checked.ok) return checked;
  const value = checked.value;
  return {
    ok: true,
    value: value === null ? null : { ...value, exceededStatus: value.exceededStatus ?? 400 },
  };
}

/** A whole number from `min` to `max`: a port, a directory size, the OAuth timestamp window. */
export function checkWhole(input: unknown, what: string, min: number, max = Number.MAX_SAFE_INTEGER): Checked<number> {
  return check(z.number().int().min(min).max(max), input, what);
}
