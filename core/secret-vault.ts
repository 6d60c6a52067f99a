import type { Credentials } from './account.js';

/**
 * What encrypts secrets on this machine. Electron main implements it with `safeStorage`; tests
 * and the headless harness pass their own. It never sees where ciphertext is kept.
 */
export interface SecretCipher {
  /**
   * `keychain`, `dpapi`, a Linux backend (`gnome_libsecret`, `kwallet*`, `basic_text`), or
   * `unavailable` when nothing can encrypt.
   */
  backend(): Promise<string>;
  encrypt(plainText: string): Promise<Uint8Array>;
  decrypt(cipherText: Uint8Array): Promise<{ result: string; shouldReEncrypt: boolean }>;
}

/** How secrets are kept on this machine right now (see SECURITY.md). */
export interface SecretStorageStatus {
  backend: string;
  /** True when the ciphertext is protected by the OS (not `basic_text`, not unavailable). */
  secure: boolean;
  /** True when new secrets are written to disk (encrypted); false: kept for this session only. */
  persist: boolean;
  /** One sentence for people saying what this means for them. */
  message: string;
}

/** Where ciphertext lives: the settings file's `secrets` map (account id → base64). */
export interface CipherTextStore {
  read(): Record<string, string>;
  write(secrets: Record<string, string>): void;
}

function describeSecretStorage(backend: string, persistWithoutKeyring: boolean): SecretStorageStatus {
  if (backend === 'unavailable') {
    return {
      backend,
      secure: false,
      persist: false,
      message:
        'This system offers no encryption for stored secrets: passwords and tokens are kept for this session only and asked for again after a restart.',
    };
  }
  // Chromium's Linux fallback: its key is a fixed password, not protected by the OS.
  if (backend === 'basic_text') {
    return {
      backend,
      secure: false,
      persist: persistWithoutKeyring,
      message: persistWithoutKeyring
        ? 'No keyring was found (basic_text): secrets are saved with a fixed key that only stops casual reading, as you chose.'
        : 'No keyring was found (basic_text): passwords and tokens are kept for this session only. Install or unlock a keyring (GNOME Keyring, KWallet), or choose to save them anyway in Settings.',
    };
  }
  return {
    backend,
    secure: true,
    persist: true,
    message: `Secrets are encrypted with your system's keyring (${backend}) before they are saved.`,
  };
}

function isCredentials(value: unknown): value is Credentials {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  if (c.mode === 'basic') return typeof c.username === 'string' && typeof c.password === 'string';
  if (c.mode === 'oauth') {
    return ['consumerKey', 'consumerSecret', 'token', 'tokenSecret'].every((k) => typeof c[k] === 'string');
  }
  return false;
}

/**
 * Account credentials: in memory for this session, and on disk only as ciphertext, only when
 * the status says secrets may persist. Decrypted credentials never leave main.
 */
export class SecretVault {
  readonly #cipher: SecretCipher;
  readonly #store: CipherTextStore;
  readonly #persistWithoutKeyring: () => boolean;
  readonly #session = new Map<string, Credentials>();

  constructor(options: { cipher: SecretCipher; store: CipherTextStore; persistWithoutKeyring: () => boolean }) {
    this.#cipher = options.cipher;
    this.#store = options.store;
    this.#persistWithoutKeyring = options.persistWithoutKeyring;
  }

  async status(): Promise<SecretStorageStatus> {
    let backend: string;
    try {
      backend = await this.#cipher.backend();
    } catch {
      backend = 'unavailable';
    }
    return describeSecretStorage(backend, this.#persistWithoutKeyring());
  }

  /** Keeps the credentials; returns whether they were written to disk (encrypted). */
  async put(accountId: string, credentials: Credentials, options: { sessionOnly?: boolean } = {}): Promise<boolean> {
    this.#session.set(accountId, credentials);
    const persist = !options.sessionOnly && (await this.status()).persist;
    const secrets = { ...this.#store.read() };
    if (persist) {
      const cipherText = await this.#cipher.encrypt(JSON.stringify(credentials));
      secrets[accountId] = Buffer.from(cipherText).toString('base64');
    } else {
      delete secrets[accountId];
    }
    this.#store.write(secrets);
    return persist;
  }

  /** The credentials, from this session or decrypted from disk; null when neither has them. */
  async get(accountId: string): Promise<Credentials | null> {
    const inSession = this.#session.get(accountId);
    if (inSession) return inSession;
    const stored = this.#store.read()[accountId];
    if (stored === undefined) return null;
    let parsed: unknown;
    let reEncrypt: boolean;
    try {
      const decrypted = await this.#cipher.decrypt(Buffer.from(stored, 'base64'));
      reEncrypt = decrypted.shouldReEncrypt;
      parsed = JSON.parse(decrypted.result);
    } catch {
      return null;
    }
    if (!isCredentials(parsed)) return null;
    this.#session.set(accountId, parsed);
    if (reEncrypt) await this.put(accountId, parsed);
    return parsed;
  }

  has(accountId: string): boolean {
    return this.#session.has(accountId) || Object.hasOwn(this.#store.read(), accountId);
  }

  forget(accountId: string): void {
    this.#session.delete(accountId);
    const secrets = { ...this.#store.read() };
    if (Object.hasOwn(secrets, accountId)) {
      delete secrets[accountId];
      this.#store.write(secrets);
    }
  }

  /**
   * After the person opts in (or out) of saving without a keyring: writes this session's
   * secrets to disk, or removes them from it. Returns the ids now persisted.
   */
  async repersist(accountIds: readonly string[], isSessionOnly: (id: string) => boolean): Promise<Set<string>> {
    const persisted = new Set<string>();
    for (const id of accountIds) {
      const credentials = await this.get(id);
      if (credentials === null) continue;
      if (await this.put(id, credentials, { sessionOnly: isSessionOnly(id) })) persisted.add(id);
    }
    return persisted;
  }
}
