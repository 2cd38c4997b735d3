import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { IamError, isRetryableError } from '../src/index.js';

describe('isRetryableError', () => {
  const cases: Array<[string, number | undefined, boolean]> = [
    ['Throttling', 400, true],
    ['ThrottlingException', 400, true],
    ['RequestLimitExceeded', 503, true],
    ['ServiceFailure', 500, true],
    ['ServiceUnavailable', 503, true],
    ['InternalFailure', 500, true],
    ['RequestTimeout', 408, true],
    ['AnythingAtAll', 502, true],
    ['NotImplemented', 501, false],
    ['NoSuchEntity', 404, false],
    ['EntityAlreadyExists', 409, false],
    ['DeleteConflict', 409, false],
    ['ValidationError', 400, false],
    ['SignatureDoesNotMatch', 403, false],
    ['MissingParameter', undefined, false],
  ];
  for (const [code, status, expected] of cases) {
    it(`${code} ${status ?? '(no status)'} -> ${expected}`, () => {
      assert.equal(isRetryableError(code, status), expected);
    });
  }
});

describe('IamError', () => {
  it('is an Error carrying code, status, request id, fault and cause', () => {
    const cause = new Error('socket hang up');
    const error = new IamError({ code: 'ServiceFailure', message: 'boom', status: 500, cause });
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'IamError');
    assert.equal(error.type, 'Receiver');
    assert.equal(error.retryable, true);
    assert.equal(error.cause, cause);
  });

  it('builds from a parsed XML error, keeping the given fault', () => {
    const error = IamError.fromErrorResponse(
      { type: 'Sender', code: 'LimitExceeded', message: 'too many', requestId: 'r-1' },
      409,
    );
    assert.deepEqual(
      [error.code, error.message, error.status, error.requestId, error.type, error.retryable],
      ['LimitExceeded', 'too many', 409, 'r-1', 'Sender', false],
    );
  });

  it('lets the caller override retryable', () => {
    const error = new IamError({
      code: 'EntityTemporarilyUnmodifiable',
      message: 'm',
      retryable: true,
    });
    assert.equal(error.retryable, true);
  });
});
