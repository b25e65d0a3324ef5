/**
 * The site's content collections, for a department's src/content.config.ts:
 *
 *   export { collections } from 'mpflow/astro/content';
 *
 * The handbook (Starlight's `docs` and `i18n`, from the department's src/content/docs/) plus
 * the department repository itself, read by the same domain core as `mpflow check`: a
 * repository with errors fails the build with the checker's report. Appraisal ratings, comments
 * and interview summaries have no collection.
 */
import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { handbookStrings } from '../site/i18n-loader.ts';
import { mpflowLoader } from '../site/mpflow-loader.ts';

export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),
  i18n: defineCollection({ loader: handbookStrings(), schema: i18nSchema() }),
  team: defineCollection({ loader: mpflowLoader('team') }),
  policies: defineCollection({ loader: mpflowLoader('policies') }),
  topics: defineCollection({ loader: mpflowLoader('topics') }),
  campaigns: defineCollection({ loader: mpflowLoader('campaigns') }),
  articles: defineCollection({ loader: mpflowLoader('articles') }),
  trainingCourses: defineCollection({ loader: mpflowLoader('trainingCourses') }),
  training: defineCollection({ loader: mpflowLoader('training') }),
};
