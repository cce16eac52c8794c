import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { developerOverrides } from '../../electron/main/overrides';

// The packaged app ignores every SW_* developer override (issue 16): loading a .node file
// named in SW_NATIVE_BINDING or opening the file in SW_DB is for `npm start` and tests only.
const hostile = {
  SW_NATIVE_BINDING: '/tmp/evil.node',
  SW_DB: '/tmp/other.sqlite',
  SW_MIGRATIONS_DIR: '/tmp/migrations',
  SW_VALIDATE_OUTPUT: '1',
  SW_QUIET: '1',
  sw_db: '/tmp/lowercase.sqlite', // Windows environment names are case-insensitive
  SW_SOMETHING_ADDED_LATER: 'x',
  PATH: '/usr/bin',
  HOME: '/home/u',
};

describe('developer overrides', () => {
  it('are all ignored by the packaged app, and named so main can remove them', () => {
    const o = developerOverrides(hostile, true);
    expect(o.db).toBeUndefined();
    expect(o.nativeBinding).toBeUndefined();
    expect(o.ignored).toEqual([
      'SW_DB',
      'SW_MIGRATIONS_DIR',
      'SW_NATIVE_BINDING',
      'SW_QUIET',
      'SW_SOMETHING_ADDED_LATER',
      'SW_VALIDATE_OUTPUT',
      'sw_db',
    ]);
    expect(o.ignored).not.toContain('PATH');
  });

  it('are honoured when running from source (npm start, tests)', () => {
    expect(developerOverrides(hostile, false)).toEqual({ db: '/tmp/other.sqlite', nativeBinding: '/tmp/evil.node', ignored: [] });
    expect(developerOverrides({ SW_DB: '' }, false)).toEqual({ ignored: [] });
    expect(developerOverrides({}, true)).toEqual({ ignored: [] });
  });

  it('are read in electron/ only through developerOverrides, which main applies first', () => {
    for (const f of fs.readdirSync('electron', { recursive: true }) as string[]) {
      if (!f.endsWith('.ts') || f.endsWith('overrides.ts')) continue;
      expect(fs.readFileSync(`electron/${f}`, 'utf8'), f).not.toMatch(/process\.env\.SW_|process\.env\[['"`]SW_/);
    }
    const main = fs.readFileSync('electron/main/index.ts', 'utf8');
    const apply = main.indexOf('developerOverrides(process.env, app.isPackaged)');
    expect(apply).toBeGreaterThan(0);
    expect(main.indexOf('for (const name of overrides.ignored) delete process.env[name]')).toBeGreaterThan(apply);
    // ...before the app does anything else.
    expect(apply).toBeLessThan(main.indexOf('requestSingleInstanceLock'));
  });
});
