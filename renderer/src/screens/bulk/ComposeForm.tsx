import { useId, useRef } from 'react';
import type { NumericChoice } from '../../../../electron/shared/domain.js';
import { FailureNotice } from '../../components/ErrorNotice.js';
import { Choices } from '../../components/FormControls.js';
import { useApp, useAppStore } from '../../store/context.js';
import { BulkOptions } from './BulkOptions.js';
import { PreviewActions } from './PreviewActions.js';
import { PreviewPanel } from './PreviewPanel.js';

const NUMBERS_ARE: [NumericChoice, string][] = [
  ['user_id', 'Numbers are user ids'],
  ['screen_name', 'Numbers are names'],
];

/** A new list: pasted or imported, previewed, then started. */
export function ComposeForm() {
  const text = useApp((s) => s.bulk.text);
  const fileName = useApp((s) => s.bulk.fileName);
  const fileError = useApp((s) => s.bulk.fileError);
  const numericAs = useApp((s) => s.bulk.numericAs);
  const preview = useApp((s) => s.bulk.preview);
  const busy = useApp((s) => s.bulk.busy);
  const actionError = useApp((s) => s.bulk.actionError);
  const actions = useAppStore().getState().bulk;
  const fileRef = useRef<HTMLInputElement>(null);
  const ids = useId();
  const fresh = preview.status === 'done' && preview.text === text && preview.numericAs === numericAs;
  const count = fresh ? preview.preview.valid : 0;

  return (
    <form
      className="card bulk-compose"
      aria-label="New bulk follow"
      onSubmit={(event) => {
        event.preventDefault();
        void (fresh ? actions.start() : actions.runPreview());
      }}
    >
      <div className="field">
        <label htmlFor={`${ids}-list`}>Accounts to follow</label>
        <textarea
          id={`${ids}-list`}
          className="input bulk-text"
          rows={8}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          placeholder={'@name, user id or profile URL: one a line\nor a CSV with a screen_name column, or following.js'}
          aria-describedby={`${ids}-hint`}
          value={text}
          onChange={(event) => actions.setText(event.target.value)}
        />
        <p id={`${ids}-hint`} className="field-hint">
          Plain text, a CSV export with a screen_name or user_id column, or following.js from a Twitter archive.
          {fileName ? ` Imported from ${fileName}.` : ''}
        </p>
      </div>
      <div className="bulk-row">
        <input
          ref={fileRef}
          id={`${ids}-file`}
          className="visually-hidden"
          type="file"
          accept=".txt,.csv,.js,.json,text/plain,text/csv"
          tabIndex={-1}
          aria-hidden="true"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void actions.importFile(file);
            event.target.value = '';
          }}
        />
        <button type="button" className="button small" onClick={() => fileRef.current?.click()}>
          Import a file…
        </button>
        <fieldset className="segmented" aria-label="A number on its own line is a">
          <Choices options={NUMBERS_ARE} value={numericAs} onChange={actions.setNumericAs} />
        </fieldset>
      </div>
      {fileError ? <p className="message bad">{fileError}</p> : null}
      <PreviewPanel />
      <BulkOptions live={false} />
      {actionError ? <FailureNotice title="Could not start" error={actionError} /> : null}
      <PreviewActions
        fresh={fresh}
        count={count}
        starting={busy === 'start'}
        canPreview={text.trim() !== '' && preview.status !== 'loading'}
        onPreviewAgain={() => void actions.runPreview()}
      />
    </form>
  );
}
