/** The app's settings as main keeps them, and the calls that change them. Shared by both windows. */
import type { Settings, SettingsState } from '../../../electron/shared/contract.js';
import type { ApiError } from '../../../electron/shared/domain.js';
import { type MainLink, settle } from './main-link.js';
import type { Slice } from './slice.js';

/**
 * What became of a new quick-follow shortcut. `unchecked`: main could not test it; `taken`: another
 * app has it; `refused`: the system would not register it. Only a registered one replaces the old.
 */
export type ShortcutChange =
  | { ok: true; accelerator: string }
  | { ok: false; error: { kind: 'unchecked' | 'refused'; message: string } | { kind: 'taken'; reason: string | null } };

export interface SettingsSlice {
  settings: SettingsState | null;

  refreshSettings(): Promise<void>;
  /**
   * Shows the change at once (controls stay in step with the click), then takes main's word;
   * says why main refused it.
   */
  changeSettings(patch: Partial<Omit<Settings, 'shortcut'>>): Promise<ApiError | null>;
  /** Asks main whether the keys are free, and only then registers them. */
  changeShortcut(accelerator: string): Promise<ShortcutChange>;
}

export function createSettingsSlice(main: MainLink): Slice<SettingsSlice> {
  return (set, get) => ({
    settings: null,

    async refreshSettings() {
      const result = await settle(() => main.api.getSettings());
      if (result.ok) set({ settings: { settings: result.settings, status: result.status } });
    },

    async changeSettings(patch) {
      const before = get().settings;
      if (before) set({ settings: { ...before, settings: { ...before.settings, ...patch } } });
      const result = await settle(() => main.api.setSettings(patch));
      if (!result.ok) {
        set({ settings: before });
        return result.error;
      }
      set({ settings: { settings: result.settings, status: result.status } });
      return null;
    },

    async changeShortcut(accelerator) {
      const test = await settle(() => main.api.testShortcut({ accelerator }));
      if (!test.ok) return { ok: false, error: { kind: 'unchecked', message: test.error.message } };
      if (!test.available) return { ok: false, error: { kind: 'taken', reason: test.reason } };
      const result = await settle(() => main.api.setShortcut({ accelerator }));
      await get().refreshSettings();
      if (result.ok) return { ok: true, accelerator: result.accelerator };
      return { ok: false, error: { kind: 'refused', message: result.error.message } };
    },
  });
}
