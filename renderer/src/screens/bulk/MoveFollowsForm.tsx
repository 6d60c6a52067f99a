import { useId } from 'react';
import type { AccountView, MoveFollowsPreviewView, MovePersonView } from '../../../../electron/shared/contract.js';
import { Busy } from '../../components/Busy.js';
import { FailureNotice } from '../../components/ErrorNotice.js';
import { SmsSwitch } from '../../components/FormControls.js';
import { Stat } from '../../components/Stat.js';
import { formatCount } from '../../lib/format.js';
import { useApp, useAppStore } from '../../store/context.js';
import { PreviewActions } from './PreviewActions.js';

function names(people: readonly MovePersonView[]): string {
  return people.map((p) => `@${p.screenName}`).join(', ');
}

function MovePreview({ preview }: { preview: MoveFollowsPreviewView }) {
  return (
    <section className="bulk-preview" aria-label="Move preview">
      <dl className="bulk-stats">
        <Stat label="To follow" value={preview.toFollow} />
        <Stat label="Already followed" value={preview.alreadyFollowed} />
        <Stat label="Not found" value={preview.notFoundCount} bad={preview.notFoundCount > 0} />
        <Stat label="Ambiguous" value={preview.ambiguousCount} bad={preview.ambiguousCount > 0} />
      </dl>
      <p className="hint-line">
        {preview.sameServer
          ? 'Both accounts are on one server: people are matched by their id.'
          : 'The accounts are on different servers: people are matched by screen name only. Check the matches below before you start.'}
        {preview.yourself > 0 ? ' The destination account itself is skipped.' : ''}
      </p>
      {preview.byName.length > 0 ? (
        <div className="bulk-lines">
          <h3 className="section-title">Matched by name</h3>
          {/* Scrolls when long: focusable, so a keyboard can scroll it too. */}
          <ul aria-label="Matched by name" tabIndex={0}>
            {preview.byName.map(({ source, target }) => (
              <li key={source.id}>
                <bdi className="line-input">@{source.screenName}</bdi> <span className="line-why">→ @{target.screenName} (id {target.id})</span>
              </li>
            ))}
          </ul>
          {preview.toFollow > preview.byName.length ? <p className="hint-line">and {formatCount(preview.toFollow - preview.byName.length)} more</p> : null}
        </div>
      ) : null}
      {preview.notFoundCount > 0 ? (
        <div className="bulk-lines">
          <h3 className="section-title">Not found on the destination, skipped</h3>
          <p aria-label="Not found">
            <bdi>{names(preview.notFound)}</bdi>
            {preview.notFoundCount > preview.notFound.length ? ` and ${formatCount(preview.notFoundCount - preview.notFound.length)} more` : ''}
          </p>
        </div>
      ) : null}
      {preview.ambiguousCount > 0 ? (
        <div className="bulk-lines">
          <h3 className="section-title">Ambiguous, skipped</h3>
          <ul aria-label="Ambiguous" tabIndex={0}>
            {preview.ambiguous.map(({ source, candidates }) => (
              <li key={source.id}>
                <bdi className="line-input">@{source.screenName}</bdi> <span className="line-why">could be {names(candidates)}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

interface AccountSelectProps {
  id: string;
  label: string;
  accounts: readonly AccountView[];
  value: string | null;
  onChange: (id: string) => void;
}

function AccountSelect({ id, label, accounts, value, onChange }: AccountSelectProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} className="select" value={value ?? ''} onChange={(event) => onChange(event.target.value)}>
        {accounts.map((a) => (
          <option key={a.id} value={a.id}>
            {a.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** From account → to account → preview → run; the run is then the destination's bulk follow. */
export function MoveFollowsForm() {
  const accounts = useApp((s) => s.accounts);
  const fromId = useApp((s) => s.move.fromId);
  const toId = useApp((s) => s.move.toId);
  const notify = useApp((s) => s.move.notify);
  const preview = useApp((s) => s.move.preview);
  const starting = useApp((s) => s.move.starting);
  const startError = useApp((s) => s.move.startError);
  const actions = useAppStore().getState().move;
  const ids = useId();
  const fresh = preview.status === 'done' && preview.fromId === fromId && preview.toId === toId;
  const count = fresh ? preview.preview.toFollow : 0;
  const ready = fromId !== null && toId !== null && fromId !== toId;

  return (
    <form
      className="card bulk-compose"
      aria-label="Move follows"
      onSubmit={(event) => {
        event.preventDefault();
        void (fresh ? actions.start() : actions.runPreview());
      }}
    >
      <h2 className="section-title">Move follows</h2>
      <p className="field-hint">Follow, as one account, everyone another account follows: on this server or another one.</p>
      {accounts.length < 2 ? <p className="message bad">Add the other account first (Accounts, in Settings): a move needs two.</p> : null}
      <div className="bulk-row">
        <AccountSelect id={`${ids}-from`} label="From account" accounts={accounts} value={fromId} onChange={actions.setFrom} />
        <AccountSelect id={`${ids}-to`} label="To account" accounts={accounts} value={toId} onChange={actions.setTo} />
      </div>
      {fromId !== null && fromId === toId ? <p className="message bad">Choose two different accounts.</p> : null}
      <SmsSwitch checked={notify} onChange={actions.setNotify} />
      {preview.status === 'loading' ? <Busy>Reading who they follow…</Busy> : null}
      {preview.status === 'failed' ? <FailureNotice title="Could not read the follows" error={preview.error} /> : null}
      {fresh ? <MovePreview preview={preview.preview} /> : null}
      {startError ? <FailureNotice title="Could not start" error={startError} /> : null}
      <PreviewActions
        fresh={fresh}
        count={count}
        starting={starting}
        canPreview={ready && preview.status !== 'loading'}
        onPreviewAgain={() => void actions.runPreview()}
      >
        <button type="button" className="button" onClick={actions.close}>
          Back to lists
        </button>
      </PreviewActions>
    </form>
  );
}
