/** Playwright fixtures over the end-to-end world, plus screenshots and accessibility checks. */
import { join, resolve } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';
import { createWorld, type World } from './world.js';

export { RENDERER_DIR } from './world.js';
export const SCREENS_DIR = resolve('test-results/screens');

export const test = base.extend<{ world: World }>({
  world: async ({}, use) => {
    const world = await createWorld();
    await use(world);
    await world.close();
  },
  page: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('dialog', (dialog) => {
      errors.push(`unexpected dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await use(page);
    expect(errors, 'no page errors or dialogs').toEqual([]);
  },
});

export { expect };

/**
 * Saves the screen in both themes (the app follows the system theme by default) and checks it
 * with axe-core in both.
 */
export async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
    await page.screenshot({ path: join(SCREENS_DIR, `${name}-${scheme}.png`), fullPage: true, animations: 'disabled' });
  }
  await expectAccessible(page);
}

/** axe-core on the current screen, in both themes: nothing serious or critical. */
export async function expectAccessible(page: Page): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    // Reduced motion turns the colour transitions off, so contrast is measured on the final
    // colours rather than after a guessed delay.
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${scheme}: ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(bad).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
}

/** Starts the sandbox from the first-run screen, as a person would. */
export async function startFromWelcome(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Try the sandbox/ }).click();
  await expect(page.getByRole('combobox', { name: 'Who do you want to follow?' })).toBeVisible();
}

export async function followFromInput(page: Page, target: string): Promise<void> {
  const input = page.getByRole('combobox', { name: 'Who do you want to follow?' });
  await input.fill(target);
  await input.press('Escape');
  await followButton(page).click();
}

/** The form's Follow button (the navigation has a "Follow" item too). */
export function followButton(page: Page) {
  return page.getByRole('search').getByRole('button', { name: 'Follow', exact: true });
}
