// What the route tests share: the running gateway and a reader of its audit log.
import type { TestGateway } from '../support.js';

/** Handed to each group of route tests. */
export interface SuiteContext {
  /** The store's name, for keys that must differ between runs. */
  name: string;
  gateway(): TestGateway;
  /** `GET /v1/audit?<query>` entries, as admin. */
  audit(query: string): Promise<any[]>;
}
