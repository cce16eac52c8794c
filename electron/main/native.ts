import fs from 'node:fs';
import path from 'node:path';
import { app } from 'electron';

/**
 * better-sqlite3 in node_modules is built for Node (tests, CLI). Electron loads its own
 * build: shipped in resources/ when packaged, or made by `npm start` under .native/.
 */
export function electronNativeBinding(override?: string): string | undefined {
  const candidates = [
    override, // SW_NATIVE_BINDING, honoured only when not packaged (overrides.ts)
    app.isPackaged ? path.join(process.resourcesPath, 'native', 'better_sqlite3.node') : undefined,
    path.join(app.getAppPath(), '.native', `electron-${process.versions.electron}`, 'better_sqlite3.node'),
  ];
  return candidates.find((p): p is string => !!p && fs.existsSync(p));
}
