import { iamModel } from '../generated/iam-model.js';
import type { IamOperations } from '../generated/iam-types.js';
import type { QueryClientOptions } from './client-options.js';
import { QueryClient } from './query-client.js';

/**
 * The IAM client: every IAM action, typed from the model, over the Query protocol.
 * IAM is global: the region only selects the partition; requests go to the partition's
 * IAM endpoint signed with its region (us-east-1 in the aws partition).
 *
 * @example
 * const iam = new IamClient({ profile: 'admin' });
 * await iam.send('CreateUser', { UserName: 'ana' });
 * const keys = await all(iam, 'ListAccessKeys', { UserName: 'ana' });
 */
export class IamClient extends QueryClient<IamOperations> {
  constructor(options: QueryClientOptions = {}) {
    super(iamModel, 'iam', options);
  }
}
