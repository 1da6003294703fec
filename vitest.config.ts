import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Builds sign their cache with this key instead of making one in the user's ~/.cache.
    env: { BROADSHEET_CACHE_KEY: "broadsheet-tests-cache-key-0123456789abcdef" },
  },
});
