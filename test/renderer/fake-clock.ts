import { vi } from 'vitest';

/**
 * Fake timeouts that Testing Library keeps working with. Its async helpers (findBy…, waitFor,
 * user-event) end by draining a `setTimeout(0)` that they advance only on a clock they know as
 * Jest's (testing-library/react-testing-library#1197); vitest's is the same sinon clock, so it is
 * shown to them under that name. Time then moves only when a test (or waitFor's polling) says so.
 */
export function useFakeClock(): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  vi.stubGlobal('jest', { advanceTimersByTime: (ms: number) => vi.advanceTimersByTime(ms) });
}

export function useRealClock(): void {
  vi.unstubAllGlobals();
  vi.useRealTimers();
}
