import { defineConfig } from 'vitest/config';

/**
 * Three projects, so a change to the core runs the millisecond specs alone (`vitest --project unit`):
 * unit (pure code, no processes), integration (commands, real git repositories, HTTP fakes) and
 * site (`astro build`, the built pages, a real browser).
 */
export default defineConfig({
  test: {
    environment: 'node',
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: { name: 'site', include: ['test/site/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 180_000 },
      },
    ],
  },
});
