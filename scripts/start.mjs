#!/usr/bin/env node
// `npm start`: everything a user's machine needs to run the desktop app, then the app.
// 1. Electron's binary (downloaded on first run by the electron package).
// 2. better-sqlite3 built for Electron's ABI, kept in .native/ — node_modules keeps the
//    Node build that the tests and the CLI use (never rebuilt in place).
// 3. The bundles (electron-vite build), then Electron on them. The first run creates the
//    demo book in the user-data folder.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const nativeOnly = args.includes('--native-only');

function fail(msg) {
  console.error(`\n✖ ${msg}`);
  process.exit(1);
}

function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { stdio: 'inherit', cwd: root, ...opts });
  return r.status === 0;
}

// 1. Electron binary
const electronPkg = require('electron/package.json');
const electronVersion = electronPkg.version;
const electronDir = path.dirname(require.resolve('electron/package.json'));
const electronPath = () => {
  const pathFile = path.join(electronDir, 'path.txt');
  return fs.existsSync(pathFile) ? path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim()) : null;
};
const binaryReady = () => {
  const p = electronPath();
  return !!p && fs.existsSync(p);
};
if (!nativeOnly && !binaryReady()) {
  console.log(`Downloading Electron ${electronVersion} (first run only)…`);
  if (!run(process.execPath, [path.join(electronDir, 'install.js')]) || !binaryReady()) {
    fail(
      'Electron could not be downloaded. Check the network (or a mirror via ELECTRON_MIRROR) and run `npm start` again.\n  Without Electron, `npm run web` opens the same app in your browser.',
    );
  }
}

// 2. better-sqlite3 for Electron's ABI
const nativeDir = path.join(root, '.native', `electron-${electronVersion}`);
const nativeFile = path.join(nativeDir, 'better_sqlite3.node');
if (!fs.existsSync(nativeFile)) {
  console.log(`Building better-sqlite3 for Electron ${electronVersion} (first run only)…`);
  const src = path.dirname(require.resolve('better-sqlite3/package.json'));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-native-'));
  fs.cpSync(src, work, { recursive: true, filter: (p) => !p.includes(`${path.sep}build${path.sep}`) });
  // A prebuilt Electron binary when one is published, else compile against Electron's headers.
  const prebuilt = run('npx', ['--yes', 'prebuild-install', '--runtime', 'electron', '--target', electronVersion], { cwd: work });
  const built =
    prebuilt ||
    run(
      process.env.npm_config_node_gyp ? process.execPath : 'npx',
      [
        ...(process.env.npm_config_node_gyp ? [process.env.npm_config_node_gyp] : ['--yes', 'node-gyp']),
        'rebuild',
        '--release',
        '--runtime=electron',
        `--target=${electronVersion}`,
        '--dist-url=https://electronjs.org/headers',
      ],
      { cwd: work },
    );
  const out = path.join(work, 'build', 'Release', 'better_sqlite3.node');
  if (!built || !fs.existsSync(out))
    fail('better-sqlite3 could not be built for Electron (a C++ toolchain and Python are needed to compile it).');
  fs.mkdirSync(nativeDir, { recursive: true });
  fs.copyFileSync(out, nativeFile);
  fs.rmSync(work, { recursive: true, force: true });
}
if (nativeOnly) process.exit(0);

// 3. Build and launch
if (!run('npx', ['electron-vite', 'build'])) fail('The build failed.');
const child = spawn(electronPath(), ['.', ...args], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, SW_NATIVE_BINDING: nativeFile, ELECTRON_RUN_AS_NODE: undefined },
});
child.on('exit', (code) => process.exit(code ?? 0));
