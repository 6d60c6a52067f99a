import { useEffect, useRef, useState } from 'react';
import type { AccountView, BefriendApi, Settings } from '../../../electron/shared/contract.js';
import { type ApiError, followOutcome, type FollowOutcome, parseTarget, type RateLimit, type User } from '../../../electron/shared/domain.js';
import { Avatar } from '../components/Avatar.js';
import { errorAdvice, errorTitle } from '../lib/error-copy.js';
import { useTheme } from '../lib/theme.js';

type QuickState =
  | { phase: 'idle' }
  | { phase: 'running'; target: string }
  | { phase: 'done'; outcome: FollowOutcome; user: User | null; target: string }
  | { phase: 'failed'; error: ApiError; rateLimit: RateLimit | null };

/** How long a result stays before the window clears itself for the next name. */
export const RESULT_MS = 4000;

const OUTCOME_TEXT: Record<FollowOutcome, string> = {
  followed: 'Now following',
  request_pending: 'Request sent to',
  already_following: 'Already following',
};

interface QuickFollowProps {
  api: BefriendApi;
  resultMs?: number;
}

/** The tray / shortcut window: one line, Enter follows, Esc closes. Holds nothing sensitive. */
export function QuickFollow({ api, resultMs = RESULT_MS }: QuickFollowProps) {
  const [query, setQuery] = useState('');
  const [notify, setNotify] = useState(false);
  const [state, setState] = useState<QuickState>({ phase: 'idle' });
  const [account, setAccount] = useState<AccountView | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [inputError, setInputError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  useTheme(settings?.theme ?? 'system');

  useEffect(() => {
    void api.listAccounts().then((result) => {
      if (!result.ok) return;
      const active = result.accounts.find((a) => a.id === result.activeId) ?? null;
      setAccount(active);
      setNotify(active?.notifyByDefault ?? false);
    });
    void api.getSettings().then((result) => {
      if (result.ok) setSettings(result.settings);
    });
  }, [api]);

  useEffect(() => {
    if (state.phase !== 'done' && state.phase !== 'failed') return;
    const timer = setTimeout(() => {
      setState({ phase: 'idle' });
      setQuery('');
      inputRef.current?.focus();
    }, state.phase === 'failed' ? resultMs * 2 : resultMs);
    return () => clearTimeout(timer);
  }, [state, resultMs]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') {
        event.preventDefault();
        void api.closeQuickFollow();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [api]);

  const follow = async (): Promise<void> => {
    if (state.phase === 'running') return;
    const numericAs = settings?.quickNumericAs ?? 'user_id';
    const parsed = parseTarget(query, { numericAs });
    if (!parsed.ok) {
      setInputError(parsed.error.message);
      return;
    }
    const target = query.trim();
    setInputError(null);
    setState({ phase: 'running', target });
    const result = await api.follow({ target, numericAs, notify, accountId: account?.id });
    const outcome = followOutcome(result);
    if (outcome !== null) setState({ phase: 'done', outcome, user: result.ok ? result.user : null, target });
    else if (!result.ok) setState({ phase: 'failed', error: result.error, rateLimit: result.rateLimit });
  };

  const openInMain = (): void => {
    if (state.phase !== 'done') return;
    const target = state.user ? `@${state.user.screenName}` : state.target;
    void api.showInMain({ target, accountId: account?.id });
  };

  return (
    <main className="quick">
      <form
        className="quick-form"
        aria-label="Quick follow"
        onSubmit={(event) => {
          event.preventDefault();
          void follow();
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
          onChange={(event) => {
            setQuery(event.target.value);
            setInputError(null);
          }}
        />
        <button type="submit" className="button primary" disabled={query.trim() === '' || state.phase === 'running'}>
          {state.phase === 'running' ? <span className="spinner" aria-hidden="true" /> : null}
          Follow
        </button>
      </form>
      <div className="quick-options">
        <label className="switch">
          <input type="checkbox" role="switch" checked={notify} onChange={(event) => setNotify(event.target.checked)} />
          Also send their updates to my phone (SMS)
        </label>
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
        {state.phase === 'running' ? <p className="quick-muted">Following {state.target}…</p> : null}
        {state.phase === 'done' ? (
          <button type="button" className="quick-card" onClick={openInMain} data-outcome={state.outcome}>
            {state.user ? (
              <Avatar url={state.user.profileImageUrl} name={state.user.name ?? state.user.screenName} size={28} />
            ) : null}
            <span>
              {OUTCOME_TEXT[state.outcome]}{' '}
              <strong>
                <bdi>{state.user ? `@${state.user.screenName}` : state.target}</bdi>
              </strong>
            </span>
          </button>
        ) : null}
        {state.phase === 'failed' ? (
          <div className="quick-error" data-kind={state.error.kind}>
            <strong>{errorTitle(state.error.kind)}.</strong> {errorAdvice(state.error, state.rateLimit)}
          </div>
        ) : null}
      </div>
    </main>
  );
}
