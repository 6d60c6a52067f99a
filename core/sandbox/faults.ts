/** What the fault settings do to an answer: the 503 page and the mangled bodies. */
import type { Format } from '../types.js';
import type { SandboxFaults } from './settings.js';

/** A proxy's page, as a client meets it in front of a struggling API. */
export const SERVICE_UNAVAILABLE_PAGE =
  '<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head>' +
  '<body><h1>Service Unavailable</h1><p>The sandbox is over capacity (injected fault).</p></body></html>\n';

/** Just past the 1 MiB a client should accept. */
export const OVERSIZED_BYTES = 1024 * 1024 + 64 * 1024;

/**
 * Picks which requests fail so the share is exact and repeatable: with rate r, after n requests
 * exactly floor(n·r) have failed (0.25 fails every fourth), with no randomness to flake a test.
 */
export class ErrorSpreader {
  private credit = 0;

  next(rate: number): boolean {
    if (rate <= 0) return false;
    this.credit += rate;
    if (this.credit >= 1 - 1e-9) {
      this.credit -= 1;
      return true;
    }
    return false;
  }

  reset(): void {
    this.credit = 0;
  }
}

/**
 * `truncated`: the first half, announced with its own length (a cut body, not a cut connection);
 * `oversized`: the real body padded with whitespace past 1 MiB, still valid if read whole;
 * `malformed`: the real body with its syntax broken.
 */
export function mangleBody(body: string, format: Format, mode: SandboxFaults['body']): string {
  switch (mode) {
    case 'normal':
      return body;
    case 'truncated':
      return body.slice(0, Math.floor(body.length / 2));
    case 'oversized':
      return body + ' '.repeat(Math.max(0, OVERSIZED_BYTES - Buffer.byteLength(body)));
    case 'malformed':
      return format === 'json'
        ? `${body.trimEnd()},}`
        : `${body.trimEnd().replace(/<\/([A-Za-z_]+)>$/, '</$1')}\n<unclosed attr="&>\n`;
  }
}
