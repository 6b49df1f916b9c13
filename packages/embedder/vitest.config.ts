import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Model loads (the 768-wide fixture is 150 MB) are real work; keep files in one worker at a time
    // so two cores are not oversubscribed by parallel ONNX sessions.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
