import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES, invalidRequest, ipcChannel } from '../shared/contract.js';
import type { IpcHandlers } from './ipc/handlers.js';
import type { CallContext } from './services.js';

/** What a sender must look like: the main frame of one of our windows, on our own pages. */
export interface SenderPolicy {
  /** Our window's kind for these contents, or null when they are not ours. */
  windowOf(webContentsId: number): CallContext['window'] | null;
  /** Origins our pages load from: `app://befriend`, and the dev server's in development. */
  allowedOrigins: readonly string[];
}

export type SenderCheck = { ok: true; context: CallContext } | { ok: false; reason: string };

/**
 * The origin of a frame's URL, or null unless the URL is written exactly as that origin plus a
 * path: the parser forgives leading spaces and drops `user@`, so `app://evil@befriend` or
 * ` app://befriend` would otherwise pass for ours.
 */
function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username !== '' || parsed.password !== '') return null;
  // `new URL('app://befriend/x').origin` is "null" for non-special schemes in Node's parser.
  const origin = parsed.origin !== 'null' ? parsed.origin : `${parsed.protocol}//${parsed.host}`;
  const rest = url.slice(origin.length);
  return url.startsWith(origin) && (rest === '' || /^[/?#]/.test(rest)) ? origin : null;
}

export function checkSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, policy: SenderPolicy): SenderCheck {
  const window = policy.windowOf(event.sender.id);
  if (window === null) return { ok: false, reason: 'not one of our windows' };
  const frame = event.senderFrame;
  if (frame === null) return { ok: false, reason: 'frame gone' };
  if (frame.parent !== null) return { ok: false, reason: 'not a main frame' };
  const origin = originOf(frame.url);
  if (origin === null || !policy.allowedOrigins.includes(origin)) return { ok: false, reason: 'foreign origin' };
  return { ok: true, context: { window } };
}

/**
 * One `ipcMain.handle` per contract channel. A call from anything but our own pages is answered
 * with `invalid_request` (and logged without its payload); no handler ever throws back.
 */
export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  handlers: IpcHandlers,
  policy: SenderPolicy,
  log: (message: string) => void,
): () => void {
  for (const name of CHANNEL_NAMES) {
    const handler = handlers[name] as (payload: unknown, context: CallContext) => Promise<unknown>;
    ipcMain.handle(ipcChannel(name), async (event, payload: unknown) => {
      const sender = checkSender(event, policy);
      if (!sender.ok) {
        log(`refused ${name} from a sender that is ${sender.reason}`);
        return invalidRequest('Refused: this call did not come from a Befriend window.');
      }
      return handler(payload, sender.context);
    });
  }
  return () => {
    for (const name of CHANNEL_NAMES) ipcMain.removeHandler(ipcChannel(name));
  };
}
