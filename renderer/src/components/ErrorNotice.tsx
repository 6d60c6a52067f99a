import type { ApiError, RateLimit } from '../../../electron/shared/domain.js';
import { errorAdvice, errorTitle, nextStepFor, type NextStep } from '../lib/error-copy.js';

interface ErrorNoticeProps {
  error: ApiError;
  rateLimit: RateLimit | null;
  onStep: (step: Exclude<NextStep, null>) => void;
  onDismiss?: () => void;
}

const STEP_LABELS: Record<Exclude<NextStep, null>, string> = {
  retry: 'Try again',
  sign_in: 'Sign in again',
  edit: 'Edit the name',
  settings: 'Check account settings',
};

/** One failure: a headline, the plain next-step sentence, and the server's own words as text. */
export function ErrorNotice({ error, rateLimit, onStep, onDismiss }: ErrorNoticeProps) {
  const step = nextStepFor(error.kind);
  const status = error.status === null ? null : `HTTP ${error.status}`;
  return (
    <div className="notice danger" data-kind={error.kind}>
      <p className="notice-title">{errorTitle(error.kind)}</p>
      <p>{errorAdvice(error, rateLimit)}</p>
      {error.message ? (
        <p className="notice-server">
          {status ? `${status} · ` : null}
          <span className="server-words">{error.message}</span>
        </p>
      ) : null}
      {step !== null || onDismiss ? (
        <div className="notice-actions">
          {step !== null ? (
            <button type="button" className="button small" onClick={() => onStep(step)}>
              {STEP_LABELS[step]}
            </button>
          ) : null}
          {onDismiss ? (
            <button type="button" className="button small quiet" onClick={onDismiss}>
              Dismiss
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** A failure under the caller's title, with what to do when there is advice beyond the server's words. */
export function FailureNotice({ title, error, advice }: { title: string; error: ApiError; advice?: string }) {
  return (
    <div className="notice danger" data-kind={error.kind}>
      <p className="notice-title">{title}</p>
      {advice ? <p>{advice}</p> : null}
      <p className={advice ? 'notice-server' : 'server-words'}>{error.message}</p>
    </div>
  );
}
