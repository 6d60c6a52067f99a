import type { SafeStorage } from 'electron';
import type { SecretCipher } from '../../core/secret-vault.js';

export type SafeStorageApi = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

/**
 * safeStorage as the vault's cipher, through the async API (the sync one is deprecated in
 * Electron 45). macOS keeps the key in the Keychain, Windows protects it with DPAPI, Linux asks
 * the Secret Service (GNOME Keyring / libsecret) or KWallet — and without either falls back to
 * `basic_text`, a fixed key, which the vault treats as not secret.
 */
export function safeStorageCipher(safeStorage: SafeStorageApi, platform: string = process.platform): SecretCipher {
  return {
    async backend() {
      if (!(await safeStorage.isAsyncEncryptionAvailable())) return 'unavailable';
      if (platform === 'darwin') return 'keychain';
      if (platform === 'win32') return 'dpapi';
      const backend = safeStorage.getSelectedStorageBackend();
      return backend === 'unknown' ? 'unavailable' : backend;
    },
    encrypt: (plainText) => safeStorage.encryptStringAsync(plainText),
    decrypt: (cipherText) => safeStorage.decryptStringAsync(Buffer.from(cipherText)),
  };
}
