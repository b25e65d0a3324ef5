/**
 * What `npm pack` puts in the tarball, checked in seconds (the end-to-end test installs it):
 * the tool only, never the sample department, tests, bench or dev scripts; every file the
 * package's exports and bin name.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const REPOSITORY = path.resolve(import.meta.dirname, '../..');

interface PackedFile {
  path: string;
}

// Without prepack (--ignore-scripts): the file list as the allow-list makes it, lib/ aside (it is built by prepack).
const packed = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
  cwd: REPOSITORY,
  encoding: 'utf8',
  env: { ...process.env, npm_config_loglevel: 'error' },
});
const files =
  packed.status === 0
    ? (JSON.parse(packed.stdout) as Array<{ files: PackedFile[] }>)[0]!.files.map((file) => file.path)
    : [];

describe('the mpflow tarball', () => {
  it('is packed', () => {
    expect(packed.status, packed.stderr).toBe(0);
    expect(files.length).toBeGreaterThan(100);
  });

  it('has nothing of the sample department, the tests, the bench or the dev scripts', () => {
    const unwanted = files.filter(
      (file) =>
        /^(content|appraisals|sample-keys|test|bench|scripts|public|dist|\.github|\.ci|\.changeset)\//.test(file) ||
        /^src\/content\.config\.ts$/.test(file) ||
        /\.(tgz|log)$/.test(file),
    );
    expect(unwanted).toEqual([]);
  });

  it('has the CLI, the schemas, the templates, the license, the changelog and the sources the site compiles', () => {
    for (const file of [
      'bin/mpflow.js',
      'LICENSE',
      'CHANGELOG.md',
      'README.md',
      'package.json',
      'schemas/department.schema.json',
      'schemas/article.schema.json',
      'src/astro/content.ts',
      'src/components/site/SiteLayout.astro',
      'src/styles/theme.css',
      'src/core/compliance/content-model.json',
    ]) {
      expect(files, file).toContain(file);
    }
    expect(files.some((file) => file.startsWith('templates/department/'))).toBe(true);
    expect(files.some((file) => file.startsWith('src/pages/') && file.endsWith('.astro'))).toBe(true);
  });

  it('has every source file its exports name (lib/ comes from prepack)', async () => {
    const manifest = (await import('../../package.json', { with: { type: 'json' } })).default as {
      exports: Record<string, string | Record<string, string>>;
    };
    const targets = Object.values(manifest.exports).flatMap((target) =>
      typeof target === 'string' ? [target] : Object.values(target),
    );
    for (const target of targets.filter((entry) => !entry.includes('*') && !entry.startsWith('./lib/')))
      expect(files, target).toContain(target.slice(2));
  });
});
