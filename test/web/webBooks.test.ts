import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { tempDir } from '../db/helpers';

// `npm run web` without --db, as a new user starts it (HOME is a fresh folder): no book is
// open until the browser chooses, the demo goes into its own file, the team's book into
// another, and nothing of the demo ever lands in the user's book.
const root = path.resolve(import.meta.dirname, '../..');

describe('npm run web without --db', () => {
  it("opens no book until asked; the demo and the team's book are separate files", async () => {
    const t = tempDir();
    const child = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'src/app/web/main.ts', '--port', '0'], {
      cwd: root,
      env: { ...process.env, HOME: t.dir, USERPROFILE: t.dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      const url = await new Promise<URL>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed:\n${out}`)), 120_000);
        child.stdout.on('data', () => {
          const m = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(new URL(m[1]!));
          }
        });
      });
      const api = async <T>(
        channel: string,
        body: unknown = {},
      ): Promise<{ ok: boolean; value: T; error?: { code: string; message: string } }> => {
        const res = await fetch(`${url.origin}/api/${channel}`, {
          method: 'POST',
          headers: { 'x-sw-token': url.searchParams.get('token')! },
          body: JSON.stringify(body),
        });
        return (await res.json()) as { ok: boolean; value: T; error?: { code: string; message: string } };
      };
      const dataDir = path.join(t.dir, '.sales-workstation');
      const books = () =>
        fs.existsSync(dataDir)
          ? fs
              .readdirSync(dataDir)
              .filter((f) => f.endsWith('.sqlite'))
              .sort()
          : [];

      expect(out).toContain('no book open yet');
      expect((await api<{ open: boolean }>('books:state')).value.open).toBe(false);
      // No book was made, let alone seeded; a data channel explains what to do.
      expect(books()).toEqual([]);
      const refused = await api('accounts:lookups');
      expect(refused.ok).toBe(false);
      expect(refused.error!.message).toMatch(/No book is open yet/);

      // The team's book first: empty, in its own file, with its name and time zone.
      expect((await api('books:create', { companyName: 'Team Co', timeZone: 'America/Los_Angeles', locale: 'en' })).ok).toBe(true);
      const [own] = books();
      expect(own).toMatch(/^book-\d{14}-[0-9a-f]{4}\.sqlite$/);
      expect((await api<{ territories: unknown[] }>('accounts:lookups')).value.territories).toEqual([]);
      expect((await api<{ timeZone: string }>('settings:get')).value.timeZone).toBe('America/Los_Angeles');

      // The demo, asked for: demo.sqlite, marked; the team's book untouched.
      expect((await api('books:openDemo')).ok).toBe(true);
      expect(books()).toEqual([own, 'demo.sqlite'].sort());
      const state = (await api<{ demo: boolean; fileName: string; books: { fileName: string; demo: boolean }[] }>('books:state')).value;
      expect(state).toMatchObject({ demo: true, fileName: 'demo.sqlite' });
      expect(state.books.map((b) => [b.fileName, b.demo])).toEqual([
        ['demo.sqlite', true],
        [own, false],
      ]);

      const code = await new Promise<number | null>((resolve) => {
        child.on('exit', (c) => resolve(c));
        child.kill('SIGINT');
      });
      expect(code).toBe(0);
      const count = (file: string, sql: string) => {
        const db = new Database(path.join(dataDir, file), { readonly: true });
        try {
          return db.prepare(sql).pluck().get() as number;
        } finally {
          db.close();
        }
      };
      expect(count('demo.sqlite', 'SELECT count(*) FROM accounts')).toBe(400);
      expect(count(own!, 'SELECT count(*) FROM accounts')).toBe(0);
      expect(count(own!, 'SELECT count(*) FROM territories')).toBe(0);
      // The next start opens the book last used (the demo), not a fresh choice.
      expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'current-book.json'), 'utf8'))).toEqual({ file: 'demo.sqlite' });
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      t.cleanup();
    }
  }, 180_000);
});
