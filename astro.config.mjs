// @ts-check
import { defineConfig } from 'astro/config';
import mpflow from './src/astro/index.ts';

// This repository is a department too (the sample): its site is built by the same integration a
// department installs as `mpflow/astro` (src/astro/index.ts), which adds Starlight configured from
// content/department.yaml, the department pages, the articles' images and the two site profiles
// (MPFLOW_SITE_PROFILE: public by default, internal for access-controlled hosting;
// src/site/site-profile.ts). Here the pages in src/pages/ are routed by Astro itself.
export default defineConfig({
  output: 'static',
  integrations: [mpflow()],
});
