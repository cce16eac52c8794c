import path from 'node:path';
import { app, BrowserWindow, dialog } from 'electron';
import { openBook } from '../../src/server/book';
import { createRegistry } from '../../src/server/handlers';
import type { ServerContext } from '../../src/server/context';
import { AppError } from '../../src/shared/errors';
import { registerIpc } from './ipc';
import { electronNativeBinding } from './native';
import { registerSchemePrivileges, serveRenderer } from './protocol';
import { createMainWindow, denyAllPermissions } from './window';

// Lifecycle only: one instance, open the book in the user-data folder (the demo company
// on first run), register the contract's channels, show the hardened window.

if (!app.requestSingleInstanceLock()) app.quit();
registerSchemePrivileges();
app.enableSandbox();

let ctx: ServerContext | null = null;
let win: BrowserWindow | null = null;

async function openUserBook(): Promise<ServerContext> {
  const dbPath = process.env.SW_DB ?? path.join(app.getPath('userData'), 'book.sqlite');
  try {
    return await openBook(dbPath, { demo: true, platform: 'electron', appVersion: app.getVersion(), native: electronNativeBinding() });
  } catch (err) {
    const message = err instanceof AppError ? err.message : String(err);
    // The damaged or newer file is never touched: offer to start a new book beside it.
    const choice = dialog.showMessageBoxSync({
      type: 'error',
      title: 'Sales Workstation',
      message: 'The database could not be opened.',
      detail: `${message}\n\nYou can restore a backup from ${path.join(path.dirname(dbPath), 'backups')} with the CLI, or start a new file (the old one is kept).`,
      buttons: ['Start a new file', 'Quit'],
      defaultId: 1,
    });
    if (choice !== 0) {
      app.exit(1);
      throw err;
    }
    const fresh = path.join(path.dirname(dbPath), `book-${Date.now()}.sqlite`);
    return openBook(fresh, { demo: true, platform: 'electron', appVersion: app.getVersion(), native: electronNativeBinding() });
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
  ctx = await openUserBook();
  registerIpc(createRegistry(), () => ctx!, () => win);
  win = createMainWindow(path.join(import.meta.dirname, '../preload/index.cjs'));
  win.on('closed', () => (win = null));
});

app.on('window-all-closed', () => {
  if (ctx) {
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    ctx.db.close();
    ctx = null;
  }
  app.quit();
});
