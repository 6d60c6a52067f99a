import { useId, useState, type FormEvent } from 'react';
import { type ApiError, defaultsFor, SERVER_PROFILE_IDS, SERVER_PROFILES, type ServerProfileId } from '../../../electron/shared/domain.js';
import { errorAdvice, errorTitle } from '../lib/error-copy.js';
import { useAppStore } from '../store/context.js';
import { FailureNotice } from './ErrorNotice.js';
import { Check, Choices, TextField } from './FormControls.js';

interface AddAccountFormProps {
  /** Called once the account is saved (main makes it the active one). */
  onAdded: () => void;
  onCancel?: () => void;
}

type Step = { kind: 'form' } | { kind: 'pin'; flowId: string };

function siteNeeded(profile: ServerProfileId): boolean {
  return SERVER_PROFILES[profile].apiBase === null;
}

const MODE_LABELS = { basic: 'Username & password', oauth: 'OAuth (PIN)' } as const;

const NO_TEXT = { site: '', label: '', username: '', password: '', consumerKey: '', consumerSecret: '', pin: '', oauthSite: '' };

/**
 * Basic (verified before it is saved) or OAuth with the PIN: main opens the authorize page in
 * the browser, the person types the PIN here. Secrets go to main and never come back.
 */
export function AddAccountForm({ onAdded, onCancel }: AddAccountFormProps) {
  const actions = useAppStore().getState();
  const profileId = useId();
  const [profile, setProfile] = useState<ServerProfileId>('twitter-v1');
  const [mode, setMode] = useState<'basic' | 'oauth'>('basic');
  const [text, setText] = useState(NO_TEXT);
  const [notifyByDefault, setNotifyByDefault] = useState(false);
  const [allowInsecureBasic, setAllowInsecureBasic] = useState(false);
  const [step, setStep] = useState<Step>({ kind: 'form' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const bind = (key: keyof typeof NO_TEXT) => ({
    value: text[key],
    onChange: (value: string) => setText((before) => ({ ...before, [key]: value })),
  });

  const gnusocial = profile === 'gnusocial';
  const modes = SERVER_PROFILES[profile].authModes;
  const authMode = modes.includes(mode) ? mode : modes[0]!;
  const defaults = defaultsFor(profile, siteNeeded(profile) ? text.site : null);
  const apiBase = defaults.apiBase ?? '';
  const insecure = /^http:\/\//i.test(apiBase) && !/^http:\/\/(127\.|localhost|\[::1\])/i.test(apiBase);

  const server = {
    profile,
    apiBase,
    label: text.label.trim() === '' ? undefined : text.label.trim(),
    oauthBase: defaults.oauthBase ?? (text.oauthSite.trim() === '' ? undefined : text.oauthSite.trim()),
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
          ? await actions.finishOAuth({ flowId: step.flowId, pin: text.pin })
          : await actions.addAccount({ ...server, credentials: { mode: 'basic', username: text.username, password: text.password } });
      setBusy(false);
      if (result.ok) onAdded();
      else setError(result.error);
      return;
    }
    const result = await actions.startOAuth({ ...server, consumerKey: text.consumerKey, consumerSecret: text.consumerSecret });
    setBusy(false);
    if (result.ok) setStep({ kind: 'pin', flowId: result.flowId });
    else setError(result.error);
  };

  return (
    <form className="form-grid add-account" aria-label="Add an account" onSubmit={(event) => void submit(event)}>
      {step.kind === 'form' ? (
        <>
          <div className="field">
            <label htmlFor={profileId}>Server</label>
            <select
              id={profileId}
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
            <TextField
              label={gnusocial ? 'Site address' : 'API base URL'}
              type="url"
              required
              placeholder={gnusocial ? 'https://social.example' : 'https://api.example/1'}
              hint={gnusocial && apiBase !== '' ? `API: ${apiBase}` : null}
              {...bind('site')}
            />
          ) : (
            <p className="field-hint">API: {apiBase}</p>
          )}
          <TextField label="Name for this account (optional)" {...bind('label')} />
          <fieldset className="field plain-fieldset">
            <legend className="field-label">Sign in with</legend>
            <div className="segmented">
              <Choices options={modes.map((m) => [m, MODE_LABELS[m]] as const)} value={authMode} onChange={setMode} />
            </div>
          </fieldset>
          {authMode === 'basic' ? (
            <>
              <TextField label="Username" required autoComplete="username" {...bind('username')} />
              <TextField label="Password" type="password" required autoComplete="current-password" {...bind('password')} />
              {insecure ? (
                <Check checked={allowInsecureBasic} onChange={setAllowInsecureBasic}>
                  Send my password over plain http (anyone on the network can read it)
                </Check>
              ) : null}
            </>
          ) : (
            <>
              {defaults.oauthBase === null ? (
                <TextField
                  label="OAuth address"
                  type="url"
                  required
                  placeholder="https://api.example/oauth"
                  hint="Where request_token, authorize and access_token live."
                  {...bind('oauthSite')}
                />
              ) : null}
              <TextField label="Consumer key" required {...bind('consumerKey')} />
              <TextField label="Consumer secret" type="password" required {...bind('consumerSecret')} />
            </>
          )}
          <Check checked={notifyByDefault} onChange={setNotifyByDefault}>
            Turn on SMS updates for new follows by default
          </Check>
        </>
      ) : (
        <>
          <p>Your browser opened the server’s sign-in page. Approve Befriend there, then type the PIN it shows.</p>
          {/* Keyed so it mounts afresh, which is what focuses it, rather than reusing a field of the form. */}
          <TextField key="pin" label="PIN" required inputMode="numeric" autoComplete="one-time-code" autoFocus {...bind('pin')} />
        </>
      )}

      {error ? <FailureNotice title={errorTitle(error.kind)} advice={errorAdvice(error, null)} error={error} /> : null}

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
