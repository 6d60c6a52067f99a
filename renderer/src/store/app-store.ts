/**
 * The main window's one store: the slices below, side by side (zustand's slices pattern).
 * Components read state and call actions; only the slices call main, through the API handed in
 * here, so tests hand in their own.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BefriendApi } from '../../../electron/shared/contract.js';
import { type BulkItemsSlice, createBulkItemsSlice } from './bulk-items-slice.js';
import { type BulkSlice, createBulkSlice } from './bulk-slice.js';
import { createFollowSlice, type FollowSlice } from './follow-slice.js';
import { createHistorySlice, type HistorySlice } from './history-slice.js';
import { linkToMain } from './main-link.js';
import { createMoveFollowsSlice, type MoveFollowsSlice } from './move-follows-slice.js';
import { createScreenSlice, type ScreenSlice } from './screen-slice.js';
import { createSearchSlice, type SearchOptions, type SearchSlice } from './search-slice.js';
import { createSessionSlice, type SessionSlice } from './session-slice.js';
import { createSettingsSlice, type SettingsSlice } from './settings-slice.js';

export type AppState = ScreenSlice &
  SessionSlice &
  SettingsSlice &
  SearchSlice &
  FollowSlice &
  HistorySlice &
  BulkSlice &
  BulkItemsSlice &
  MoveFollowsSlice;

export type AppStore = StoreApi<AppState>;

export function createAppStore(api: BefriendApi, options: SearchOptions = {}): AppStore {
  const main = linkToMain(api);
  return createStore<AppState>()((...store) => ({
    ...createScreenSlice(main)(...store),
    ...createSessionSlice(main)(...store),
    ...createSettingsSlice(main)(...store),
    ...createSearchSlice(main, options)(...store),
    ...createFollowSlice(main)(...store),
    ...createHistorySlice(main)(...store),
    ...createBulkSlice(main)(...store),
    ...createBulkItemsSlice(main)(...store),
    ...createMoveFollowsSlice(main)(...store),
  }));
}
