import { useApp } from '../store/context.js';

/**
 * Announces outcomes to screen readers. Keyed by the sequence number so the same sentence twice
 * in a row is announced twice.
 */
export function LiveRegion() {
  const message = useApp((s) => s.announcement);
  const seq = useApp((s) => s.announceSeq);
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="live-region">
      <span key={seq}>{message}</span>
    </div>
  );
}
