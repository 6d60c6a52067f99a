import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import type { FollowOutcome } from '../../../electron/shared/domain.js';
import { Avatar } from '../components/Avatar.js';
import { SmsSwitch } from '../components/FormControls.js';
import { errorAdvice, errorTitle } from '../lib/error-copy.js';
import { useTheme } from '../lib/theme.js';
import { cancelledSentence } from '../store/follow-slice.js';
import type { QuickStore } from '../store/quick-store.js';

/** How long a result stays before the window clears itself for the next name. */
export const RESULT_MS = 4000;

const OUTCOME_TEXT: Record<FollowOutcome, string> = {
  followed: 'Now following',
  request_pending: 'Request sent to',
  already_following: 'Already following',
};

interface QuickFollowProps {
  store: QuickStore;
  resultMs?: number;
}

/**
 * The tray / shortcut window: one line, Enter follows, Cancel stops a follow under way, Esc
 * closes (a follow under way goes on in main, which notifies when it ends). Holds nothing
 * sensitive.
 */
export function QuickFollow({ store, resultMs = RESULT_MS }: QuickFollowProps) {
  const query = useStore(store, (s) => s.query);
  const notify = useStore(store, (s) => s.notify);
  const result = useStore(store, (s) => s.result);
  const busy = useStore(store, (s) => s.busy !== null);
  const inputError = useStore(store, (s) => s.inputError);
  const focusSeq = useStore(store, (s) => s.focusSearchSeq);
  const account = useStore(store, (s) => s.accounts.find((a) => a.id === s.activeId) ?? null);
  const theme = useStore(store, (s) => s.settings?.settings.theme ?? 'system');
  const actions = store.getState();
  const inputRef = useRef<HTMLInputElement>(null);
  const running = result.phase === 'running';
  useTheme(theme);

  useEffect(() => {
    void store.getState().init();
  }, [store]);

  useEffect(() => {
    if (focusSeq > 0) inputRef.current?.focus();
  }, [focusSeq]);

  useEffect(() => {
    // A result stays while the next follow is under way, until that one answers.
    if (busy || (result.phase !== 'done' && result.phase !== 'failed' && result.phase !== 'cancelled')) return;
    const timer = setTimeout(() => store.getState().startOver(), result.phase === 'failed' ? resultMs * 2 : resultMs);
    return () => clearTimeout(timer);
  }, [busy, result, resultMs, store]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') {
        event.preventDefault();
        void store.getState().closeWindow();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);

  return (
    <main className="quick">
      <form
        className="quick-form"
        aria-label="Quick follow"
        onSubmit={(event) => {
          event.preventDefault();
          void actions.quickFollow();
        }}
      >
        <label htmlFor="quick-input" className="visually-hidden">
          Follow whom? (@name, user id or profile URL)
        </label>
        <input
          ref={inputRef}
          id="quick-input"
          className="input quick-input"
          placeholder="Follow @name, id or URL…"
          autoFocus
          autoComplete="off"
          spellCheck={false}
          aria-invalid={inputError !== null}
          aria-describedby={inputError !== null ? 'quick-error' : undefined}
          value={query}
          onChange={(event) => actions.setQuery(event.target.value)}
        />
        <button type="submit" className="button primary" disabled={query.trim() === '' || running}>
          {running ? <span className="spinner" aria-hidden="true" /> : null}
          Follow
        </button>
        {running ? (
          <button type="button" className="button" onClick={() => void actions.cancel()}>
            Cancel
          </button>
        ) : null}
      </form>
      <div className="quick-options">
        <SmsSwitch checked={notify} onChange={actions.setNotify} />
        {account ? (
          <span className="quick-account" title="The account that follows">
            as <bdi>{account.label}</bdi>
          </span>
        ) : null}
      </div>
      <div className="quick-result" role="status" aria-live="polite">
        {inputError ? (
          <p id="quick-error" className="message bad">
            {inputError}
          </p>
        ) : null}
        {result.phase === 'running' ? <p className="quick-muted">Following {result.target}…</p> : null}
        {result.phase === 'cancelled' ? <p className="quick-muted">{cancelledSentence(result.late)}</p> : null}
        {result.phase === 'done' ? (
          <button type="button" className="quick-card" onClick={() => void actions.showInMain()} data-outcome={result.outcome}>
            {result.user ? (
              <Avatar url={result.user.profileImageUrl} name={result.user.name ?? result.user.screenName} size={28} />
            ) : null}
            <span>
              {OUTCOME_TEXT[result.outcome]}{' '}
              <strong>
                <bdi>{result.user ? `@${result.user.screenName}` : result.target}</bdi>
              </strong>
            </span>
          </button>
        ) : null}
        {result.phase === 'failed' ? (
          <div className="quick-error" data-kind={result.error.kind}>
            <strong>{errorTitle(result.error.kind)}.</strong> {errorAdvice(result.error, result.rateLimit)}
          </div>
        ) : null}
      </div>
    </main>
  );
}
