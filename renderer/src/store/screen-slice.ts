/**
 * The main window's own flow: which screen it shows, the notice above it, how it starts (the
 * accounts, or the sandbox on first run) and what it does when main asks it for something.
 */
import type { EventPayload } from '../../../electron/shared/contract.js';
import type { ApiError, NumericChoice } from '../../../electron/shared/domain.js';
import { type FollowSlice, isAmbiguous } from './follow-slice.js';
import type { HistorySlice } from './history-slice.js';
import { type MainLink, settle } from './main-link.js';
import type { SessionSlice } from './session-slice.js';
import type { SettingsSlice } from './settings-slice.js';
import type { Slice } from './slice.js';

export type Screen = 'loading' | 'welcome' | 'follow' | 'bulk' | 'history' | 'settings';

/** Something main (or loading) wants the person to see, shown above the screen until dismissed. */
export interface Banner {
  level: 'info' | 'warning' | 'error';
  message: string;
}

export interface ScreenSlice {
  screen: Screen;
  banner: Banner | null;
  sandboxStarting: boolean;
  sandboxError: ApiError | null;

  init(): Promise<void>;
  go(screen: Exclude<Screen, 'loading'>): void;
  showBanner(banner: Banner | null): void;
  /** "Try the sandbox": main starts it and signs in to it; then the follow screen. */
  startSandbox(): Promise<void>;
  /** Listens to what main pushes (profiles to show, changes, notices); returns how to stop. */
  listen(): () => void;
  /** Shows a profile main asks for (tray, notification, link), with Follow ready; never follows. */
  openProfile(payload: EventPayload<'openProfile'>): Promise<void>;
}

type Needs = SessionSlice & SettingsSlice & FollowSlice & HistorySlice;

export function createScreenSlice(main: MainLink): Slice<ScreenSlice, Needs> {
  return (set, get) => ({
    screen: 'loading',
    banner: null,
    sandboxStarting: false,
    sandboxError: null,

    async init() {
      const [accountsError] = await Promise.all([get().refreshAccounts(), get().refreshSettings()]);
      if (accountsError !== null) {
        set({
          screen: 'welcome',
          banner: { level: 'error', message: `Your accounts could not be loaded: ${accountsError.message}` },
        });
        return;
      }
      set({ screen: get().accounts.length === 0 ? 'welcome' : 'follow' });
    },

    go(screen) {
      set({ screen });
      if (screen === 'history') void get().loadHistory();
      if (screen === 'settings') void get().refreshSettings();
      if (screen === 'follow') get().focusSearch();
    },

    showBanner(banner) {
      set({ banner });
      if (banner) get().announce(banner.message);
    },

    async startSandbox() {
      set({ sandboxStarting: true, sandboxError: null });
      const result = await settle(() => main.api.startSandbox());
      set({ sandboxStarting: false });
      if (!result.ok) {
        set({ sandboxError: result.error });
        get().announce(`The sandbox did not start. ${result.error.message}`);
        return;
      }
      await get().refreshAccounts();
      set({ screen: 'follow' });
      get().announce('The sandbox is running. Try following @dougw.');
      get().focusSearch();
    },

    listen() {
      const off = [
        main.api.onOpenProfile((payload) => void get().openProfile(payload)),
        main.api.onChanged(({ topic }) => {
          if (topic === 'accounts') void get().refreshAccounts();
          else if (topic === 'settings') void get().refreshSettings();
          else if (get().historyLoaded) void get().loadHistory();
        }),
        main.api.onNotice((notice) => get().showBanner(notice)),
      ];
      return () => off.forEach((stop) => stop());
    },

    async openProfile(payload) {
      if (payload.accountId !== null && payload.accountId !== get().activeId) {
        await get().switchAccount(payload.accountId);
      }
      const digitsMean: NumericChoice =
        payload.source === 'quick-follow' ? (get().settings?.settings.quickNumericAs ?? 'user_id') : 'screen_name';
      const numericAs = isAmbiguous(payload.target) ? digitsMean : undefined;
      get().setQuery(payload.target);
      set({ numericAs: numericAs ?? null, screen: 'follow' });
      await get().lookup(payload.target, numericAs);
    },
  });
}
