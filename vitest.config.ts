import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/{unit,property,differential,handler,bundle,server}/**/*.test.ts'],
    // tfjs model building and the function bundle are slow on a 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    allowOnly: !process.env.CI,
    reporters: process.env.CI || process.env.LEARNABLE_REPORT ? ['default', 'json'] : ['default'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
