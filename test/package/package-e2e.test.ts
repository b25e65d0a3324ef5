/**
 * A department adopts mpflow and upgrades it, end to end, as its people would (issue 12, "Done
 * when"): the package is packed, `npx --package <tarball> mpflow init` writes a department
 * repository, `npm install` installs it from the tarball, the department checks, writes an
 * article and builds its site; then a second version of the package with a real schema change
 * and its migration is packed, installed over the first, and `mpflow doctor` / `mpflow migrate`
 * bring the department up to it.
 *
 * Offline: every dependency comes from the local npm cache (which `npm ci` filled). Nothing of
 * this repository's sample department is read. One pack and one install per version; each step's
 * time is printed at the end.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPOSITORY = path.resolve(import.meta.dirname, '../..');
const STEP_TIMEOUT = 10 * 60_000;

// A city library's department: nothing of the sample's tea brand.
const DEPARTMENT = { zh: '城市图书馆微信部', en: 'City Library WeChat Department' };
const ACCOUNT = { zh: '城市书声', en: 'City Library Voices' };
/** Words of the sample department (闽岚茶事, a tea brand) that must not reach another department's site. */
const SAMPLE_WORDS = /闽岚|茶|Minlan|\btea\b/i;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const timings: Array<{ step: string; seconds: number }> = [];
let work = '';
let department = '';
let environment: NodeJS.ProcessEnv = {};

/** The environment of a person at a terminal: npm offline, a fixed instant, no settings of this test run's own npm script. */
function departmentEnvironment(root: string): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (
      /^npm_/i.test(key) ||
      key === 'INIT_CWD' ||
      key.startsWith('MPFLOW_') ||
      key.startsWith('VITEST') ||
      key === 'NODE_OPTIONS'
    )
      continue;
    clean[key] = value;
  }
  return {
    ...clean,
    // npm install --offline, for every npm and npx below.
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_loglevel: 'error',
    // The department's clock: its policy takes effect on 2026-12-01, the article is for the 9th.
    MPFLOW_NOW: '2026-12-05T10:00+08:00',
    MPFLOW_CACHE_DIR: path.join(root, 'mpflow-cache'),
    LANG: 'en_US.UTF-8',
    NO_COLOR: '1',
    ASTRO_TELEMETRY_DISABLED: '1',
  };
}

async function run(
  step: string,
  command: string,
  args: string[],
  cwd: string,
  extra: NodeJS.ProcessEnv = {},
): Promise<Run> {
  const started = performance.now();
  const result = await new Promise<Run>((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...environment, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
  timings.push({ step, seconds: (performance.now() - started) / 1000 });
  return result;
}

/**
 * A run that must succeed; its output is shown when it does not. `npm ci` caches the packages'
 * tarballs but not their registry metadata, which an install without a lock file (npx's, the new
 * department's) needs to resolve versions: where the cache lacks it (a machine whose cache only
 * `npm ci` filled), the step is run again preferring the cache, and its name says so.
 */
async function succeed(
  step: string,
  command: string,
  args: string[],
  cwd: string,
  extra: NodeJS.ProcessEnv = {},
): Promise<Run> {
  let result = await run(step, command, args, cwd, extra);
  if (result.code !== 0 && /ENOTCACHED/.test(result.stderr))
    result = await run(`${step} (metadata not cached)`, command, args, cwd, {
      ...extra,
      npm_config_offline: 'false',
      npm_config_prefer_offline: 'true',
    });
  if (result.code !== 0)
    throw new Error(
      `${step}: \`${command} ${args.join(' ')}\` exited ${result.code}\n--- stdout\n${result.stdout.slice(-4000)}\n--- stderr\n${result.stderr.slice(-4000)}`,
    );
  return result;
}

/** `npm pack` of the package in `folder` into the work folder; the tarball's path. */
async function pack(step: string, folder: string): Promise<string> {
  const { stdout } = await succeed(step, 'npm', ['pack', '--json', '--pack-destination', work], folder);
  const [packed] = JSON.parse(stdout) as Array<{ filename: string }>;
  return path.join(work, packed!.filename);
}

/** A real PNG (one colour) for the article's cover. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const checksum = Buffer.alloc(4);
    checksum.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'ascii'), data])));
    return Buffer.concat([length, Buffer.from(type, 'ascii'), data, checksum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, Buffer.from([0x2c, 0x5d, 0x8f]))]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Every text file under dist/ that mentions the sample department, with the words found. */
function sampleWordsIn(dist: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(html|css|js|mjs|json|xml|txt|svg)$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    const match = SAMPLE_WORDS.exec(readFileSync(file, 'utf8'));
    if (match) found.push(`${path.relative(dist, file)}: ${match[0]}`);
  }
  return found;
}

/** The npx installs this test made (~/.npm/_npx/<hash>), so runs leave nothing behind. */
async function removeNpxInstalls(tarballs: string[]): Promise<void> {
  const { stdout } = await run('npm config get cache', 'npm', ['config', 'get', 'cache'], work);
  const folder = path.join(stdout.trim(), '_npx');
  if (!existsSync(folder)) return;
  for (const name of readdirSync(folder)) {
    const manifest = path.join(folder, name, 'package.json');
    if (
      existsSync(manifest) &&
      tarballs.some(
        (tarball) =>
          readFileSync(manifest, 'utf8').includes(path.basename(tarball)) &&
          readFileSync(manifest, 'utf8').includes(path.dirname(tarball)),
      )
    ) {
      await rm(path.join(folder, name), { recursive: true, force: true });
    }
  }
}

describe('a department installs mpflow from its package, builds its site and upgrades', () => {
  const tarballs: string[] = [];

  beforeAll(() => {
    work = mkdtempSync(path.join(os.tmpdir(), 'mpflow-package-e2e-'));
    department = path.join(work, 'city-library');
    environment = departmentEnvironment(work);
  });

  // Removing two installs (some 400 packages each) takes a while on a busy machine.
  afterAll(async () => {
    if (work) {
      await removeNpxInstalls(tarballs).catch(() => undefined);
      await rm(work, { recursive: true, force: true });
    }
    const total = timings.reduce((sum, timing) => sum + timing.seconds, 0);
    console.log(
      `package e2e timings (s):\n${timings.map((timing) => `  ${timing.step.padEnd(34)} ${timing.seconds.toFixed(1)}`).join('\n')}\n  ${'total'.padEnd(34)} ${total.toFixed(1)}`,
    );
  }, STEP_TIMEOUT);

  it('packs, and `npx --package <tarball> mpflow init` writes a department that `npm install` installs offline', {
    timeout: STEP_TIMEOUT,
  }, async () => {
    const tarball = await pack('npm pack (v1)', REPOSITORY);
    tarballs.push(tarball);
    await succeed(
      'npx mpflow init',
      'npx',
      [
        '--yes',
        '--package',
        tarball,
        'mpflow',
        'init',
        department,
        '--department',
        DEPARTMENT.zh,
        '--department-en',
        DEPARTMENT.en,
        '--account',
        ACCOUNT.zh,
        '--account-en',
        ACCOUNT.en,
        '--head',
        'zhou-min-lib',
        '--head-name',
        '周敏',
        '--head-id',
        'zhou-min',
        '--member',
        'lin-xiao:林晓:linxiao-lib:copywriter',
        '--weights',
        '50/25/20/5',
        '--effective',
        '2026-12-01',
        '--mpflow-spec',
        `file:${tarball}`,
        '--yes',
        // init needs no Astro: npx resolves the same tree but leaves the peer dependency unpacked
        // (about a quarter of the 400 MB install).
      ],
      work,
      { npm_config_omit: 'peer' },
    );
    const manifest = JSON.parse(readFileSync(path.join(department, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(manifest.dependencies.mpflow).toBe(`file:${tarball}`);
    await succeed('npm install (v1)', 'npm', ['install', '--no-audit', '--no-fund'], department);
    const installed = path.join(department, 'node_modules', 'mpflow');
    // The installed package is the department's tool only: no sample department, tests or bench
    // (src/content/docs/ is the generic handbook init copies).
    for (const absent of [
      'content',
      'appraisals',
      'sample-keys',
      'test',
      'bench',
      'scripts/dev',
      'src/content.config.ts',
    ])
      expect(existsSync(path.join(installed, absent)), absent).toBe(false);
    expect(existsSync(path.join(installed, 'lib', 'cli', 'main.js'))).toBe(true);
  });

  it('`npx mpflow check` passes on the new department', { timeout: STEP_TIMEOUT }, async () => {
    const check = await succeed('npx mpflow check (v1)', 'npx', ['--no', 'mpflow', 'check'], department);
    expect(check.stdout).toMatch(/no problems/);
  });

  it('`mpflow new` writes a topic and an article that check accepts', { timeout: STEP_TIMEOUT }, async () => {
    await succeed(
      'mpflow new topic',
      'npx',
      [
        '--no',
        'mpflow',
        'new',
        'topic',
        '--title',
        '冬季阅读推荐',
        '--by',
        'lin-xiao',
        '--decision',
        'accepted',
        '--owner',
        'lin-xiao',
      ],
      department,
    );
    const topic = readdirSync(path.join(department, 'content', 'topics'))
      .find((name) => name.endsWith('.yaml'))!
      .replace(/\.yaml$/, '');
    const body = path.join(work, 'winter-reading.md');
    writeFileSync(
      body,
      '冬天的夜晚很长，正适合到图书馆找一本好书。\n\n## 馆员推荐的三本书\n\n馆员们从今年借阅最多的书里挑了三本：一本讲城市的历史，一本讲一座老房子的修缮，还有一位植物学家的四季笔记。\n\n欢迎到二楼阅览区的推荐书架借阅。\n',
    );
    await succeed(
      'mpflow new article',
      'npx',
      [
        '--no',
        'mpflow',
        'new',
        'article',
        '--title',
        '冬天读什么书',
        '--slug',
        'winter-reading',
        '--date',
        '2026-12-09',
        '--author',
        'lin-xiao',
        '--topic',
        topic,
        '--digest',
        '馆员推荐三本适合冬夜读的书。',
        '--body-file',
        body,
      ],
      department,
    );
    const folder = path.join(department, 'content', 'articles', '2026', '12-09-winter-reading');
    expect(readFileSync(path.join(folder, 'index.md'), 'utf8')).toContain('植物学家的四季笔记');
    writeFileSync(path.join(folder, 'cover.png'), png(900, 383));
    await succeed('npx mpflow check (article)', 'npx', ['--no', 'mpflow', 'check'], department);
  });

  it('`npm run build` builds a site titled with the department and nothing of the sample', {
    timeout: STEP_TIMEOUT,
  }, async () => {
    await succeed('npm run build (v1)', 'npm', ['run', 'build'], department);
    const dist = path.join(department, 'dist');
    // The handbook's home (init copies the generic handbook) and the article archive.
    expect(/<title>([^<]*)<\/title>/.exec(readFileSync(path.join(dist, 'index.html'), 'utf8'))?.[1]).toContain(
      ACCOUNT.zh,
    );
    const archive = readFileSync(path.join(dist, 'articles', 'index.html'), 'utf8');
    expect(/<title>([^<]*)<\/title>/.exec(archive)?.[1]).toContain(ACCOUNT.zh);
    expect(readFileSync(path.join(dist, 'en', 'articles', 'index.html'), 'utf8')).toContain(ACCOUNT.en);
    expect(
      readdirSync(dist, { recursive: true }).some(
        (file) =>
          String(file).endsWith('.html') && readFileSync(path.join(dist, String(file)), 'utf8').includes(DEPARTMENT.zh),
      ),
    ).toBe(true);
    expect(sampleWordsIn(dist)).toEqual([]);
  });

  it('a next version with a schema change: doctor names the migration, migrate applies it, check and build pass', {
    timeout: STEP_TIMEOUT,
  }, async () => {
    // The department as committed before the upgrade, so the upgrade's diff is what it sees.
    const git = (args: string[]) =>
      succeed(
        `git ${args[0]}`,
        'git',
        ['-c', 'user.name=周敏', '-c', 'user.email=zhou-min@example.org', '-c', 'commit.gpgsign=false', ...args],
        department,
      );
    await git(['init', '-q']);
    await git(['add', '-A']);
    await git(['commit', '-q', '-m', 'City library department on mpflow v1']);

    const source = path.join(work, 'mpflow-next');
    const next = nextVersion(tarballs[0]!, source);
    const tarball = await pack('npm pack (v2)', source);
    tarballs.push(tarball);
    expect(path.basename(tarball)).toBe(`mpflow-${next.version}.tgz`);
    await succeed('npm install (v2)', 'npm', ['install', '--no-audit', '--no-fund', tarball], department);
    const manifest = JSON.parse(readFileSync(path.join(department, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(manifest.dependencies.mpflow).toContain(path.basename(tarball));

    // The settings written by the previous version lack the new required field.
    const before = await run('npx mpflow check (v2, before)', 'npx', ['--no', 'mpflow', 'check'], department);
    expect(before.code).toBe(1);
    expect(before.stdout + before.stderr).toContain('content/department.yaml');

    const doctor = await run('npx mpflow doctor', 'npx', ['--no', 'mpflow', 'doctor'], department);
    expect(doctor.stdout + doctor.stderr).toContain(next.migrationId);
    await succeed('npx mpflow migrate', 'npx', ['--no', 'mpflow', 'migrate'], department);
    const settings = readFileSync(path.join(department, 'content', 'department.yaml'), 'utf8');
    expect(settings).toMatch(new RegExp(`^schemaVersion: ${next.schemaVersion}$`, 'm'));
    expect(settings).toMatch(new RegExp(`^contact: ${DEPARTMENT.zh}$`, 'm'));

    // The whole upgrade, as the department's pull request shows it: the version and the migration.
    const changed = (await git(['status', '--porcelain'])).stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(3));
    expect(changed.sort()).toEqual(['content/department.yaml', 'package-lock.json', 'package.json']);
    console.log(
      `the upgrade's diff (package-lock.json left out):\n${(await git(['diff', '--', 'package.json', 'content/department.yaml'])).stdout}`,
    );

    await succeed('npx mpflow check (v2, after)', 'npx', ['--no', 'mpflow', 'check'], department);
    await succeed('npm run build (v2)', 'npm', ['run', 'build'], department);
    expect(sampleWordsIn(path.join(department, 'dist'))).toEqual([]);
  });
});

/**
 * The next version's source, made as a maintainer would make it: this version's packed files plus
 * the build configuration; a new required field `contact` in the department settings schema; the
 * data-format version raised by one, with the migration that fills the field in registered; the
 * version bumped (minor).
 */
function nextVersion(tarball: string, into: string): { version: string; migrationId: string; schemaVersion: number } {
  mkdirSync(into, { recursive: true });
  const unpacked = path.join(into, '..', 'unpacked');
  mkdirSync(unpacked, { recursive: true });
  // The tarball's own files (package/…), then what building it needs from this repository.
  const tar = spawnSync('tar', ['-xzf', tarball, '-C', unpacked], { encoding: 'utf8' });
  if (tar.status !== 0) throw new Error(`tar -xzf ${tarball}: ${tar.stderr}`);
  cpSync(path.join(unpacked, 'package'), into, { recursive: true });
  for (const file of ['tsconfig.json', 'tsconfig.build.json', 'scripts/package/build.mjs'])
    cpSync(path.join(REPOSITORY, file), path.join(into, file));
  symlinkSync(path.join(REPOSITORY, 'node_modules'), path.join(into, 'node_modules'), 'dir');
  rmSync(path.join(into, 'lib'), { recursive: true, force: true });

  const manifestPath = path.join(into, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string };
  const [major, minor] = manifest.version.split('.').map(Number) as [number, number];
  manifest.version = `${major}.${minor + 1}.0`;
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);

  const schemaPath = path.join(into, 'schemas', 'department.schema.json');
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as {
    properties: Record<string, unknown>;
    required: string[];
  };
  schema.properties.contact = {
    type: 'string',
    minLength: 1,
    description: '读者联系部门的方式。 / How readers reach the department.',
  };
  schema.required.push('contact');
  writeFileSync(schemaPath, `${JSON.stringify(schema, null, 2)}\n`);

  const settingsPath = path.join(into, 'src', 'core', 'department', 'settings.ts');
  const settings = readFileSync(settingsPath, 'utf8');
  const current = /export const DEPARTMENT_SCHEMA_VERSION = (\d+);/.exec(settings);
  if (!current) throw new Error(`DEPARTMENT_SCHEMA_VERSION not found in ${settingsPath}`);
  const from = Number(current[1]);
  const to = from + 1;
  writeFileSync(settingsPath, settings.replace(current[0], `export const DEPARTMENT_SCHEMA_VERSION = ${to};`));

  const migrationId = `${String(to).padStart(4, '0')}-department-contact`;
  writeFileSync(
    path.join(into, 'src', 'core', 'migrations', `${migrationId}.ts`),
    `import { parseDocument } from 'yaml';
import { text } from '../i18n/language.ts';
import type { Migration } from './migration.ts';

const SETTINGS = 'content/department.yaml';

/** Version ${from} → ${to}: the settings gain a required \`contact\`, first the department's name. */
export const departmentContact: Migration = {
  id: '${migrationId}',
  from: ${from},
  to: ${to},
  description: text('部门设置新增必填的 contact（读者联系部门的方式），先填部门名称。', "The settings gain a required contact (how readers reach the department), first set to the department's name."),
  reads: [SETTINGS],
  transform(files) {
    const changes = new Map<string, string | null>();
    const source = files.get(SETTINGS);
    if (source === undefined) return changes;
    const document = parseDocument(source);
    if (!document.has('contact')) document.set('contact', String(document.getIn(['department', 'zh']) ?? ''));
    changes.set(SETTINGS, document.toString({ lineWidth: 0, flowCollectionPadding: false }));
    return changes;
  },
};
`,
  );
  const registryPath = path.join(into, 'src', 'core', 'migrations', 'registry.ts');
  const registry = readFileSync(registryPath, 'utf8');
  const list = /export const MIGRATIONS: readonly Migration\[\] = \[([^\]]*)\];/.exec(registry);
  if (!list) throw new Error(`MIGRATIONS not found in ${registryPath}`);
  writeFileSync(
    registryPath,
    `import { departmentContact } from './${migrationId}.ts';\n${registry.replace(list[0], `export const MIGRATIONS: readonly Migration[] = [${list[1]!.trim().replace(/,$/, '')}, departmentContact];`)}`,
  );
  return { version: manifest.version, migrationId, schemaVersion: to };
}
