// A small Query-protocol caller for lifecycle tests: serialize, sign, POST, parse, and
// retry throttling with backoff, as the real client does. Tests switch to IamClient when
// it can be constructed from here.
import { signRequest } from '@iam-bridge/sigv4';
import {
  encodeForm,
  iamModel,
  IamError,
  parseErrorResponse,
  parseResponse,
  serializeQuery,
} from '@iam-bridge/iam';
import type { IamCaller } from '../../../src/lifecycle/iam-caller.js';

export interface QueryCallerOptions {
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  maxAttempts?: number;
  onCall?: (operation: string) => void;
}

export function queryCaller(options: QueryCallerOptions): IamCaller & { calls: number } {
  const caller = {
    calls: 0,
    async send(operation: string, input: object, callOptions: { signal?: AbortSignal } = {}) {
      const body = encodeForm(serializeQuery(iamModel, operation, input));
      const maxAttempts = options.maxAttempts ?? 10;
      for (let attempt = 1; ; attempt++) {
        caller.calls++;
        options.onCall?.(operation);
        const signed = signRequest(
          {
            method: 'POST',
            url: options.endpoint,
            headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
            body,
          },
          { credentials: options.credentials, region: 'us-east-1', service: 'iam' },
        );
        const response = await fetch(signed.url, {
          method: 'POST',
          headers: signed.headers,
          body,
          ...(callOptions.signal ? { signal: callOptions.signal } : {}),
        });
        const text = await response.text();
        if (response.ok) return parseResponse(iamModel, operation, text).result;

        const headers = Object.fromEntries(response.headers);
        const error = parseErrorResponse(response.status, text, headers);
        if (!(error instanceof IamError) || !error.retryable || attempt >= maxAttempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** attempt));
      }
    },
  };
  return caller as unknown as IamCaller & { calls: number };
}

// moto 5 has no service-specific credentials (it answers an HTML 500): stand in with the
// empty list a user without any would give, so the rest of a delete can be exercised.
export function withoutServiceSpecificCredentials(caller: IamCaller): IamCaller {
  return {
    send(operation: string, input: object, options?: { signal?: AbortSignal }) {
      if (operation === 'ListServiceSpecificCredentials') {
        return Promise.resolve({ ServiceSpecificCredentials: [], IsTruncated: false });
      }
      return (caller.send as (o: string, i: object, x?: object) => Promise<unknown>)(
        operation,
        input,
        options,
      );
    },
  } as IamCaller;
}
