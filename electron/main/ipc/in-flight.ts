import { invalidRequest, LIMITS, type IpcFailure } from '../../shared/contract.js';
import type { CallContext } from '../services.js';

/** One cancellable request: the signal for the client, and how to tell whether `cancel` aborted it. */
export interface Flight {
  options: { signal?: AbortSignal };
  cancelled(): boolean;
  /** Called once nothing is left to stop: a later `cancel` says it found nothing. */
  finished(): void;
}

/** Requests `cancel` can abort, by calling window and the id that window chose. */
export class InFlight {
  readonly #running = new Map<string, AbortController>();

  /**
   * Runs a request `cancel` can abort, from before its account is resolved (which may start the
   * sandbox) until it finishes. Without an id it runs as is, not cancellable.
   */
  async run<R>(requestId: string | undefined, context: CallContext, work: (flight: Flight) => Promise<R>): Promise<R | IpcFailure> {
    if (requestId === undefined) return work({ options: {}, cancelled: () => false, finished: () => undefined });
    const key = keyOf(context, requestId);
    if (this.#running.has(key)) return invalidRequest('Another request in flight has this request id: choose a new one for each request.');
    if (this.#running.size >= LIMITS.requestsInFlight) return invalidRequest('Too many requests at once: wait for some to finish.');
    const controller = new AbortController();
    this.#running.set(key, controller);
    const finished = (): void => {
      if (this.#running.get(key) === controller) this.#running.delete(key);
    };
    try {
      return await work({ options: { signal: controller.signal }, cancelled: () => controller.signal.aborted, finished });
    } finally {
      finished();
    }
  }

  /** Aborts the calling window's request of this id; false when none is in flight. */
  cancel(context: CallContext, requestId: string): boolean {
    const key = keyOf(context, requestId);
    const controller = this.#running.get(key);
    if (controller === undefined) return false;
    this.#running.delete(key);
    controller.abort();
    return true;
  }
}

function keyOf(context: CallContext, requestId: string): string {
  return `${context.window}:${requestId}`;
}
