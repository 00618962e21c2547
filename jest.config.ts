import type { Config } from "jest";

// Tests import the workspaces' TypeScript sources, never their build output.
const moduleNameMapper = {
  "^@partnergraph/(gateway|operations|scripts|bench)$": "<rootDir>/$1/src",
  // Every other workspace is a subgraph (the kit and contracts included).
  "^@partnergraph/([a-z0-9-]+)$": "<rootDir>/subgraphs/$1/src",
};
const transform = { "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/tsconfig.jest.json" }] as [string, object] };
const common = {
  preset: undefined,
  testEnvironment: "node",
  moduleNameMapper,
  transform,
  setupFiles: ["reflect-metadata"],
  // Integration files one at a time, unit files beside them (see the runner).
  runner: "<rootDir>/integration/testkit/two-lanes-runner.ts",
};

const config: Config = {
  // The global setup is transformed with the top-level settings, so they repeat the projects' ones.
  ...common,
  // MySQL (DATABASE_URL set): fresh databases for this run, migrated once, dropped at the end.
  globalSetup: "<rootDir>/integration/testkit/global-setup.ts",
  globalTeardown: "<rootDir>/integration/testkit/global-teardown.ts",
  testTimeout: 60_000,
  projects: [
    {
      ...common,
      displayName: "unit",
      testMatch: [
        "<rootDir>/subgraphs/*/test/**/*.test.ts",
        "<rootDir>/gateway/test/**/*.test.ts",
        "<rootDir>/scripts/test/**/*.test.ts",
        "<rootDir>/bench/test/**/*.test.ts",
      ],
    },
    {
      ...common,
      displayName: "integration",
      // Kills service processes a test file left running (a timed-out hook), so jest always exits.
      testEnvironment: "<rootDir>/integration/testkit/environment.ts",
      testMatch: ["<rootDir>/integration/**/*.test.ts"],
    },
  ],
};

export default config;
