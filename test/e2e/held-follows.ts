import { createClient } from '../../core/client.js';
import type { BefriendClient } from '../../core/client-api.js';

export interface HeldFollows {
  /** Main's client: each friendships/create reaches the sandbox, whose answer then waits here. */
  client: BefriendClient;
  /** Answers waiting to reach main. */
  waiting(): number;
  /** Answers main stopped waiting for (a cancel aborted them). */
  aborted(): number;
  release(): void;
  /** Releases what waits and holds nothing from now on. */
  stopHolding(): void;
}

/**
 * Follows that stay under way for as long as a test needs, with no timer: the server has acted,
 * but main hears of it only when the test releases the answer, or never when it is cancelled.
 */
export function holdFollows(): HeldFollows {
  const queue: (() => void)[] = [];
  let aborted = 0;
  let holding = true;
  const holdingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (!holding || !String(input).includes('friendships/create')) return response;
    await new Promise<void>((go, stop) => {
      const signal = init?.signal;
      const abort = (): void => {
        aborted++;
        queue.splice(queue.indexOf(go), 1);
        stop(signal?.reason);
      };
      queue.push(go);
      if (signal?.aborted) abort();
      else signal?.addEventListener('abort', abort, { once: true });
    });
    return response;
  };
  return {
    client: createClient({ fetch: holdingFetch }),
    waiting: () => queue.length,
    aborted: () => aborted,
    release: () => queue.splice(0).forEach((go) => go()),
    stopHolding: () => {
      holding = false;
      queue.splice(0).forEach((go) => go());
    },
  };
}
