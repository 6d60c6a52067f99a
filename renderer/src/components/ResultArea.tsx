import { adviceFor, apiError } from '../../../electron/shared/domain.js';
import type { NextStep } from '../lib/error-copy.js';
import { formatWhen } from '../lib/format.js';
import { useApp, useAppStore } from '../store/context.js';
import type { ResultState } from '../store/follow-slice.js';
import { ErrorNotice } from './ErrorNotice.js';
import { CheckIcon, ClockIcon, UserPlusIcon } from './Icons.js';
import { OUTCOME_WORDS } from './OutcomeBadge.js';
import { ProfileCard } from './ProfileCard.js';

type Done = Extract<ResultState, { phase: 'done' }>;
type Preview = Extract<ResultState, { phase: 'preview' }>;

function DoneOutcome({ state }: { state: Done }) {
  const actions = useAppStore().getState();
  if (state.undo === 'done') {
    return (
      <div className="outcome neutral" data-outcome="unfollowed">
        <span className="outcome-text">
          Unfollowed: you no longer follow {state.user ? `@${state.user.screenName}` : 'them'}.
        </span>
      </div>
    );
  }
  const tone = state.outcome === 'followed' ? '' : state.outcome === 'request_pending' ? ' pending' : ' neutral';
  // Without a card, the line itself names who it was, as typed.
  const who = state.user === null ? <bdi>{state.target}</bdi> : null;
  return (
    <div className={`outcome${tone}`} data-outcome={state.outcome}>
      <span className="outcome-text">
        {state.outcome === 'followed' ? (
          <>
            <CheckIcon /> Following {who}
          </>
        ) : state.outcome === 'request_pending' ? (
          <>
            <ClockIcon /> Follow request sent{who ? <> to {who}</> : null}
          </>
        ) : (
          <>
            <CheckIcon /> Already following {who}
          </>
        )}
      </span>
      {state.undo === 'available' || state.undo === 'running' ? (
        <button
          type="button"
          className="button small"
          disabled={state.undo === 'running'}
          onClick={() => void actions.undo()}
        >
          {state.undo === 'running' ? <span className="spinner" aria-hidden="true" /> : null}
          Undo
        </button>
      ) : null}
      {state.undoError ? (
        <span className="message bad">Undo failed: {state.undoError.message}</span>
      ) : null}
    </div>
  );
}

function PreviewOutcome({ state }: { state: Preview }) {
  const actions = useAppStore().getState();
  const entry = state.entry;
  const note = entry
    ? `${OUTCOME_WORDS[entry.outcome]} · ${formatWhen(entry.at) ?? ''} · ${entry.accountLabel}`
    : state.user.following
      ? 'You already follow them'
      : 'Not followed yet';
  return (
    <div className="outcome neutral" data-outcome="preview">
      <span className="outcome-text">{note}</span>
      <button type="button" className="button small primary" onClick={() => void actions.follow()}>
        <UserPlusIcon /> Follow @{state.user.screenName}
      </button>
    </div>
  );
}

/** Below the form: progress, the profile card with its outcome line, or the error. */
export function ResultArea() {
  const follow = useApp((s) => s.result);
  const actions = useAppStore().getState();

  const onMention = (screenName: string): void => {
    actions.setQuery(`@${screenName}`);
    void actions.lookup(`@${screenName}`);
  };

  const onStep = (step: Exclude<NextStep, null>): void => {
    if (step === 'retry') void actions.retry();
    else if (step === 'edit') actions.dismiss();
    else actions.go('settings');
  };

  switch (follow.phase) {
    case 'idle':
    case 'cancelled':
      return null;
    case 'running':
    case 'looking':
      return (
        <div className="card running" aria-busy="true">
          <span className="spinner" aria-hidden="true" />
          <span>
            {follow.phase === 'running' ? 'Following' : 'Looking up'} <bdi>{follow.target}</bdi>…
          </span>
          {follow.phase === 'looking' ? (
            <button type="button" className="button small" onClick={() => void actions.cancel()}>
              Cancel
            </button>
          ) : null}
        </div>
      );
    case 'preview':
      return <ProfileCard user={follow.user} outcome={<PreviewOutcome state={follow} />} onMention={onMention} />;
    case 'done':
      return follow.user ? (
        <ProfileCard user={follow.user} outcome={<DoneOutcome state={follow} />} onMention={onMention} />
      ) : (
        <div className="card">
          <DoneOutcome state={follow} />
          {follow.outcome !== 'followed' ? <p>{adviceFor(apiError(follow.outcome, ''))}</p> : null}
        </div>
      );
    case 'failed':
      return (
        <ErrorNotice error={follow.error} rateLimit={follow.rateLimit} onStep={onStep} onDismiss={actions.dismiss} />
      );
  }
}
