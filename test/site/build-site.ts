import type { TestProject } from 'vitest/node';
import { buildSite } from './site-server.ts';

/** globalSetup of the site project: one `astro build` for every site test file of the run. */
export default async function setup(project: TestProject): Promise<void> {
  project.provide('siteBuild', await buildSite());
}
