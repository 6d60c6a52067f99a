import type { HistoryOutcome } from '../../../electron/shared/contract.js';
import type { ErrorKind } from '../../../electron/shared/domain.js';
import { errorTitle } from '../lib/error-copy.js';

export const OUTCOME_WORDS: Record<HistoryOutcome, string> = {
  followed: 'Followed',
  request_pending: 'Request sent',
  already_following: 'Already following',
  unfollowed: 'Unfollowed',
  failed: 'Failed',
};

const TONES: Partial<Record<HistoryOutcome, string>> = { followed: ' success', request_pending: ' warning', failed: ' danger-badge' };

/** A failure names its kind of error when it is known. */
export function OutcomeBadge({ outcome, error }: { outcome: HistoryOutcome; error: { kind: ErrorKind } | null }) {
  return (
    <span className={`badge${TONES[outcome] ?? ''}`}>
      {outcome === 'failed' && error ? errorTitle(error.kind) : OUTCOME_WORDS[outcome]}
    </span>
  );
}
