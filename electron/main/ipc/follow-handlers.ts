/** Follow, look up, search, undo, and cancel any of the slow ones. */
import { readSettings } from '../../../core/settings-file.js';
import { followOutcome } from '../../../core/follow-outcome.js';
import type { NewHistoryEntry } from '../../../core/history-entry.js';
import { parseTarget, type NumericChoice } from '../../../core/target.js';
import type { FollowResult } from '../../shared/contract.js';
import type { CallContext } from '../services.js';
import { defineHandlers, type HandlerDeps } from './handler-types.js';
import { InFlight } from './in-flight.js';

export function followHandlers({ services, access, changed }: HandlerDeps) {
  const { client, store, history, desktop } = services;
  const inFlight = new InFlight();

  function targetOptions(
    request: { numericAs?: NumericChoice | undefined; idInPath?: boolean | undefined },
    context: CallContext,
  ): { numericAs?: NumericChoice; idInPath?: boolean } {
    const numericAs = request.numericAs ?? (context.window === 'quick' ? readSettings(store).quickNumericAs : undefined);
    return {
      ...(numericAs !== undefined ? { numericAs } : {}),
      ...(request.idInPath !== undefined ? { idInPath: request.idInPath } : {}),
    };
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
        const resolved = await access.resolve(request.accountId);
        if (!resolved.ok) return resolved;
        const parsed = parseTarget(request.target, targetOptions(request, context));
        if (!parsed.ok) return { ok: false, error: parsed.error, rateLimit: null };
        const format = request.format ? { format: request.format } : {};
        const result = await client.follow(resolved.account, parsed.target, {
          notify: request.notify ?? resolved.notifyByDefault,
          ...format,
          ...flight.options,
        });
        // A follow that answered before the cancel took effect happened, and is kept as such.
        if (!result.ok && flight.cancelled()) return result;
        let answer: FollowResult = result;
        const outcome = followOutcome(result);
        if (!result.ok && outcome !== null) {
          // The server refused without saying who: the card needs the person, so ask now, in this same call.
          const shown = await client.show(resolved.account, parsed.target, { ...format, ...flight.options });
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
        const resolved = await access.resolve(request.accountId);
        if (!resolved.ok) return resolved;
        const parsed = parseTarget(request.target, targetOptions(request, context));
        if (!parsed.ok) return { ok: false, error: parsed.error, rateLimit: null };
        return client.show(resolved.account, parsed.target, {
          ...(request.format ? { format: request.format } : {}),
          ...flight.options,
        });
      }),

    search: (request, context) =>
      inFlight.run(request.requestId, context, async (flight) => {
        const resolved = await access.resolve(request.accountId);
        if (!resolved.ok) return resolved;
        return client.search(resolved.account, request.query, {
          ...(request.count !== undefined ? { count: request.count } : {}),
          ...(request.format ? { format: request.format } : {}),
          ...flight.options,
        });
      }),

    async unfollow(request, context) {
      const resolved = await access.resolve(request.accountId);
      if (!resolved.ok) return resolved;
      const parsed = parseTarget(request.target, targetOptions(request, context));
      if (!parsed.ok) return { ok: false, error: parsed.error, rateLimit: null };
      const result = await client.unfollow(resolved.account, parsed.target, request.format ? { format: request.format } : {});
      record({
        action: 'unfollow',
        accountId: resolved.id,
        accountLabel: resolved.label,
        target: request.target.trim(),
        outcome: result.ok ? 'unfollowed' : 'failed',
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
