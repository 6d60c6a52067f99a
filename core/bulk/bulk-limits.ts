/**
 * The caps of one bulk follow, the same for the command line and the desktop. Pure, so the
 * renderer may show them too.
 */

/** Accounts in one bulk follow: beyond this a list is refused, whole, before anything is queued. */
export const MAX_BULK_ENTRIES = 50_000;

/** Bad lines a command prints one by one; the rest are counted. */
export const MAX_BAD_LINES_SHOWN = 50;
