import type { Account, Credentials } from '../../../core/account.js';
import { learnSelf } from '../../../core/account-self.js';
import { failure, invalidRequest, type IpcResult } from '../../shared/contract.js';
import type { MainServices, SandboxInfo } from '../services.js';

/** An account ready to act as: its secret decrypted (main only), and what the handlers need of its record. */
export interface ResolvedAccount {
  id: string;
  label: string;
  account: Account;
  notifyByDefault: boolean;
  /** The sandbox's address changes every launch: its bulk queue is tied to the demo user alone. */
  sandbox: boolean;
}

/**
 * Turns the account a request names (or the active one) into one the core can use, pointing the
 * sandbox's account at this session's sandbox first.
 */
export class AccountAccess {
  readonly #services: Pick<MainServices, 'accounts' | 'sandbox' | 'log' | 'client'>;
  /** Sandbox accounts already pointed at this session's sandbox. */
  readonly #sandboxReady = new Set<string>();

  constructor(services: Pick<MainServices, 'accounts' | 'sandbox' | 'log' | 'client'>) {
    this.#services = services;
  }

  /** The sandbox's address changes with every launch: points its account (added if need be) at the running one. */
  async refreshSandbox(): Promise<IpcResult<{ id: string }>> {
    const { accounts, sandbox, log } = this.#services;
    let info: SandboxInfo;
    try {
      info = await sandbox.ensure();
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
    this.#sandboxReady.add(id);
    return { ok: true, id };
  }

  async resolve(accountId: string | undefined): Promise<IpcResult<ResolvedAccount>> {
    const { accounts } = this.#services;
    const id = accountId ?? accounts.activeId();
    if (id === null) return invalidRequest('No account yet: add one, or try the sandbox.');
    const view = accounts.view(id);
    if (view === null) return invalidRequest('That account no longer exists: choose another one.');
    if (view.sandbox && !this.#sandboxReady.has(id)) {
      const refreshed = await this.refreshSandbox();
      if (!refreshed.ok) return refreshed;
    }
    const stored = await accounts.resolve(id);
    if (stored === null) {
      return failure(
        'unauthorized',
        `Befriend no longer has the password or tokens of ${view.label} (they were kept for the last session only, or the system keyring changed): enter them again in Accounts.`,
      );
    }
    const account = await this.#withSelf(id, stored);
    return { ok: true, id, label: view.label, account, notifyByDefault: view.notifyByDefault, sandbox: view.sandbox };
  }

  /**
   * An account saved before Befriend kept who it signs in as learns it on first use, and keeps
   * it: following yourself is refused before sending only when the id and name are known. When
   * the server cannot say now, the request goes on and meets the same trouble itself.
   */
  async #withSelf(id: string, account: Account): Promise<Account> {
    if (account.self?.id && account.self.screenName) return account;
    const learned = await learnSelf(this.#services.client, account);
    if (!learned.ok) return account;
    await this.#services.accounts.update(id, { self: learned.self });
    return { ...account, self: learned.self };
  }
}
