import { useId, useState, type FormEvent } from 'react';
import { type ApiError, defaultsFor, SERVER_PROFILE_IDS, SERVER_PROFILES, type ServerProfileId } from '../../../electron/shared/domain.js';
import { errorAdvice, errorTitle } from '../lib/error-copy.js';
import { useAppStore } from '../store/context.js';

interface AddAccountFormProps {
  /** Called once the account is saved (main makes it the active one). */
  onAdded: () => void;
  onCancel?: () => void;
}

type Step = { kind: 'form' } | { kind: 'pin'; flowId: string; authorizeUrl: string };

function siteNeeded(profile: ServerProfileId): boolean {
  return SERVER_PROFILES[profile].apiBase === null;
}

/**
 * Basic (verified before it is saved) or OAuth with the PIN: main opens the authorize page in
 * the browser, the person types the PIN here. Secrets go to main and never come back.
 */
export function AddAccountForm({ onAdded, onCancel }: AddAccountFormProps) {
  const actions = useAppStore().getState();
  const ids = useId();
  const [profile, setProfile] = useState<ServerProfileId>('twitter-v1');
  const [site, setSite] = useState('');
  const [label, setLabel] = useState('');
  const [mode, setMode] = useState<'basic' | 'oauth'>('basic');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [consumerKey, setConsumerKey] = useState('');
  const [consumerSecret, setConsumerSecret] = useState('');
  const [pin, setPin] = useState('');
  const [oauthSite, setOauthSite] = useState('');
  const [notifyByDefault, setNotifyByDefault] = useState(false);
  const [allowInsecureBasic, setAllowInsecureBasic] = useState(false);
  const [step, setStep] = useState<Step>({ kind: 'form' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const modes = SERVER_PROFILES[profile].authModes;
  const authMode = modes.includes(mode) ? mode : modes[0]!;
  const defaults = defaultsFor(profile, siteNeeded(profile) ? site : null);
  const apiBase = defaults.apiBase ?? '';
  const insecure = /^http:\/\//i.test(apiBase) && !/^http:\/\/(127\.|localhost|\[::1\])/i.test(apiBase);

  const server = {
    profile,
    apiBase,
    label: label.trim() === '' ? undefined : label.trim(),
    oauthBase: defaults.oauthBase ?? (oauthSite.trim() === '' ? undefined : oauthSite.trim()),
    format: defaults.format,
    notifyByDefault,
    allowInsecureBasic: authMode === 'basic' && insecure ? allowInsecureBasic : undefined,
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    if (step.kind === 'pin' || authMode === 'basic') {
      const result =
        step.kind === 'pin'
          ? await actions.finishOAuth({ flowId: step.flowId, pin })
          : await actions.addAccount({ ...server, credentials: { mode: 'basic', username, password } });
      setBusy(false);
      if (result.ok) onAdded();
      else setError(result.error);
      return;
    }
    const result = await actions.startOAuth({ ...server, consumerKey, consumerSecret });
    setBusy(false);
    if (result.ok) setStep({ kind: 'pin', flowId: result.flowId, authorizeUrl: result.authorizeUrl });
    else setError(result.error);
  };

  return (
    <form className="form-grid add-account" aria-label="Add an account" onSubmit={(event) => void submit(event)}>
      {step.kind === 'form' ? (
        <>
          <div className="field">
            <label htmlFor={`${ids}-profile`}>Server</label>
            <select
              id={`${ids}-profile`}
              className="select"
              value={profile}
              onChange={(event) => setProfile(event.target.value as ServerProfileId)}
            >
              {SERVER_PROFILE_IDS.map((id) => (
                <option key={id} value={id}>
                  {SERVER_PROFILES[id].label}
                </option>
              ))}
            </select>
          </div>
          {siteNeeded(profile) ? (
            <div className="field">
              <label htmlFor={`${ids}-site`}>{profile === 'gnusocial' ? 'Site address' : 'API base URL'}</label>
              <input
                id={`${ids}-site`}
                className="input"
                type="url"
                required
                placeholder={profile === 'gnusocial' ? 'https://social.example' : 'https://api.example/1'}
                value={site}
                onChange={(event) => setSite(event.target.value)}
              />
              {profile === 'gnusocial' && apiBase !== '' ? <span className="field-hint">API: {apiBase}</span> : null}
            </div>
          ) : (
            <p className="field-hint">API: {apiBase}</p>
          )}
          <div className="field">
            <label htmlFor={`${ids}-label`}>Name for this account (optional)</label>
            <input id={`${ids}-label`} className="input" value={label} onChange={(event) => setLabel(event.target.value)} />
          </div>
          <fieldset className="field plain-fieldset">
            <legend className="field-label">Sign in with</legend>
            <div className="segmented">
              {modes.map((m) => (
                <label key={m}>
                  <input type="radio" name={`${ids}-mode`} checked={authMode === m} onChange={() => setMode(m)} />
                  {m === 'basic' ? 'Username & password' : 'OAuth (PIN)'}
                </label>
              ))}
            </div>
          </fieldset>
          {authMode === 'basic' ? (
            <>
              <div className="field">
                <label htmlFor={`${ids}-user`}>Username</label>
                <input
                  id={`${ids}-user`}
                  className="input"
                  required
                  autoComplete="username"
                  value={username}
                  onChange={(event) => setUsername(event.target.value)}
                />
              </div>
              <div className="field">
                <label htmlFor={`${ids}-password`}>Password</label>
                <input
                  id={`${ids}-password`}
                  className="input"
                  type="password"
                  required
                  autoComplete="current-password"
                  value={password}
                  onChange={(event) => setPassword(event.target.value)}
                />
              </div>
              {insecure ? (
                <label className="switch">
                  <input
                    type="checkbox"
                    checked={allowInsecureBasic}
                    onChange={(event) => setAllowInsecureBasic(event.target.checked)}
                  />
                  Send my password over plain http (anyone on the network can read it)
                </label>
              ) : null}
            </>
          ) : (
            <>
              {defaults.oauthBase === null ? (
                <div className="field">
                  <label htmlFor={`${ids}-oauth`}>OAuth address</label>
                  <input
                    id={`${ids}-oauth`}
                    className="input"
                    type="url"
                    required
                    placeholder="https://api.example/oauth"
                    value={oauthSite}
                    onChange={(event) => setOauthSite(event.target.value)}
                  />
                  <span className="field-hint">Where request_token, authorize and access_token live.</span>
                </div>
              ) : null}
              <div className="field">
                <label htmlFor={`${ids}-ck`}>Consumer key</label>
                <input
                  id={`${ids}-ck`}
                  className="input"
                  required
                  value={consumerKey}
                  onChange={(event) => setConsumerKey(event.target.value)}
                />
              </div>
              <div className="field">
                <label htmlFor={`${ids}-cs`}>Consumer secret</label>
                <input
                  id={`${ids}-cs`}
                  className="input"
                  type="password"
                  required
                  value={consumerSecret}
                  onChange={(event) => setConsumerSecret(event.target.value)}
                />
              </div>
            </>
          )}
          <label className="switch">
            <input type="checkbox" checked={notifyByDefault} onChange={(event) => setNotifyByDefault(event.target.checked)} />
            Turn on SMS updates for new follows by default
          </label>
        </>
      ) : (
        <div className="field">
          <p className="pin-help">
            Your browser opened the server’s sign-in page. Approve Befriend there, then type the PIN it shows.
          </p>
          <label htmlFor={`${ids}-pin`}>PIN</label>
          <input
            id={`${ids}-pin`}
            className="input"
            required
            inputMode="numeric"
            autoComplete="one-time-code"
            autoFocus
            value={pin}
            onChange={(event) => setPin(event.target.value)}
          />
        </div>
      )}

      {error ? (
        <div className="notice danger" data-kind={error.kind}>
          <p className="notice-title">{errorTitle(error.kind)}</p>
          <p>{errorAdvice(error, null)}</p>
          <p className="notice-server">{error.message}</p>
        </div>
      ) : null}

      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? <span className="spinner" aria-hidden="true" /> : null}
          {step.kind === 'pin' ? 'Finish sign-in' : authMode === 'basic' ? 'Verify and add' : 'Open sign-in page'}
        </button>
        {onCancel ? (
          <button type="button" className="button quiet" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
