import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CORE = join(ROOT, 'core');
const RENDERER = join(ROOT, 'renderer');
const SHARED = join(ROOT, 'electron/shared');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const IMPORT = /(?:from\s+|import\(\s*|require\(\s*|import\s+)['"]([^'"]+)['"]/g;

/** Type-only imports and exports vanish when compiled: they load nothing. */
const TYPE_ONLY = /^(?:import|export) type [^;]*?from\s+['"][^'"]+['"];?/gm;

/** Every module a file loads, relative ones resolved to paths under the repository. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(TYPE_ONLY, '');
  return [...text.matchAll(IMPORT)].map(([, spec]) =>
    spec!.startsWith('.') ? relative(ROOT, resolve(dirname(file), spec!)) : spec!,
  );
}

describe('the layers', () => {
  it('the core never imports electron nor anything under electron/, so the command line can use all of it', () => {
    const files = sources(CORE);
    expect(files.length).toBeGreaterThan(40);
    const offenders = files.flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec === 'electron' || spec.startsWith('electron/'))
        .map((spec) => `${relative(ROOT, file)} → ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the renderer reaches outside renderer/ only through electron/shared/', () => {
    const offenders = sources(RENDERER).flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith('core/') || (spec.startsWith('electron') && !spec.startsWith('electron/shared/')))
        .map((spec) => `${relative(ROOT, file)} → ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('electron/shared/ takes from the core only modules that load nothing from Node or npm', () => {
    const reached = new Set<string>();
    const visit = (file: string): void => {
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('core/')) continue;
        const path = join(ROOT, spec.replace(/\.js$/, '.ts'));
        if (reached.has(path)) continue;
        reached.add(path);
        visit(path);
      }
    };
    for (const file of sources(SHARED)) visit(file);
    expect(reached.size).toBeGreaterThan(0);
    const impure = [...reached].flatMap((file) =>
      importsOf(file)
        .filter((spec) => !spec.startsWith('core/'))
        .map((spec) => `${relative(ROOT, file)} → ${spec}`),
    );
    expect(impure).toEqual([]);
  });
});
