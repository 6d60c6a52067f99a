/** The desktop around the windows: the system browser, the main window, the quick-follow window. */
import { invalidRequest } from '../../shared/contract.js';
import { defineHandlers, type HandlerDeps } from './handler-types.js';

export function desktopHandlers({ services: { desktop } }: HandlerDeps) {
  return defineHandlers({
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
  });
}
