/** What the tray and the system notifications say about a bulk follow; plain text, no Electron. */
import type { BulkProgress, BulkRunState } from '../../core/bulk/bulk-types.js';
import { roughDuration } from '../shared/rough-duration.js';

const STATE_WORDS: Partial<Record<BulkRunState, string>> = {
  waiting: 'waiting for the server',
  paused: 'paused',
  needs_sign_in: 'needs sign-in',
  stopped: 'stopped',
};

/** The tray icon's tooltip while a bulk follow exists: "Befriend — bulk follow 12/30, about 2 min left". */
export function bulkTrayTooltip(progress: BulkProgress): string {
  const { counts, total, status, etaSeconds } = progress;
  const handled = counts.done + counts.failed;
  const head = `Befriend — bulk follow ${handled}/${total}`;
  if (status.state === 'finished') return `${head}, finished`;
  if (status.state === 'cancelled') return `${head}, cancelled`;
  const words = STATE_WORDS[status.state];
  if (words) return `${head}, ${words}`;
  return etaSeconds !== null && etaSeconds > 0 ? `${head}, ${roughDuration(etaSeconds)} left` : head;
}

/** The notification for the states that need the person, or null for the others. */
export function bulkNotificationText(progress: BulkProgress, accountLabel: string): { title: string; body: string } | null {
  const { counts, outcomes, total } = progress;
  switch (progress.status.state) {
    case 'finished': {
      const parts = [`${outcomes.followed} followed`];
      if (outcomes.already_following > 0) parts.push(`${outcomes.already_following} already followed`);
      if (outcomes.request_pending > 0) parts.push(`${outcomes.request_pending} requested`);
      if (counts.failed > 0) parts.push(`${counts.failed} failed`);
      return { title: 'Bulk follow finished', body: `${accountLabel}: ${parts.join(', ')}.` };
    }
    case 'cancelled':
      return {
        title: 'Bulk follow cancelled',
        body: `${accountLabel}: ${counts.done} of ${total} done; the other ${total - counts.done} were not sent.`,
      };
    case 'needs_sign_in':
      return {
        title: 'Bulk follow needs you to sign in again',
        body: `${accountLabel}: the server no longer accepts its sign-in. Enter it again in Settings, then resume.`,
      };
    default:
      return null;
  }
}
