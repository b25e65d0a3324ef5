import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { templatesRoot } from './package-root.ts';

/**
 * The department templates shipped in the package (templates/department/). A file ending in
 * `.tmpl` is rendered with the department's answers ({{name}} inserts the value as it is,
 * {{json:name}} as a JSON string, which is also a valid YAML scalar); any other file is copied as
 * it is. Names npm would leave out of a tarball (.gitignore, .npmrc) are stored without the dot.
 */
export interface TemplateFile {
  /** Path inside the department repository, with "/" separators. */
  target: string;
  /** The template's text, not yet rendered. */
  source: string;
  rendered: boolean;
}

const STORED_AS: Record<string, string> = { gitignore: '.gitignore', npmrc: '.npmrc' };

/**
 * Files the package keeps up to date: the workflows, the actions they use and the PR template.
 * A department must not fork them (the review gate, publishing, the metrics import, the site
 * deploy); `mpflow doctor` reports any that differ from this version's and `mpflow init --update`
 * rewrites them. Everything else init writes belongs to the department from then on.
 */
export function isManagedPath(target: string): boolean {
  return (
    target.startsWith('.github/workflows/') ||
    target.startsWith('.github/actions/') ||
    target === '.github/pull_request_template.md'
  );
}

export function readTemplates(root: string = templatesRoot()): TemplateFile[] {
  const files: TemplateFile[] = [];
  const walk = (folder: string, relative: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const inner = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(path.join(folder, entry.name), inner);
      else if (entry.isFile()) {
        const rendered = entry.name.endsWith('.tmpl');
        let target = rendered ? inner.slice(0, -'.tmpl'.length) : inner;
        const base = path.posix.basename(target);
        if (relative === '' && STORED_AS[base]) target = STORED_AS[base]!;
        files.push({ target, source: readFileSync(path.join(folder, entry.name), 'utf8'), rendered });
      }
    }
  };
  walk(root, '');
  return files;
}

/** The managed files of this version, keyed by their path in a department repository. */
export function managedTemplates(root?: string): Map<string, string> {
  return new Map(
    readTemplates(root)
      .filter((file) => !file.rendered && isManagedPath(file.target))
      .map((file) => [file.target, file.source]),
  );
}

/** Renders {{name}} and {{json:name}}; a name without a value is a bug in mpflow, not the user's doing. */
export function renderTemplate(source: string, values: Readonly<Record<string, string>>, name = 'template'): string {
  return source.replace(/\{\{(json:)?([A-Za-z][A-Za-z0-9]*)\}\}/g, (_whole, json: string | undefined, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`mpflow: ${name} uses {{${key}}}, which has no value`);
    return json ? JSON.stringify(value) : value;
  });
}
