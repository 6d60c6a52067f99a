/**
 * One handler per contract channel, Electron-free: Electron's `ipcMain` registration (ipc.ts)
 * and the end-to-end harness call these very functions. Each validates its payload against the
 * contract's schema and answers with a typed result; nothing here rejects.
 */
import type { Account, Credentials } from '../../core/account.js';
import { previewBulkInput } from '../../core/bulk/bulk-preview.js';
import { parseBulkInput, type ParsedBulkInput } from '../../core/bulk/parse-bulk-input.js';
import type { NewAccount } from '../../core/accounts.js';
import { readSettings } from '../../core/app-store-schema.js';
import { followOutcome } from '../../core/follow-outcome.js';
import type { HistoryOutcome } from '../../core/history.js';
import { oauthBaseFor, SERVER_PROFILES } from '../../core/server-profiles.js';
import { parseTarget, type NumericChoice } from '../../core/target.js';
import {
  contract,
  describeIssues,
  failure,
  invalidRequest,
  isChannelName,
  LIMITS,
  type AccountsResult,
  type BulkJobResult,
  type ChannelName,
  type IpcFailure,
  type ParsedRequestOf,
  type ResponseOf,
  type SettingsResult,
} from '../shared/contract.js';
import type { BulkAccount, BulkFailure, BulkJobAnswer } from './bulk-service.js';
import { OAuthFlows } from './oauth-flows.js';
import type { CallContext, MainServices, SandboxInfo } from './services.js';

type Implementation = {
  [K in ChannelName]: (request: ParsedRequestOf<K>, context: CallContext) => Promise<ResponseOf<K>>;
};

export type IpcHandlers = {
  readonly [K in ChannelName]: (payload?: unknown, context?: CallContext) => Promise<ResponseOf<K>>;
};

const MAIN_WINDOW: CallContext = { window: 'main' };

function bulkFailure(failed: BulkFailure): IpcFailure {
  return failed.reason === 'storage' ? failure('server_error', failed.message) : invalidRequest(failed.message);
}

function bulkAnswer(answer: BulkJobAnswer): BulkJobResult {
  return answer.ok ? answer : bulkFailure(answer);
}

/** A list read in main, never trusted from the renderer; unreadable input says where. */
function readBulkList(text: string, numericAs: NumericChoice | undefined): { ok: true; input: ParsedBulkInput } | IpcFailure {
  const parsed = parseBulkInput(text, numericAs ? { numericAs } : {});
  if (!parsed.ok) {
    const where = parsed.error.line === null ? '' : `Line ${parsed.error.line}: `;
    return invalidRequest(`${where}${parsed.error.message}`);
  }
  if (parsed.input.entries.length > LIMITS.bulkEntries) {
    return invalidRequest(`This list names ${parsed.input.entries.length} accounts; one bulk follow takes at most ${LIMITS.bulkEntries}.`);
  }
  return parsed;
}

/** Part of a file name from a label people chose: letters, digits and dashes only. */
function fileNamePart(label: string): string {
  return label.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'account';
}

type Resolved = { ok: true; id: string; label: string; account: Account; notifyByDefault: boolean } | IpcFailure;

/** One cancellable request: the signal for the client, and how to say it is no longer cancellable. */
interface Flight {
  options: { signal?: AbortSignal };
  cancelled(): boolean;
  /** Called once the server has answered: a later `cancel` has nothing left to stop. */
  finished(): void;
}

export function createIpcHandlers(services: MainServices): IpcHandlers {
  const { client, accounts, history, store, desktop, log } = services;
  const oauthFlows = new OAuthFlows();

  function changed(topic: 'accounts' | 'settings' | 'history'): void {
    desktop.emit('changed', { topic });
  }

  async function accountsState(): Promise<AccountsResult> {
    return { ok: true, ...(await accounts.state()) };
  }

  async function settingsState(): Promise<SettingsResult> {
    const shortcut = services.shortcut.status();
    return {
      ok: true,
      settings: readSettings(store),
      status: {
        shortcutActive: shortcut.active,
        shortcutProblem: shortcut.problem,
        trayActive: services.tray.isActive(),
        secretStorage: (await accounts.state()).secretStorage,
        platform: services.platform,
        dataDir: services.dataDir,
      },
    };
  }

  /** Cancellable requests in flight, by calling window and the id that window chose. */
  const inFlight = new Map<string, AbortController>();
  const flightKey = (context: CallContext, requestId: string): string => `${context.window}:${requestId}`;

  /**
   * Runs a request `cancel` can abort, from before its account is resolved (which may start the
   * sandbox) until it finishes. Without an id it runs as is, not cancellable.
   */
  async function cancellable<R>(
    requestId: string | undefined,
    context: CallContext,
    run: (flight: Flight) => Promise<R>,
  ): Promise<R | IpcFailure> {
    if (requestId === undefined) return run({ options: {}, cancelled: () => false, finished: () => undefined });
    const key = flightKey(context, requestId);
    if (inFlight.has(key)) return invalidRequest('Another request in flight has this request id: choose a new one for each request.');
    if (inFlight.size >= LIMITS.requestsInFlight) return invalidRequest('Too many requests at once: wait for some to finish.');
    const controller = new AbortController();
    inFlight.set(key, controller);
    const finished = (): void => {
      if (inFlight.get(key) === controller) inFlight.delete(key);
    };
    try {
      return await run({ options: { signal: controller.signal }, cancelled: () => controller.signal.aborted, finished });
    } finally {
      finished();
    }
  }

  /** Sandbox accounts already pointed at this session's sandbox. */
  const sandboxAccountsReady = new Set<string>();

  /** The sandbox's address changes with every launch: point its account at the running one. */
  async function refreshSandboxAccount(): Promise<{ id: string } | IpcFailure> {
    let info: SandboxInfo;
    try {
      info = await services.sandbox.ensure();
    } catch (error) {
      log(`sandbox did not start: ${error instanceof Error ? error.name : 'error'}`);
      return failure('server_error', 'The built-in sandbox could not start: restart Befriend, or add a real account.');
    }
    const credentials: Credentials = { mode: 'basic', username: info.demo.username, password: info.demo.password };
    const self = { id: info.demo.userId, screenName: info.demo.screenName };
    const existing = accounts.sandboxAccount();
    let id: string;
    if (existing) {
      await accounts.update(existing.id, { apiBase: info.apiBase, oauthBase: info.oauthBase, self, credentials });
      id = existing.id;
    } else {
      const added = await accounts.add({
        label: 'Sandbox (demo)',
        profile: 'twitter-v1',
        apiBase: info.apiBase,
        oauthBase: info.oauthBase,
        format: 'json',
        self,
        sandbox: true,
        credentials,
      });
      id = added.id;
    }
    sandboxAccountsReady.add(id);
    return { id };
  }

  async function resolve(accountId: string | undefined): Promise<Resolved> {
    const id = accountId ?? accounts.activeId();
    if (id === null) return invalidRequest('No account yet: add one, or try the sandbox.');
    const view = accounts.view(id);
    if (view === null) return invalidRequest('That account no longer exists: choose another one.');
    if (view.sandbox && !sandboxAccountsReady.has(id)) {
      const refreshed = await refreshSandboxAccount();
      if (!('id' in refreshed)) return refreshed;
    }
    const account = await accounts.resolve(id);
    if (account === null) {
      return failure(
        'unauthorized',
        `Befriend no longer has the password or tokens of ${view.label} (they were kept for the last session only, or the system keyring changed): enter them again in Accounts.`,
      );
    }
    return { ok: true, id, label: view.label, account, notifyByDefault: view.notifyByDefault };
  }

  function targetOptions(
    request: { numericAs?: NumericChoice | undefined; idInPath?: boolean | undefined },
    context: CallContext,
  ): { numericAs?: NumericChoice; idInPath?: boolean } {
    const numericAs =
      request.numericAs ?? (context.window === 'quick' ? readSettings(store).quickNumericAs : undefined);
    return {
      ...(numericAs !== undefined ? { numericAs } : {}),
      ...(request.idInPath !== undefined ? { idInPath: request.idInPath } : {}),
    };
  }

  async function bulkAccount(accountId: string | undefined): Promise<({ ok: true } & BulkAccount) | IpcFailure> {
    const resolved = await resolve(accountId);
    if (!resolved.ok) return resolved;
    return { ok: true, id: resolved.id, label: resolved.label, account: resolved.account, sandbox: accounts.view(resolved.id)?.sandbox === true };
  }

  /** The bulk job of an account, acted on; the account's own failure when it cannot be used. */
  async function onBulkJob(
    accountId: string | undefined,
    act: (who: BulkAccount) => Promise<BulkJobAnswer>,
  ): Promise<BulkJobResult | IpcFailure> {
    const who = await bulkAccount(accountId);
    return who.ok ? bulkAnswer(await act(who)) : who;
  }

  async function record(entry: Parameters<typeof history.add>[0]): Promise<void> {
    try {
      await history.add(entry);
      services.tray.refresh();
      changed('history');
    } catch (error) {
      log(`history not saved: ${error instanceof Error ? error.name : 'error'}`);
    }
  }

  async function addVerified(input: NewAccount): Promise<ResponseOf<'addAccount'>> {
    const account: Account = {
      profile: input.profile,
      apiBase: input.apiBase,
      oauthBase: input.oauthBase ?? null,
      format: input.format ?? SERVER_PROFILES[input.profile].defaultFormat,
      credentials: input.credentials,
      allowInsecureBasic: input.allowInsecureBasic ?? false,
      ...(input.hasUserSearch !== undefined ? { hasUserSearch: input.hasUserSearch } : {}),
    };
    const verified = await client.verifyCredentials(account);
    if (!verified.ok) return verified;
    const view = await accounts.add({
      ...input,
      self: { id: verified.user.id, screenName: verified.user.screenName },
    });
    changed('accounts');
    return { ok: true, account: view };
  }

  const implementation: Implementation = {
    follow: (request, context) =>
      cancellable(request.requestId, context, async (flight) => {
        const resolved = await resolve(request.accountId);
        if (!resolved.ok) return resolved;
        const parsed = parseTarget(request.target, targetOptions(request, context));
        if (!parsed.ok) return { ok: false, error: parsed.error, rateLimit: null };
        const result = await client.follow(resolved.account, parsed.target, {
          notify: request.notify ?? resolved.notifyByDefault,
          ...(request.format ? { format: request.format } : {}),
          ...flight.options,
        });
        flight.finished();
        // A follow that answered before the cancel took effect happened, and is kept as such.
        if (!result.ok && flight.cancelled()) return result;
        const outcome = followOutcome(result);
        await record({
          action: 'follow',
          accountId: resolved.id,
          accountLabel: resolved.label,
          target: request.target.trim(),
          outcome: outcome ?? 'failed',
          user: result.ok ? result.user : null,
          error: result.ok ? null : result.error,
        });
        if (context.window === 'quick' && result.ok && outcome !== null && readSettings(store).notificationsEnabled) {
          desktop.notifyFollowed(result.user, resolved.id, outcome);
        }
        return result;
      }),

    lookup: (request, context) =>
      cancellable(request.requestId, context, async (flight) => {
        const resolved = await resolve(request.accountId);
        if (!resolved.ok) return resolved;
        const parsed = parseTarget(request.target, targetOptions(request, context));
        if (!parsed.ok) return { ok: false, error: parsed.error, rateLimit: null };
        return client.show(resolved.account, parsed.target, {
          ...(request.format ? { format: request.format } : {}),
          ...flight.options,
        });
      }),

    search: (request, context) =>
      cancellable(request.requestId, context, async (flight) => {
        const resolved = await resolve(request.accountId);
        if (!resolved.ok) return resolved;
        return client.search(resolved.account, request.query, {
          ...(request.count !== undefined ? { count: request.count } : {}),
          ...(request.format ? { format: request.format } : {}),
          ...flight.options,
        });
      }),

    async unfollow(request, context) {
      const resolved = await resolve(request.accountId);
      if (!resolved.ok) return resolved;
      const parsed = parseTarget(request.target, targetOptions(request, context));
      if (!parsed.ok) return { ok: false, error: parsed.error, rateLimit: null };
      const result = await client.unfollow(resolved.account, parsed.target, request.format ? { format: request.format } : {});
      const outcome: HistoryOutcome = result.ok ? 'unfollowed' : 'failed';
      await record({
        action: 'unfollow',
        accountId: resolved.id,
        accountLabel: resolved.label,
        target: request.target.trim(),
        outcome,
        user: result.ok ? result.user : null,
        error: result.ok ? null : result.error,
      });
      return result;
    },

    async cancel(request, context) {
      const key = flightKey(context, request.requestId);
      const controller = inFlight.get(key);
      if (controller === undefined) return { ok: true, cancelled: false };
      inFlight.delete(key);
      controller.abort();
      return { ok: true, cancelled: true };
    },

    listAccounts: () => accountsState(),

    addAccount: (request) => addVerified(request),

    async updateAccount(request) {
      const { id, credentials, ...fields } = request;
      const view = accounts.view(id);
      if (view === null) return invalidRequest('That account no longer exists.');
      if (view.sandbox && (credentials !== undefined || fields.apiBase !== undefined)) {
        return invalidRequest('The sandbox account is managed by Befriend: its address and password cannot be changed.');
      }
      let self = view.self;
      if (credentials !== undefined || fields.apiBase !== undefined || fields.oauthBase !== undefined) {
        const current = await accounts.resolve(id);
        const nextCredentials = credentials ?? current?.credentials;
        if (nextCredentials === undefined) {
          return failure('unauthorized', `Enter the secret for ${view.label} again to change its server.`);
        }
        const verified = await client.verifyCredentials({
          profile: view.profile,
          apiBase: fields.apiBase ?? view.apiBase,
          oauthBase: fields.oauthBase === undefined ? view.oauthBase : fields.oauthBase,
          format: fields.format ?? view.format,
          credentials: nextCredentials,
          allowInsecureBasic: fields.allowInsecureBasic ?? view.allowInsecureBasic,
          hasUserSearch: fields.hasUserSearch ?? view.hasUserSearch,
        });
        if (!verified.ok) return verified;
        self = { id: verified.user.id, screenName: verified.user.screenName };
      }
      const updated = await accounts.update(id, { ...fields, self, credentials });
      if (updated === null) return invalidRequest('That account no longer exists.');
      changed('accounts');
      return { ok: true, account: updated };
    },

    async removeAccount(request) {
      if (!accounts.remove(request.id)) return invalidRequest('That account no longer exists.');
      changed('accounts');
      return accountsState();
    },

    async switchAccount(request) {
      if (!accounts.switchTo(request.id)) return invalidRequest('That account no longer exists.');
      changed('accounts');
      return accountsState();
    },

    async verifyAccount(request) {
      const resolved = await resolve(request.id);
      if (!resolved.ok) return resolved;
      const result = await client.verifyCredentials(resolved.account);
      if (result.ok) {
        await accounts.update(request.id, { self: { id: result.user.id, screenName: result.user.screenName } });
        changed('accounts');
      }
      return result;
    },

    async startOAuth(request) {
      const { consumerKey, consumerSecret, ...server } = request;
      const oauthBase = oauthBaseFor({
        profile: server.profile,
        apiBase: server.apiBase,
        oauthBase: server.oauthBase ?? null,
      });
      if (oauthBase === null) {
        return invalidRequest('This server needs its OAuth address (where request_token and access_token live).');
      }
      const consumer = { key: consumerKey, secret: consumerSecret };
      const token = await client.requestToken(oauthBase, consumer);
      if (!token.ok) return { ok: false, error: token.error, rateLimit: null };
      const flowId = oauthFlows.add({
        server: { ...server, oauthBase },
        consumer,
        requestToken: { token: token.token, tokenSecret: token.tokenSecret },
      });
      if (!(await desktop.openExternal(token.authorizeUrl))) {
        oauthFlows.finish(flowId);
        return invalidRequest('The server gave an authorize address that is not http(s): it was not opened.');
      }
      return { ok: true, flowId, authorizeUrl: token.authorizeUrl };
    },

    async finishOAuth(request) {
      const flow = oauthFlows.get(request.flowId);
      if (flow === null) return invalidRequest('This sign-in has expired: start again.');
      const access = await client.accessToken(flow.server.oauthBase, flow.consumer, flow.requestToken, request.pin);
      if (!access.ok) return { ok: false, error: access.error, rateLimit: null };
      const added = await addVerified({
        ...flow.server,
        credentials: {
          mode: 'oauth',
          consumerKey: flow.consumer.key,
          consumerSecret: flow.consumer.secret,
          token: access.token,
          tokenSecret: access.tokenSecret,
        },
      });
      if (added.ok) oauthFlows.finish(request.flowId);
      return added;
    },

    async startSandbox() {
      const refreshed = await refreshSandboxAccount();
      if (!('id' in refreshed)) return refreshed;
      accounts.switchTo(refreshed.id);
      store.set('firstRunDone', true);
      const view = accounts.view(refreshed.id);
      if (view === null) return failure('server_error', 'The sandbox account could not be saved.');
      changed('accounts');
      return { ok: true, account: view, apiBase: view.apiBase };
    },

    getSettings: () => settingsState(),

    async setSettings(request) {
      const before = readSettings(store);
      const next = { ...before };
      for (const [key, value] of Object.entries(request)) {
        if (value !== undefined) (next as Record<string, unknown>)[key] = value;
      }
      store.set('settings', next);
      if (next.trayEnabled !== before.trayEnabled) services.tray.setEnabled(next.trayEnabled);
      if (next.shortcutEnabled !== before.shortcutEnabled) {
        const change = services.shortcut.setEnabled(next.shortcutEnabled, next.shortcut);
        if (change && !change.ok) desktop.emit('notice', { level: 'warning', message: change.message });
      }
      if (next.persistSecretsWithoutKeyring !== before.persistSecretsWithoutKeyring) {
        await accounts.repersistSecrets();
        changed('accounts');
      }
      changed('settings');
      return settingsState();
    },

    async listHistory(request) {
      return { ok: true, entries: await history.list(request.limit) };
    },

    async clearHistory() {
      await history.clear();
      services.tray.refresh();
      changed('history');
      return { ok: true, entries: [] };
    },

    async setShortcut(request) {
      const change = services.shortcut.set(request.accelerator);
      if (!change.ok) return invalidRequest(change.message);
      store.set('settings', { ...readSettings(store), shortcut: change.accelerator, shortcutEnabled: true });
      changed('settings');
      return { ok: true, accelerator: change.accelerator };
    },

    async testShortcut(request) {
      const { available, reason } = services.shortcut.test(request.accelerator);
      return { ok: true, accelerator: request.accelerator, available, reason };
    },

    async openExternal(request) {
      if (!(await desktop.openExternal(request.url))) return invalidRequest('Only http:// and https:// addresses are opened.');
      return { ok: true };
    },

    async showInMain(request) {
      desktop.showProfile({ target: request.target, accountId: request.accountId ?? null, intent: 'show', source: 'quick-follow' });
      return { ok: true };
    },

    async closeQuickFollow() {
      desktop.closeQuickFollow();
      return { ok: true };
    },

    async bulkPreview(request) {
      const read = readBulkList(request.text, request.numericAs);
      if (!read.ok) return read;
      const { input } = read;
      const lookups = request.lookups ?? 0;
      let checked = { checked: 0, alreadyFollowingLines: [] as number[], unavailableLines: [] as number[], unknown: 0 };
      if (lookups > 0 && input.entries.length > 0) {
        const who = await bulkAccount(request.accountId);
        if (!who.ok) return who;
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
          bad: input.bad.slice(0, LIMITS.bulkPreviewLines).map((line) => ({ ...line, input: line.input.slice(0, LIMITS.target) })),
          duplicateCount: input.duplicates.length,
          duplicates: input.duplicates
            .slice(0, LIMITS.bulkPreviewLines)
            .map((line) => ({ ...line, input: line.input.slice(0, LIMITS.target) })),
          ...checked,
        },
      };
    },

    async bulkStart(request) {
      const read = readBulkList(request.text, request.numericAs);
      if (!read.ok) return read;
      if (read.input.entries.length === 0) return invalidRequest('This list names nobody to follow.');
      const who = await bulkAccount(request.accountId);
      if (!who.ok) return who;
      const notifyByDefault = accounts.view(who.id)?.notifyByDefault ?? false;
      return bulkAnswer(
        await services.bulk.start(who, read.input.entries, {
          ...(request.concurrency !== undefined ? { concurrency: request.concurrency } : {}),
          ...(request.pacePerMinute !== undefined ? { pacePerMinute: request.pacePerMinute } : {}),
          notify: request.notify ?? notifyByDefault,
        }),
      );
    },

    bulkPause: (request) => onBulkJob(request.accountId, (who) => services.bulk.pause(who)),

    bulkResume: (request) => onBulkJob(request.accountId, (who) => services.bulk.resume(who)),

    bulkCancel: (request) => onBulkJob(request.accountId, (who) => services.bulk.cancel(who)),

    bulkRetryFailed: (request) => onBulkJob(request.accountId, (who) => services.bulk.retryFailed(who)),

    async bulkSetOptions(request) {
      const who = await bulkAccount(request.accountId);
      if (!who.ok) return who;
      return bulkAnswer(
        await services.bulk.setOptions(who, {
          ...(request.concurrency !== undefined ? { concurrency: request.concurrency } : {}),
          ...(request.pacePerMinute !== undefined ? { pacePerMinute: request.pacePerMinute } : {}),
        }),
      );
    },

    async bulkStatus(request) {
      const id = request.accountId ?? accounts.activeId();
      if (id === null) return invalidRequest('No account yet: add one, or try the sandbox.');
      // Only an account with a kept list needs its secret (and, for the sandbox, the server).
      if (!(await services.bulk.hasSaved(id))) return { ok: true, job: null };
      const who = await bulkAccount(id);
      return who.ok ? bulkAnswer(await services.bulk.status(who)) : who;
    },

    async bulkItems(request) {
      const who = await bulkAccount(request.accountId);
      if (!who.ok) return who;
      const listed = await services.bulk.items(who, {
        ...(request.states ? { states: request.states } : {}),
        ...(request.search ? { search: request.search } : {}),
        offset: request.offset ?? 0,
        limit: request.limit ?? 100,
      });
      return listed.ok ? listed : bulkFailure(listed);
    },

    async bulkExportCsv(request) {
      const who = await bulkAccount(request.accountId);
      if (!who.ok) return who;
      const exported = await services.bulk.csv(who);
      if (!exported.ok) return bulkFailure(exported);
      const day = new Date().toISOString().slice(0, 10);
      const path = await desktop.saveFile(`befriend-bulk-${fileNamePart(who.label)}-${day}.csv`, exported.csv);
      return { ok: true, path, rows: exported.rows };
    },
  };

  const handlers: Partial<Record<ChannelName, (payload: unknown, context?: CallContext) => Promise<unknown>>> = {};
  for (const name of Object.keys(contract) as ChannelName[]) {
    handlers[name] = async (payload, context = MAIN_WINDOW) => {
      const parsed = contract[name].request.safeParse(payload);
      if (!parsed.success) return invalidRequest(describeIssues(parsed.error));
      try {
        const run = implementation[name] as (request: unknown, context: CallContext) => Promise<unknown>;
        return await run(parsed.data, context);
      } catch (error) {
        log(`${name} failed: ${error instanceof Error ? error.name : 'error'}`);
        return failure('server_error', 'Befriend could not finish this: try again, or restart Befriend if it keeps happening.');
      }
    };
  }
  return handlers as IpcHandlers;
}

/** For transports that carry a channel name as data (the harness): unknown names are refused. */
export function invokeChannel(
  handlers: IpcHandlers,
  channel: unknown,
  payload: unknown,
  context?: CallContext,
): Promise<unknown> {
  if (!isChannelName(channel)) return Promise.resolve(invalidRequest('Unknown channel.'));
  const handler = handlers[channel] as (payload: unknown, context?: CallContext) => Promise<unknown>;
  return handler(payload, context);
}
