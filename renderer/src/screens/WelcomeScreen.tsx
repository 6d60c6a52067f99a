import { useState } from 'react';
import { AddAccountForm } from '../components/AddAccountForm.js';
import { FailureNotice } from '../components/ErrorNotice.js';
import { errorAdvice, errorTitle } from '../lib/error-copy.js';
import { useApp, useAppStore } from '../store/context.js';

/** First run: the sandbox is the default, so the app works with no account at all. */
export function WelcomeScreen() {
  const starting = useApp((s) => s.sandboxStarting);
  const error = useApp((s) => s.sandboxError);
  const actions = useAppStore().getState();
  const [adding, setAdding] = useState(false);

  return (
    <div className="welcome">
      <span className="welcome-mark" aria-hidden="true">
        b
      </span>
      <h1>Welcome to Befriend</h1>
      <p className="screen-lede">
        Follow people on Twitter-compatible servers from your desktop: type a name, press Enter, done.
      </p>
      {adding ? (
        <section className="card add-account" aria-labelledby="add-title">
          <h2 id="add-title" className="screen-title">
            Add an account
          </h2>
          <AddAccountForm onAdded={() => actions.go('follow')} onCancel={() => setAdding(false)} />
        </section>
      ) : (
        <div className="welcome-options">
          <button
            type="button"
            className="welcome-option recommended"
            disabled={starting}
            autoFocus
            onClick={() => void actions.startSandbox()}
          >
            <span className="welcome-option-title">
              {starting ? <span className="spinner" aria-hidden="true" /> : null}
              Try the sandbox
              <span className="badge accent">Recommended</span>
            </span>
            <span className="welcome-option-text">
              A built-in practice server with 200 people to follow. Nothing leaves your computer.
            </span>
          </button>
          <button type="button" className="welcome-option" onClick={() => setAdding(true)}>
            <span className="welcome-option-title">Add an account</span>
            <span className="welcome-option-text">
              Sign in to Twitter API v1/v1.1, GNU social or another compatible server.
            </span>
          </button>
        </div>
      )}
      {error ? (
        <FailureNotice
          title="The sandbox did not start"
          advice={`${errorTitle(error.kind)}: ${errorAdvice(error, null)}`}
          error={error}
        />
      ) : null}
    </div>
  );
}
