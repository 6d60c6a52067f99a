import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CORE = fileURLToPath(new URL('../../electron/core/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('the core', () => {
  it('never imports electron, so the command line and plain-Node tests can use all of it', () => {
    const files = sources(CORE);
    expect(files.length).toBeGreaterThan(40);
    const offenders = files.filter((file) =>
      /(?:from\s+|import\(\s*|require\(\s*)['"]electron(?:\/[^'"]*)?['"]/.test(readFileSync(file, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
