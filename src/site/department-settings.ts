/**
 * The department's settings (content/department.yaml) as the site sees them: read once per build
 * from the repository the site is built from, the loader's rule (MPFLOW_REPOSITORY, else the project).
 */
import path from 'node:path';
import { readDepartmentSettings, type DepartmentSettings } from '../core/department/settings.ts';
import { siteTitle, themeStyle } from '../core/department/site-options.ts';
import type { Lang } from './policy-view.ts';
import { siteTranslator } from './site-messages.ts';

let cached: { root: string; settings: DepartmentSettings } | undefined;

/** The department repository the site is built from: MPFLOW_REPOSITORY, else the project. */
export function siteRepositoryRoot(): string {
  const override = process.env.MPFLOW_REPOSITORY;
  return override ? path.resolve(override) : process.cwd();
}

export function siteSettings(): DepartmentSettings {
  const root = siteRepositoryRoot();
  if (cached?.root !== root) cached = { root, settings: readDepartmentSettings(root) };
  return cached.settings;
}

/** The site's languages (content/department.yaml `locales`), the default one first. */
export function siteLocales(): Lang[] {
  return siteSettings().locales;
}

/** The header's title in a language, the same as Starlight's. */
export function siteTitleIn(lang: Lang): string {
  return siteTitle(siteSettings(), lang, siteTranslator(lang));
}

/** The `<style>` text that gives the department's pages the department's colours. */
export function siteThemeStyle(): string {
  return themeStyle(siteSettings());
}
