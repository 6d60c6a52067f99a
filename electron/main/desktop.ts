import { shell } from 'electron';
import { ipcEventChannel } from '../shared/contract.js';
import { showFollowNotification } from './notifications.js';
import { isExternalUrl } from './security.js';
import type { DesktopPort } from './services.js';
import type { WindowManager } from './windows.js';

/** The desktop side of the handlers: the browser, our windows, notifications, events. */
export function createDesktop(windows: WindowManager, log: (message: string) => void): DesktopPort {
  const desktop: DesktopPort = {
    async openExternal(url) {
      if (!isExternalUrl(url)) return false;
      try {
        await shell.openExternal(url);
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
    emit(name, payload) {
      windows.sendToAll(ipcEventChannel(name), payload);
    },
  };
  return desktop;
}
