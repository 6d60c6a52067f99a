import { adviceFor, type ApiError, type ErrorKind, type RateLimit } from '../../../electron/shared/domain.js';
import { formatWhen } from './format.js';

const TITLES: Record<ErrorKind, string> = {
  already_following: 'Already following',
  request_pending: 'Follow request sent',
  not_following: 'Not following',
  not_found: 'Account not found',
  unauthorized: 'Sign-in needed',
  forbidden: 'The server refused this follow',
  follow_limit: 'Follow limit reached',
  rate_limited: 'Rate limit reached',
  server_error: 'The server had a problem',
  timeout: 'No answer in time',
  network: 'Can’t reach the server',
  bad_response: 'Unexpected answer',
  invalid_request: 'Check what you typed',
};

export function errorTitle(kind: ErrorKind): string {
  return TITLES[kind];
}

/** The core's sentence, with the rate-limit reset shown as a local clock time rather than ISO. */
export function errorAdvice(error: ApiError, rateLimit: RateLimit | null, now: Date = new Date()): string {
  const resetAt = rateLimit?.resetAt ?? null;
  const local = resetAt === null ? null : formatWhen(resetAt, now);
  return adviceFor(error, local === null ? rateLimit : { ...rateLimit!, resetAt: local });
}

/** What the person can do about it, as the one action the error screen offers. */
export type NextStep = 'retry' | 'sign_in' | 'edit' | 'settings' | null;

const NEXT_STEPS: Record<ErrorKind, NextStep> = {
  rate_limited: 'retry',
  server_error: 'retry',
  timeout: 'retry',
  network: 'retry',
  unauthorized: 'sign_in',
  not_found: 'edit',
  invalid_request: 'edit',
  bad_response: 'settings',
  already_following: null,
  request_pending: null,
  not_following: null,
  forbidden: null,
  follow_limit: null,
};

export function nextStepFor(kind: ErrorKind): NextStep {
  return NEXT_STEPS[kind];
}
