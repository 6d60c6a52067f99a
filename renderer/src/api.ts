import type { BefriendApi } from '../../electron/shared/contract.js';

export function befriendApi(): BefriendApi {
  return window.befriend;
}

/** Opens an http(s) address in the system browser, through main. */
export async function openExternal(url: string): Promise<void> {
  await befriendApi().openExternal({ url });
}
