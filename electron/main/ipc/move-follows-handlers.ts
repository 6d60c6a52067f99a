/** Moving follows: one account's follows, matched and followed by another, through its bulk follow. */
import { copyEntries, planCopy, type CopyPlan } from '../../../core/bulk/copy-follows.js';
import { invalidRequest, LIMITS, type IpcResult, type MoveFollowsPreviewView } from '../../shared/contract.js';
import type { ResolvedAccount } from './account-access.js';
import { defineHandlers, type HandlerDeps } from './handler-types.js';

const READ_WAIT_MS = 60_000;

function previewView(plan: CopyPlan): MoveFollowsPreviewView {
  const cap = LIMITS.bulkPreviewLines;
  return {
    sameServer: plan.sameServer,
    sourceCount: plan.sourceCount,
    toFollow: plan.toFollow.length,
    alreadyFollowed: plan.alreadyFollowed.length,
    notFoundCount: plan.notFound.length,
    notFound: plan.notFound.slice(0, cap),
    ambiguousCount: plan.ambiguous.length,
    ambiguous: plan.ambiguous.slice(0, cap),
    byName: plan.toFollow.filter((match) => match.byName).slice(0, cap).map(({ source, target }) => ({ source, target })),
    yourself: plan.yourself,
  };
}

export function moveFollowsHandlers({ services, access }: HandlerDeps) {
  const { client, bulk } = services;

  /** Both accounts, secrets decrypted here in main; the renderer named them by id only. */
  async function both(fromAccountId: string, toAccountId: string): Promise<IpcResult<{ from: ResolvedAccount; to: ResolvedAccount }>> {
    if (fromAccountId === toAccountId) return invalidRequest('Choose two different accounts: follows move from one to another.');
    const from = await access.resolve(fromAccountId);
    if (!from.ok) return from;
    const to = await access.resolve(toAccountId);
    if (!to.ok) return to;
    return { ok: true, from, to };
  }

  async function plan(fromAccountId: string, toAccountId: string) {
    const accounts = await both(fromAccountId, toAccountId);
    if (!accounts.ok) return accounts;
    // A window waits on this answer: past a minute, the rate limit's refusal is the answer.
    const planned = await planCopy({ client, from: accounts.from.account, to: accounts.to.account, maxWaitMs: READ_WAIT_MS });
    if (!planned.ok) {
      // Which account to fix: the message names it, as the server's words alone would not.
      const { side, ...error } = planned.error;
      const label = side === 'from' ? accounts.from.label : accounts.to.label;
      return { ok: false as const, error: { ...error, message: `${label}: ${error.message}` }, rateLimit: null };
    }
    return { ok: true as const, plan: planned.plan, to: accounts.to };
  }

  return defineHandlers({
    async moveFollowsPreview(request) {
      const planned = await plan(request.fromAccountId, request.toAccountId);
      return planned.ok ? { ok: true, preview: previewView(planned.plan) } : planned;
    },

    async moveFollowsStart(request) {
      // Planned again rather than taken from the renderer: main follows only whom it matched itself.
      const planned = await plan(request.fromAccountId, request.toAccountId);
      if (!planned.ok) return planned;
      const entries = copyEntries(planned.plan);
      if (entries.length === 0) return invalidRequest(`${planned.to.label} already follows everyone it can: there is nobody to follow.`);
      if (entries.length > LIMITS.bulkEntries) {
        return invalidRequest(`That is ${entries.length} accounts; one bulk follow takes at most ${LIMITS.bulkEntries}.`);
      }
      return bulk.start(planned.to, entries, {
        concurrency: request.concurrency,
        pacePerMinute: request.pacePerMinute,
        notify: request.notify ?? planned.to.notifyByDefault,
      });
    },
  });
}
