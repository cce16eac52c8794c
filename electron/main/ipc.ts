import { dialog, ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { HandlerRegistry } from '../../src/platform/registry';
import type { ServerContext } from '../../src/platform/context';
import { isTrustedSender } from './security';

/**
 * Registers one ipcMain handler per contract channel. Each message's sender must be the
 * app's own main frame; its argument is parsed by the channel's schema in registry.invoke.
 */
export function registerIpc(registry: HandlerRegistry, getCtx: () => ServerContext, getWindow: () => BrowserWindow | null): void {
  const platformHandlers: Record<string, (input: unknown) => Promise<unknown>> = {
    'files:pickOpen': async (input) => {
      const { extensions } = input as { extensions: string[] };
      const win = getWindow();
      const opts = { properties: ['openFile' as const], filters: [{ name: 'Files', extensions }] };
      const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
      const file = r.canceled ? undefined : r.filePaths[0];
      return { ok: true, value: file ? getCtx().files.register(file, 'read') : null };
    },
    'files:pickSave': async (input) => {
      const { suggestedName } = input as { suggestedName: string };
      const win = getWindow();
      const opts = { defaultPath: suggestedName };
      const r = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
      return { ok: true, value: !r.canceled && r.filePath ? getCtx().files.register(r.filePath, 'write') : null };
    },
  };

  for (const channel of registry.channels()) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown) => {
      if (!trustedSender(event)) return { ok: false, error: { code: 'forbidden', message: 'untrusted sender' } };
      const platform = platformHandlers[channel];
      if (platform) {
        // Validate the same way as every other channel before showing a dialog.
        const check = await registry.invokeValidateOnly(channel, input);
        if (!check.ok) return check;
        return platform(input);
      }
      return registry.invoke(getCtx(), channel, input);
    });
  }
}

function trustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return isTrustedSender(frame ? { url: frame.url, isMainFrame: frame === event.sender.mainFrame } : null);
}
