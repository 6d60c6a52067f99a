import type { ApiError } from './types.js';

/**
 * The one shape of every answer that can fail, in the core, over IPC and in the renderer: what
 * was asked for, or why not. Errors are data; nothing that returns a Result throws for a failure.
 */
export type Result<T extends object = object, E = ApiError> = ({ ok: true } & T) | { ok: false; error: E };

export type Failure<E = ApiError> = Extract<Result<object, E>, { ok: false }>;
