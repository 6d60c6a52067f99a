import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, dialog, shell } from 'electron';
import { ipcEventChannel } from '../shared/contract.js';
import { showFollowNotification, showNotification } from './notifications.js';
import { externalUrl } from './security.js';
import type { DesktopPort } from './services.js';
import type { WindowManager } from './windows.js';

/** The desktop side of the handlers: the browser, our windows, notifications, events. */
export function createDesktop(windows: WindowManager, log: (message: string) => void): DesktopPort {
  const desktop: DesktopPort = {
    async openExternal(url) {
      // What was checked is what is opened: the normalized address, not the text as it came.
      const external = externalUrl(url);
      if (external === null) return false;
      try {
        await shell.openExternal(external);
        return true;
      } catch {
        log('the system browser could not be opened');
        return false;
      }
    },
    showProfile(event) {
      windows.sendToMain(ipcEventChannel('openProfile'), event);
    },
    closeQuickFollow() {
      windows.closeQuick();
    },
    notifyFollowed(user, accountId, outcome) {
      showFollowNotification(user, outcome, () =>
        desktop.showProfile({ target: `@${user.screenName}`, accountId, intent: 'show', source: 'notification' }),
      );
    },
    notifyBulk(text) {
      showNotification(text, () => windows.showMain());
    },
    async saveFile(defaultName, content) {
      const chosen = await dialog.showSaveDialog(windows.showMain(), {
        defaultPath: join(app.getPath('downloads'), defaultName),
        filters: [{ name: 'CSV', extensions: ['csv'] }],
      });
      if (chosen.canceled || !chosen.filePath) return null;
      await writeFile(chosen.filePath, content, { encoding: 'utf8', mode: 0o600 });
      return chosen.filePath;
    },
    emit(name, payload) {
      windows.sendToAll(ipcEventChannel(name), payload);
    },
  };
  return desktop;
}
