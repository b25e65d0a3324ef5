import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { handbookStrings } from './site/i18n-loader.ts';
import { mpflowLoader } from './site/mpflow-loader.ts';

/**
 * The handbook (Starlight's `docs` and `i18n`) plus the department repository itself, read by
 * the same domain core as `mpflow check`: a repository with errors fails the build with the
 * checker's report. Appraisal ratings, comments and interview summaries have no collection.
 */
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
