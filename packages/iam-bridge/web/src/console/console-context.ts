import type { GatewayApi } from './api-client.js';

/** The console's views; `user` is the detail view of one user. */
export type ViewName = 'users' | 'user' | 'create' | 'audit';

/**
 * What the views share: the signed-in API client and the ways to move between views.
 *
 * @example context.openUser('ana')
 */
export interface ConsoleContext {
  /** The client for the signed-in key. */
  api(): GatewayApi;
  showView(view: ViewName): void;
  openUser(userName: string): Promise<void>;
  /** Shows the users list again, reloading its current page. */
  backToUsers(): Promise<void>;
}
