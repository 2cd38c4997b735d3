import { beginAudit } from '../audit.js';
import type { GatewayContext } from '../context.js';
import { errorBody, statusOf } from '../errors.js';
import { createUser, deleteUser, IamError } from '../iam-api.js';
import { collectIamRequestIds } from '../iam-request-ids.js';
import type { BulkItem, BulkJob, BulkJobStatus } from '../store/index.js';
import type { BulkItemInput } from './bulk-input.js';

/**
 * Runs bulk jobs in the background. Any replica may run any job: a job is claimed with a
 * lease in the store, renewed while it runs; a job whose runner died is taken over when
 * its lease runs out. Each item is journaled `started` before acting and `succeeded` or
 * `failed` after, with an audit entry around it; an item found `started` after a crash is
 * run again, which is safe because creating a user that matches its spec and deleting a
 * user that is gone are both no-ops.
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
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;

  constructor(context: GatewayContext, options: { pollMs?: number } = {}) {
    this.#context = context;
    this.#pollMs = options.pollMs ?? 1_000;
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

  /** Stops after the item in progress; the job's lease lets another replica continue. */
  async stop(): Promise<void> {
    this.#running = false;
    this.wake();
    await this.#loop;
  }

  async #run(): Promise<void> {
    while (this.#running) {
      let job: BulkJob | undefined;
      try {
        job = await this.#claim();
        if (job) await this.#runJob(job);
      } catch (error) {
        this.#context.logger.error({ err: error, jobId: job?.id }, 'bulk job runner failed');
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

  #claim(): Promise<BulkJob | undefined> {
    const { store, instanceId } = this.#context;
    return store.claimBulkJob(instanceId, new Date().toISOString(), this.#leaseUntil());
  }

  async #runJob(job: BulkJob): Promise<void> {
    const { store, instanceId, logger } = this.#context;
    logger.info({ jobId: job.id, total: job.total }, 'bulk job running');
    const renewEvery = Math.max(200, this.#context.config.instanceStaleMs / 3);
    let renewedAt = Date.now();

    for (const item of await store.listBulkItems(job.id)) {
      if (item.status === 'succeeded' || item.status === 'failed') continue;
      if (!this.#running) return;
      if (Date.now() - renewedAt > renewEvery) {
        // Lost the lease (paused too long): another replica has the job now.
        if (!(await store.renewBulkLease(job.id, instanceId, this.#leaseUntil()))) return;
        renewedAt = Date.now();
      }
      await this.#runItem(job, item);
    }

    const done = await store.getBulkJob(job.id);
    if (!done) return;
    const status: BulkJobStatus =
      done.failed === 0 ? 'succeeded' : done.succeeded === 0 ? 'failed' : 'partial';
    await store.finishBulkJob(job.id, status, new Date().toISOString());
    logger.info({ jobId: job.id, status, failed: done.failed }, 'bulk job finished');
  }

  async #runItem(job: BulkJob, item: BulkItem): Promise<void> {
    const { store, instanceId, target } = this.#context;
    const input = item.input as unknown as BulkItemInput;
    await store.markBulkItem(job.id, item.index, 'started');
    const intent = await beginAudit(store, {
      caller: job.caller,
      action: input.operation === 'create' ? 'CreateUser' : 'DeleteUser',
      target: `user/${input.userName}`,
      requestId: `bulk:${job.id}:${item.index}`,
      instanceId,
    });
    const requestIds: string[] = [];
    try {
      const { value } = await collectIamRequestIds(async () => {
        if (input.operation === 'delete') {
          const result = await deleteUser(target.caller, input.userName, {
            force: input.force === true,
          });
          return { status: result.status, removed: result.removed.length };
        }
        const { operation: _operation, force: _force, ...spec } = input;
        const result = await createUser(target.caller, spec);
        return { status: result.status, steps: result.steps };
      }, requestIds);
      await intent.finish({
        outcome: 'succeeded',
        status: 200,
        ...(requestIds.length > 0 ? { iamRequestId: requestIds.join(',') } : {}),
      });
      await store.markBulkItem(job.id, item.index, 'succeeded', value);
    } catch (error) {
      const status = statusOf(error);
      await intent.finish({
        outcome: 'failed',
        status,
        errorCode: error instanceof IamError ? error.code : 'InternalError',
        ...(requestIds.length > 0 ? { iamRequestId: requestIds.join(',') } : {}),
      });
      await store.markBulkItem(
        job.id,
        item.index,
        'failed',
        errorBody(error, `bulk:${job.id}`).error,
      );
    }
  }
}
