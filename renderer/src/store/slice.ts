import type { StateCreator } from 'zustand/vanilla';

/**
 * A part of a window's store: it creates `Own` and may read or call `Needs`, which other slices
 * of the same store provide. Each window's store is the spread of its slices (zustand's slices
 * pattern), so the type checker holds every window to what its slices need.
 */
export type Slice<Own, Needs = unknown> = StateCreator<Own & Needs, [], [], Own>;
