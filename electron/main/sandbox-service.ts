import type { SandboxInfo, SandboxPort } from './services.js';

/** What `startSandbox()` gives back, as far as main uses it. */
export interface SandboxHandle extends SandboxInfo {
  close(): Promise<void> | void;
}

/**
 * The embedded sandbox, started in-process on first use and kept for the session. Concurrent
 * first calls share one start; a failed start is retried on the next call.
 */
export class SandboxService implements SandboxPort {
  readonly #start: () => Promise<SandboxHandle>;
  #running: Promise<SandboxHandle> | null = null;

  constructor(start: () => Promise<SandboxHandle>) {
    this.#start = start;
  }

  ensure(): Promise<SandboxInfo> {
    if (this.#running === null) {
      this.#running = this.#start();
      this.#running.catch(() => {
        this.#running = null;
      });
    }
    return this.#running;
  }

  async close(): Promise<void> {
    const running = this.#running;
    this.#running = null;
    if (running) await (await running).close();
  }
}
