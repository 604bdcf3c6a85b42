"""The gateway test's upstream: stands where ModelArts would, behind deploy/nginx.conf.

For every request it receives it re-signs the request with Huawei's own reference
signer (`huaweicloudsdkcore.signer.signer.Signer`, PyPI), from the same method, target,
signed headers (X-Sdk-Date included) and body, and records whether the Authorization
header the gateway sent is identical to the SDK's. Then it answers as ModelArts would
(or forwards to the Rust stand-in, adding a token only it knows, when the signature
matched), so the console's requests succeed only when the signing was right.

Run by tests/e2e/tests/gateway.rs with the interpreter of the venv `cargo xtask` makes
(target/tools/signer-venv). It listens on 127.0.0.1 only and prints its port first.

    upstream.py --records FILE [--ak AK --sk SK] [--forward URL --forward-token TOKEN]

Each request adds one JSON line to FILE before it is answered.
"""

import argparse
import http.client
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer

ALGORITHM = "SDK-HMAC-SHA256"
# What the stand-in needs besides the credentials.
FORWARDED = ("Content-Type", "Accept", "X-Requested-With")
PAGE = b"<!doctype html><html><head><title>another origin</title></head><body></body></html>"


def parse_authorization(value):
    """`SDK-HMAC-SHA256 Access=…, SignedHeaders=a;b, Signature=…` into its fields."""
    if not value.startswith(ALGORITHM + " "):
        return None
    fields = {}
    for part in value[len(ALGORITHM) + 1:].split(", "):
        key, _, val = part.partition("=")
        fields[key] = val
    return fields


def reference_signature(args, method, target, headers, body):
    """Huawei's signer on the request as received; returns (expected, signed_headers)."""
    fields = parse_authorization(headers.get("Authorization", ""))
    if fields is None or "SignedHeaders" not in fields:
        return None, []
    signed = fields["SignedHeaders"].split(";")
    header_params = {}
    for name in signed:
        value = headers.get(name)
        if value is None:
            return "signed header %r was not received" % name, signed
        header_params[name] = value
    # A server reads the query as name/value pairs; the signer sorts and encodes them.
    path, _, query = target.partition("?")
    request = SdkRequest(
        method=method,
        schema="http",
        host=headers.get("Host"),
        resource_path=path,
        query_params=parse_qsl(query, keep_blank_values=True),
        header_params=header_params,
        body=body or None,
    )
    Signer(BasicCredentials(args.ak, args.sk)).sign(request)
    return request.header_params["Authorization"], signed


class Handler(BaseHTTPRequestHandler):
    server_version = "upstream"

    def log_message(self, *_):
        pass

    def handle_any(self):
        args = self.server.args
        # Asked for by the browser directly, never through the gateway: not recorded.
        if self.path == "/__page":
            return self.answer(200, "text/html", PAGE)
        if self.path == "/favicon.ico":
            return self.answer(404, "text/plain", b"")
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k: v for k, v in self.headers.items()}
        lower = {k.lower(): v for k, v in headers.items()}
        record = {
            "method": self.command,
            "target": self.path,
            "header_names": sorted(lower),
            "headers": {k: v for k, v in lower.items() if k != "x-auth-token"},
            "body": body.decode("utf-8", "replace"),
        }
        token = lower.get("x-auth-token")
        if token is not None:
            record["token"] = token
            record["token_length"] = len(token)
        signature_ok = False
        if "authorization" in lower:
            try:
                expected, signed = reference_signature(
                    args, self.command, self.path, Caseless(lower), body)
            except Exception as e:  # the record says why; the answer is a refusal
                expected, signed = "the SDK signer failed: %r" % e, []
            signature_ok = expected == lower["authorization"]
            record["signed_headers"] = signed
            record["expected_authorization"] = expected
            record["signature_matches"] = signature_ok
        self.server.write_record(record)

        if "authorization" in lower and not signature_ok:
            return self.answer(401, "application/json", json.dumps({
                "error_code": "APIG.0303",
                "error_msg": "Incorrect app authentication information: verify aksk signature fail",
            }).encode())
        if not args.forward:
            return self.answer(200, "application/json", b'{"is_success": true}')
        forward_token = args.forward_token if signature_ok else token
        self.forward(body, lower, forward_token)

    def forward(self, body, lower, token):
        target = urlsplit(self.server.args.forward)
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
        headers = {name: lower[name.lower()] for name in FORWARDED if name.lower() in lower}
        if token:
            headers["X-Auth-Token"] = token
        connection.request(self.command, self.path, body=body or None, headers=headers)
        response = connection.getresponse()
        data = response.read()
        self.answer(response.status, response.getheader("Content-Type"), data)
        connection.close()

    def answer(self, status, content_type, data):
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)


class Caseless(dict):
    """Header lookup by any case, as servers read headers."""

    def get(self, key, default=None):
        return super().get(key.lower(), default)


for _method in ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"):
    setattr(Handler, "do_" + _method, Handler.handle_any)


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, args):
        super().__init__(("127.0.0.1", 0), Handler)
        self.args = args
        self.lock = threading.Lock()

    def write_record(self, record):
        with self.lock, open(self.args.records, "a", encoding="utf-8") as f:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", required=True)
    parser.add_argument("--ak", default="")
    parser.add_argument("--sk", default="")
    parser.add_argument("--forward", default="")
    parser.add_argument("--forward-token", default="")
    args = parser.parse_args()
    server = Server(args)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
