import { describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES } from '../../electron/main/schemePrivileges';

// V8's code cache for app:// cannot be timed without an Electron binary; the setting is
// held here: code cache on, and only together with `standard` (Electron ignores it on a
// non-standard scheme), and no privilege that would weaken the CSP or open the scheme.
describe('the app:// scheme privileges', () => {
  it('turn on V8 code cache on a standard, secure scheme and grant nothing more', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({ standard: true, secure: true, supportFetchAPI: true, codeCache: true });
  });
});
