import { createHash } from 'node:crypto';
import { currentInstant } from '../../core/clock.ts';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderLocalized } from '../../core/i18n/language.ts';
import { preflight, WECHAT_CONTENT_MAX_BYTES } from '../../core/publishing/preflight.ts';
import { articleTheme } from '../../core/render/article-theme.ts';
import {
  DEFAULT_THEME,
  isThemeName,
  renderArticle,
  THEME_NAMES,
  type RenderedArticle,
} from '../../core/render/render-article.ts';
import { isCodeStyle, renderTheme, type ThemeCustomisation } from '../../core/render/themes.ts';
import type { DepartmentRendering } from '../../core/render/department-theme.ts';
import { WECHAT_CONTENT_MAX_CHARS } from '../../core/render/wechat-safety.ts';
import { findRepositoryRoot } from '../../core/repository/find-repository-root.ts';
import { splitFrontMatter } from '../../core/source/front-matter.ts';
import { writeFileAtomically } from '../../core/source/write-file-atomically.ts';
import { mpflowCacheFolder } from '../../core/cache/user-cache.ts';
import type { PolicyFile } from '../../core/model/types.generated.ts';
import { EXIT, UsageError } from '../errors.ts';
import { resolveRoot } from '../options.ts';
import { defineCommand, flag, negatableFlag, commandRunner, value, type Validator } from '../command.ts';
import { ROOT_OPTION } from '../shared-options.ts';
import type { CommandContext } from '../context.ts';
import { renderIn, type Say, sayIn } from '../messages.ts';

/** --theme: one of the themes, named in the message when it is not. */
const themeName: Validator<string> = (raw, site) => {
  if (isThemeName(raw)) return raw;
  const say = sayIn(site);
  throw new UsageError(
    say('render.thereNoThemeThemes', { raw, themes: THEME_NAMES.join(say('render.themeSeparator')) }),
  );
};

export const RENDER_COMMAND = defineCommand({
  name: 'render',
  helpParams: (messages) => ({
    defaultTheme: DEFAULT_THEME,
    // A string, so the number reads 20000 as before, not 20,000.
    maxCharacters: String(WECHAT_CONTENT_MAX_CHARS),
    themes: THEME_NAMES.map((name) =>
      messages.t('cli.render.themeItem', { name, label: renderLocalized(renderTheme(name).label, messages) }),
    ).join(messages.t('cli.render.themeSeparator')),
  }),
  positionals: true,
  options: {
    out: value({
      short: 'o',
    }),
    stdout: flag(),
    theme: value({
      parse: themeName,
    }),
    'image-base': value(),
    upload: flag(),
    breaks: negatableFlag(),
    watch: flag(),
    port: value(),
    root: ROOT_OPTION,
  },
});

const ARTICLE_ID = /^(\d{4})-(\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*)$/;
const ARTICLE_FILE = /^content\/articles\/\d{4}\/\d{2}-\d{2}-[a-z0-9-]+\/index\.md$/;
const MARKDOWN = /\.(?:md|markdown)$/i;
const SKIPPED = new Set(['.git', 'node_modules', 'dist', '.astro', '.cache']);

interface Input {
  absolute: string;
  /** As shown in messages: relative to the working folder. */
  shown: string;
}

interface Document {
  input: Input;
  markdown: string;
  /** Line of the file on which the body starts (front matter before it). */
  firstLine: number;
  theme: string;
  articleDir: string;
  /** From the file's front matter; --breaks / --no-breaks win. */
  breaks?: boolean;
}

async function markdownFilesIn(folder: string): Promise<string[]> {
  const found: string[] = [];
  const entries = await readdir(folder, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.') || SKIPPED.has(entry.name)) continue;
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) found.push(...(await markdownFilesIn(full)));
    else if (entry.isFile() && MARKDOWN.test(entry.name)) found.push(full);
  }
  return found;
}

export const runRender = commandRunner(RENDER_COMMAND, async ({ values, positionals, say }, context) => {
  const env = context.env ?? process.env;
  if (positionals.length === 0) throw new UsageError(say('render.nameMarkdownFileFolder'));
  if (values.out !== undefined && values.stdout) throw new UsageError(say('render.chooseOutStdoutNot'));
  if (values['image-base'] !== undefined && values.upload) throw new UsageError(say('render.chooseImageBaseUpload'));
  let imageBase: string | undefined;
  if (values['image-base'] !== undefined) {
    const given = values['image-base'];
    if (!URL.canParse(given) || !/^https?:\/\//i.test(given))
      throw new UsageError(say('render.imageBaseNotHttp', { given }));
    imageBase = given.endsWith('/') ? given : `${given}/`;
  }

  const root = values.root !== undefined ? resolveRoot(values.root, context) : findRepositoryRoot(context.cwd);
  const inputs = await resolveInputs(positionals, root, context);
  if (values.port !== undefined && !values.watch) throw new UsageError(say('render.portGoesWatch'));
  if (values.watch) {
    if (inputs.length !== 1)
      throw new UsageError(say('render.watchPreviewsOneArticle', { inputsCount: inputs.length }));
    if (values.out !== undefined || values.stdout || values.upload || values['image-base'] !== undefined)
      throw new UsageError(say('render.watchGoesWithoutOut'));
    const port = values.port === undefined ? DEFAULT_PREVIEW_PORT : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(say('render.portNotPortNumber', { port: values.port }));
    return watchDocument(inputs[0]!, root, { theme: values.theme, breaks: values.breaks, port, say, context, env });
  }
  const toFolder =
    values.out !== undefined &&
    (inputs.length > 1 ||
      (existsSync(path.resolve(context.cwd, values.out)) &&
        statSync(path.resolve(context.cwd, values.out)).isDirectory()));

  if (values.out !== undefined && !toFolder) {
    const folder = path.dirname(path.resolve(context.cwd, values.out));
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
      throw new UsageError(say('render.cannotWriteOutFolder', { out: values.out, folder }));
    }
  }

  // Credentials are checked before anything is rendered or written.
  let uploader: Awaited<ReturnType<typeof import('../../core/render/image-upload.ts').createImageUploader>> | undefined;
  if (values.upload) {
    const [{ wechatClientFromEnvironment, DEFAULT_WECHAT_API_BASE }, { createImageUploader, uploadCachePath }] =
      await Promise.all([import('../../core/wechat/client.ts'), import('../../core/render/image-upload.ts')]);
    // Missing credentials: a WeChatConfigurationError, reported by main.ts with exit 1.
    const client = wechatClientFromEnvironment(env);
    uploader = await createImageUploader(
      client,
      uploadCachePath(env, env.WECHAT_APPID!, (env.WECHAT_API_BASE || DEFAULT_WECHAT_API_BASE).replace(/\/+$/, '')),
    );
  }

  const department = root !== undefined ? await departmentOf(root, say) : undefined;
  if (department?.cssFile !== undefined) {
    for (const finding of department.cssFindings)
      context.stderr.write(
        `${department.cssFile}:${finding.line}:${finding.column}  warning  render/department-css  ${renderIn(context)(finding.message)}\n`,
      );
  }
  const { documents, failed } = await readDocuments(inputs, root, values.theme, context, env);
  let exitCode: number = failed ? EXIT.problems : EXIT.clean;
  const outputs: Array<{ target: string; html: string }> = [];
  const lines: string[] = [];
  try {
    for (const document of documents) {
      const result = await renderDocument(document, {
        breaks: values.breaks ?? document.breaks ?? department?.breaks ?? false,
        customisation: department?.customisation ?? {},
        imageBase,
        uploader,
        say,
        context,
      });
      if (result.failed) exitCode = EXIT.problems;
      if (!result.rendered) continue;
      if (values.out === undefined) lines.push(result.rendered.html);
      else
        outputs.push({
          target: toFolder
            ? path.join(path.resolve(context.cwd, values.out), outputName(document.input, context.cwd))
            : path.resolve(context.cwd, values.out),
          html: result.rendered.html,
        });
    }
  } finally {
    await uploader?.save();
  }
  for (const { target, html } of outputs) await writeAtomically(target, html, say, toFolder);
  if (lines.length > 0) context.stdout.write(`${lines.join('\n')}\n`);
  return exitCode;
});

/** Where `--watch` serves its preview unless --port says otherwise. */
const DEFAULT_PREVIEW_PORT = 4375;

/**
 * `--watch`: renders the one input now and again whenever it, its images or the department's
 * theme files change, for the preview page (preview-server.ts); stops cleanly on Ctrl-C.
 */
async function watchDocument(
  input: Input,
  root: string | undefined,
  options: {
    theme: string | undefined;
    breaks: boolean | undefined;
    port: number;
    say: Say;
    context: CommandContext;
    env: NodeJS.ProcessEnv;
  },
): Promise<number> {
  const { say, context, env } = options;
  const { startPreviewServer } = await import('../../core/render/preview-server.ts');
  const render = async (): Promise<import('../../core/render/preview-server.ts').PreviewRendering> => {
    const watched = [input.absolute];
    const title = input.shown;
    const failed = (error: string) => ({ html: '', title, watched, files: new Map<string, string>(), error });
    let department: DepartmentRendering | undefined;
    if (root !== undefined) {
      watched.push(path.join(root, 'content', 'department.yaml'));
      try {
        department = await departmentOf(root, say);
      } catch (error) {
        if (error instanceof UsageError) return failed(error.message);
        throw error;
      }
      if (department.cssFile !== undefined) {
        watched.push(path.resolve(root, department.cssFile));
        for (const finding of department.cssFindings)
          context.stderr.write(
            `${department.cssFile}:${finding.line}:${finding.column}  warning  render/department-css  ${renderIn(context)(finding.message)}\n`,
          );
      }
    }
    let errors = '';
    const quiet = {
      ...context,
      stderr: {
        write: (chunk: string) => {
          errors += chunk;
          return true;
        },
      },
    } as CommandContext;
    const { documents } = await readDocuments([input], root, options.theme, quiet, env);
    const document = documents[0];
    if (!document) {
      context.stderr.write(errors);
      return failed(errors.trim());
    }
    const files = new Map<string, string>();
    const rendered = await renderArticle({
      markdown: document.markdown,
      articleDir: document.articleDir,
      theme: document.theme,
      breaks: options.breaks ?? document.breaks ?? department?.breaks ?? false,
      customisation: department?.customisation ?? {},
      imageUrl: (src) => {
        const address = `/files/${src.replace(/^\.\//, '')}`;
        files.set(address, path.resolve(document.articleDir, src));
        return address;
      },
    });
    for (const image of rendered.images) if (image.absolutePath !== undefined) watched.push(image.absolutePath);
    const offset = document.firstLine - 1;
    for (const removal of rendered.removals)
      context.stderr.write(
        `${input.shown}:${removal.line + offset}:${removal.column}  warning  render/raw-html  ${renderIn(context)(removal.message)}\n`,
      );
    for (const problem of rendered.figureProblems)
      context.stderr.write(
        `${input.shown}:${problem.line + offset}:${problem.column}  warning  ${problem.rule ?? 'render/figure'}  ${renderIn(context)(problem.message)}\n`,
      );
    return { html: rendered.html, title, watched, files };
  };
  let server: Awaited<ReturnType<typeof startPreviewServer>>;
  try {
    server = await startPreviewServer({
      port: options.port,
      render,
      onRendered: (rendering, version) => {
        if (version > 1)
          context.stderr.write(
            say('render.renderedAgain', {
              shown: input.shown,
              withErrors: rendering.error ? say('render.withErrors') : '',
            }),
          );
      },
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES')
      throw new UsageError(say('render.portCannotUsedPick', { port: options.port, code }));
    throw error;
  }
  context.stderr.write(say('render.previewRendersAgainWhen', { url: server.url }));
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  context.stderr.write(say('render.previewStopped'));
  return EXIT.clean;
}

/** The output file for an input in a --out folder: its path relative to the working folder, as .html. */
function outputName(input: Input, cwd: string): string {
  const relative = path.relative(cwd, input.absolute);
  const inside = relative.startsWith('..') || path.isAbsolute(relative) ? path.basename(input.absolute) : relative;
  return `${inside.replace(MARKDOWN, '')}.html`;
}

async function resolveInputs(
  argumentsGiven: string[],
  root: string | undefined,
  context: CommandContext,
): Promise<Input[]> {
  const say = sayIn(context);
  const seen = new Set<string>();
  const inputs: Input[] = [];
  const add = (absolute: string) => {
    if (seen.has(absolute)) return;
    seen.add(absolute);
    inputs.push({
      absolute,
      shown: path.relative(context.cwd, absolute).split(path.sep).join('/') || path.basename(absolute),
    });
  };
  for (const argument of argumentsGiven) {
    const candidate = path.resolve(context.cwd, argument);
    const id = ARTICLE_ID.exec(argument);
    if (existsSync(candidate)) {
      if (statSync(candidate).isDirectory()) {
        const inRepository = (file: string) =>
          root === undefined ? undefined : path.relative(root, file).split(path.sep).join('/');
        const articlesOnly =
          (inRepository(candidate) ?? '..').startsWith('content/') || inRepository(candidate) === 'content';
        // Inside content/ a folder means its articles: their folders also hold notes such as authorization.md.
        const files = (await markdownFilesIn(candidate)).filter(
          (file) => !articlesOnly || ARTICLE_FILE.test(inRepository(file)!),
        );
        if (files.length === 0) throw new UsageError(say('render.folderHoldsNoMarkdown', { argument }));
        files.forEach(add);
      } else if (!MARKDOWN.test(candidate)) {
        throw new UsageError(say('render.notMarkdownFileMd', { argument }));
      } else {
        add(candidate);
      }
    } else if (id && root !== undefined) {
      const index = path.join(root, 'content', 'articles', id[1]!, id[2]!, 'index.md');
      if (!existsSync(index)) throw new UsageError(say('render.articleDoesNotExist', { argument }));
      add(index);
    } else {
      throw new UsageError(say('render.cannotFindNeitherFile', { argument }));
    }
  }
  return inputs;
}

/** Today as YYYY-MM-DD, from the one clock (MPFLOW_NOW when set). */
function today(env: NodeJS.ProcessEnv): string {
  return new Date(currentInstant(env)).toISOString().slice(0, 10);
}

/** The few front-matter facts render uses; what a YAML text yields, once parsed. */
interface YamlFacts {
  effective?: string;
  theme?: string;
  breaks?: boolean;
}

type YamlVerdict = { facts: YamlFacts } | { line: number; column: number; message: string };

/**
 * What render needs of each YAML text it reads, remembered by the text's SHA-256 in the user's
 * cache folder: parsing YAML (the policy above all) was a fifth of a run over the sample
 * articles. Only readable texts are remembered; an entry can never be stale, its key is the text.
 */
class YamlFactsCache {
  private entries: Record<string, YamlFacts> = {};
  private used: Record<string, YamlFacts> = {};
  private changed = false;
  private readonly file: string;

  constructor(env: NodeJS.ProcessEnv) {
    this.file = path.join(mpflowCacheFolder(env), 'render-front-matter.json');
  }

  async open(): Promise<void> {
    try {
      const parsed = JSON.parse(await readFile(this.file, 'utf8')) as {
        version?: number;
        entries?: Record<string, YamlFacts>;
      };
      if (parsed.version === 1 && parsed.entries && typeof parsed.entries === 'object') this.entries = parsed.entries;
    } catch {
      // No cache yet: every text is parsed.
    }
  }

  async read(text: string, firstLine: number): Promise<YamlVerdict> {
    const key = createHash('sha256').update(text).digest('hex');
    const known = this.entries[key];
    if (known) {
      this.used[key] = known;
      return { facts: known };
    }
    const { parseDocument } = await import('yaml');
    const document = parseDocument(text);
    const error = document.errors[0];
    if (error) {
      const position = error.linePos?.[0] ?? { line: 1, col: 1 };
      return {
        line: position.line + firstLine - 1,
        column: position.col,
        message: error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '.'),
      };
    }
    const data = document.toJS() as unknown;
    const record = data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {};
    const publishing =
      record.publishing !== null && typeof record.publishing === 'object'
        ? (record.publishing as Record<string, unknown>)
        : {};
    const facts: YamlFacts = {
      ...(typeof record.effective === 'string' ? { effective: record.effective } : {}),
      ...(typeof publishing.theme === 'string' ? { theme: publishing.theme } : {}),
      ...(typeof record.breaks === 'boolean' ? { breaks: record.breaks } : {}),
    };
    this.used[key] = facts;
    this.changed = true;
    return { facts };
  }

  /** Keeps the entries this run used; a cache that cannot be written costs only the next run's time. */
  async save(): Promise<void> {
    if (!this.changed) return;
    try {
      // Entries of other runs are kept up to a bound, so switching between folders stays fast.
      const kept = Object.keys(this.entries).length > 5000 ? this.used : { ...this.entries, ...this.used };
      await writeFileAtomically(this.file, JSON.stringify({ version: 1, entries: kept }));
    } catch {
      // Nothing is lost.
    }
  }
}

/**
 * The documents to render. Only what rendering needs is read — the files asked for and, in a
 * repository, its policies (for the theme) — and front matter is only parsed, not validated:
 * `mpflow check` judges the records; render must start fast for a writer's many files.
 */
async function readDocuments(
  inputs: Input[],
  root: string | undefined,
  requestedTheme: string | undefined,
  context: CommandContext,
  env: NodeJS.ProcessEnv,
): Promise<{ documents: Document[]; failed: boolean }> {
  const say = sayIn(context);
  const relativeOf = (input: Input) =>
    root === undefined ? undefined : path.relative(root, input.absolute).split(path.sep).join('/');
  const policies: Array<{ effective: string; publishing: { theme?: string } }> = [];
  let failed = false;
  const yaml = new YamlFactsCache(env);
  await yaml.open();
  if (root !== undefined && requestedTheme === undefined) {
    const policyFolder = path.join(root, 'content', 'policy');
    const names = existsSync(policyFolder) ? (await readdir(policyFolder)).filter((name) => /\.ya?ml$/.test(name)) : [];
    for (const name of names) {
      const parsed = await yaml.read(await readFile(path.join(policyFolder, name), 'utf8'), 1);
      if ('facts' in parsed && parsed.facts.effective !== undefined)
        policies.push({
          effective: parsed.facts.effective,
          publishing: parsed.facts.theme !== undefined ? { theme: parsed.facts.theme } : {},
        });
    }
  }
  const documents: Document[] = [];
  for (const input of inputs) {
    const relative = relativeOf(input);
    const article = relative !== undefined && ARTICLE_FILE.test(relative) ? relative : undefined;
    let source: string;
    try {
      source = await readFile(input.absolute, 'utf8');
    } catch (error) {
      context.stderr.write(
        say('render.cannotReadFileNothing', {
          shown: input.shown,
          code: (error as NodeJS.ErrnoException).code ?? 'error',
        }),
      );
      failed = true;
      continue;
    }
    const split = splitFrontMatter(source);
    const unreadable = (line: number, column: number, why: string) => {
      context.stderr.write(`${input.shown}:${line}:${column}  yaml/syntax  ${why}\n`);
      context.stderr.write(say('render.articleCouldNotRead', { shown: input.shown }));
      failed = true;
    };
    if (split.kind === 'unclosed' || (article && split.kind === 'missing')) {
      unreadable(1, 1, say('render.frontMatterNotEnclosed'));
      continue;
    }
    let breaks: boolean | undefined;
    if (split.kind === 'ok') {
      const parsed = await yaml.read(split.yamlText, split.yamlFirstLine);
      if (!('facts' in parsed)) {
        unreadable(parsed.line, parsed.column, parsed.message);
        continue;
      }
      // An article or a loose draft may say `breaks: true` in its front matter (doocs/md's option, set once).
      if (parsed.facts.breaks !== undefined) breaks = parsed.facts.breaks;
    }
    // An article's theme follows the policy in force on its date; any other file's, today's.
    const date = article ? `${article.split('/')[2]!}-${article.split('/')[3]!.slice(0, 5)}` : today(env);
    const theme =
      requestedTheme ?? (root !== undefined ? articleTheme(policies as unknown as PolicyFile[], date) : DEFAULT_THEME);
    documents.push({
      input,
      markdown: split.kind === 'ok' ? split.body : source.replace(/\r\n?/g, '\n'),
      firstLine: split.kind === 'ok' ? split.bodyFirstLine : 1,
      theme: checkedTheme(theme, say),
      articleDir: path.dirname(input.absolute),
      ...(breaks !== undefined ? { breaks } : {}),
    });
  }
  await yaml.save();
  return { documents, failed };
}

/**
 * The department's rendering settings (content/department.yaml, render): colours, fonts, headings,
 * code blocks, breaks and its own CSS. Unusable settings stop the run before anything is written.
 */
async function departmentOf(root: string, say: Say): Promise<DepartmentRendering> {
  // Settings without a render object change nothing here; reading and validating them (YAML with
  // positions, the schema) would be a tenth of a run over the sample articles. check judges them.
  let text = '';
  try {
    text = readFileSync(path.join(root, 'content', 'department.yaml'), 'utf8');
  } catch {
    // No settings: the built-in themes as they are.
  }
  if (!/^render\s*:/m.test(text)) return { customisation: {}, cssFindings: [] };
  const [{ DepartmentSettingsError, readDepartmentSettings }, { DepartmentCssError, departmentRendering }] =
    await Promise.all([import('../../core/department/settings.ts'), import('../../core/render/department-theme.ts')]);
  let rendering: DepartmentRendering;
  try {
    rendering = departmentRendering(readDepartmentSettings(root).render, root);
  } catch (error) {
    if (error instanceof DepartmentSettingsError) throw new UsageError(error.message);
    if (error instanceof DepartmentCssError) {
      throw new UsageError(say('render.cssUnreadable', { file: error.file, message: error.message }));
    }
    throw error;
  }
  const style = rendering.customisation.code?.style;
  if (style !== undefined && !isCodeStyle(style)) {
    throw new UsageError(say('render.renderCodeStyleContent', { style }));
  }
  return rendering;
}

function checkedTheme(theme: string, say: Say): string {
  if (isThemeName(theme)) return theme;
  throw new UsageError(
    say('render.policyPublishingThemeNot', {
      theme,
      themeNames: THEME_NAMES.join(say('listSeparator')),
    }),
  );
}

interface RenderOptions {
  /** --breaks / --no-breaks, else the front matter's, else the department's. */
  breaks: boolean;
  customisation: ThemeCustomisation;
  imageBase: string | undefined;
  uploader: { upload(file: string): Promise<{ url: string; cached: boolean }> } | undefined;
  say: Say;
  context: CommandContext;
}

async function renderDocument(
  document: Document,
  options: RenderOptions,
): Promise<{ rendered?: RenderedArticle; failed: boolean }> {
  const { say, context } = options;
  const shown = document.input.shown;
  const base = {
    markdown: document.markdown,
    articleDir: document.articleDir,
    theme: document.theme,
    breaks: options.breaks,
    customisation: options.customisation,
  };
  let rendered = await renderArticle(base);
  let failed = false;
  const missing = rendered.images.filter(
    (image) => image.absolutePath !== undefined && !existsSync(image.absolutePath),
  );
  for (const image of missing) {
    context.stderr.write(say('render.imageDoesNotExist', { shown, src: image.src }));
    failed = true;
  }
  let uploadNote = '';
  if (options.imageBase !== undefined) {
    const imageBase = options.imageBase;
    rendered = await renderArticle({ ...base, imageUrl: (src) => new URL(src.replace(/^\.\//, ''), imageBase).href });
  } else if (options.uploader && rendered.images.length > 0 && missing.length === 0) {
    const urls = new Map<string, string>();
    let fromCache = 0;
    try {
      for (const image of rendered.images) {
        const answer = await options.uploader.upload(image.absolutePath!);
        urls.set(image.src, answer.url);
        if (answer.cached) fromCache += 1;
      }
    } catch (error) {
      const localized = (error as { localized?: { zh: string; en: string } }).localized;
      if (!localized) throw error;
      context.stderr.write(`${shown}: ${renderIn(context)(localized)}\n`);
      return { failed: true };
    }
    rendered = await renderArticle({ ...base, imageUrl: (src) => urls.get(src) });
    uploadNote = say('render.uploadedFromCache', {
      size: urls.size,
      fromCache,
    });
  }

  // The same pre-send check publish runs (preflight.ts): limits, remote images, what the editor would strip.
  const imageBase = options.imageBase;
  const { problems, characters, bytes } = preflight(rendered.html, {
    ...(rendered.tree ? { tree: rendered.tree } : {}),
    ...(imageBase === undefined ? {} : { acceptImage: (src: string) => src.startsWith(imageBase) }),
  });
  const localImages = rendered.images.length;
  const toUpload = options.uploader || imageBase !== undefined ? '' : say('render.localUpload', { localImages });
  context.stderr.write(
    say('render.renderedThemeCharactersDraft', {
      shown,
      theme: document.theme,
      characters,
      wechatContentMaxChars: WECHAT_CONTENT_MAX_CHARS,
      bytes,
      wechatContentMaxBytes: WECHAT_CONTENT_MAX_BYTES,
      toUpload,
      uploadNote,
      referencesCount: rendered.references.length,
    }),
  );
  const offset = document.firstLine - 1;
  for (const removal of rendered.removals)
    context.stderr.write(
      `${shown}:${removal.line + offset}:${removal.column}  warning  render/raw-html  ${renderIn(context)(removal.message)}\n`,
    );
  for (const problem of rendered.figureProblems)
    context.stderr.write(
      `${shown}:${problem.line + offset}:${problem.column}  warning  ${problem.rule ?? 'render/figure'}  ${renderIn(context)(problem.message)}\n`,
    );
  for (const problem of problems) {
    context.stderr.write(`${shown}: ${renderIn(context)(problem)}\n`);
    failed = true;
  }
  return { rendered, failed };
}

/** Writes next to the target and renames, so a failed run never leaves half a file. */
async function writeAtomically(target: string, content: string, say: Say, makeFolder: boolean): Promise<void> {
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    if (makeFolder) await mkdir(path.dirname(target), { recursive: true });
    await writeFile(temporary, content);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'ENOTDIR')
      throw new UsageError(say('render.cannotWriteOutCheck', { target, code }));
    throw error;
  }
}
