import TestRunner, { EmittingTestRunner } from "jest-runner";
import type {
  Config,
  Test,
  TestEvents,
  TestRunnerContext,
  TestRunnerOptions,
  TestWatcher,
  UnsubscribeFn,
} from "jest-runner";

/**
 * Runs the integration files and the unit files side by side, each lane one file at a time in its own worker.
 * On two cores jest runs every file one after another (maxWorkers 1), so the unit files' minute of CPU waited for
 * the integration files, which spend much of their time waiting on services, timers and MySQL. Integration files
 * still never run two at once: they share the run's databases, and some wait until every outbox event is
 * delivered. With the files of one project only (`--selectProjects`, a single file) this is jest's own runner.
 */
export default class TwoLanesRunner extends EmittingTestRunner {
  private readonly whole: TestRunner;
  private readonly integrationLane: TestRunner;
  private readonly unitLane: TestRunner;

  constructor(globalConfig: Config.GlobalConfig, context: TestRunnerContext) {
    super(globalConfig, context);
    const oneWorker = { ...globalConfig, maxWorkers: 1 };
    this.whole = new TestRunner(globalConfig, context);
    this.integrationLane = new TestRunner(oneWorker, context);
    this.unitLane = new TestRunner(oneWorker, context);
  }

  override async runTests(tests: Test[], watcher: TestWatcher, options: TestRunnerOptions): Promise<void> {
    const integration = tests.filter((test) => test.context.config.displayName?.name === "integration");
    const unit = tests.filter((test) => !integration.includes(test));
    if (!integration.length || !unit.length) return this.whole.runTests(tests, watcher, options);
    await Promise.all([
      this.integrationLane.runTests(integration, watcher, { serial: false }),
      this.unitLane.runTests(unit, watcher, { serial: false }),
    ]);
  }

  /** Jest listens here; every inner runner's events are this runner's. */
  override on<Name extends keyof TestEvents>(
    eventName: Name,
    listener: (eventData: TestEvents[Name]) => void | Promise<void>,
  ): UnsubscribeFn {
    const unsubscribes = [this.whole, this.integrationLane, this.unitLane].map((runner) =>
      runner.on(eventName, listener),
    );
    return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
  }
}
