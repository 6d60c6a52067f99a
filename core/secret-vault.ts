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

/** The origin (scheme, host, port) of an address; a secret is bound to the one it was entered for. */
export function originOf(address: string): string {
  try {
    return new URL(address).origin;
  } catch {
    return 'invalid:';
  }
}

interface Bound {
  origin: string;
  credentials: Credentials;
}

/** What is encrypted: the credentials and their origin; a bare Credentials is from before origins were kept. */
function boundOf(value: unknown, origin: string): Bound | null {
  if (isCredentials(value)) return { origin, credentials: value };
  if (typeof value !== 'object' || value === null) return null;
  const bound = value as Record<string, unknown>;
  return typeof bound.origin === 'string' && isCredentials(bound.credentials) ? { origin: bound.origin, credentials: bound.credentials } : null;
}

/**
 * Account credentials: in memory for this session, and on disk only as ciphertext, only when
 * the status says secrets may persist. Decrypted credentials never leave main. Each secret is
 * bound to the server origin it was entered for, and is handed out only for that origin: an
 * account moved to another server (or scheme) must be given its secret again.
 */
export class SecretVault {
  readonly #cipher: SecretCipher;
  readonly #store: CipherTextStore;
  readonly #persistWithoutKeyring: () => boolean;
  readonly #session = new Map<string, Bound>();

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

  /** Keeps the credentials for `origin`; returns whether they were written to disk (encrypted). */
  async put(accountId: string, origin: string, credentials: Credentials, options: { sessionOnly?: boolean } = {}): Promise<boolean> {
    const bound: Bound = { origin, credentials };
    this.#session.set(accountId, bound);
    const persist = !options.sessionOnly && (await this.status()).persist;
    const secrets = { ...this.#store.read() };
    if (persist) {
      const cipherText = await this.#cipher.encrypt(JSON.stringify(bound));
      secrets[accountId] = Buffer.from(cipherText).toString('base64');
    } else {
      delete secrets[accountId];
    }
    this.#store.write(secrets);
    return persist;
  }

  /**
   * The credentials to send to `origin`, from this session or decrypted from disk; null when
   * neither has them, or they were entered for another origin. A secret saved before origins
   * were kept is bound to the origin it is first asked for: its account's own.
   */
  async get(accountId: string, origin: string): Promise<Credentials | null> {
    const bound = await this.#bound(accountId, origin);
    return bound !== null && bound.origin === origin ? bound.credentials : null;
  }

  async #bound(accountId: string, origin: string): Promise<Bound | null> {
    const inSession = this.#session.get(accountId);
    if (inSession) return inSession;
    const stored = this.#store.read()[accountId];
    if (stored === undefined) return null;
    let bound: Bound | null;
    let legacy: boolean;
    let reEncrypt: boolean;
    try {
      const decrypted = await this.#cipher.decrypt(Buffer.from(stored, 'base64'));
      const parsed: unknown = JSON.parse(decrypted.result);
      legacy = isCredentials(parsed);
      bound = boundOf(parsed, origin);
      reEncrypt = decrypted.shouldReEncrypt;
    } catch {
      return null;
    }
    if (bound === null) return null;
    this.#session.set(accountId, bound);
    if (reEncrypt || legacy) await this.put(accountId, bound.origin, bound.credentials);
    return bound;
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
  async repersist(accounts: readonly { id: string; origin: string }[], isSessionOnly: (id: string) => boolean): Promise<Set<string>> {
    const persisted = new Set<string>();
    for (const { id, origin } of accounts) {
      const bound = await this.#bound(id, origin);
      if (bound === null) continue;
      if (await this.put(id, bound.origin, bound.credentials, { sessionOnly: isSessionOnly(id) })) persisted.add(id);
    }
    return persisted;
  }
}
