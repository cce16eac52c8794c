import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { tempDir } from '../db/helpers';

// `npm run web -- --db FILE --port 0`: prints the URL, serves, and on Ctrl-C closes the
// database with the WAL checkpointed.
const root = path.resolve(import.meta.dirname, '../..');

describe('npm run web', () => {
  it('prints a tokened URL, answers, and stops cleanly on Ctrl-C', async () => {
    const t = tempDir();
    try {
      const db = path.join(t.dir, 'web.sqlite');
      const child = spawn(
        process.execPath,
        [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'src/app/web/main.ts', '--db', db, '--port', '0'],
        {
          cwd: root,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed:\n${out}`)), 120_000);
        const check = () => {
          const m = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        };
        child.stdout.on('data', check);
      });
      const u = new URL(url);
      const res = await fetch(`${u.origin}/api/app:info`, {
        method: 'POST',
        headers: { 'x-sw-token': u.searchParams.get('token')! },
        body: '{}',
      });
      expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
      // A write, so there is something in the WAL to checkpoint.
      const ws = await fetch(`${u.origin}/api/settings:update`, {
        method: 'POST',
        headers: { 'x-sw-token': u.searchParams.get('token')! },
        body: '{"moneyWan":true}',
      });
      expect(ws.status).toBe(200);
      const code = await new Promise<number | null>((resolve) => {
        child.on('exit', (c) => resolve(c));
        child.kill('SIGINT');
      });
      expect(code).toBe(0);
      expect(out).toContain('database closed');
      const wal = `${db}-wal`;
      expect(!fs.existsSync(wal) || fs.statSync(wal).size === 0).toBe(true);
      const check = new Database(db, { readonly: true });
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(JSON.parse(check.prepare("SELECT value FROM local_settings WHERE key = 'prefs'").pluck().get() as string).moneyWan).toBe(true);
      check.close();
    } finally {
      t.cleanup();
    }
  }, 180_000);
});
