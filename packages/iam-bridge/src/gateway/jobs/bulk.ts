import { setMaxListeners } from 'node:events';

import { runBulk, type BulkItemEvent, type BulkRow } from '@iam-bridge/iam';

import type { GatewayContext } from '../context.js';
import type { BulkJob, BulkJobStatus } from '../store/index.js';
import { auditedCaller } from './audited-caller.js';
import { openStoreJournal } from './store-journal.js';

/**
 * Runs bulk jobs in the background with the lifecycle bulk runner (`runBulk`) and its
 * journal kept in the gateway store. Any replica may run any job: a job is claimed with a
 * lease, renewed while it runs, and taken over by another replica when its lease runs
 * out; the journal makes the new run skip finished rows and redo a half-made user. Every
 * IAM change a job makes is audited on its own (intent before, outcome after).
 *
 * @example
 * const worker = new BulkWorker(context);
 * worker.start();
 * await worker.stop();
 */
export class BulkWorker {
  readonly #context: GatewayContext;
  readonly #pollMs: number;
  #running = false;
  #abort = new AbortController();
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;

  constructor(context: GatewayContext, options: { pollMs?: number } = {}) {
    this.#context = context;
    this.#pollMs = options.pollMs ?? 1_000;
    // Every IAM call of a job listens to this one signal.
    setMaxListeners(0, this.#abort.signal);
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /** Asks the loop to look for work now. */
  wake(): void {
    this.#wake?.();
  }

  /** Stops taking rows; the job's lease lets another replica (or a restart) finish it. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#abort.abort();
    this.wake();
    await this.#loop;
  }

  async #run(): Promise<void> {
    while (this.#running) {
      let job: BulkJob | undefined;
      try {
        job = await this.#context.store.claimBulkJob(
          this.#context.instanceId,
          new Date().toISOString(),
          this.#leaseUntil(),
        );
        if (job) await this.#runJob(job);
      } catch (error) {
        if (this.#running) {
          this.#context.logger.error({ err: error, jobId: job?.id }, 'bulk job runner failed');
        }
      }
      if (!job && this.#running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.#pollMs);
          this.#wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.#wake = undefined;
      }
    }
  }

  #leaseUntil(): string {
    return new Date(Date.now() + this.#context.config.instanceStaleMs).toISOString();
  }

  async #runJob(job: BulkJob): Promise<void> {
    const { store, instanceId, logger, target } = this.#context;
    logger.info({ jobId: job.id, operation: job.operation, total: job.total }, 'bulk job running');

    const items = await store.listBulkItems(job.id);
    const indexOfLine = new Map<number, number>();
    const rows = items.map((item) => {
      const row = item.input as unknown as BulkRow;
      indexOfLine.set(row.line, item.index);
      return row;
    });
    const journal = await openStoreJournal(store, job.id);
    const renewer = setInterval(
      () => {
        store.renewBulkLease(job.id, instanceId, this.#leaseUntil()).catch((error: unknown) => {
          logger.error({ err: error, jobId: job.id }, 'bulk lease renewal failed');
        });
      },
      Math.max(100, this.#context.config.instanceStaleMs / 3),
    );

    const caller = auditedCaller(target.caller, store, {
      caller: job.caller,
      requestId: `bulk-job:${job.id}`,
      instanceId,
    });
    const recording: Array<Promise<void>> = [];
    try {
      await runBulk(caller, {
        operation: job.operation,
        rows,
        journal,
        force: job.force,
        concurrency: 4,
        signal: this.#abort.signal,
        onItem: (event) => {
          const index = indexOfLine.get(event.line);
          // A row cut short by shutdown is not a result: the next run redoes it.
          if (index === undefined || (!this.#running && event.code === 'AbortError')) return;
          const status =
            event.status === 'failed' || event.status === 'bad-row' ? 'failed' : 'succeeded';
          recording.push(store.markBulkItem(job.id, index, status, reportOf(event)));
        },
      });
    } finally {
      clearInterval(renewer);
      await Promise.all(recording);
    }
    if (!this.#running) return;

    const done = await store.getBulkJob(job.id);
    if (!done) return;
    const status: BulkJobStatus =
      done.failed === 0 ? 'succeeded' : done.succeeded === 0 ? 'failed' : 'partial';
    await store.finishBulkJob(job.id, status, new Date().toISOString());
    logger.info({ jobId: job.id, status, failed: done.failed }, 'bulk job finished');
  }
}

// An item's line in the job report: what happened, never a secret.
function reportOf(event: BulkItemEvent): Record<string, unknown> {
  const { password: _password, accessKey: _accessKey, ...rest } = event;
  return rest;
}
