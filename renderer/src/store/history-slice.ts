/** The follows main has recorded, newest first, for the History screen. */
import type { HistoryEntry } from '../../../electron/shared/contract.js';
import type { ApiError } from '../../../electron/shared/domain.js';
import type { FollowSlice } from './follow-slice.js';
import { type MainLink, settle } from './main-link.js';
import type { ScreenSlice } from './screen-slice.js';
import type { SessionSlice } from './session-slice.js';
import type { Slice } from './slice.js';

export interface HistorySlice {
  history: HistoryEntry[];
  historyLoaded: boolean;
  historyError: ApiError | null;

  loadHistory(): Promise<void>;
  clearHistory(): Promise<void>;
  /** Back to the follow screen, showing that entry. */
  reopen(entry: HistoryEntry): void;
}

const PAGE = 200;

export function createHistorySlice(
  main: MainLink,
): Slice<HistorySlice, Pick<SessionSlice, 'announce'> & Pick<FollowSlice, 'showEntry'> & Pick<ScreenSlice, 'screen'>> {
  return (set, get) => ({
    history: [],
    historyLoaded: false,
    historyError: null,

    async loadHistory() {
      const result = await settle(() => main.api.listHistory({ limit: PAGE }));
      if (result.ok) set({ history: result.entries, historyLoaded: true, historyError: null });
      else set({ historyError: result.error });
    },

    async clearHistory() {
      const result = await settle(() => main.api.clearHistory());
      if (!result.ok) {
        set({ historyError: result.error });
        return;
      }
      set({ history: result.entries, historyLoaded: true, historyError: null });
      get().announce('History cleared.');
    },

    reopen(entry) {
      set({ screen: 'follow' });
      get().showEntry(entry);
    },
  });
}
