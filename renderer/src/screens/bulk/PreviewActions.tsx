import type { ReactNode } from 'react';
import { formatCount } from '../../lib/format.js';

interface PreviewActionsProps {
  /** The preview on screen still matches the form: the submit button starts instead of previewing. */
  fresh: boolean;
  count: number;
  starting: boolean;
  canPreview: boolean;
  onPreviewAgain: () => void;
  children?: ReactNode;
}

/** A form's buttons under a preview: Preview, then Follow N accounts and Preview again. */
export function PreviewActions({ fresh, count, starting, canPreview, onPreviewAgain, children }: PreviewActionsProps) {
  return (
    <div className="form-actions">
      {fresh ? (
        <button type="submit" className="button primary" disabled={count === 0 || starting}>
          {starting ? <span className="spinner" aria-hidden="true" /> : null}
          Follow {formatCount(count)} {count === 1 ? 'account' : 'accounts'}
        </button>
      ) : (
        <button type="submit" className="button primary" disabled={!canPreview}>
          Preview
        </button>
      )}
      {fresh ? (
        <button type="button" className="button" onClick={onPreviewAgain}>
          Preview again
        </button>
      ) : null}
      {children}
    </div>
  );
}
