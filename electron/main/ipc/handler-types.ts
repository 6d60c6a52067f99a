import type { ChannelName, ResponseOf } from '../../shared/contract.js';
import type { CallContext, MainServices } from '../services.js';
import type { AccountAccess } from './account-access.js';
import type { ParsedRequestOf } from './schemas.js';

/** A channel's handler: its validated request in, its contract response out; it never rejects on purpose. */
export type Handler<K extends ChannelName> = (request: ParsedRequestOf<K>, context: CallContext) => Promise<ResponseOf<K>>;

/** One concern's handlers, typed by the channels it names (handlers.ts checks each channel is handled once). */
export function defineHandlers<T extends { [K in ChannelName]?: Handler<K> }>(handlers: T): T {
  return handlers;
}

/** What every concern's handlers share. */
export interface HandlerDeps {
  services: MainServices;
  access: AccountAccess;
  /** Tells every window to refetch what changed. */
  changed(topic: 'accounts' | 'settings' | 'history'): void;
}
