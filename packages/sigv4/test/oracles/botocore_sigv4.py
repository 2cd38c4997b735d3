"""Signs a batch of requests with botocore, for the differential test of our SigV4 signer.

Reads a JSON array of requests on stdin and writes a JSON array of results on stdout, in the
same order. Each request names the botocore signer class to use (SigV4Auth, S3SigV4Auth,
SigV4QueryAuth, S3SigV4QueryAuth) and its own signing time, which is fixed by replacing
botocore.auth.get_current_datetime for the duration of that request.

Example:
    echo '[{"id": "a", "signer": "SigV4Auth", "method": "GET",
            "url": "https://iam.amazonaws.com/?Action=ListUsers", "headers": [],
            "body": null, "service": "iam", "region": "us-east-1",
            "accessKeyId": "AKID", "secretAccessKey": "secret", "sessionToken": null,
            "amzDate": "20200718T211159Z", "expires": null}]' | python3 botocore_sigv4.py
"""

import datetime
import json
import sys

import botocore.auth as auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def recording(base):
    """A subclass of a botocore signer that keeps each intermediate step it computes."""

    class Recording(base):
        def canonical_request(self, request):
            self.recorded_canonical_request = super().canonical_request(request)
            return self.recorded_canonical_request

        def string_to_sign(self, request, canonical_request):
            self.recorded_string_to_sign = super().string_to_sign(request, canonical_request)
            return self.recorded_string_to_sign

        def signature(self, string_to_sign, request):
            self.recorded_signature = super().signature(string_to_sign, request)
            return self.recorded_signature

    return Recording


SIGNERS = {
    name: recording(getattr(auth, name))
    for name in ('SigV4Auth', 'S3SigV4Auth', 'SigV4QueryAuth', 'S3SigV4QueryAuth')
}


def sign(item):
    when = datetime.datetime.strptime(item['amzDate'], '%Y%m%dT%H%M%SZ')
    auth.get_current_datetime = lambda: when

    credentials = Credentials(
        item['accessKeyId'], item['secretAccessKey'], item.get('sessionToken')
    )
    cls = SIGNERS[item['signer']]
    if item['signer'].endswith('QueryAuth'):
        signer = cls(credentials, item['service'], item['region'], expires=item['expires'])
    else:
        signer = cls(credentials, item['service'], item['region'])

    request = AWSRequest(method=item['method'], url=item['url'], data=item.get('body'))
    # Assigning one at a time keeps repeated names, as HTTP allows.
    for name, value in item['headers']:
        request.headers[name] = value
    signer.add_auth(request)

    return {
        'id': item['id'],
        'canonicalRequest': signer.recorded_canonical_request,
        'stringToSign': signer.recorded_string_to_sign,
        'signature': signer.recorded_signature,
        'authorization': request.headers.get('Authorization'),
        'url': request.url,
    }


def main():
    batch = json.load(sys.stdin)
    results = []
    for item in batch:
        try:
            results.append(sign(item))
        except Exception as error:  # reported per request, so one bad input names itself
            results.append({'id': item['id'], 'error': f'{type(error).__name__}: {error}'})
    json.dump(results, sys.stdout)


if __name__ == '__main__':
    main()
