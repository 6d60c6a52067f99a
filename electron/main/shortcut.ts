import type { GlobalShortcut } from 'electron';
import { checkAccelerator } from './accelerator.js';
import type { ShortcutChange, ShortcutPort } from './services.js';

export type ShortcutRegistry = Pick<GlobalShortcut, 'register' | 'unregister' | 'unregisterAll'>;

/**
 * On Wayland, Electron can only register global shortcuts through the desktop portal, which is
 * behind a Chromium feature switch: start Befriend with
 * `--enable-features=GlobalShortcutsPortal`. Without it every `register()` fails, and the app
 * stays usable through the tray and the main window.
 */
function refusalReason(accelerator: string, platform: string, env: NodeJS.ProcessEnv): string {
  const wayland = platform === 'linux' && (env.XDG_SESSION_TYPE === 'wayland' || env.WAYLAND_DISPLAY !== undefined);
  return wayland
    ? `${accelerator} could not be registered: on Wayland, start Befriend with --enable-features=GlobalShortcutsPortal.`
    : `${accelerator} is taken by another application or the system.`;
}

/**
 * The global quick-follow shortcut. A new accelerator is registered before the old one is
 * released, so when the system refuses it the previous working shortcut stays in place.
 */
export class GlobalShortcutController implements ShortcutPort {
  readonly #registry: ShortcutRegistry;
  readonly #onTrigger: () => void;
  readonly #platform: string;
  readonly #env: NodeJS.ProcessEnv;
  #active: string | null = null;
  #problem: string | null = null;

  constructor(options: {
    registry: ShortcutRegistry;
    onTrigger: () => void;
    platform?: string;
    env?: NodeJS.ProcessEnv;
  }) {
    this.#registry = options.registry;
    this.#onTrigger = options.onTrigger;
    this.#platform = options.platform ?? process.platform;
    this.#env = options.env ?? process.env;
  }

  #register(accelerator: string, callback: () => void): boolean {
    try {
      return this.#registry.register(accelerator, callback);
    } catch {
      return false;
    }
  }

  set(input: string): ShortcutChange {
    const checked = checkAccelerator(input);
    if (!checked.ok) return { ok: false, error: checked.error };
    const { accelerator } = checked;
    if (accelerator === this.#active) {
      this.#problem = null;
      return { ok: true, accelerator };
    }
    if (!this.#register(accelerator, this.#onTrigger)) {
      const keeping = this.#active ? `Keeping ${this.#active}.` : 'No global shortcut is active; use the tray or the main window.';
      this.#problem = `${refusalReason(accelerator, this.#platform, this.#env)} ${keeping}`;
      return { ok: false, error: this.#problem };
    }
    if (this.#active !== null) this.#registry.unregister(this.#active);
    this.#active = accelerator;
    this.#problem = null;
    return { ok: true, accelerator };
  }

  test(input: string): { available: boolean; reason: string | null } {
    const checked = checkAccelerator(input);
    if (!checked.ok) return { available: false, reason: checked.error };
    if (checked.accelerator === this.#active) return { available: true, reason: null };
    if (!this.#register(checked.accelerator, () => undefined)) {
      return { available: false, reason: refusalReason(checked.accelerator, this.#platform, this.#env) };
    }
    this.#registry.unregister(checked.accelerator);
    return { available: true, reason: null };
  }

  setEnabled(enabled: boolean, accelerator: string): ShortcutChange | null {
    if (enabled) return this.set(accelerator);
    if (this.#active !== null) this.#registry.unregister(this.#active);
    this.#active = null;
    this.#problem = null;
    return null;
  }

  status(): { active: string | null; problem: string | null } {
    return { active: this.#active, problem: this.#problem };
  }

  /** On quit: nothing of ours stays registered with the system. */
  dispose(): void {
    this.#registry.unregisterAll();
    this.#active = null;
  }
}
