import type { ErrorKind } from '../types.js';

/** The command line's exit codes; documented in the README and `befriend --help`. */
export const EXIT = {
  ok: 0,
  other: 1,
  usage: 2,
  unauthorized: 3,
  notFound: 4,
  rateLimited: 5,
  network: 6,
} as const;

export function exitCodeFor(kind: ErrorKind): number {
  switch (kind) {
    case 'already_following':
    case 'request_pending':
      return EXIT.ok;
    case 'invalid_request':
      return EXIT.usage;
    case 'unauthorized':
      return EXIT.unauthorized;
    case 'not_found':
      return EXIT.notFound;
    case 'rate_limited':
      return EXIT.rateLimited;
    case 'network':
    case 'timeout':
      return EXIT.network;
    default:
      return EXIT.other;
  }
}
