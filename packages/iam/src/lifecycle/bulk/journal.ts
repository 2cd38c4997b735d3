import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/**
 * Where one bulk item stands. `creating` is written after checking the user did not
 * exist and before `CreateUser` is sent, so a run killed in between knows any user it
 * finds later is its own half-made one.
 *
 * @example
 * const state: JournalState = 'creating';
 */
export type JournalState = 'creating' | 'done' | 'failed';

/**
 * One line of the journal. Never holds a password or secret key.
 *
 * @example
 * const record: JournalRecord = { key: 'create:ana', line: 2, state: 'done', outcome: 'created' };
 */
export interface JournalRecord {
  key: string;
  line: number;
  state: JournalState;
  outcome?: string;
  reason?: string;
  at?: string;
}

/**
 * An append-only JSON Lines journal: every record is on disk (written and fsynced)
 * before `append` resolves, so a run killed at any instant, even with SIGKILL, can be
 * resumed from it. Records appended together share one fsync.
 *
 * @example
 * const journal = await openJournal('users.csv.journal');
 * journal.latest('create:ana')?.state; // 'done' after a finished run
 * await journal.append({ key: 'create:bob', line: 3, state: 'creating' });
 * await journal.close();
 */
export interface Journal {
  readonly path: string;
  latest(key: string): JournalRecord | undefined;
  append(record: JournalRecord): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens (or creates) a journal and reads what earlier runs recorded. A last line cut off
 * by a kill is ignored: its record never finished, so neither did its step.
 *
 * @example
 * const journal = await openJournal('/tmp/run.journal');
 */
export async function openJournal(path: string): Promise<Journal> {
  const latest = new Map<string, JournalRecord>();
  if (existsSync(path)) {
    const text = readFileSync(path, 'utf8');
    for (const lineText of text.split('\n')) {
      if (lineText.trim() === '') continue;
      try {
        const record = JSON.parse(lineText) as JournalRecord;
        if (typeof record.key === 'string') latest.set(record.key, record);
      } catch {
        // Only a torn final write can be unreadable; it recorded nothing that happened.
      }
    }
    ensureEndsWithNewline(path, text);
  }

  const handle: FileHandle = await open(path, 'a');
  let pending: Array<{ text: string; resolve: () => void; reject: (e: unknown) => void }> = [];
  let flushing: Promise<void> | undefined;

  const flush = async (): Promise<void> => {
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      try {
        await handle.write(batch.map((item) => item.text).join(''));
        await handle.sync();
        batch.forEach((item) => item.resolve());
      } catch (error) {
        batch.forEach((item) => item.reject(error));
      }
    }
    flushing = undefined;
  };

  return {
    path,
    latest: (key) => latest.get(key),
    append(record) {
      const stamped = { ...record, at: new Date().toISOString() };
      latest.set(record.key, stamped);
      return new Promise<void>((resolve, reject) => {
        pending.push({ text: JSON.stringify(stamped) + '\n', resolve, reject });
        flushing ??= flush();
      });
    },
    async close() {
      await flushing;
      await handle.close();
    },
  };
}

function ensureEndsWithNewline(path: string, text: string): void {
  if (text === '' || text.endsWith('\n')) return;
  const fd = openSync(path, 'a');
  try {
    writeSync(fd, '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
