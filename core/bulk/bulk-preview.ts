import type { Account } from '../account.js';
import type { BefriendClient } from '../client-api.js';
import type { ApiError } from '../types.js';
import type { BulkEntry, ParsedBulkInput } from './parse-bulk-input.js';

/**
 * What a list holds before anything is sent: counts, and, where the server can tell (users/show's
 * `following`), which accounts are already followed. The look-ups cost requests, so they are
 * capped and optional; followed accounts are still queued (they finish at once as already_following).
 */

export interface BulkPreview {
  kind: ParsedBulkInput['kind'];
  valid: number;
  bad: number;
  duplicates: number;
  /** Entries looked up, out of `valid`. */
  checked: number;
  alreadyFollowing: BulkEntry[];
  requested: BulkEntry[];
  /** Entries the server did not know (404) or refused to show (suspended). */
  unavailable: { entry: BulkEntry; error: ApiError }[];
  /** Look-ups that failed for another reason (network, rate limit): unknown, not a verdict. */
  unknown: number;
}

export interface PreviewOptions {
  client: Pick<BefriendClient, 'show'>;
  account: Account;
  /** At most this many look-ups; default 100, 0 for counts only. */
  maxChecks?: number;
  /** Look-ups at once; default 2. */
  concurrency?: number;
  signal?: AbortSignal;
}

export async function previewBulkInput(input: ParsedBulkInput, options: PreviewOptions): Promise<BulkPreview> {
  const preview: BulkPreview = {
    kind: input.kind,
    valid: input.entries.length,
    bad: input.bad.length,
    duplicates: input.duplicates.length,
    checked: 0,
    alreadyFollowing: [],
    requested: [],
    unavailable: [],
    unknown: 0,
  };
  const toCheck = input.entries.slice(0, Math.max(0, options.maxChecks ?? 100));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < toCheck.length && options.signal?.aborted !== true) {
      const entry = toCheck[next++]!;
      const result = await options.client.show(options.account, entry.target, { signal: options.signal });
      preview.checked += 1;
      if (result.ok) {
        if (result.user.following === true) preview.alreadyFollowing.push(entry);
        else if (result.user.followRequestSent === true) preview.requested.push(entry);
      } else if (result.error.kind === 'not_found' || result.error.kind === 'forbidden') {
        preview.unavailable.push({ entry, error: result.error });
      } else {
        preview.unknown += 1;
        // Without credentials or within a rate limit, further look-ups would fail the same way.
        if (result.error.kind === 'unauthorized' || result.error.kind === 'rate_limited') next = toCheck.length;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
  const byLine = (a: { line: number }, b: { line: number }): number => a.line - b.line;
  preview.alreadyFollowing.sort(byLine);
  preview.requested.sort(byLine);
  preview.unavailable.sort((a, b) => byLine(a.entry, b.entry));
  return preview;
}
