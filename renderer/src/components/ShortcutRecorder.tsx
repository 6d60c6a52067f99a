import { useState, type KeyboardEvent } from 'react';
import { acceleratorFromKey, displayAccelerator, isMacPlatform } from '../lib/shortcut.js';
import { useApp } from '../store/context.js';

interface ShortcutRecorderProps {
  current: string;
  active: string | null;
  problem: string | null;
}

type Message = { tone: 'ok' | 'bad'; text: string } | null;

/**
 * Press the button, then the keys. The candidate is tested with main first (is it taken by
 * another app?) and only then registered; a refusal keeps the previous shortcut working.
 */
export function ShortcutRecorder({ current, active, problem }: ShortcutRecorderProps) {
  const changeShortcut = useApp((s) => s.changeShortcut);
  const isMac = isMacPlatform();
  const [recording, setRecording] = useState(false);
  const [message, setMessage] = useState<Message>(null);

  const record = async (event: KeyboardEvent<HTMLButtonElement>): Promise<void> => {
    if (!recording) return;
    if (event.key === 'Tab') return;
    event.preventDefault();
    if (event.key === 'Escape' && !event.ctrlKey && !event.altKey && !event.metaKey) {
      setRecording(false);
      setMessage(null);
      return;
    }
    const recorded = acceleratorFromKey(event, isMac);
    if (recorded === null) return;
    if ('problem' in recorded) {
      setMessage({ tone: 'bad', text: recorded.problem });
      return;
    }
    setRecording(false);
    const change = await changeShortcut(recorded.accelerator);
    if (change.ok) {
      setMessage({ tone: 'ok', text: `Quick follow now opens with ${displayAccelerator(change.accelerator, isMac)}.` });
      return;
    }
    const { error } = change;
    const kept = `Kept ${displayAccelerator(current, isMac)}.`;
    const text =
      error.kind === 'taken'
        ? `${displayAccelerator(recorded.accelerator, isMac)} is taken${error.reason ? `: ${error.reason}` : ''}. ${kept}`
        : error.kind === 'refused'
          ? `${error.message} ${kept}`
          : error.message;
    setMessage({ tone: 'bad', text });
  };

  return (
    <div className="field">
      <span className="field-label" id="shortcut-label">
        Quick-follow shortcut
      </span>
      <div className="shortcut-recorder">
        <button
          type="button"
          className="shortcut-value"
          aria-labelledby="shortcut-label shortcut-value"
          aria-pressed={recording}
          onClick={() => {
            setRecording(!recording);
            setMessage(null);
          }}
          onKeyDown={(event) => void record(event)}
          onBlur={() => setRecording(false)}
        >
          <span id="shortcut-value">
            {recording ? 'Press the new shortcut… (Esc to stop)' : displayAccelerator(current, isMac)}
          </span>
        </button>
        {!recording ? <span className="field-hint">Click, then press the keys.</span> : null}
      </div>
      <p className="field-hint" aria-live="polite">
        {message ? (
          <span className={`message ${message.tone}`}>{message.text}</span>
        ) : problem ? (
          <span className="message bad">{problem}</span>
        ) : active ? (
          `Active: ${displayAccelerator(active, isMac)}, from any app.`
        ) : (
          'Not active: use the tray or the app window instead.'
        )}
      </p>
    </div>
  );
}
