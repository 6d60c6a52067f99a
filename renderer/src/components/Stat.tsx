import { formatCount } from '../lib/format.js';

/** One count of a `<dl>`; `bad` marks one that needs a look. */
export function Stat({ label, value, bad = false }: { label: string; value: number | null; bad?: boolean }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd className={bad ? 'bad-count' : undefined}>{formatCount(value)}</dd>
    </div>
  );
}
