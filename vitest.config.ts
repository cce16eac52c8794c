import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'test/unit/**/*.test.ts',
      'test/db/**/*.test.ts',
      'test/excel/**/*.test.ts',
      'test/reliability/**/*.test.ts',
      'test/web/**/*.test.ts',
      'test/team/**/*.test.ts',
    ],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { SW_VALIDATE_OUTPUT: '1', SW_QUIET: '1' },
  },
});
