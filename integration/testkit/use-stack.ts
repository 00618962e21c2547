import type { Stack } from "@partnergraph/scripts";
import type { Client } from "./client";
import { Seed } from "./seed";
import { startStack } from "./stack";

export interface StartedStack {
  stack: Stack;
  seed: Seed;
  client: Client;
}

/** One stack per test file: started before its tests (handed to `onStart`), stopped after them. */
export function useStack(
  onStart: (started: StartedStack) => void,
  options: Parameters<typeof startStack>[0] = {},
): void {
  let stack: Stack | undefined;
  beforeAll(async () => {
    stack = await startStack(options);
    const seed = new Seed(stack);
    onStart({ stack, seed, client: seed.client });
  });
  afterAll(() => stack?.stop());
}
