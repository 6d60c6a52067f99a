import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..', '..');

type BuilderConfig = Record<string, any>;
// electron-builder's own YAML reader (js-yaml comes with it), so the file is read as it will be.
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema", async () => {
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...structuredClone(config), asarr: true }, new DebugLogger(false))).rejects.toThrow();
  });

  it('builds AppImage + deb, nsis and dmg, with an icon that exists', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.appId).toBe('social.befriend.desktop');
    expect(config.productName).toBe('Befriend');
    const icon = readFileSync(join(root, config.linux.icon));
    expect(icon.subarray(1, 4).toString()).toBe('PNG');
    expect(icon.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
  });

  it('ships only the bundles and the icon, in an asar', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(['out/main/**', 'out/preload/**', 'out/renderer/**', 'resources/icon.png', 'package.json', '!**/*.map']);
  });

  it('flips the fuses that close Node-style entry points', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('registers the befriend:// scheme', () => {
    expect(config.protocols).toEqual([{ name: 'Befriend link', schemes: ['befriend'] }]);
  });
});
