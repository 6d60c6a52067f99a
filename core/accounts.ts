import { randomUUID } from 'node:crypto';
import type { Account, Credentials, ServerProfileId } from './account.js';
import type { SettingsFile, StoredAccount } from './settings-file.js';
import { originOf, type SecretStorageStatus, type SecretVault } from './secret-vault.js';
import { SERVER_PROFILES } from './server-profiles.js';
import type { Format } from './types.js';

/** An account as the renderer sees it: the stored record (which holds no secret) and one fact. */
export interface AccountView extends StoredAccount {
  /** False after a restart when the secret was session-only: ask the person for it again. */
  secretAvailable: boolean;
}

export interface AccountsState {
  accounts: AccountView[];
  activeId: string | null;
  secretStorage: SecretStorageStatus;
}

export interface NewAccount {
  label?: string | undefined;
  profile: ServerProfileId;
  apiBase: string;
  oauthBase?: string | null | undefined;
  format?: Format | undefined;
  notifyByDefault?: boolean | undefined;
  allowInsecureBasic?: boolean | undefined;
  hasUserSearch?: boolean | undefined;
  self?: { id: string | null; screenName: string | null } | null | undefined;
  sandbox?: boolean | undefined;
  credentials: Credentials;
}

export type AccountChanges = Partial<
  Pick<StoredAccount, 'label' | 'apiBase' | 'oauthBase' | 'format' | 'notifyByDefault' | 'allowInsecureBasic' | 'hasUserSearch' | 'self'>
> & { credentials?: Credentials | undefined };

function usernameOf(credentials: Credentials, self: NewAccount['self']): string | null {
  return credentials.mode === 'basic' ? credentials.username : (self?.screenName ?? null);
}

function defaultLabel(username: string | null, apiBase: string): string {
  const host = URL.canParse(apiBase) ? new URL(apiBase).host : apiBase;
  return (username ? `@${username} on ${host}` : host).slice(0, 80);
}

/**
 * Accounts (without secrets) in the settings file, one of them active, and their credentials in
 * the vault. Plain Node: Electron main and the headless harness share it.
 */
export class AccountsService {
  readonly #store: SettingsFile;
  readonly #vault: SecretVault;
  readonly #now: () => Date;

  constructor(options: { store: SettingsFile; vault: SecretVault; now?: () => Date }) {
    this.#store = options.store;
    this.#vault = options.vault;
    this.#now = options.now ?? (() => new Date());
  }

  #all(): StoredAccount[] {
    return this.#store.get('accounts');
  }

  #save(accounts: StoredAccount[]): void {
    this.#store.set('accounts', accounts);
  }

  #view(account: StoredAccount): AccountView {
    return { ...account, secretAvailable: this.#vault.has(account.id) };
  }

  async state(): Promise<AccountsState> {
    return {
      accounts: this.#all().map((a) => this.#view(a)),
      activeId: this.activeId(),
      secretStorage: await this.#vault.status(),
    };
  }

  activeId(): string | null {
    const active = this.#store.get('activeAccountId');
    return active !== null && this.#all().some((a) => a.id === active) ? active : null;
  }

  view(id: string): AccountView | null {
    const account = this.#all().find((a) => a.id === id);
    return account ? this.#view(account) : null;
  }

  /** Saves a new account and its credentials and makes it the active one. */
  async add(input: NewAccount): Promise<AccountView> {
    const profile = SERVER_PROFILES[input.profile];
    const id = randomUUID();
    const username = usernameOf(input.credentials, input.self);
    const apiBase = input.apiBase;
    const sandbox = input.sandbox ?? false;
    const persisted = await this.#vault.put(id, originOf(apiBase), input.credentials, { sessionOnly: sandbox });
    const account: StoredAccount = {
      id,
      label: input.label ?? defaultLabel(username, apiBase),
      profile: input.profile,
      apiBase,
      oauthBase: input.oauthBase ?? null,
      authMode: input.credentials.mode,
      username,
      format: input.format ?? profile.defaultFormat,
      notifyByDefault: input.notifyByDefault ?? false,
      allowInsecureBasic: input.allowInsecureBasic ?? false,
      hasUserSearch: input.hasUserSearch ?? profile.hasUserSearch,
      self: input.self ?? null,
      sandbox,
      secretPersisted: persisted,
      createdAt: this.#now().toISOString(),
    };
    this.#save([...this.#all(), account]);
    this.#store.set('activeAccountId', id);
    return this.#view(account);
  }

  async update(id: string, changes: AccountChanges): Promise<AccountView | null> {
    const accounts = this.#all();
    const index = accounts.findIndex((a) => a.id === id);
    const current = accounts[index];
    if (current === undefined) return null;
    const { credentials, ...fields } = changes;
    const given = Object.entries(fields).filter(([, value]) => value !== undefined);
    const next: StoredAccount = { ...current, ...Object.fromEntries(given) };
    if (credentials !== undefined) {
      next.authMode = credentials.mode;
      next.username = usernameOf(credentials, next.self);
      next.secretPersisted = await this.#vault.put(id, originOf(next.apiBase), credentials, { sessionOnly: next.sandbox });
    } else if (fields.self !== undefined && next.authMode === 'oauth') {
      next.username = fields.self?.screenName ?? next.username;
    }
    const updated = accounts.slice();
    updated[index] = next;
    this.#save(updated);
    return this.#view(next);
  }

  remove(id: string): boolean {
    const accounts = this.#all();
    const remaining = accounts.filter((a) => a.id !== id);
    if (remaining.length === accounts.length) return false;
    this.#vault.forget(id);
    this.#save(remaining);
    if (this.#store.get('activeAccountId') === id) {
      this.#store.set('activeAccountId', remaining[0]?.id ?? null);
    }
    return true;
  }

  switchTo(id: string): boolean {
    if (!this.#all().some((a) => a.id === id)) return false;
    this.#store.set('activeAccountId', id);
    return true;
  }

  /** What the core needs to act as this account (decrypting here, in main); null without secrets. */
  async resolve(id: string): Promise<Account | null> {
    const account = this.#all().find((a) => a.id === id);
    if (!account) return null;
    const credentials = await this.#vault.get(id, originOf(account.apiBase));
    if (credentials === null) return null;
    const { profile, apiBase, oauthBase, format, allowInsecureBasic, self, hasUserSearch } = account;
    return { profile, apiBase, oauthBase, format, credentials, allowInsecureBasic, self, hasUserSearch };
  }

  /** Re-applies the persistence rule to every account's secret (after the person changed it). */
  async repersistSecrets(): Promise<void> {
    const accounts = this.#all();
    const persisted = await this.#vault.repersist(
      accounts.map((a) => ({ id: a.id, origin: originOf(a.apiBase) })),
      (id) => accounts.find((a) => a.id === id)?.sandbox ?? false,
    );
    this.#save(accounts.map((a) => ({ ...a, secretPersisted: persisted.has(a.id) })));
  }

  /** The embedded sandbox's demo account, if one was added. */
  sandboxAccount(): AccountView | null {
    const account = this.#all().find((a) => a.sandbox);
    return account ? this.#view(account) : null;
  }
}
