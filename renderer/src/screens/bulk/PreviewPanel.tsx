import { Busy } from '../../components/Busy.js';
import { FailureNotice } from '../../components/ErrorNotice.js';
import { Stat } from '../../components/Stat.js';
import { formatCount } from '../../lib/format.js';
import { useApp } from '../../store/context.js';

/** What a list holds before anything is sent: counts, bad lines, duplicates, already followed. */
export function PreviewPanel() {
  const preview = useApp((s) => s.bulk.preview);
  if (preview.status === 'idle') return null;
  if (preview.status === 'loading') return <Busy>Reading the list…</Busy>;
  if (preview.status === 'failed') return <FailureNotice title="This list cannot be read" error={preview.error} />;
  const p = preview.preview;
  return (
    <section className="bulk-preview" aria-label="Preview">
      <dl className="bulk-stats">
        <Stat label="To follow" value={p.valid} />
        <Stat label="Bad lines" value={p.badCount} bad={p.badCount > 0} />
        <Stat label="Duplicates" value={p.duplicateCount} />
        {p.checked > 0 ? (
          <Stat label={`Already followed (of ${formatCount(p.checked)} checked)`} value={p.alreadyFollowingLines.length} />
        ) : null}
      </dl>
      {p.badCount > 0 ? (
        <div className="bulk-lines">
          <h3 className="section-title">Bad lines, skipped</h3>
          <ul aria-label="Bad lines">
            {p.bad.map((line) => (
              <li key={line.line}>
                <span className="line-no">Line {line.line}</span> <bdi className="line-input">{line.input}</bdi>{' '}
                <span className="line-why">{line.message}</span>
              </li>
            ))}
          </ul>
          {p.badCount > p.bad.length ? <p className="hint-line">and {formatCount(p.badCount - p.bad.length)} more</p> : null}
        </div>
      ) : null}
      {p.duplicateCount > 0 ? (
        <div className="bulk-lines">
          <h3 className="section-title">Duplicates, followed once</h3>
          <ul aria-label="Duplicate lines">
            {p.duplicates.map((line) => (
              <li key={line.line}>
                <span className="line-no">Line {line.line}</span> <bdi className="line-input">{line.input}</bdi>{' '}
                <span className="line-why">repeats line {line.firstLine}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {p.alreadyFollowingLines.length > 0 ? (
        <p className="hint-line">
          Already followed: line{p.alreadyFollowingLines.length > 1 ? 's' : ''} {p.alreadyFollowingLines.slice(0, 20).join(', ')}
          {p.alreadyFollowingLines.length > 20 ? '…' : ''}. They are kept in the list and count as done at once.
        </p>
      ) : null}
    </section>
  );
}
