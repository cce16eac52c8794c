import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appPathFor, isTrustedSender } from '../../electron/main/security';

// The runtime half of the sender rule, as pure functions fed hostile inputs: which frame
// may call an IPC channel, and which file an app:// URL may name.

describe('IPC sender check', () => {
  it("accepts only the app's own main frame", () => {
    expect(isTrustedSender({ url: 'app://bundle/index.html', isMainFrame: true })).toBe(true);
    expect(isTrustedSender({ url: 'app://bundle/index.html#/accounts', isMainFrame: true })).toBe(true);
  });

  it('refuses subframes, other origins, and frames that are gone', () => {
    const refused: [string, Parameters<typeof isTrustedSender>[0]][] = [
      ['our page in a subframe', { url: 'app://bundle/index.html', isMainFrame: false }],
      ['a remote page', { url: 'https://evil.example/', isMainFrame: true }],
      ['a local file', { url: 'file:///home/u/evil.html', isMainFrame: true }],
      ['another app:// host', { url: 'app://evil/index.html', isMainFrame: true }],
      ['a look-alike host', { url: 'app://bundle.evil/index.html', isMainFrame: true }],
      ['userinfo before another host', { url: 'app://bundle@evil/index.html', isMainFrame: true }],
      ['a port', { url: 'app://bundle:8080/index.html', isMainFrame: true }],
      ['about:blank (opened, then written into)', { url: 'about:blank', isMainFrame: true }],
      ['a data: URL', { url: 'data:text/html,<script>1</script>', isMainFrame: true }],
      ['devtools', { url: 'devtools://devtools/bundled/inspector.html', isMainFrame: true }],
      ['the dev server of another project', { url: 'http://localhost:5173/', isMainFrame: true }],
      ['a frame being torn down (no URL)', { url: '', isMainFrame: true }],
      ['no frame at all', null],
    ];
    for (const [what, sender] of refused) expect(isTrustedSender(sender), what).toBe(false);
  });
});

describe('app:// path check', () => {
  const root = '/opt/sw/resources/app/out/renderer';
  it('serves files of the bundle', () => {
    expect(appPathFor(root, 'app://bundle/')).toBe(`${root}/index.html`);
    expect(appPathFor(root, 'app://bundle/index.html')).toBe(`${root}/index.html`);
    expect(appPathFor(root, 'app://bundle/assets/index-abc.js?v=1#x')).toBe(`${root}/assets/index-abc.js`);
    expect(appPathFor(root, 'app://bundle/assets/%E4%B8%AD%E6%96%87.woff2')).toBe(`${root}/assets/中文.woff2`);
  });

  it('refuses traversal however it is spelled', () => {
    for (const url of [
      'app://bundle/..%2f..%2f..%2fetc%2fpasswd',
      'app://bundle/..%2F..%2Fbook.sqlite',
      'app://bundle/assets/..%2f..%2f..%2f..%2fbook.sqlite',
      'app://bundle/%2e%2e%2f%2e%2e%2fetc/passwd',
      'app://bundle/%252e%252e%252fetc%252fpasswd', // doubled: still encoded after one decode
      'app://bundle/..%252f..%252fetc%252fpasswd',
      'app://bundle/%25252e%25252e%25252f',
      'app://bundle/..%5c..%5cbook.sqlite', // backslash
      'app://bundle/assets\\..\\..\\book.sqlite',
      'app://bundle/%5c%5cserver%5cshare%5cx',
      'app://bundle//etc/passwd', // absolute path
      'app://bundle/%2fetc%2fpasswd',
      'app://bundle/C:%5cWindows%5cwin.ini',
      'app://bundle/C:/Windows/win.ini',
      'app://bundle/index.html%00.png', // NUL
      'app://bundle/index.html%0a',
      'app://bundle/assets/',
      'app://bundle/%', // malformed escape
      'app://bundle/%E4%B8', // malformed UTF-8
      'app://evil/index.html',
      'app://bundle@evil/index.html',
      'file:///etc/passwd',
      'not a url',
    ])
      expect(appPathFor(root, url), url).toBeNull();
  });

  it('dot segments the URL parser resolves itself (as Chromium does) stay inside the bundle', () => {
    expect(appPathFor(root, 'app://bundle/%2E%2E/%2E%2E/etc/passwd')).toBe(`${root}/etc/passwd`);
    expect(appPathFor(root, 'app://bundle/../../../etc/passwd')).toBe(`${root}/etc/passwd`);
    expect(appPathFor(root, 'app://bundle/assets/../index.html')).toBe(`${root}/index.html`);
    expect(appPathFor(root, 'app://bundle/assets/.%2e/.%2e/.%2e/x')).toBe(`${root}/x`);
  });

  it('holds with Windows path rules too', () => {
    const win = 'C:\\Program Files\\SW\\resources\\app\\out\\renderer';
    expect(appPathFor(win, 'app://bundle/assets/a.js', path.win32)).toBe(`${win}\\assets\\a.js`);
    for (const url of [
      'app://bundle/..%5c..%5cbook.sqlite',
      'app://bundle/D:%5cx',
      'app://bundle/D:/x',
      'app://bundle/a/..%2f..%2f..%2fx',
      'app://bundle/index.html:stream',
    ]) {
      expect(appPathFor(win, url, path.win32), url).toBeNull();
    }
  });
});
