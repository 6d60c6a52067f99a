/**
 * Following one person: the name as typed and how to read it, the follow or look-up in flight
 * (cancellable in main), and what shows after it — a card, an outcome with Undo, or an error.
 * Both windows follow through this slice.
 */
import type { FollowResult, HistoryEntry, IpcFailure } from '../../../electron/shared/contract.js';
import {
  type ApiError,
  followOutcome,
  type FollowOutcome,
  type NumericChoice,
  parseTarget,
  profileFromHistory,
  type RateLimit,
  type User,
} from '../../../electron/shared/domain.js';
import { errorTitle } from '../lib/error-copy.js';
import { type MainLink, settle } from './main-link.js';
import type { SearchSlice } from './search-slice.js';
import type { SessionSlice } from './session-slice.js';
import type { Slice } from './slice.js';

export type UndoState = 'available' | 'running' | 'done' | 'unavailable';

export type ResultState =
  | { phase: 'idle' }
  | { phase: 'running'; target: string }
  | { phase: 'looking'; target: string }
  | { phase: 'preview'; user: User; origin: 'lookup' | 'history'; entry: HistoryEntry | null }
  | {
      phase: 'done';
      /** As typed: what the outcome names when main could not say who it was. */
      target: string;
      user: User | null;
      outcome: FollowOutcome;
      accountId: string | null;
      undo: UndoState;
      undoError: ApiError | null;
    }
  /** `late`: main had already finished the follow when the cancel reached it. */
  | { phase: 'cancelled'; target: string; late: boolean }
  | { phase: 'failed'; error: ApiError; rateLimit: RateLimit | null; retry: 'follow' | 'lookup' };

/** What is in flight, from the press: `result` shows its progress only once it is slow. */
export type Busy = { kind: 'follow' | 'lookup'; target: string } | null;

/**
 * How long an answer may take before its progress shows. Quicker answers (most, on a good
 * connection) replace what is on screen at once: no spinner flashes, and no frame is spent
 * drawing one while the answer is on its way (issue 12's keypress → card figure).
 */
export const PROGRESS_DELAY_MS = 150;

export interface FollowSlice {
  query: string;
  numericAs: NumericChoice | null;
  /** Set when Follow was pressed on bare digits without choosing; the form asks. */
  choiceNeeded: boolean;
  notify: boolean;
  inputError: string | null;
  /** What shows below the name: progress, a card, or an error. */
  result: ResultState;
  busy: Busy;

  setQuery(query: string): void;
  setNumericAs(choice: NumericChoice): void;
  setNotify(on: boolean): void;
  /** Follows what was typed. Bare digits follow as `digitsMean` when given, else as chosen. */
  follow(digitsMean?: NumericChoice): Promise<void>;
  /** Stops the follow or look-up in flight, in main too. */
  cancel(): Promise<void>;
  undo(): Promise<void>;
  /** Shows someone's card without following them. */
  lookup(target: string, numericAs?: NumericChoice): Promise<void>;
  retry(): Promise<void>;
  /** Shows a follow kept in history: its card when it has one, else its name, searched again. */
  showEntry(entry: HistoryEntry): void;
  dismiss(): void;
}

const DIGITS = /^[0-9]+$/;

export function isAmbiguous(query: string): boolean {
  return DIGITS.test(query.trim());
}

/** What a cancelled follow came to, for people: `late` when main had already finished it. */
export function cancelledSentence(late: boolean): string {
  return late
    ? 'Too late to cancel: the follow had already finished. History shows how it went.'
    : 'Follow cancelled. If the server had already received it, the follow may still have happened: check their profile.';
}

const OUTCOME_SENTENCES: Record<FollowOutcome, (who: string) => string> = {
  followed: (who) => `Now following ${who}.`,
  request_pending: (who) => `Follow request sent to ${who}; it waits for their approval.`,
  already_following: (who) => `You already follow ${who}.`,
};

type Needs = Pick<SessionSlice, 'activeId' | 'announce' | 'focusSearch'> & Pick<SearchSlice, 'closeSuggestions' | 'typeQuery'>;

export function createFollowSlice(main: MainLink): Slice<FollowSlice, Needs> {
  /** Every follow and look-up takes a ticket; an answer whose ticket is stale is dropped. */
  let ticket = 0;
  /** The request Cancel stops. */
  let inFlight: string | null = null;
  let progress: ReturnType<typeof setTimeout> | undefined;

  return (set, get) => {
    /** Drops whatever is in flight: its answer, when it comes, changes nothing. */
    const supersede = (): number => {
      clearTimeout(progress);
      inFlight = null;
      set({ busy: null });
      return ++ticket;
    };

    const start = (busy: NonNullable<Busy>): { mine: number; requestId: string } => {
      const mine = supersede();
      const requestId = main.requestId();
      inFlight = requestId;
      set({ busy });
      const show = (): void => set({ result: { phase: busy.kind === 'follow' ? 'running' : 'looking', target: busy.target } });
      // Progress already on screen is the superseded one's: this one's takes its place at once,
      // so its Cancel never stops the wrong thing.
      const shown = get().result.phase;
      if (shown === 'running' || shown === 'looking') {
        show();
      } else {
        progress = setTimeout(() => {
          if (mine === ticket) show();
        }, PROGRESS_DELAY_MS);
      }
      return { mine, requestId };
    };

    /** Ends what `start` began; false when it was superseded meanwhile. */
    const finish = (mine: number): boolean => {
      if (mine !== ticket) return false;
      clearTimeout(progress);
      inFlight = null;
      set({ busy: null });
      return true;
    };

    const failed = (failure: IpcFailure, retry: 'follow' | 'lookup'): void => {
      set({ result: { phase: 'failed', error: failure.error, rateLimit: failure.rateLimit, retry } });
      get().announce(`${errorTitle(failure.error.kind)}. ${failure.error.message}`);
    };

    return {
      query: '',
      numericAs: null,
      choiceNeeded: false,
      notify: false,
      inputError: null,
      result: { phase: 'idle' },
      busy: null,

      setQuery(query) {
        const ambiguous = isAmbiguous(query);
        set({
          query,
          inputError: null,
          numericAs: ambiguous ? get().numericAs : null,
          choiceNeeded: ambiguous ? get().choiceNeeded : false,
        });
      },

      setNumericAs(choice) {
        set({ numericAs: choice, choiceNeeded: false, inputError: null });
      },

      setNotify(on) {
        set({ notify: on });
      },

      async follow(digitsMean) {
        const { query, busy } = get();
        if (busy?.kind === 'follow') return;
        const numericAs = get().numericAs ?? digitsMean;
        const parsed = parseTarget(query, { numericAs });
        if (!parsed.ok) {
          if (parsed.ambiguous) {
            set({ choiceNeeded: true, inputError: null });
            get().announce(`${query.trim()} could be a screen name or a user id: choose which.`);
          } else {
            set({ inputError: parsed.error.message });
            get().announce(parsed.error.message);
          }
          return;
        }
        get().closeSuggestions();
        const target = query.trim();
        const accountId = get().activeId;
        const { mine, requestId } = start({ kind: 'follow', target });
        set({ inputError: null });
        const sent: Promise<FollowResult> = settle(() =>
          main.api.follow({
            accountId: accountId ?? undefined,
            target,
            numericAs: isAmbiguous(target) ? numericAs : undefined,
            notify: get().notify,
            requestId,
          }),
        );
        const result = await sent;
        if (!finish(mine)) return;
        const outcome = followOutcome(result);
        if (outcome === null) {
          if (!result.ok) failed(result, 'follow');
          return;
        }
        // On "already following" or "request pending" main sends who it was, looked up, or null.
        const user = result.ok ? result.user : (result.user ?? null);
        // The card takes the place of any list typed up while the follow ran.
        get().closeSuggestions();
        const undo = outcome === 'followed' && user !== null ? 'available' : 'unavailable';
        set({ result: { phase: 'done', target, user, outcome, accountId, undo, undoError: null } });
        get().announce(OUTCOME_SENTENCES[outcome](user ? `@${user.screenName}` : target));
      },

      async cancel() {
        const { busy } = get();
        if (busy === null) return;
        const requestId = inFlight;
        const mine = supersede();
        const cancelling = requestId === null ? null : settle(() => main.api.cancel({ requestId }));
        get().focusSearch();
        if (busy.kind === 'lookup') {
          set({ result: { phase: 'idle' } });
          get().announce('Lookup cancelled.');
          return;
        }
        set({ result: { phase: 'cancelled', target: busy.target, late: false } });
        get().announce(cancelledSentence(false));
        const answer = await cancelling;
        if (answer === null || !answer.ok || answer.cancelled || mine !== ticket) return;
        set({ result: { phase: 'cancelled', target: busy.target, late: true } });
        get().announce(cancelledSentence(true));
      },

      async undo() {
        const { result: current } = get();
        if (current.phase !== 'done' || current.undo !== 'available' || current.user === null) return;
        const user = current.user;
        set({ result: { ...current, undo: 'running', undoError: null } });
        const result = await settle(() =>
          main.api.unfollow({ accountId: current.accountId ?? undefined, target: user.id, numericAs: 'user_id' }),
        );
        const now = get().result;
        if (now.phase !== 'done' || now.user !== user) return;
        if (result.ok) {
          set({ result: { ...now, undo: 'done', undoError: null } });
          get().announce(`Unfollowed @${user.screenName}.`);
        } else if (result.error.kind === 'not_following') {
          // The follow was already gone: the undo's end state holds, so it is done, not failed.
          set({ result: { ...now, undo: 'done', undoError: null } });
          get().announce(`You were not following @${user.screenName}; nothing changed.`);
        } else {
          set({ result: { ...now, undo: 'available', undoError: result.error } });
          get().announce(`Undo failed. ${result.error.message}`);
        }
      },

      async lookup(target, numericAs) {
        get().closeSuggestions();
        const { mine, requestId } = start({ kind: 'lookup', target });
        const result = await settle(() =>
          main.api.lookup({ accountId: get().activeId ?? undefined, target, numericAs, requestId }),
        );
        if (!finish(mine)) return;
        if (!result.ok) {
          failed(result, 'lookup');
          return;
        }
        set({ result: { phase: 'preview', user: result.user, origin: 'lookup', entry: null } });
        get().announce(`Showing @${result.user.screenName}.`);
      },

      async retry() {
        const { result: current, query, numericAs } = get();
        if (current.phase !== 'failed') return;
        if (current.retry === 'follow') {
          await get().follow();
          return;
        }
        if (parseTarget(query, { numericAs: numericAs ?? undefined }).ok) {
          await get().lookup(query.trim(), numericAs ?? undefined);
        }
      },

      showEntry(entry) {
        if (entry.user === null) {
          get().dismiss();
          get().typeQuery(entry.target);
          return;
        }
        supersede();
        get().closeSuggestions();
        get().setQuery(`@${entry.user.screenName}`);
        set({ result: { phase: 'preview', user: profileFromHistory(entry.user), origin: 'history', entry } });
        get().announce(`Showing @${entry.user.screenName} from history.`);
      },

      dismiss() {
        supersede();
        set({ result: { phase: 'idle' } });
        get().focusSearch();
      },
    };
  };
}
