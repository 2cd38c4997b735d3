import { stsModel } from '../generated/sts-model.js';
import type { StsOperations } from '../generated/sts-types.js';
import type { QueryClientOptions } from './client-options.js';
import { QueryClient } from './query-client.js';

/**
 * The STS client: AssumeRole, GetCallerIdentity and the rest, over the Query protocol.
 * With a region it uses that region's endpoint (`sts.eu-west-1.amazonaws.com`), without one
 * the global `sts.amazonaws.com`.
 *
 * @example
 * const sts = new StsClient({ region: 'eu-west-1' });
 * const { Arn } = await sts.send('GetCallerIdentity');
 */
export class StsClient extends QueryClient<StsOperations> {
  constructor(options: QueryClientOptions = {}) {
    super(stsModel, 'sts', options);
  }
}
