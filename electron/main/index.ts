import path from 'node:path';
import { app, BrowserWindow, dialog } from 'electron';
import { createRegistry } from '../../src/app/handlers';
import type { ServerContext } from '../../src/platform/context';
import { AppError } from '../../src/shared/errors';
import { backupsFor, currentBookPath, recoverFromBackup, startNewBook } from '../../src/platform/bookLocation';
import { BookShelf } from '../../src/platform/bookShelf';
import { installSecretStore } from '../../src/platform/secrets';
import { startAutoSync } from '../../src/features/team/server/autoSync';
import { registerIpc } from './ipc';
import { desktopSecretStore } from './secrets';
import { electronNativeBinding } from './native';
import { developerOverrides } from './overrides';
import { registerSchemePrivileges, serveRenderer } from './protocol';
import { createMainWindow, denyAllPermissions } from './window';

// Lifecycle only: one instance, open the current book of the user-data folder (on the
// first start none: the window asks for the demo or the team's own book), register the
// contract's channels, show the hardened window.

// First, before any module reads one: the packaged app honours no SW_* override.
const overrides = developerOverrides(process.env, app.isPackaged);
for (const name of overrides.ignored) delete process.env[name];

if (!app.requestSingleInstanceLock()) app.quit();
registerSchemePrivileges();
app.enableSandbox();

let shelf: BookShelf | null = null;
let ctx: ServerContext | null = null;
let stopAutoSync: (() => void) | null = null;
let win: BrowserWindow | null = null;

async function openUserBook(): Promise<ServerContext> {
  const userData = app.getPath('userData');
  const opts = { platform: 'electron' as const, appVersion: app.getVersion(), native: electronNativeBinding(overrides.nativeBinding) };
  shelf = new BookShelf(userData, opts);
  for (;;) {
    const dbPath = overrides.db ?? currentBookPath(userData);
    try {
      // Switching books later swaps this same context's database in place.
      return await shelf.start(overrides.db);
    } catch (err) {
      const message = err instanceof AppError ? err.message : String(err);
      const backups = backupsFor(userData);
      // The damaged, locked or newer file is never written to: recovery goes to a new file.
      const choice = dialog.showMessageBoxSync({
        type: 'error',
        title: 'Sales Workstation',
        message: 'The database could not be opened. / 无法打开数据库。',
        detail: `${message}\n\n${dbPath}`,
        buttons: [
          ...(backups.length ? ['Restore a backup… / 从备份恢复…'] : []),
          'Start a new file / 新建数据文件',
          'Try again / 重试',
          'Quit / 退出',
        ],
        defaultId: 0,
        cancelId: backups.length ? 3 : 2,
      });
      const action = (backups.length ? ['restore', 'new', 'retry', 'quit'] : ['new', 'retry', 'quit'])[choice];
      if (action === 'quit') {
        app.exit(1);
        throw err;
      }
      if (action === 'new') startNewBook(userData);
      if (action === 'restore') {
        const picked = dialog.showOpenDialogSync({
          defaultPath: path.join(userData, 'backups'),
          properties: ['openFile'],
          filters: [{ name: 'Backups', extensions: ['sqlite'] }],
        });
        if (picked?.[0]) {
          try {
            await recoverFromBackup(userData, picked[0]);
          } catch (e) {
            dialog.showErrorBox('Sales Workstation', e instanceof Error ? e.message : String(e));
          }
        }
      }
    }
  }
}

app.on('second-instance', () => {
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
});

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

void app.whenReady().then(async () => {
  denyAllPermissions();
  serveRenderer(path.join(import.meta.dirname, '../renderer'));
  // Before a book opens: an older book's team session token moves into this store on open.
  installSecretStore(desktopSecretStore(app.getPath('userData')));
  ctx = await openUserBook();
  registerIpc(
    createRegistry(),
    () => ctx!,
    () => win,
  );
  // A team book pushes what was changed offline once its server is reachable (issue 21).
  stopAutoSync = startAutoSync(() => (shelf?.isOpen() ? ctx : null));
  win = createMainWindow(path.join(import.meta.dirname, '../preload/index.cjs'));
  win.on('closed', () => (win = null));
});

app.on('window-all-closed', () => {
  stopAutoSync?.();
  shelf?.close();
  ctx = null;
  app.quit();
});
