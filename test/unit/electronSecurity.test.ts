import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, isAppUrl } from '../../electron/main/security';

// The window's hardening, asserted without an Electron binary: the settings module is
// plain data; window.ts passes it unchanged (checked below by reading the source).
describe('Electron hardening', () => {
  it('makes the window with the secure webPreferences', () => {
    const win = fs.readFileSync('electron/main/window.ts', 'utf8');
    const prefs = /webPreferences: \{([\s\S]*?)\n {4}\}/.exec(win)?.[1] ?? '';
    for (const line of [
      'contextIsolation: true',
      'sandbox: true',
      'nodeIntegration: false',
      'nodeIntegrationInWorker: false',
      'nodeIntegrationInSubFrames: false',
      'webSecurity: true',
      'allowRunningInsecureContent: false',
      'webviewTag: false',
      'experimentalFeatures: false',
      "disableBlinkFeatures: 'Auxclick'",
    ])
      expect(prefs, line).toContain(line);
    // Nothing anywhere switches them back.
    for (const dir of ['electron', 'src']) {
      for (const f of fs.readdirSync(dir, { recursive: true }) as string[]) {
        if (!/\.(ts|tsx)$/.test(f)) continue;
        const text = fs.readFileSync(`${dir}/${f}`, 'utf8');
        expect(text, f).not.toMatch(/nodeIntegration:\s*true|contextIsolation:\s*false|sandbox:\s*false|webSecurity:\s*false/);
      }
    }
  });
  it('has a strict CSP: nothing remote, no inline or eval script', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v]),
    );
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
    // The same policy is in the page itself (meta), for the web server and the test bridge.
    const html = fs.readFileSync('src/renderer/index.html', 'utf8');
    expect(html).toContain("script-src 'self'");
    expect(html).not.toMatch(/unsafe-eval|https?:\/\/(?!www\.w3)/);
  });
  it('accepts only the app origin for navigation', () => {
    expect(isAppUrl('app://bundle/index.html')).toBe(true);
    expect(isAppUrl('https://evil.example/')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
  it('window.ts blocks navigation, new windows and permissions; main is single-instance', () => {
    const win = fs.readFileSync('electron/main/window.ts', 'utf8');
    expect(win).toMatch(/will-navigate[\s\S]*preventDefault/);
    expect(win).toMatch(/setWindowOpenHandler\(\(\) => \(\{ action: 'deny' \}\)\)/);
    expect(win).not.toContain('openExternal');
    expect(win).toMatch(/setPermissionRequestHandler\([\s\S]*?callback\(false\)/);
    const main = fs.readFileSync('electron/main/index.ts', 'utf8');
    expect(main).toContain('requestSingleInstanceLock');
    expect(main).toContain('enableSandbox');
    const preload = fs.readFileSync('electron/preload/index.ts', 'utf8');
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/);
  });
  it('sets the fuses in the packaging config', () => {
    const yml = fs.readFileSync('electron-builder.yml', 'utf8');
    expect(yml).toMatch(/runAsNode:\s*false/);
    expect(yml).toMatch(/enableNodeOptionsEnvironmentVariable:\s*false/);
    expect(yml).toMatch(/enableNodeCliInspectArguments:\s*false/);
    expect(yml).toMatch(/onlyLoadAppFromAsar:\s*true/);
  });
});
