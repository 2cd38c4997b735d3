import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readAwsMessage } from '../../web/src/aws-message.js';

const CANONICAL = [
  'POST',
  '/',
  '',
  "content-type:application/x-www-form-urlencoded; charset='utf-8'",
  'host:iam.amazonaws.com',
  'x-amz-date:20200718T211159Z',
  '',
  'content-type;host;x-amz-date',
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
].join('\n');
const STRING_TO_SIGN = [
  'AWS4-HMAC-SHA256',
  '20200718T211159Z',
  '20200718/us-east-1/iam/aws4_request',
  'a'.repeat(64),
].join('\n');
const QUERY_MESSAGE =
  'The request signature we calculated does not match the signature you provided. Check your ' +
  'AWS Secret Access Key and signing method. Consult the service documentation for details.' +
  `\n\nThe Canonical String for this request should have been\n'${CANONICAL}'\n\n` +
  `The String-to-Sign should have been\n'${STRING_TO_SIGN}'\n`;

const xmlEscape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/'/g, '&apos;');

describe('readAwsMessage', () => {
  it('extracts both strings from a Query service message, quotes inside kept', () => {
    assert.deepEqual(readAwsMessage(QUERY_MESSAGE), {
      canonicalRequest: CANONICAL,
      stringToSign: STRING_TO_SIGN,
    });
  });

  it('reads the message inside an XML ErrorResponse', () => {
    const xml =
      '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender' +
      '</Type><Code>SignatureDoesNotMatch</Code><Message>' +
      xmlEscape(QUERY_MESSAGE) +
      '</Message></Error><RequestId>1</RequestId></ErrorResponse>';
    assert.deepEqual(readAwsMessage(xml), {
      canonicalRequest: CANONICAL,
      stringToSign: STRING_TO_SIGN,
    });
  });

  it("reads S3's CanonicalRequest and StringToSign elements", () => {
    const xml =
      '<Error><Code>SignatureDoesNotMatch</Code><StringToSign>' +
      xmlEscape(STRING_TO_SIGN) +
      '</StringToSign><CanonicalRequest>' +
      xmlEscape(CANONICAL) +
      '</CanonicalRequest></Error>';
    assert.deepEqual(readAwsMessage(xml), {
      canonicalRequest: CANONICAL,
      stringToSign: STRING_TO_SIGN,
    });
  });

  it('reads a JSON error whose message has escaped new lines', () => {
    const json = JSON.stringify({ __type: 'InvalidSignatureException', message: QUERY_MESSAGE });
    assert.equal(readAwsMessage(json).stringToSign, STRING_TO_SIGN);
  });

  it('takes a bare string to sign or canonical request as it is', () => {
    assert.deepEqual(readAwsMessage(STRING_TO_SIGN + '\n'), { stringToSign: STRING_TO_SIGN });
    assert.deepEqual(readAwsMessage(CANONICAL.replace(/\n/g, '\r\n')), {
      canonicalRequest: CANONICAL,
    });
    assert.deepEqual(readAwsMessage('   '), {});
  });
});
