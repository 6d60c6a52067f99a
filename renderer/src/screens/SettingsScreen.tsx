import { useId, useState } from 'react';
import type { AccountView, Settings } from '../../../electron/shared/contract.js';
import { type ApiError, SERVER_PROFILES } from '../../../electron/shared/domain.js';
import { AddAccountForm } from '../components/AddAccountForm.js';
import { Check, Choices } from '../components/FormControls.js';
import { ShortcutRecorder } from '../components/ShortcutRecorder.js';
import { errorTitle } from '../lib/error-copy.js';
import { useApp, useAppStore } from '../store/context.js';

type RowMessage = { tone: 'ok' | 'bad'; text: string } | null;

function hostOf(apiBase: string): string {
  try {
    return new URL(apiBase).host;
  } catch {
    return apiBase;
  }
}

function AccountRow({ account, active }: { account: AccountView; active: boolean }) {
  const actions = useAppStore().getState();
  const ids = useId();
  const [message, setMessage] = useState<RowMessage>(null);
  const [busy, setBusy] = useState(false);
  const formats = SERVER_PROFILES[account.profile].formats;

  const run = async (work: () => Promise<RowMessage>): Promise<void> => {
    setBusy(true);
    setMessage(await work());
    setBusy(false);
  };

  const update = (change: { format?: 'xml' | 'json'; notifyByDefault?: boolean }) =>
    run(async () => {
      const result = await actions.updateAccount({ id: account.id, ...change });
      return result.ok ? { tone: 'ok', text: 'Saved.' } : { tone: 'bad', text: result.error.message };
    });

  return (
    <li className="account-row" aria-label={account.label}>
      <div className="account-row-main">
        <span className="account-row-name">
          <bdi>{account.label}</bdi> {active ? <span className="badge success">In use</span> : null}{' '}
          {account.sandbox ? <span className="badge accent">Sandbox</span> : null}
        </span>
        <span className="account-row-meta">
          {account.username ? `@${account.username} · ` : ''}
          {hostOf(account.apiBase)} · {account.authMode === 'basic' ? 'Password' : 'OAuth'}
          {account.secretPersisted ? '' : ' · signed in for this session only'}
        </span>
        {!account.secretAvailable ? (
          <span className="message bad">Its password or token was kept for the last session only: add it again.</span>
        ) : null}
        {message ? (
          <span className={`message ${message.tone}`} role="status">
            {message.text}
          </span>
        ) : null}
      </div>
      <div className="account-row-actions">
        {formats.length > 1 ? (
          <>
            <label className="visually-hidden" htmlFor={`${ids}-format`}>
              Format for {account.label}
            </label>
            <select
              id={`${ids}-format`}
              className="select"
              value={account.format}
              disabled={busy}
              onChange={(event) => void update({ format: event.target.value as 'xml' | 'json' })}
            >
              <option value="json">JSON</option>
              <option value="xml">XML</option>
            </select>
          </>
        ) : null}
        {!active ? (
          <button type="button" className="button small" disabled={busy} onClick={() => void actions.switchAccount(account.id)}>
            Use
          </button>
        ) : null}
        <button
          type="button"
          className="button small"
          disabled={busy}
          aria-label={`Verify ${account.label}`}
          onClick={() =>
            void run(async () => {
              const result = await actions.verifyAccount(account.id);
              return result.ok
                ? { tone: 'ok', text: `Signed in as @${result.user.screenName}.` }
                : { tone: 'bad', text: `${errorTitle(result.error.kind)}: ${result.error.message}` };
            })
          }
        >
          Verify
        </button>
        <button
          type="button"
          className="button small danger"
          disabled={busy}
          aria-label={`Remove ${account.label}`}
          onClick={() =>
            void run(async () => {
              const result = await actions.removeAccount(account.id);
              return result.ok ? null : { tone: 'bad', text: result.error.message };
            })
          }
        >
          Remove
        </button>
      </div>
      <Check checked={account.notifyByDefault} disabled={busy} onChange={(on) => void update({ notifyByDefault: on })}>
        SMS updates on by default
      </Check>
    </li>
  );
}

const THEMES: [Settings['theme'], string][] = [
  ['system', 'System'],
  ['light', 'Light'],
  ['dark', 'Dark'],
];

export function SettingsScreen() {
  const accounts = useApp((s) => s.accounts);
  const activeId = useApp((s) => s.activeId);
  const state = useApp((s) => s.settings);
  const storage = useApp((s) => s.secretStorage);
  const actions = useAppStore().getState();
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const change = (patch: Partial<Omit<Settings, 'shortcut'>>): void =>
    void actions.changeSettings(patch).then(setError);

  return (
    <>
      <h1 className="screen-title">Settings</h1>
      {error ? <p className="message bad">{error.message}</p> : null}

      <section className="settings-section card" aria-labelledby="accounts-title">
        <h2 id="accounts-title">Accounts</h2>
        {storage && !storage.secure ? <p className="notice warning">{storage.message}</p> : null}
        <ul className="account-list">
          {accounts.map((account) => (
            <AccountRow key={account.id} account={account} active={account.id === activeId} />
          ))}
        </ul>
        {adding ? (
          <AddAccountForm onAdded={() => setAdding(false)} onCancel={() => setAdding(false)} />
        ) : (
          <div className="form-actions">
            <button type="button" className="button" onClick={() => setAdding(true)}>
              Add an account
            </button>
            {!accounts.some((account) => account.sandbox) ? (
              <button type="button" className="button quiet" onClick={() => void actions.startSandbox()}>
                Add the sandbox
              </button>
            ) : null}
          </div>
        )}
      </section>

      {state ? (
        <>
          <section className="settings-section card" aria-labelledby="appearance-title">
            <h2 id="appearance-title">Appearance</h2>
            <fieldset className="setting-row plain-fieldset">
              <legend className="field-label visually-hidden">Theme</legend>
              <span className="field-label" aria-hidden="true">
                Theme
              </span>
              <div className="segmented">
                <Choices options={THEMES} value={state.settings.theme} onChange={(theme) => change({ theme })} />
              </div>
            </fieldset>
          </section>

          <section className="settings-section card" aria-labelledby="quick-title">
            <h2 id="quick-title">Quick follow</h2>
            <Check checked={state.settings.shortcutEnabled} onChange={(on) => change({ shortcutEnabled: on })}>
              Open quick follow with a shortcut from any app
            </Check>
            {state.settings.shortcutEnabled ? (
              <ShortcutRecorder
                current={state.settings.shortcut}
                active={state.status.shortcutActive}
                problem={state.status.shortcutProblem}
              />
            ) : null}
            <Check checked={state.settings.trayEnabled} onChange={(on) => change({ trayEnabled: on })}>
              Show Befriend in the tray
            </Check>
            <Check checked={state.settings.notificationsEnabled} onChange={(on) => change({ notificationsEnabled: on })}>
              Notify me after a quick follow
            </Check>
            <div className="setting-row">
              <label className="field-label" htmlFor="quick-numeric">
                In quick follow, digits mean
              </label>
              <select
                id="quick-numeric"
                className="select"
                value={state.settings.quickNumericAs}
                onChange={(event) => change({ quickNumericAs: event.target.value as Settings['quickNumericAs'] })}
              >
                <option value="user_id">a user id</option>
                <option value="screen_name">a screen name</option>
              </select>
            </div>
          </section>

          <section className="settings-section card" aria-labelledby="data-title">
            <h2 id="data-title">Privacy and data</h2>
            {storage && !storage.secure ? (
              <Check
                checked={state.settings.persistSecretsWithoutKeyring}
                onChange={(on) => change({ persistSecretsWithoutKeyring: on })}
              >
                Remember passwords on this computer even without a keyring
              </Check>
            ) : null}
            <p className="field-hint">
              Passwords and tokens: {storage?.message ?? 'kept by the app, never shown here.'}
            </p>
            <p className="field-hint">
              Accounts, settings and history are stored in <bdi>{state.status.dataDir}</bdi>.
            </p>
          </section>
        </>
      ) : null}
    </>
  );
}
