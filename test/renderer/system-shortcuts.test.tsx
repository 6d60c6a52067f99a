/** Issue 13: the shortcut recorder refuses the system's editing and window keys, as main does. */
import { describe, expect, it } from 'vitest';
import { acceleratorFromKey } from '../../renderer/src/lib/shortcut.js';

describe('the shortcut recorder', () => {
  it('the recorder refuses them too, before main is asked', () => {
    const key = (code: string, mods: { ctrlKey?: boolean; altKey?: boolean; metaKey?: boolean }) => ({
      key: code.slice(-1).toLowerCase(),
      code,
      ctrlKey: false,
      metaKey: false,
      altKey: false,
      shiftKey: false,
      ...mods,
    });
    expect(acceleratorFromKey(key('KeyC', { ctrlKey: true }), false)).toMatchObject({ problem: expect.stringContaining('every app') });
    expect(acceleratorFromKey(key('KeyV', { metaKey: true }), true)).toMatchObject({ problem: expect.stringContaining('every app') });
    expect(acceleratorFromKey(key('F4', { altKey: true }), false)).toMatchObject({ problem: expect.stringContaining('every app') });
    expect(acceleratorFromKey(key('KeyF', { ctrlKey: true, altKey: true }), false)).toEqual({ accelerator: 'CommandOrControl+Alt+F' });
  });
});
