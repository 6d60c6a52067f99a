/** Settings, the quick-follow shortcut, and the history list. */
import { readSettings } from '../../../core/settings-file.js';
import { invalidRequest, type SettingsResult } from '../../shared/contract.js';
import { defineHandlers, type HandlerDeps } from './handler-types.js';

export function settingsHandlers({ services, changed }: HandlerDeps) {
  const { accounts, store, history, desktop } = services;

  async function settingsState(): Promise<SettingsResult> {
    const shortcut = services.shortcut.status();
    return {
      ok: true,
      settings: readSettings(store),
      status: {
        shortcutActive: shortcut.active,
        shortcutProblem: shortcut.problem,
        trayActive: services.tray.isActive(),
        secretStorage: (await accounts.state()).secretStorage,
        platform: services.platform,
        dataDir: services.dataDir,
      },
    };
  }

  return defineHandlers({
    getSettings: () => settingsState(),

    async setSettings(request) {
      const before = readSettings(store);
      const next = { ...before };
      for (const [key, value] of Object.entries(request)) {
        if (value !== undefined) (next as Record<string, unknown>)[key] = value;
      }
      store.set('settings', next);
      if (next.trayEnabled !== before.trayEnabled) services.tray.setEnabled(next.trayEnabled);
      if (next.shortcutEnabled !== before.shortcutEnabled) {
        const change = services.shortcut.setEnabled(next.shortcutEnabled, next.shortcut);
        if (change && !change.ok) desktop.emit('notice', { level: 'warning', message: change.error });
      }
      if (next.persistSecretsWithoutKeyring !== before.persistSecretsWithoutKeyring) {
        await accounts.repersistSecrets();
        changed('accounts');
      }
      changed('settings');
      return settingsState();
    },

    async setShortcut(request) {
      const change = services.shortcut.set(request.accelerator);
      if (!change.ok) return invalidRequest(change.error);
      store.set('settings', { ...readSettings(store), shortcut: change.accelerator, shortcutEnabled: true });
      changed('settings');
      return { ok: true, accelerator: change.accelerator };
    },

    async testShortcut(request) {
      const { available, reason } = services.shortcut.test(request.accelerator);
      return { ok: true, accelerator: request.accelerator, available, reason };
    },

    async listHistory(request) {
      return { ok: true, entries: await history.list(request.limit) };
    },

    async clearHistory() {
      await history.clear();
      services.tray.refresh();
      changed('history');
      return { ok: true, entries: [] };
    },
  });
}
