import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileSecretStore, type SecretCipher } from './secrets';

// The secret store's file: what a person's machine keeps of a team sign-in. Electron's
// safeStorage cannot run here, so a real AES-256-GCM cipher stands in for the OS keychain's key.

const dirs: string[] = [];
const tempFile = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-secrets-'));
  dirs.push(dir);
  return path.join(dir, 'nested', 'secrets.json');
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function aesCipher(name = 'aes-test', key = crypto.randomBytes(32)): SecretCipher {
  return {
    name,
    encrypt(plain) {
      const iv = crypto.randomBytes(12);
      const c = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
    },
    decrypt(sealed) {
      const b = Buffer.from(sealed, 'base64');
      const d = crypto.createDecipheriv('aes-256-gcm', key, b.subarray(0, 12));
      d.setAuthTag(b.subarray(12, 28));
      return Buffer.concat([d.update(b.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

describe('FileSecretStore', () => {
  it('keeps values by key across instances, in a file only its user can read, and deletes them', () => {
    const file = tempFile();
    const old = process.umask(0);
    try {
      new FileSecretStore(file).set('team-session https://a.example ref1', 'token-one');
    } finally {
      process.umask(old);
    }
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const again = new FileSecretStore(file);
    expect(again.get('team-session https://a.example ref1')).toBe('token-one');
    expect(again.get('team-session https://b.example ref1')).toBeNull();
    again.set('other', 'token-two');
    again.delete('team-session https://a.example ref1');
    expect(new FileSecretStore(file).get('team-session https://a.example ref1')).toBeNull();
    expect(new FileSecretStore(file).get('other')).toBe('token-two');
    expect(fs.readFileSync(file, 'utf8')).not.toContain('token-one');
    // No temporary file is left beside it.
    expect(fs.readdirSync(path.dirname(file))).toEqual(['secrets.json']);
  });

  it('with a cipher, writes only the sealed value; another key or cipher reads nothing', () => {
    const file = tempFile();
    const cipher = aesCipher();
    new FileSecretStore(file, cipher).set('k', 'live-session-token');
    expect(fs.readFileSync(file, 'utf8')).not.toContain('live-session-token');
    expect(new FileSecretStore(file, cipher).get('k')).toBe('live-session-token');
    // The file copied to another machine (another keychain key): absent, the person signs in again.
    expect(new FileSecretStore(file, aesCipher()).get('k')).toBeNull();
    expect(new FileSecretStore(file, aesCipher('other-cipher')).get('k')).toBeNull();
    expect(new FileSecretStore(file).get('k')).toBeNull();
    // A value written before the OS offered encryption is read, and sealed at the next write.
    const plain = tempFile();
    new FileSecretStore(plain).set('k', 'older-token');
    const sealed = new FileSecretStore(plain, cipher);
    expect(sealed.get('k')).toBe('older-token');
    sealed.set('k', 'newer-token');
    expect(fs.readFileSync(plain, 'utf8')).not.toContain('newer-token');
    expect(sealed.get('k')).toBe('newer-token');
  });

  it('a damaged file reads as empty and is replaced by the next write', () => {
    const file = tempFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '{ not json');
    const store = new FileSecretStore(file);
    expect(store.get('k')).toBeNull();
    store.set('k', 'v');
    expect(new FileSecretStore(file).get('k')).toBe('v');
  });
});
