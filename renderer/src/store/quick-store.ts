/**
 * The quick-follow window's store: the same session, settings and follow slices as the main
 * window (with search, which a follow closes; this window never opens it), plus what only this
 * window does: digits as the setting says, open in the main window, close.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BefriendApi } from '../../../electron/shared/contract.js';
import { createFollowSlice, type FollowSlice } from './follow-slice.js';
import { linkToMain, type MainLink, settle } from './main-link.js';
import { createSearchSlice, type SearchSlice } from './search-slice.js';
import { createSessionSlice, type SessionSlice } from './session-slice.js';
import { createSettingsSlice, type SettingsSlice } from './settings-slice.js';
import type { Slice } from './slice.js';

export interface QuickSlice {
  init(): Promise<void>;
  /** Follows what was typed; bare digits are what the "in quick follow, digits mean" setting says. */
  quickFollow(): Promise<void>;
  /** Brings the main window forward with the profile just followed. */
  showInMain(): Promise<void>;
  closeWindow(): Promise<void>;
  /** Clears the result and the name, ready for the next one. */
  startOver(): void;
}

export type QuickState = SessionSlice & SettingsSlice & SearchSlice & FollowSlice & QuickSlice;

export type QuickStore = StoreApi<QuickState>;

function createQuickSlice(main: MainLink): Slice<QuickSlice, SessionSlice & SettingsSlice & FollowSlice> {
  return (_set, get) => ({
    async init() {
      await Promise.all([get().refreshAccounts(), get().refreshSettings()]);
    },

    quickFollow: () => get().follow(get().settings?.settings.quickNumericAs ?? 'user_id'),

    async showInMain() {
      const { result } = get();
      if (result.phase !== 'done') return;
      const target = result.user ? `@${result.user.screenName}` : result.target;
      await settle(() => main.api.showInMain({ target, accountId: result.accountId ?? undefined }));
    },

    async closeWindow() {
      await settle(() => main.api.closeQuickFollow());
    },

    startOver() {
      get().setQuery('');
      get().dismiss();
    },
  });
}

export function createQuickStore(api: BefriendApi): QuickStore {
  const main = linkToMain(api);
  return createStore<QuickState>()((...store) => ({
    ...createSessionSlice(main)(...store),
    ...createSettingsSlice(main)(...store),
    ...createSearchSlice(main)(...store),
    ...createFollowSlice(main)(...store),
    ...createQuickSlice(main)(...store),
  }));
}
