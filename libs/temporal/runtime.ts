import { DefaultLogger, Runtime } from '@temporalio/worker';
import { IllegalStateError } from '@temporalio/common';

/**
 * The SDK logs every bundle and worker state change at INFO; warnings and errors are what an operator needs.
 * The runtime is a process-wide singleton fixed by its first use, so call this before any worker or test
 * environment exists; if one already does, its runtime stays as it is.
 */
export function installQuietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch (error) {
    if (!(error instanceof IllegalStateError)) throw error;
  }
}
