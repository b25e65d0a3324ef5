// @ts-check
import { defineConfig } from 'astro/config';
import mpflow from 'mpflow/astro';

// The whole site (handbook, articles, calendar, dashboards, scores) comes from the mpflow
// integration, configured from content/department.yaml. Pages of the department's own go in
// src/content/docs/ (handbook) or src/pages/.
export default defineConfig({
	integrations: [mpflow()],
});
