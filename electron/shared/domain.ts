/**
 * The renderer's one window into the core: the pure, dependency-free modules a page needs to name
 * results, explain errors and read what a person typed. The renderer imports only from
 * `electron/shared/`, so what it can reach of the core is exactly this list (kept honest by
 * test/unit/architecture.test.ts).
 */
export type { ServerProfileId } from '../../core/account.js';
export { adviceFor, apiError } from '../../core/errors.js';
export { followOutcome } from '../../core/follow-outcome.js';
export { profileFromHistory } from '../../core/history-entry.js';
export { defaultsFor, SERVER_PROFILE_IDS, SERVER_PROFILES } from '../../core/server-profiles.js';
export { parseTarget, type NumericChoice } from '../../core/target.js';
export { ERROR_KINDS } from '../../core/types.js';
export type { ApiError, ErrorKind, FollowOutcome, RateLimit, User, UserResult } from '../../core/types.js';
