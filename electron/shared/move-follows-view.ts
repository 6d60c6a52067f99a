/**
 * What the renderer sees of a planned move of follows (core/bulk/copy-follows.ts): counts, and
 * capped lists of the names people should look at. A module of its own so the contract stays small.
 */

export interface MovePersonView {
  id: string;
  screenName: string;
}

export interface MoveFollowsPreviewView {
  /** Both accounts on one server: matched by id. Otherwise by screen name, for people to review. */
  sameServer: boolean;
  sourceCount: number;
  toFollow: number;
  alreadyFollowed: number;
  notFoundCount: number;
  /** The first of them (at most LIMITS.bulkPreviewLines), in the source's order. */
  notFound: MovePersonView[];
  ambiguousCount: number;
  ambiguous: { source: MovePersonView; candidates: MovePersonView[] }[];
  /** Matches made by screen name alone, among those to follow (the first, capped), for review. */
  byName: { source: MovePersonView; target: MovePersonView }[];
  /** The destination account itself, which the source follows: skipped. */
  yourself: number;
}

/** The two accounts of a move, by id: the renderer never sends secrets, main looks them up. */
export interface MoveFollowsAccounts {
  fromAccountId: string;
  toAccountId: string;
}
