/** Follow, look up, search, undo, and cancel any of the slow ones. */
import { readSettings } from '../../../core/settings-file.js';
import { followOutcome } from '../../../core/follow-outcome.js';
import type { NewHistoryEntry } from '../../../core/history-entry.js';
import { parseTarget, type Target } from '../../../core/target.js';
import type { FollowResult, IpcResult, RequestOf } from '../../shared/contract.js';
import type { CallContext } from '../services.js';
import type { ResolvedAccount } from './account-access.js';
import { defineHandlers, type HandlerDeps } from './handler-types.js';
import { InFlight } from './in-flight.js';

export function followHandlers({ services, access, changed }: HandlerDeps) {
  const { client, store, history, desktop } = services;
  const inFlight = new InFlight();

  /** The account and the person a request names; the quick-follow window reads bare digits as its setting says. */
  async function resolveTarget(
    request: RequestOf<'unfollow'>,
    context: CallContext,
  ): Promise<IpcResult<{ resolved: ResolvedAccount; target: Target }>> {
    const resolved = await access.resolve(request.accountId);
    if (!resolved.ok) return resolved;
    const numericAs = request.numericAs ?? (context.window === 'quick' ? readSettings(store).quickNumericAs : undefined);
    const parsed = parseTarget(request.target, { numericAs, idInPath: request.idInPath, server: resolved.account.apiBase });
    return parsed.ok ? { ok: true, resolved, target: parsed.target } : { ok: false, error: parsed.error, rateLimit: null };
  }

  /** Kept in memory at once (a listing right after includes it); written to disk after the answer. */
  function record(entry: NewHistoryEntry): void {
    history.add(entry);
    services.tray.refresh();
    changed('history');
  }

  return defineHandlers({
    follow: (request, context) =>
      inFlight.run(request.requestId, context, async (flight): Promise<FollowResult> => {
        const named = await resolveTarget(request, context);
        if (!named.ok) return named;
        const { resolved, target } = named;
        const options = { format: request.format, ...flight.options };
        const notify = request.notify ?? resolved.notifyByDefault;
        const result = await client.follow(resolved.account, target, { notify, ...options });
        // A follow that answered before the cancel took effect happened, and is kept as such.
        if (!result.ok && flight.cancelled()) return result;
        let answer: FollowResult = result;
        const outcome = followOutcome(result);
        if (!result.ok && outcome !== null) {
          // The server refused without saying who: the card needs the person, so ask now, in this same call.
          const shown = await client.show(resolved.account, target, options);
          answer = { ...result, user: shown.ok ? shown.user : null };
        }
        flight.finished();
        const user = answer.ok ? answer.user : (answer.user ?? null);
        record({
          action: 'follow',
          accountId: resolved.id,
          accountLabel: resolved.label,
          target: request.target.trim(),
          outcome: outcome ?? 'failed',
          user,
          error: answer.ok ? null : answer.error,
        });
        if (context.window === 'quick' && answer.ok && outcome !== null && readSettings(store).notificationsEnabled) {
          desktop.notifyFollowed(answer.user, resolved.id, outcome);
        }
        return answer;
      }),

    lookup: (request, context) =>
      inFlight.run(request.requestId, context, async (flight) => {
        const named = await resolveTarget(request, context);
        if (!named.ok) return named;
        return client.show(named.resolved.account, named.target, { format: request.format, ...flight.options });
      }),

    search: (request, context) =>
      inFlight.run(request.requestId, context, async (flight) => {
        const resolved = await access.resolve(request.accountId);
        if (!resolved.ok) return resolved;
        const { count, format } = request;
        return client.search(resolved.account, request.query, { count, format, ...flight.options });
      }),

    async unfollow(request, context) {
      const named = await resolveTarget(request, context);
      if (!named.ok) return named;
      const { resolved, target } = named;
      const result = await client.unfollow(resolved.account, target, { format: request.format });
      record({
        action: 'unfollow',
        accountId: resolved.id,
        accountLabel: resolved.label,
        target: request.target.trim(),
        // A follow already gone ("Not subscribed!") leaves the person unfollowed, as asked.
        outcome: result.ok || result.error.kind === 'not_following' ? 'unfollowed' : 'failed',
        user: result.ok ? result.user : null,
        error: result.ok ? null : result.error,
      });
      return result;
    },

    async cancel(request, context) {
      return { ok: true, cancelled: inFlight.cancel(context, request.requestId) };
    },
  });
}
