import type { BulkQueue } from '../bulk/bulk-queue.js';
import type { BulkItem, BulkProgress } from '../bulk/bulk-types.js';
import { say, terminalSafe, type BulkCommandIo } from './cli-io.js';

function describeItem(item: BulkItem): string {
  const who = terminalSafe(item.input);
  if (item.state === 'done') return `line ${item.line}: ${who} ${item.outcome?.replace('_', ' ') ?? 'done'}`;
  const error = item.error ? `${item.error.kind}: ${terminalSafe(item.error.message)}` : item.state;
  return `line ${item.line}: ${who} ${item.state} (${error})`;
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

function progressLine(progress: BulkProgress): string {
  const { counts, outcomes, total } = progress;
  const finished = counts.done + counts.failed + counts.cancelled;
  const width = 24;
  const filled = total === 0 ? width : Math.round((finished / total) * width);
  const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
  const eta = progress.etaSeconds === null || progress.etaSeconds === 0 ? '' : ` · ETA ${formatDuration(progress.etaSeconds)}`;
  return `[${bar}] ${finished}/${total} · followed ${outcomes.followed} · already ${outcomes.already_following} · requested ${outcomes.request_pending} · failed ${counts.failed}${eta}`;
}

/** Progress for people: a bar redrawn in place on a terminal, one line per finished item otherwise. */
export function attachReporter(queue: BulkQueue, io: BulkCommandIo): () => void {
  let lastDraw = 0;
  let drawn = false;
  // Requests in flight together meet the same refusal together: each status is told once.
  let lastMessage: string | null = null;
  const draw = (progress: BulkProgress, force: boolean): void => {
    const now = Date.now();
    if (!force && now - lastDraw < 100) return;
    lastDraw = now;
    io.stdout.write(`\r${progressLine(progress)}\u001b[K`);
    drawn = true;
  };
  const clearBar = (): void => {
    if (drawn) io.stdout.write('\r\u001b[K');
    drawn = false;
  };
  const unsubscribe = queue.subscribe((event) => {
    if (event.type === 'status' && event.status.state === 'running') lastMessage = null;
    if (event.type === 'status' && event.status.message && event.status.state !== 'running') {
      if (event.status.message === lastMessage) return;
      lastMessage = event.status.message;
      if (io.isTTY) clearBar();
      say(io.stderr, event.status.message);
    } else if (event.type === 'item' && !io.isTTY && (event.item.state === 'done' || event.item.state === 'failed')) {
      say(io.stdout, describeItem(event.item));
    } else if (event.type === 'progress' && io.isTTY) {
      draw(event.progress, false);
    }
  });
  return () => {
    unsubscribe();
    if (io.isTTY) {
      draw(queue.progress(), true);
      io.stdout.write('\n');
    }
  };
}
