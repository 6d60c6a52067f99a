/**
 * Every channel's handler, Electron-free: one module per concern, merged here behind one wrapper
 * that checks the payload (plain data only, then the channel's schema) and turns anything
 * unexpected into a typed failure. Electron's `ipcMain` registration (ipc.ts, which also checks the sender) and
 * the end-to-end harness call these very functions; nothing here rejects.
 */
import {
  CHANNEL_NAMES,
  failure,
  invalidRequest,
  isChannelName,
  type ChannelName,
  type Exact,
  type ResponseOf,
} from '../../shared/contract.js';
import type { CallContext, MainServices } from '../services.js';
import { AccountAccess } from './account-access.js';
import { accountHandlers } from './account-handlers.js';
import { bulkHandlers } from './bulk-handlers.js';
import { desktopHandlers } from './desktop-handlers.js';
import { followHandlers } from './follow-handlers.js';
import { moveFollowsHandlers } from './move-follows-handlers.js';
import type { Handler, HandlerDeps } from './handler-types.js';
import { describeIssues, isPlainData, REQUEST_SCHEMAS } from './schemas.js';
import { settingsHandlers } from './settings-handlers.js';

/** What a transport calls: any payload in, the channel's response out. */
export type IpcHandlers = {
  readonly [K in ChannelName]: (payload?: unknown, context?: CallContext) => Promise<ResponseOf<K>>;
};

const MAIN_WINDOW: CallContext = { window: 'main' };

function concerns(deps: HandlerDeps) {
  return [followHandlers(deps), accountHandlers(deps), settingsHandlers(deps), desktopHandlers(deps), bulkHandlers(deps), moveFollowsHandlers(deps)] as const;
}

/** Compile-time: the concerns together handle every channel, and no channel twice. */
type Concerns = ReturnType<typeof concerns>;
type KeysOf<T> = T extends object ? keyof T : never;
type Repeated<G, Seen = never> = G extends readonly [infer First, ...infer Rest]
  ? (keyof First & Seen) | Repeated<Rest, Seen | keyof First>
  : never;
const everyChannelHandledOnce: Exact<KeysOf<Concerns[number]>, ChannelName> & Exact<Repeated<Concerns>, never> = true;
void everyChannelHandledOnce;

export function createIpcHandlers(services: MainServices): IpcHandlers {
  const deps: HandlerDeps = {
    services,
    access: new AccountAccess(services),
    changed: (topic) => services.desktop.emit('changed', { topic }),
  };
  const implementation = Object.assign({}, ...concerns(deps)) as { [K in ChannelName]: Handler<K> };

  const handlers: Partial<Record<ChannelName, (payload: unknown, context?: CallContext) => Promise<unknown>>> = {};
  for (const name of CHANNEL_NAMES) {
    const run = implementation[name] as (request: unknown, context: CallContext) => Promise<unknown>;
    handlers[name] = async (payload, context = MAIN_WINDOW) => {
      let parsed: ReturnType<(typeof REQUEST_SCHEMAS)[typeof name]['safeParse']>;
      try {
        if (!isPlainData(payload)) return invalidRequest('Only plain objects, arrays, text, numbers and true/false are accepted.');
        parsed = REQUEST_SCHEMAS[name].safeParse(payload);
      } catch {
        // A getter that throws, a proxy that lies: whatever it is, it is not a request.
        return invalidRequest('This request could not be read.');
      }
      if (!parsed.success) return invalidRequest(describeIssues(parsed.error));
      try {
        return await run(parsed.data, context);
      } catch (error) {
        services.log(`${name} failed: ${error instanceof Error ? error.name : 'error'}`);
        return failure('server_error', 'Befriend could not finish this: try again, or restart Befriend if it keeps happening.');
      }
    };
  }
  return handlers as IpcHandlers;
}

/** For transports that carry a channel name as data (the harness): unknown names are refused. */
export function invokeChannel(handlers: IpcHandlers, channel: unknown, payload: unknown, context?: CallContext): Promise<unknown> {
  if (!isChannelName(channel)) return Promise.resolve(invalidRequest('Unknown channel.'));
  const handler = handlers[channel] as (payload: unknown, context?: CallContext) => Promise<unknown>;
  return handler(payload, context);
}
