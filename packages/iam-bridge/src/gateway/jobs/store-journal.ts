import type { Journal, JournalRecord } from '@iam-bridge/iam';

import type { GatewayStore } from '../store/index.js';

/**
 * The lifecycle bulk runner's journal kept in the gateway store, one per job: every
 * record is in the store before `append` resolves, so whichever replica takes the job
 * over after a crash resumes from it.
 *
 * @example
 * const journal = await openStoreJournal(store, job.id);
 * await runBulk(caller, { operation: 'create', rows, journal });
 */
export async function openStoreJournal(store: GatewayStore, jobId: string): Promise<Journal> {
  const latest = new Map<string, JournalRecord>();
  for (const record of (await store.readBulkJournal(jobId)) as JournalRecord[]) {
    latest.set(record.key, record);
  }
  return {
    path: `store:bulk_journal/${jobId}`,
    latest: (key) => latest.get(key),
    append: async (record) => {
      const stamped = { ...record, at: new Date().toISOString() };
      await store.appendBulkJournal(jobId, stamped);
      latest.set(record.key, stamped);
    },
    close: async () => {},
  };
}
