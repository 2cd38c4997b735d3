"""Signs a batch of requests with botocore (SigV4Auth or SigV4QueryAuth), as a test oracle.

Reads a JSON array of requests on stdin and writes a JSON array of signed requests on stdout:
{"url": ..., "method": ..., "headers": [[name, value], ...], "body": ...}. Each request gives
"mode" ("header" or "query"), "method", "base" (scheme, host and wire path), "query" (decoded
[name, value] pairs), "headers", "body", "service", "region", "accessKeyId", "secretAccessKey",
"sessionToken" (or null), "timestamp" (epoch seconds) and "expires" (query mode).
"""

import datetime
import json
import sys
from urllib.parse import quote

import botocore.auth as auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def encode(text):
    return quote(text, safe="-_.~")


def sign(spec):
    moment = datetime.datetime.fromtimestamp(spec["timestamp"], datetime.timezone.utc)
    # botocore reads the clock through this function; pin it to the request's time.
    auth.get_current_datetime = lambda remove_tzinfo=True: moment.replace(tzinfo=None)

    query = "&".join(encode(k) + "=" + encode(v) for k, v in spec["query"])
    url = spec["base"] + ("?" + query if query else "")
    request = AWSRequest(method=spec["method"], url=url, data=spec["body"].encode("utf-8"))
    for name, value in spec["headers"]:
        request.headers[name] = value  # appends: repeated names stay repeated

    credentials = Credentials(
        spec["accessKeyId"], spec["secretAccessKey"], spec.get("sessionToken")
    )
    if spec["mode"] == "header":
        signer = auth.SigV4Auth(credentials, spec["service"], spec["region"])
    else:
        signer = auth.SigV4QueryAuth(
            credentials, spec["service"], spec["region"], expires=spec["expires"]
        )
    signer.add_auth(request)
    body = request.data.decode("utf-8") if isinstance(request.data, bytes) else request.data
    return {
        "method": request.method,
        "url": request.url,
        "headers": [[k, v] for k, v in request.headers.items()],
        "body": body or "",
    }


def main():
    specs = json.load(sys.stdin)
    json.dump([sign(spec) for spec in specs], sys.stdout)


if __name__ == "__main__":
    main()
