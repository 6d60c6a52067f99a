import { useEffect } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** Keeps `<html data-theme>` in step with the setting, and with the OS while it is "system". */
export function useTheme(choice: ThemeChoice): void {
  useEffect(() => {
    const apply = (): void => {
      const dark = choice === 'system' ? window.matchMedia?.(DARK_QUERY).matches : choice === 'dark';
      document.documentElement.dataset.theme = dark ? 'dark' : 'light';
    };
    apply();
    if (choice !== 'system' || !window.matchMedia) return;
    const media = window.matchMedia(DARK_QUERY);
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [choice]);
}
