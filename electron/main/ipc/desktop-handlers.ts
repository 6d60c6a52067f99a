/** The desktop around the windows: the system browser, the main window, the quick-follow window. */
import { invalidRequest } from '../../shared/contract.js';
import type { HandlerDeps, Handlers } from './handler-types.js';

export type DesktopChannel = 'openExternal' | 'showInMain' | 'closeQuickFollow';

export function desktopHandlers({ services: { desktop } }: HandlerDeps): Handlers<DesktopChannel> {
  return {
    async openExternal(request) {
      if (!(await desktop.openExternal(request.url))) return invalidRequest('Only http:// and https:// addresses are opened.');
      return { ok: true };
    },

    async showInMain(request) {
      desktop.showProfile({ target: request.target, accountId: request.accountId ?? null, intent: 'show', source: 'quick-follow' });
      return { ok: true };
    },

    async closeQuickFollow() {
      desktop.closeQuickFollow();
      return { ok: true };
    },
  };
}
