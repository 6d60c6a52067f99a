import { useId } from 'react';
import { SmsSwitch } from '../../components/FormControls.js';
import { useApp, useAppStore } from '../../store/context.js';

const PACES: { label: string; value: number | null }[] = [
  { label: 'As fast as the server allows', value: null },
  { label: '60 a minute', value: 60 },
  { label: '30 a minute', value: 30 },
  { label: '10 a minute', value: 10 },
  { label: '1 a minute', value: 1 },
];

const CONCURRENCY = [1, 2, 3, 4];

/** Pace, requests at once and (for a new list) SMS; `live` changes a running job's options. */
export function BulkOptions({ live }: { live: boolean }) {
  const notify = useApp((s) => s.bulk.notify);
  const pace = useApp((s) => s.bulk.pacePerMinute);
  const concurrency = useApp((s) => s.bulk.concurrency);
  const actions = useAppStore().getState().bulk;
  const ids = useId();
  return (
    <div className="bulk-options">
      <div className="field">
        <label htmlFor={`${ids}-pace`}>Pace</label>
        <select
          id={`${ids}-pace`}
          className="select"
          value={pace === null ? '' : String(pace)}
          onChange={(event) => void actions.setPace(event.target.value === '' ? null : Number(event.target.value))}
        >
          {PACES.map((option) => (
            <option key={option.label} value={option.value === null ? '' : String(option.value)}>
              {option.label}
            </option>
          ))}
          {pace !== null && !PACES.some((option) => option.value === pace) ? <option value={String(pace)}>{pace} a minute</option> : null}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${ids}-concurrency`}>Requests at once</label>
        <select
          id={`${ids}-concurrency`}
          className="select"
          value={String(concurrency)}
          onChange={(event) => void actions.setConcurrency(Number(event.target.value))}
        >
          {CONCURRENCY.map((value) => (
            <option key={value} value={String(value)}>
              {value}
            </option>
          ))}
        </select>
      </div>
      {live ? null : <SmsSwitch className="bulk-sms" checked={notify} onChange={actions.setNotify} />}
    </div>
  );
}
