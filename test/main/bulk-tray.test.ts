/** What the tray and the notifications say about a bulk follow, and the tray showing it. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BulkProgress, BulkRunState } from '../../core/bulk/bulk-types.js';
import { FakeNotification, FakeTray } from './electron-fakes.js';
import { resetElectron } from './electron-module.js';

vi.mock('electron', async () => (await import('./electron-module.js')).electronModule);

const { TrayController } = await import('../../electron/main/tray.js');
const { showNotification } = await import('../../electron/main/notifications.js');
const { bulkNotificationText, bulkTrayTooltip } = await import('../../electron/main/bulk-text.js');
const { roughDuration } = await import('../../electron/shared/rough-duration.js');

function progress(state: BulkRunState, counts: Partial<BulkProgress['counts']>, etaSeconds: number | null = null): BulkProgress {
  const full = { pending: 0, in_flight: 0, done: 0, failed: 0, cancelled: 0, ...counts };
  return {
    total: Object.values(full).reduce((a, b) => a + b, 0),
    counts: full,
    outcomes: { followed: full.done, already_following: 0, request_pending: 0 },
    status: { state, reason: null, until: null, message: null },
    rateLimit: null,
    etaSeconds,
  };
}

beforeEach(() => resetElectron());

describe('the tray tooltip', () => {
  it('says how far the list is, and how long is left or why it waits', () => {
    expect(bulkTrayTooltip(progress('running', { done: 10, failed: 2, pending: 18 }, 300))).toBe(
      'Befriend — bulk follow 12/30, about 5 min left',
    );
    expect(bulkTrayTooltip(progress('running', { done: 1, pending: 1 }, 20))).toBe('Befriend — bulk follow 1/2, under a minute left');
    expect(bulkTrayTooltip(progress('waiting', { done: 1, pending: 1 }, 900))).toBe('Befriend — bulk follow 1/2, waiting for the server');
    expect(bulkTrayTooltip(progress('paused', { done: 3, pending: 7 }))).toBe('Befriend — bulk follow 3/10, paused');
    expect(bulkTrayTooltip(progress('needs_sign_in', { pending: 4 }))).toBe('Befriend — bulk follow 0/4, needs sign-in');
    expect(bulkTrayTooltip(progress('finished', { done: 4 }))).toBe('Befriend — bulk follow 4/4, finished');
    expect(roughDuration(2 * 3600 + 600)).toBe('about 2 h 10 min');
    expect(roughDuration(3 * 3600)).toBe('about 3 h');
  });

  it('is set on the tray, kept while the tray is off, and back to plain with null', () => {
    const tray = new TrayController({
      icon: '/icon.png',
      actions: { quickFollow: () => undefined, openProfile: () => undefined, openMain: () => undefined, quit: () => undefined },
      history: async () => [],
    });
    tray.setTooltip('Befriend — bulk follow 1/2');
    tray.setEnabled(true);
    const icon = FakeTray.instances[0]!;
    expect(icon.tooltip).toBe('Befriend — bulk follow 1/2');
    tray.setTooltip('Befriend — bulk follow 2/2, finished');
    expect(icon.tooltip).toBe('Befriend — bulk follow 2/2, finished');
    tray.setTooltip(null);
    expect(icon.tooltip).toBe('Befriend');
  });
});

describe('the notifications', () => {
  it('say how a list ended, or that it needs a sign-in; nothing for the other states', () => {
    const finished = progress('finished', { done: 5, failed: 1 });
    finished.outcomes = { followed: 3, already_following: 1, request_pending: 1 };
    expect(bulkNotificationText(finished, 'Work')).toEqual({
      title: 'Bulk follow finished',
      body: 'Work: 3 followed, 1 already followed, 1 requested, 1 failed.',
    });
    expect(bulkNotificationText(progress('cancelled', { done: 2, cancelled: 8 }), 'Work')).toEqual({
      title: 'Bulk follow cancelled',
      body: 'Work: 2 of 10 done; the other 8 were not sent.',
    });
    expect(bulkNotificationText(progress('needs_sign_in', { pending: 3 }), 'Work')?.title).toBe('Bulk follow needs you to sign in again');
    for (const state of ['running', 'waiting', 'paused', 'stopped', 'idle'] as const) {
      expect(bulkNotificationText(progress(state, { pending: 1 }), 'Work')).toBeNull();
    }
  });

  it('are shown by the system, and a click runs the action', () => {
    const clicks: string[] = [];
    expect(showNotification({ title: 'Bulk follow finished', body: 'Work: 3 followed.' }, () => clicks.push('main'))).toBe(true);
    const shown = FakeNotification.shown[0]!;
    expect([shown.title, shown.body]).toEqual(['Bulk follow finished', 'Work: 3 followed.']);
    shown.emit('click');
    expect(clicks).toEqual(['main']);
    FakeNotification.supported = false;
    expect(showNotification({ title: 't', body: 'b' }, () => undefined)).toBe(false);
  });
});
