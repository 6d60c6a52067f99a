/** Reading request bodies within a cap and writing answers, for node:http. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxResponse } from './state.js';

/** Larger bodies are refused with 413. */
const MAX_BODY_BYTES = 64 * 1024;
/** Past this, an oversized body is not even drained: the connection is dropped. */
const MAX_DRAIN_BYTES = 8 * 1024 * 1024;

export type BodyRead = { ok: true; text: string } | { ok: false; reason: 'too_large' | 'aborted' };

/**
 * Reads the body, keeping at most `maxBytes`. An oversized body is drained (up to a hard limit)
 * so the client, still sending, gets to read the 413 instead of a reset connection.
 */
export async function readBody(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<BodyRead> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total <= maxBytes) chunks.push(chunk);
      if (total > MAX_DRAIN_BYTES) {
        req.socket.destroy();
        return { ok: false, reason: 'too_large' };
      }
    }
  } catch {
    return { ok: false, reason: 'aborted' };
  }
  return total > maxBytes ? { ok: false, reason: 'too_large' } : { ok: true, text: Buffer.concat(chunks).toString('utf8') };
}

export function send(res: ServerResponse, response: SandboxResponse): void {
  if (res.headersSent || res.destroyed) return;
  const body = Buffer.from(response.body, 'utf8');
  res.writeHead(response.status, { ...response.headers, 'Content-Length': String(body.length) });
  res.end(body);
}

export function textResponse(status: number, message: string, headers: Record<string, string> = {}): SandboxResponse {
  return { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers }, body: `${message}\n` };
}
