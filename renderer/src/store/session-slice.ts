/**
 * Who is signed in: the accounts, the active one and how secrets are kept, and the calls that
 * add, change, verify or remove an account. Also what the window says (the live region) and
 * where focus goes, since every other slice uses both. Shared by both windows.
 */
import type {
  AccountResult,
  AccountsResult,
  AccountView,
  IpcFailure,
  OAuthStartResult,
  RequestOf,
  SecretStorageStatus,
  UserResult,
} from '../../../electron/shared/contract.js';
import type { ApiError } from '../../../electron/shared/domain.js';
import type { FollowSlice } from './follow-slice.js';
import { type MainLink, settle } from './main-link.js';
import type { Slice } from './slice.js';

export interface SessionSlice {
  accounts: AccountView[];
  activeId: string | null;
  secretStorage: SecretStorageStatus | null;
  /** The latest sentence for the live region; `announceSeq` makes repeats audible. */
  announcement: string;
  announceSeq: number;
  /** Bumped to ask the name input to take focus (Ctrl/Cmd+K, "Edit the name", after Cancel). */
  focusSearchSeq: number;

  /** Reads the accounts again; says why not when main cannot list them. */
  refreshAccounts(): Promise<ApiError | null>;
  switchAccount(id: string): Promise<void>;
  /** Verifies and saves a Basic account (main makes it active). */
  addAccount(request: RequestOf<'addAccount'>): Promise<AccountResult | IpcFailure>;
  /** OAuth step 1: main opens the authorize page; the answer names the flow the PIN finishes. */
  startOAuth(request: RequestOf<'startOAuth'>): Promise<OAuthStartResult | IpcFailure>;
  finishOAuth(request: RequestOf<'finishOAuth'>): Promise<AccountResult | IpcFailure>;
  updateAccount(request: RequestOf<'updateAccount'>): Promise<AccountResult | IpcFailure>;
  verifyAccount(id: string): Promise<UserResult | IpcFailure>;
  removeAccount(id: string): Promise<AccountsResult | IpcFailure>;
  openExternal(url: string): Promise<void>;
  announce(message: string): void;
  focusSearch(): void;
}

export function createSessionSlice(main: MainLink): Slice<SessionSlice, Pick<FollowSlice, 'notify'>> {
  return (set, get) => {
    const apply = ({ accounts, activeId, secretStorage }: Extract<AccountsResult, { ok: true }>): void => {
      const previous = get().activeId;
      set({ accounts, activeId, secretStorage: secretStorage ?? get().secretStorage });
      // A follow starts with the SMS choice of the account it is made by.
      if (activeId !== previous) set({ notify: accounts.find((a) => a.id === activeId)?.notifyByDefault ?? false });
    };

    /** Runs an account change, then reads the accounts again whatever it came to. */
    const changing = async <T>(call: () => Promise<T>): Promise<T | IpcFailure> => {
      const result = await settle(call);
      await get().refreshAccounts();
      return result;
    };

    const added = (result: AccountResult | IpcFailure): AccountResult | IpcFailure => {
      if (result.ok) get().announce(`Added ${result.account.label}.`);
      return result;
    };

    return {
      accounts: [],
      activeId: null,
      secretStorage: null,
      announcement: '',
      announceSeq: 0,
      focusSearchSeq: 0,

      async refreshAccounts() {
        const result = await settle(() => main.api.listAccounts());
        if (!result.ok) return result.error;
        apply(result);
        return null;
      },

      async switchAccount(id) {
        const result = await settle(() => main.api.switchAccount({ id }));
        if (!result.ok) {
          get().announce(`Could not switch account. ${result.error.message}`);
          return;
        }
        apply(result);
        const account = get().accounts.find((a) => a.id === get().activeId);
        if (account) get().announce(`Following as ${account.label}.`);
      },

      addAccount: async (request) => added(await changing(() => main.api.addAccount(request))),
      startOAuth: (request) => settle(() => main.api.startOAuth(request)),
      finishOAuth: async (request) => added(await changing(() => main.api.finishOAuth(request))),
      updateAccount: (request) => changing(() => main.api.updateAccount(request)),
      verifyAccount: (id) => changing(() => main.api.verifyAccount({ id })),
      removeAccount: (id) => changing(() => main.api.removeAccount({ id })),

      async openExternal(url) {
        await settle(() => main.api.openExternal({ url }));
      },

      announce(message) {
        set((state) => ({ announcement: message, announceSeq: state.announceSeq + 1 }));
      },

      focusSearch() {
        set((state) => ({ focusSearchSeq: state.focusSearchSeq + 1 }));
      },
    };
  };
}
