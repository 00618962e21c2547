import NodeEnvironment from "jest-environment-node";
import type { ChildProcess } from "node:child_process";

/**
 * Node's test environment, which also kills every service process a test file started and never stopped. A
 * `beforeAll` that times out on a loaded machine leaves its stack starting in the background; without this, those
 * processes would keep jest from ever exiting (CI would wait for its own timeout).
 */
export default class ServiceReapingEnvironment extends NodeEnvironment {
  private readonly children = new Set<ChildProcess>();

  override async setup(): Promise<void> {
    await super.setup();
    this.global.serviceChildren = this.children;
  }

  override async teardown(): Promise<void> {
    for (const child of this.children) {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    await super.teardown();
  }
}
