/** Accounts: list, add (Basic, or OAuth through the PIN flow), change, verify, switch, remove; the sandbox's. */
import type { Account } from '../../../core/account.js';
import type { NewAccount } from '../../../core/accounts.js';
import { originOf } from '../../../core/secret-vault.js';
import { oauthBaseFor, SERVER_PROFILES } from '../../../core/server-profiles.js';
import { failure, invalidRequest, type AccountResult, type AccountsResult } from '../../shared/contract.js';
import { OAuthFlows } from '../oauth-flows.js';
import { defineHandlers, type HandlerDeps } from './handler-types.js';

export function accountHandlers({ services, access, changed }: HandlerDeps) {
  const { client, accounts, store, desktop } = services;
  const oauthFlows = new OAuthFlows();

  async function accountsState(): Promise<AccountsResult> {
    return { ok: true, ...(await accounts.state()) };
  }

  /** Saves an account only once the server accepted its credentials. */
  async function addVerified(input: NewAccount): Promise<AccountResult> {
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

  return defineHandlers({
    listAccounts: () => accountsState(),

    addAccount: (request) => addVerified(request),

    async updateAccount(request) {
      const { id, credentials, ...fields } = request;
      const view = accounts.view(id);
      if (view === null) return invalidRequest('That account no longer exists.');
      if (view.sandbox && (credentials !== undefined || fields.apiBase !== undefined)) {
        return invalidRequest('The sandbox account is managed by Befriend: its address and password cannot be changed.');
      }
      // A saved secret goes only where it was entered: a new server, OAuth address or plain-http
      // Basic needs it typed again, or a page could have main send it anywhere.
      const movesSecret =
        (fields.apiBase !== undefined && originOf(fields.apiBase) !== originOf(view.apiBase)) ||
        (fields.oauthBase !== undefined && fields.oauthBase !== view.oauthBase) ||
        (fields.allowInsecureBasic === true && !view.allowInsecureBasic);
      if (movesSecret && credentials === undefined) {
        return failure('unauthorized', `Enter the password or tokens of ${view.label} again to change its server or allow plain http.`);
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
      const resolved = await access.resolve(request.id);
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
      const oauthBase = oauthBaseFor({ profile: server.profile, apiBase: server.apiBase, oauthBase: server.oauthBase ?? null });
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
      const tokens = await client.accessToken(flow.server.oauthBase, flow.consumer, flow.requestToken, request.pin);
      if (!tokens.ok) return { ok: false, error: tokens.error, rateLimit: null };
      const added = await addVerified({
        ...flow.server,
        credentials: {
          mode: 'oauth',
          consumerKey: flow.consumer.key,
          consumerSecret: flow.consumer.secret,
          token: tokens.token,
          tokenSecret: tokens.tokenSecret,
        },
      });
      if (added.ok) oauthFlows.finish(request.flowId);
      return added;
    },

    async startSandbox() {
      const refreshed = await access.refreshSandbox();
      if (!refreshed.ok) return refreshed;
      accounts.switchTo(refreshed.id);
      store.set('firstRunDone', true);
      const view = accounts.view(refreshed.id);
      if (view === null) return failure('server_error', 'The sandbox account could not be saved.');
      changed('accounts');
      return { ok: true, account: view, apiBase: view.apiBase };
    },
  });
}
