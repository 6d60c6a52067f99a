import type { BefriendApi } from '../../electron/shared/contract.js';

declare global {
  interface Window {
    /** Installed by the preload (or the end-to-end harness); the renderer's only way out. */
    readonly befriend: BefriendApi;
  }
}
