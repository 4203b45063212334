import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{backends,cli,harness,checkers,nemesis,workloads,docker,lib,results,bench}/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'docker',
          include: ['test/docker/**/*.test.ts'],
          globalSetup: ['test/docker/global-setup.ts'],
          // Real clusters under real faults on a shared 2-core machine: a scenario can miss its
          // window once (a fault that did not bite, a race with a kill). It gets one more run; a
          // test that fails twice fails, and vitest lists every retried test in its report.
          retry: 1,
          testTimeout: 600_000,
          hookTimeout: 900_000,
          // One cluster at a time: the machine has two cores, and tests must not share faults.
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
