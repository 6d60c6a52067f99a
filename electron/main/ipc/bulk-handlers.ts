/** Bulk follows: read a list, start, steer and export one account's run. */
import { bulkResultsCsv } from '../../../core/bulk/bulk-export.js';
import { previewBulkInput } from '../../../core/bulk/bulk-preview.js';
import { parseBulkInput, type BulkInputOptions, type ParsedBulkInput } from '../../../core/bulk/parse-bulk-input.js';
import type { NumericChoice } from '../../../core/target.js';
import { invalidRequest, LIMITS, type BulkJobResult, type IpcResult } from '../../shared/contract.js';
import type { ResolvedAccount } from './account-access.js';
import { defineHandlers, type HandlerDeps } from './handler-types.js';

/**
 * A list read in main, never trusted from the renderer; unreadable input says where. With the
 * account, profile URLs on other servers and the account itself are bad lines.
 */
function readBulkList(
  text: string,
  numericAs: NumericChoice | undefined,
  account: BulkInputOptions['account'],
): IpcResult<{ input: ParsedBulkInput }> {
  const parsed = parseBulkInput(text, { account, ...(numericAs ? { numericAs } : {}) });
  if (!parsed.ok) {
    const where = parsed.error.line === null ? '' : `Line ${parsed.error.line}: `;
    return invalidRequest(`${where}${parsed.error.message}`);
  }
  return { ok: true, input: parsed.input };
}

/** Part of a file name from a label people chose: letters, digits and dashes only. */
function fileNamePart(label: string): string {
  return label.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'account';
}

function capped<T extends { input: string }>(lines: readonly T[]): T[] {
  return lines.slice(0, LIMITS.bulkPreviewLines).map((line) => ({ ...line, input: line.input.slice(0, LIMITS.target) }));
}

export function bulkHandlers({ services, access }: HandlerDeps) {
  const { client, accounts, desktop, bulk } = services;

  /** The bulk job of an account, acted on; the account's own failure when it cannot be used. */
  async function onBulkJob(accountId: string | undefined, act: (who: ResolvedAccount) => Promise<BulkJobResult>): Promise<BulkJobResult> {
    const who = await access.resolve(accountId);
    return who.ok ? act(who) : who;
  }

  return defineHandlers({
    async bulkPreview(request) {
      const lookups = request.lookups ?? 0;
      const who = await access.resolve(request.accountId);
      // Counting a list needs no account; looking people up does.
      if (!who.ok && lookups > 0) return who;
      const read = readBulkList(request.text, request.numericAs, who.ok ? who.account : null);
      if (!read.ok) return read;
      const { input } = read;
      let checked = { checked: 0, alreadyFollowingLines: [] as number[], unavailableLines: [] as number[], unknown: 0 };
      if (who.ok && lookups > 0 && input.entries.length > 0) {
        const preview = await previewBulkInput(input, { client, account: who.account, maxChecks: lookups });
        checked = {
          checked: preview.checked,
          alreadyFollowingLines: [...preview.alreadyFollowing, ...preview.requested].map((e) => e.line).sort((a, b) => a - b),
          unavailableLines: preview.unavailable.map((u) => u.entry.line),
          unknown: preview.unknown,
        };
      }
      return {
        ok: true,
        preview: {
          kind: input.kind,
          valid: input.entries.length,
          badCount: input.bad.length,
          bad: capped(input.bad),
          duplicateCount: input.duplicates.length,
          duplicates: capped(input.duplicates),
          ...checked,
        },
      };
    },

    async bulkStart(request) {
      const who = await access.resolve(request.accountId);
      if (!who.ok) return who;
      const read = readBulkList(request.text, request.numericAs, who.account);
      if (!read.ok) return read;
      if (read.input.entries.length === 0) return invalidRequest('This list names nobody to follow.');
      return bulk.start(who, read.input.entries, {
        concurrency: request.concurrency,
        pacePerMinute: request.pacePerMinute,
        notify: request.notify ?? who.notifyByDefault,
      });
    },

    bulkPause: (request) => onBulkJob(request.accountId, (who) => bulk.act(who, (queue) => queue.pause())),

    bulkResume: (request) => onBulkJob(request.accountId, (who) => bulk.act(who, (queue) => queue.resume(who.account))),

    bulkCancel: (request) => onBulkJob(request.accountId, (who) => bulk.act(who, (queue) => queue.cancel())),

    bulkRetryFailed: (request) => onBulkJob(request.accountId, (who) => bulk.act(who, (queue) => queue.retryFailed())),

    bulkSetOptions: (request) =>
      onBulkJob(request.accountId, (who) =>
        bulk.setOptions(who, {
          ...(request.concurrency !== undefined ? { concurrency: request.concurrency } : {}),
          ...(request.pacePerMinute !== undefined ? { pacePerMinute: request.pacePerMinute } : {}),
        }),
      ),

    async bulkStatus(request) {
      const id = request.accountId ?? accounts.activeId();
      if (id === null) return invalidRequest('No account yet: add one, or try the sandbox.');
      // Only an account with a kept list needs its secret (and, for the sandbox, the server).
      if (!(await bulk.hasSaved(id))) return { ok: true, job: null };
      return onBulkJob(id, (who) => bulk.status(who));
    },

    async bulkItems(request) {
      const who = await access.resolve(request.accountId);
      if (!who.ok) return who;
      const { states, search, offset, limit = 100 } = request;
      return bulk.items(who, { states, search, offset, limit });
    },

    async bulkExportCsv(request) {
      const who = await access.resolve(request.accountId);
      if (!who.ok) return who;
      const listed = await bulk.items(who, {});
      if (!listed.ok) return listed;
      if (listed.total === 0) return invalidRequest(`${who.label} has no bulk follow to export.`);
      const day = new Date().toISOString().slice(0, 10);
      const path = await desktop.saveFile(`befriend-bulk-${fileNamePart(who.label)}-${day}.csv`, bulkResultsCsv(listed.items));
      return { ok: true, path, rows: listed.total };
    },
  });
}
