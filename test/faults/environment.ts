/**
 * The Node test environment plus a real `process.on('unhandledRejection')` listener, for the fault
 * tests (`@jest-environment ./test/faults/environment.ts`). A listener added from inside a test
 * would not do: the sandbox's `process` is a copy whose events Node never emits. This one runs in
 * Jest's own realm and hands every reason to the sandbox as `globalThis.unhandledRejections`.
 *
 * It is attached on `run_start`, after jest-circus has swapped in its own listeners (it removes
 * whatever was there before), and detached on `run_finish`.
 */
import NodeEnvironment from 'jest-environment-node';

export default class UnhandledRejectionEnvironment extends NodeEnvironment {
  private readonly seen: unknown[] = [];
  private readonly listener = (reason: unknown): void => {
    this.seen.push(reason);
  };

  async setup(): Promise<void> {
    await super.setup();
    this.global.unhandledRejections = this.seen;
  }

  handleTestEvent(event: { name: string }): void {
    if (event.name === 'run_start') process.on('unhandledRejection', this.listener);
    if (event.name === 'run_finish') process.off('unhandledRejection', this.listener);
  }
}
