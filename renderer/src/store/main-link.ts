/**
 * The renderer's one line to main. The store is handed the API (`window.befriend`, or a test's
 * fake) once, and its slices are the only code that calls it: components call store actions.
 */
import type { BefriendApi, IpcFailure } from '../../../electron/shared/contract.js';

export interface MainLink {
  readonly api: BefriendApi;
  /**
   * A fresh id for a search, lookup or follow, so main can abort it. Unique within this window
   * even across a reload, while main may still be running the old page's requests.
   */
  requestId(): string;
}

export function linkToMain(api: BefriendApi): MainLink {
  const prefix = Math.random().toString(36).slice(2, 10) || 'r';
  let count = 0;
  return { api, requestId: () => `${prefix}-${++count}` };
}

/**
 * IPC never rejects by contract, but a torn-down window can still reject: this turns that into
 * the same typed failure every channel can answer with.
 */
export async function settle<T>(call: () => Promise<T>): Promise<T | IpcFailure> {
  try {
    return await call();
  } catch (reason) {
    const message = reason instanceof Error ? reason.message : 'The app did not answer.';
    return { ok: false, error: { kind: 'network', status: null, code: null, message }, rateLimit: null };
  }
}
