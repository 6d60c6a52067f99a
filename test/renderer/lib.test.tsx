import { describe, expect, it } from 'vitest';
import { formatCount, formatRelative, formatWhen } from '../../renderer/src/lib/format.js';
import { acceleratorFromKey, displayAccelerator } from '../../renderer/src/lib/shortcut.js';
import { displayUrl, safeHttpUrl, splitStatusText } from '../../renderer/src/lib/status-text.js';

describe('status text', () => {
  it('splits links and mentions and keeps the rest as text', () => {
    expect(splitStatusText('RT @abdur: see https://ex.com/a?b=1. Mail me@host.com')).toEqual([
      { kind: 'text', text: 'RT ' },
      { kind: 'mention', text: '@abdur', screenName: 'abdur' },
      { kind: 'text', text: ': see ' },
      { kind: 'link', text: 'https://ex.com/a?b=1', href: 'https://ex.com/a?b=1' },
      { kind: 'text', text: '. Mail me@host.com' },
    ]);
  });

  it('never makes a link of anything but http(s)', () => {
    expect(splitStatusText('javascript:alert(1) data:text/html,x')).toEqual([
      { kind: 'text', text: 'javascript:alert(1) data:text/html,x' },
    ]);
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl(' HTTP://Example.com ')).toBe('http://example.com/');
    expect(safeHttpUrl('not a url')).toBeNull();
    expect(safeHttpUrl(null)).toBeNull();
  });

  it('keeps a markup-looking status as one text run', () => {
    const text = '<img src=x onerror=alert(1)> &amp;';
    expect(splitStatusText(text)).toEqual([{ kind: 'text', text }]);
  });

  it('shortens long link texts', () => {
    expect(displayUrl('https://www.igudo.com/')).toBe('www.igudo.com');
    expect(displayUrl(`https://ex.com/${'a'.repeat(60)}`, 20)).toHaveLength(20);
  });
});

describe('formatting', () => {
  it('formats counts for the locale and marks unknowns', () => {
    expect(formatCount(1036, 'en-US')).toBe('1,036');
    expect(formatCount(1036, 'de-DE')).toBe('1.036');
    expect(formatCount(null)).toBe('—');
  });

  it('says how long ago, in the largest fitting unit', () => {
    const now = new Date('2026-01-10T12:00:00Z');
    expect(formatRelative('2026-01-10T11:59:50Z', now, 'en')).toBe('now');
    expect(formatRelative('2026-01-10T09:00:00Z', now, 'en')).toBe('3 hours ago');
    expect(formatRelative('2026-01-09T12:00:00Z', now, 'en')).toBe('yesterday');
    expect(formatRelative('2009-04-07T22:52:51Z', now, 'en')).toBe('17 years ago');
    expect(formatRelative('garbage', now)).toBeNull();
  });

  it('gives a time of day for today and a date otherwise', () => {
    const now = new Date('2026-01-10T12:00:00');
    expect(formatWhen('2026-01-10T14:05:00', now, 'en-US')).toBe('2:05 PM');
    expect(formatWhen('2026-01-11T14:05:00', now, 'en-US')).toBe('Jan 11, 2026, 2:05 PM');
  });
});

describe('shortcut recorder keys', () => {
  const key = (code: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}, k = code) => ({
    key: k,
    code,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...mods,
  });

  it("refuses the system's editing and window keys, as main does (issue 13), before main is asked", () => {
    for (const [code, mods, mac] of [
      ['KeyC', { ctrlKey: true }, false],
      ['KeyV', { metaKey: true }, true],
      ['F4', { altKey: true }, false],
    ] as const) {
      expect(acceleratorFromKey(key(code, mods, code.slice(-1).toLowerCase()), mac)).toMatchObject({ problem: expect.stringContaining('every app') });
    }
  });

  it('builds accelerators from physical keys', () => {
    expect(acceleratorFromKey(key('KeyF', { ctrlKey: true, altKey: true }, 'f'), false)).toEqual({
      accelerator: 'CommandOrControl+Alt+F',
    });
    expect(acceleratorFromKey(key('KeyF', { metaKey: true, shiftKey: true }, 'F'), true)).toEqual({
      accelerator: 'CommandOrControl+Shift+F',
    });
    expect(acceleratorFromKey(key('F9'), false)).toEqual({ accelerator: 'F9' });
  });

  it('waits while only modifiers are down and refuses a plain key', () => {
    expect(acceleratorFromKey(key('ControlLeft', { ctrlKey: true }, 'Control'), false)).toBeNull();
    expect(acceleratorFromKey(key('KeyA', { shiftKey: true }, 'A'), false)).toEqual({
      problem: expect.stringContaining('Add Ctrl'),
    });
    expect(acceleratorFromKey(key('IntlRo', { ctrlKey: true }, 'ろ'), false)).toEqual({
      problem: '“ろ” cannot be part of a shortcut.',
    });
  });

  it('reads accelerators the platform way', () => {
    expect(displayAccelerator('CommandOrControl+Alt+F', false)).toBe('Ctrl+Alt+F');
    expect(displayAccelerator('CommandOrControl+Alt+F', true)).toBe('⌘⌥F');
  });
});
