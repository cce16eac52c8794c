import { safeStorage } from 'electron';
import { FileSecretStore, secretsFileIn, type SecretCipher } from '../../src/platform/secrets';

// The desktop's secret store: the user-data folder's secrets.json, each value encrypted with
// Electron's safeStorage (the OS keychain's key: Keychain, DPAPI, libsecret/kwallet) when the OS
// offers it. Without it (a Linux session with no keyring) the file alone protects the value
// (0600 in the user's own folder), as Chromium itself does there. Call after app 'ready'.

function safeStorageCipher(): SecretCipher | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  return {
    name: 'electron-safeStorage',
    encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
    decrypt: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}

export function desktopSecretStore(userData: string): FileSecretStore {
  return new FileSecretStore(secretsFileIn(userData), safeStorageCipher());
}
