import crypto from 'node:crypto';
import path from 'node:path';
import { AppError } from '../shared/errors';

/**
 * The renderer never names a path. A platform (Electron's dialogs, the web server's
 * upload/download, the CLI's arguments, a test) registers a path and gets back an
 * opaque token; handlers resolve tokens here. A token for reading cannot be written.
 */
export class FileGateway {
  private readonly entries = new Map<string, { path: string; mode: 'read' | 'write'; name: string }>();

  register(filePath: string, mode: 'read' | 'write', name = path.basename(filePath)): { token: string; name: string } {
    const token = crypto.randomBytes(18).toString('base64url');
    this.entries.set(token, { path: filePath, mode, name });
    return { token, name };
  }

  resolve(token: string, mode: 'read' | 'write'): { path: string; name: string } {
    const e = this.entries.get(token);
    if (!e || e.mode !== mode) throw new AppError('forbidden', 'Unknown file; choose the file again.');
    return { path: e.path, name: e.name };
  }

  forget(token: string): void {
    this.entries.delete(token);
  }
}
