import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    projects: [
      {
        test: {
          name: 'core',
          include: ['test/**/*.test.ts'],
          exclude: ['test/site/**'],
          testTimeout: 30_000,
          // Some suites load the sample department (and open its sealed files) once in beforeAll.
          hookTimeout: 60_000,
        },
      },
      {
        // The site's tests read one build of dist/, made once per run before any of them starts.
        test: {
          name: 'site',
          include: ['test/site/**/*.test.ts'],
          globalSetup: ['test/site/build-site.ts'],
          testTimeout: 60_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
