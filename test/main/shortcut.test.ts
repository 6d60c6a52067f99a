import { describe, expect, it } from 'vitest';
import { checkAccelerator } from '../../electron/main/accelerator.js';
import { GlobalShortcutController } from '../../electron/main/shortcut.js';
import { fakeGlobalShortcut } from './electron-fakes.js';

function controller(taken: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const registry = fakeGlobalShortcut(new Set(taken));
  let triggered = 0;
  const shortcut = new GlobalShortcutController({ registry, onTrigger: () => (triggered += 1), platform: 'linux', env });
  return { registry, shortcut, triggered: () => triggered };
}

describe('checkAccelerator', () => {
  it('normalizes valid accelerators', () => {
    expect(checkAccelerator('commandorcontrol+alt+f')).toEqual({ ok: true, accelerator: 'CommandOrControl+Alt+F' });
    expect(checkAccelerator('Ctrl+Shift+F12')).toEqual({ ok: true, accelerator: 'Ctrl+Shift+F12' });
    expect(checkAccelerator('Super+Space')).toEqual({ ok: true, accelerator: 'Super+Space' });
    expect(checkAccelerator('Ctrl++')).toEqual({ ok: true, accelerator: 'Ctrl+Plus' });
  });

  it('refuses what cannot be a global shortcut, with a sentence', () => {
    for (const bad of ['F', 'Shift+A', 'Ctrl+Alt', 'Ctrl+Alt+F+G', 'Ctrl+Ctrl+F', 'Ctrl+Hyper+F', 'Ctrl++Alt', '']) {
      const checked = checkAccelerator(bad);
      expect(checked.ok, bad).toBe(false);
      expect(!checked.ok && checked.error.length).toBeGreaterThan(10);
    }
  });
});

describe('GlobalShortcutController', () => {
  it('registers the default and runs quick-follow when pressed', () => {
    const { registry, shortcut, triggered } = controller();
    expect(shortcut.set('CommandOrControl+Alt+F')).toEqual({ ok: true, accelerator: 'CommandOrControl+Alt+F' });
    registry.registered.get('CommandOrControl+Alt+F')?.();
    expect(triggered()).toBe(1);
    expect(shortcut.status()).toEqual({ active: 'CommandOrControl+Alt+F', problem: null });
  });

  it('switches to a new accelerator, releasing the old one', () => {
    const { registry, shortcut } = controller();
    shortcut.set('Ctrl+Alt+F');
    shortcut.set('Ctrl+Alt+B');
    expect([...registry.registered.keys()]).toEqual(['Ctrl+Alt+B']);
  });

  it('keeps the previous working shortcut when the new one is refused, and says so', () => {
    const { registry, shortcut } = controller(['Ctrl+Shift+X']);
    shortcut.set('Ctrl+Alt+F');
    const refused = shortcut.set('Ctrl+Shift+X');
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toBe('Ctrl+Shift+X is taken by another application or the system. Keeping Ctrl+Alt+F.');
    expect([...registry.registered.keys()]).toEqual(['Ctrl+Alt+F']);
    expect(shortcut.status()).toEqual({ active: 'Ctrl+Alt+F', problem: refused.ok ? null : refused.error });
  });

  it('treats a throwing register() as a refusal', () => {
    const registry = {
      register: () => {
        throw new Error('conversion failure');
      },
      unregister: () => undefined,
      unregisterAll: () => undefined,
    };
    const shortcut = new GlobalShortcutController({ registry, onTrigger: () => undefined, platform: 'win32', env: {} });
    expect(shortcut.set('Ctrl+Alt+F').ok).toBe(false);
    expect(shortcut.status().active).toBeNull();
  });

  it('on Wayland points to the GlobalShortcutsPortal switch', () => {
    const { shortcut } = controller(['Ctrl+Alt+F'], { XDG_SESSION_TYPE: 'wayland' });
    const refused = shortcut.set('Ctrl+Alt+F');
    expect(!refused.ok && refused.error).toMatch(/--enable-features=GlobalShortcutsPortal/);
    expect(!refused.ok && refused.error).toMatch(/use the tray or the main window/);
  });

  it('tests an accelerator without changing the active one', () => {
    const { registry, shortcut } = controller(['Ctrl+Shift+X']);
    shortcut.set('Ctrl+Alt+F');
    expect(shortcut.test('Ctrl+Alt+B')).toEqual({ available: true, reason: null });
    expect(shortcut.test('Ctrl+Shift+X').available).toBe(false);
    expect(shortcut.test('Ctrl+Alt+F')).toEqual({ available: true, reason: null });
    expect(shortcut.test('nonsense').available).toBe(false);
    expect([...registry.registered.keys()]).toEqual(['Ctrl+Alt+F']);
  });

  it('turns off and on, and unregisters everything on quit', () => {
    const { registry, shortcut } = controller();
    shortcut.set('Ctrl+Alt+F');
    shortcut.setEnabled(false, 'Ctrl+Alt+F');
    expect(registry.registered.size).toBe(0);
    expect(shortcut.setEnabled(true, 'Ctrl+Alt+F')).toEqual({ ok: true, accelerator: 'Ctrl+Alt+F' });
    registry.register('Other+Thing', () => undefined);
    shortcut.dispose();
    expect(registry.registered.size).toBe(0);
    expect(shortcut.status().active).toBeNull();
  });
});
