import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { IamError, parseErrorResponse } from '../src/index.js';

const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';

describe('parseErrorResponse', () => {
  const errorBody = (type: string, code: string, message: string) =>
    `<ErrorResponse xmlns="${IAM_NS}">
  <Error>
    <Type>${type}</Type>
    <Code>${code}</Code>
    <Message>${message}</Message>
  </Error>
  <RequestId>5d4e3c2b-0000-4000-8000-000000000000</RequestId>
</ErrorResponse>`;

  const cases: Array<{
    name: string;
    status: number;
    body: string;
    expected: Partial<IamError>;
  }> = [
    {
      name: 'NoSuchEntity',
      status: 404,
      body: errorBody('Sender', 'NoSuchEntity', 'The user with name bob cannot be found.'),
      expected: {
        code: 'NoSuchEntity',
        message: 'The user with name bob cannot be found.',
        type: 'Sender',
        status: 404,
        retryable: false,
        requestId: '5d4e3c2b-0000-4000-8000-000000000000',
      },
    },
    {
      name: 'Throttling is retryable although 400',
      status: 400,
      body: errorBody('Sender', 'Throttling', 'Rate exceeded'),
      expected: { code: 'Throttling', retryable: true, status: 400 },
    },
    {
      name: 'ServiceFailure is a retryable Receiver error',
      status: 500,
      body: errorBody('Receiver', 'ServiceFailure', 'internal'),
      expected: { code: 'ServiceFailure', type: 'Receiver', retryable: true },
    },
    {
      name: 'an unknown code kept as it came',
      status: 409,
      body: errorBody('Sender', 'BrandNewError', 'new &amp; shiny'),
      expected: { code: 'BrandNewError', message: 'new & shiny', retryable: false },
    },
    {
      name: 'any 5xx is retryable whatever the code',
      status: 503,
      body: errorBody('Receiver', 'SomethingElse', 'down'),
      expected: { code: 'SomethingElse', retryable: true },
    },
    {
      name: 'the <Response><Errors><Error> form',
      status: 400,
      body: `<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>slow down</Message></Error>
</Errors>
<RequestID>rid-7</RequestID></Response>`,
      expected: {
        code: 'RequestLimitExceeded',
        message: 'slow down',
        requestId: 'rid-7',
        retryable: true,
      },
    },
    {
      name: "moto_server's <ErrorResponse><Errors><Error> form with <RequestID>",
      status: 403,
      body: `<?xml version="1.0" encoding="UTF-8"?>
<ErrorResponse><Errors><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code>
<Message>The request signature we calculated does not match</Message></Error></Errors>
<RequestID>moto-1</RequestID></ErrorResponse>`,
      expected: {
        code: 'SignatureDoesNotMatch',
        message: 'The request signature we calculated does not match',
        type: 'Sender',
        requestId: 'moto-1',
        retryable: false,
      },
    },
    {
      name: 'the same nesting with <RequestId>',
      status: 403,
      body:
        '<ErrorResponse><Errors><Error><Code>InvalidClientTokenId</Code>' +
        '<Message>bad key</Message></Error></Errors><RequestId>moto-2</RequestId></ErrorResponse>',
      expected: { code: 'InvalidClientTokenId', message: 'bad key', requestId: 'moto-2' },
    },
    {
      name: 'an <ErrorResponse> with no <Error> anywhere',
      status: 400,
      body: '<ErrorResponse><Errors/><RequestId>r-3</RequestId></ErrorResponse>',
      expected: { code: 'UnexpectedResponse', status: 400 },
    },
    {
      name: 'an HTML page from a proxy',
      status: 502,
      body: `<html><head><title>502 Bad Gateway</title></head><body>${'x'.repeat(500)}</body>`,
      expected: { code: 'UnexpectedResponse', status: 502, retryable: true, type: 'Receiver' },
    },
    {
      name: 'a plain text body',
      status: 403,
      body: 'Forbidden by policy',
      expected: { code: 'UnexpectedResponse', retryable: false },
    },
  ];

  for (const { name, status, body, expected } of cases) {
    it(name, () => {
      const error = parseErrorResponse(status, body, {});
      assert.ok(error instanceof IamError);
      assert.ok(error instanceof Error);
      for (const [key, value] of Object.entries(expected)) {
        assert.deepEqual(error[key as keyof IamError], value, key);
      }
    });
  }

  it('quotes the status and at most 200 characters of a non-XML body', () => {
    const body = `<html><body>${'y'.repeat(1000)}</body></html>`;
    const error = parseErrorResponse(502, body);
    assert.match(error.message, /HTTP 502/);
    assert.ok(error.message.includes(body.slice(0, 200)));
    assert.ok(!error.message.includes(body.slice(0, 201)));
  });

  it('takes the request id from the headers when the body has none', () => {
    const fromRecord = parseErrorResponse(500, 'oops', { 'X-Amzn-RequestId': 'h-1' });
    assert.equal(fromRecord.requestId, 'h-1');
    const fromHeaders = parseErrorResponse(500, 'oops', new Headers({ 'x-amzn-requestid': 'h-2' }));
    assert.equal(fromHeaders.requestId, 'h-2');
  });
});
