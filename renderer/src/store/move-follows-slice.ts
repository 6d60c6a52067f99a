/**
 * "Move follows" in the Bulk tab: from one account to another, a preview of the match, then a
 * start that hands over to the destination's bulk follow (the same progress, pause, cancel and
 * export). Accounts travel to main by id only.
 */
import type { MoveFollowsPreviewView } from '../../../electron/shared/contract.js';
import type { ApiError } from '../../../electron/shared/domain.js';
import type { BulkSlice } from './bulk-slice.js';
import { type MainLink, settle } from './main-link.js';
import type { SessionSlice } from './session-slice.js';
import type { Slice } from './slice.js';

export type MovePreviewState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'done'; preview: MoveFollowsPreviewView; fromId: string; toId: string }
  | { status: 'failed'; error: ApiError };

export interface MoveState {
  open: boolean;
  fromId: string | null;
  toId: string | null;
  notify: boolean;
  preview: MovePreviewState;
  starting: boolean;
  startError: ApiError | null;
}

export interface MoveActions {
  /** Opens the flow: from the active account, to the first other one. */
  begin(): void;
  close(): void;
  setFrom(id: string): void;
  /** Another destination: its own SMS default, as a single follow by it would have. */
  setTo(id: string): void;
  setNotify(on: boolean): void;
  runPreview(): Promise<void>;
  start(): Promise<void>;
}

export interface MoveFollowsSlice {
  move: MoveState & MoveActions;
}

type Needs = Pick<SessionSlice, 'accounts' | 'activeId' | 'announce'> & BulkSlice;

const CLOSED: MoveState = { open: false, fromId: null, toId: null, notify: false, preview: { status: 'idle' }, starting: false, startError: null };

export function createMoveFollowsSlice(main: MainLink): Slice<MoveFollowsSlice, Needs> {
  return (setState, getState) => {
    const get = (): MoveState & MoveActions => getState().move;
    const set = (patch: Partial<MoveState>): void => setState((state) => ({ move: { ...state.move, ...patch } }));
    const notifyOf = (id: string | null): boolean => getState().accounts.find((a) => a.id === id)?.notifyByDefault ?? false;

    return {
      move: {
        ...CLOSED,

        begin() {
          const { accounts, activeId } = getState();
          const fromId = activeId ?? accounts[0]?.id ?? null;
          const toId = accounts.find((a) => a.id !== fromId)?.id ?? null;
          set({ ...CLOSED, open: true, fromId, toId, notify: notifyOf(toId) });
        },

        close() {
          set(CLOSED);
        },

        setFrom(id) {
          set({ fromId: id, preview: { status: 'idle' }, startError: null });
        },

        setTo(id) {
          set({ toId: id, notify: notifyOf(id), preview: { status: 'idle' }, startError: null });
        },

        setNotify(on) {
          set({ notify: on });
        },

        async runPreview() {
          const { fromId, toId } = get();
          if (fromId === null || toId === null) return;
          set({ preview: { status: 'loading' }, startError: null });
          const result = await settle(() => main.api.moveFollowsPreview({ fromAccountId: fromId, toAccountId: toId }));
          if (get().fromId !== fromId || get().toId !== toId) return;
          if (!result.ok) {
            set({ preview: { status: 'failed', error: result.error } });
            getState().announce(result.error.message);
            return;
          }
          set({ preview: { status: 'done', preview: result.preview, fromId, toId } });
          const p = result.preview;
          getState().announce(`${p.toFollow} to follow, ${p.alreadyFollowed} already followed, ${p.notFoundCount} not found, ${p.ambiguousCount} ambiguous.`);
        },

        async start() {
          const { preview, notify } = get();
          if (preview.status !== 'done') return;
          const { pacePerMinute, concurrency } = getState().bulk;
          set({ starting: true, startError: null });
          const result = await settle(() =>
            main.api.moveFollowsStart({ fromAccountId: preview.fromId, toAccountId: preview.toId, notify, pacePerMinute, concurrency }),
          );
          set({ starting: false });
          if (!result.ok) {
            set({ startError: result.error });
            getState().announce(result.error.message);
            return;
          }
          set(CLOSED);
          getState().announce(`Started following ${preview.preview.toFollow} accounts.`);
          // The run is the destination's bulk follow: show it, with its progress and controls.
          await getState().bulk.load(preview.toId);
        },
      },
    };
  };
}
