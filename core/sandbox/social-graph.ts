/** Who follows whom in the sandbox, by user id; a pending edge is a protected account's request. */

export interface FollowEdge {
  /** v1 turned device notifications on whenever `follow` was present at all. */
  notifications: boolean;
  pending: boolean;
}

export class SocialGraph {
  private readonly edges = new Map<string, Map<string, FollowEdge>>();

  get(followerId: string, targetId: string): FollowEdge | undefined {
    return this.edges.get(followerId)?.get(targetId);
  }

  set(followerId: string, targetId: string, edge: FollowEdge): void {
    if (!this.edges.has(followerId)) this.edges.set(followerId, new Map());
    this.edges.get(followerId)!.set(targetId, edge);
  }

  /** Whom `followerId` follows (accepted follows only), oldest first, as friends/ids lists them. */
  following(followerId: string): string[] {
    const edges = this.edges.get(followerId);
    if (!edges) return [];
    return [...edges].filter(([, edge]) => !edge.pending).map(([id]) => id);
  }

  delete(followerId: string, targetId: string): boolean {
    return this.edges.get(followerId)?.delete(targetId) ?? false;
  }

  clear(): void {
    this.edges.clear();
  }
}
