import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// Credentials kept OUTSIDE the book: a book file is copied, backed up and mailed, so it must not
// carry a live session token. The store is the process's (like a keychain, one per user and
// machine), installed by the front door at start: Electron main and `npm run web` put a file in
// their data folder (Electron encrypts each value with the OS keychain through safeStorage).
// Until one is installed (tests, the CLI, the team server's own browser books, whose token is
// the browser's session cookie) the store is this process's memory: a sign-in lasts as long as
// the process.

export interface SecretStore {
  /** False for the process's memory: what is put there is gone when the process ends. */
  readonly persistent: boolean;
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
}

/** Encrypts a value before it is written (Electron: safeStorage, i.e. the OS keychain's key). */
export interface SecretCipher {
  /** A name stored with each value, so a value written by another cipher is not misread. */
  readonly name: string;
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

interface StoredValue {
  cipher: string | null;
  value: string;
}

/**
 * One JSON file of key → value, readable by this user only (0600, in a folder that is theirs).
 * Writes go to a temporary file renamed over the old one, so a crash leaves the old or the new
 * file, never half of one. A value sealed by a cipher this process does not have (e.g. the file
 * copied to another machine) reads as absent: the person signs in again.
 */
export class FileSecretStore implements SecretStore {
  readonly persistent = true;
  constructor(
    readonly file: string,
    private readonly cipher: SecretCipher | null = null,
  ) {}

  get(key: string): string | null {
    const v = this.read()[key];
    if (!v) return null;
    // Written before the OS offered encryption: still the user's own 0600 file; the next write seals it.
    if (v.cipher === null) return v.value;
    if (!this.cipher || v.cipher !== this.cipher.name) return null;
    try {
      return this.cipher.decrypt(v.value);
    } catch {
      return null;
    }
  }

  set(key: string, value: string): void {
    const all = this.read();
    all[key] = this.cipher ? { cipher: this.cipher.name, value: this.cipher.encrypt(value) } : { cipher: null, value };
    this.write(all);
  }

  delete(key: string): void {
    const all = this.read();
    if (!(key in all)) return;
    delete all[key];
    this.write(all);
  }

  private read(): Record<string, StoredValue> {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw err;
    }
    try {
      const parsed = JSON.parse(text) as unknown;
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, StoredValue>) : {};
    } catch {
      // A damaged file holds nothing usable: the person signs in again, which rewrites it.
      return {};
    }
  }

  private write(all: Record<string, StoredValue>): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(all, null, 1), { mode: 0o600 });
    // mode applies only when the file is created; an umask cannot widen it, chmod makes sure.
    fs.chmodSync(tmp, 0o600);
    fs.renameSync(tmp, this.file);
  }
}

/** The process's memory: what a process without a data folder keeps for its own life. */
export class MemorySecretStore implements SecretStore {
  readonly persistent = false;
  private readonly values = new Map<string, string>();
  get(key: string): string | null {
    return this.values.get(key) ?? null;
  }
  set(key: string, value: string): void {
    this.values.set(key, value);
  }
  delete(key: string): void {
    this.values.delete(key);
  }
}

let installed: SecretStore = new MemorySecretStore();

/** The front door's store (call once at start, before a book is opened). */
export function installSecretStore(store: SecretStore): void {
  installed = store;
}

export function secretStore(): SecretStore {
  return installed;
}

/** The file a front door keeps its secrets in, inside its data folder. */
export const secretsFileIn = (dataDir: string): string => path.join(dataDir, 'secrets.json');
