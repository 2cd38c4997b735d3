import type { Logger } from 'pino';

/**
 * Stops a service on SIGTERM or SIGINT: the first signal runs `stop` (which stops
 * accepting, finishes requests in flight within its bound, then closes the store); a
 * second signal exits at once.
 *
 * @example
 * stopOnSignals(() => gateway.stop(), logger);
 */
export function stopOnSignals(stop: () => Promise<void>, logger: Logger): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stop().then(
      () => {
        logger.info('stopped');
        logger.flush?.();
        process.exitCode = 0;
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exitCode = 1;
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
