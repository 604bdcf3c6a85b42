// The gateway's credentials, for nginx's njs module (Debian 12: libnginx-mod-http-js,
// njs 0.7.9). `deploy/nginx.conf` imports this file; nothing here is for an operator to
// edit. Two handlers for the credentials, each used by a `js_set` and evaluated once per
// request, after the request body has been read (proxy_set_header asks for them):
//
// - `sign`: AK/SK mode. Signs the request exactly as Huawei's SDK signers do
//   (SDK-HMAC-SHA256, as `huaweicloudsdkcore.signer.signer.Signer` on PyPI) and returns
//   "<X-Sdk-Date> <Authorization>"; nginx.conf splits the two with a `map`, so both
//   headers come from one evaluation and agree.
// - `token`: token mode. Reads the IAM token from its own file on every request, so a
//   token of any size works and a renewed one is used at once, with no reload.
//
// (`checkTarget` only says whether the target's escapes decode.) A credential never goes
// into a log line. Anything that cannot be signed is sent with no credential at all,
// which the upstream refuses.

import crypto from 'crypto';
import fs from 'fs';

const ALGORITHM = 'SDK-HMAC-SHA256';
const EMPTY_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
// Header values go into the upstream request as they are: a CR or LF would start a new
// header, so credentials are printable ASCII without spaces or nothing.
const PRINTABLE = /^[\x21-\x7e]+$/;

function sha256Hex(data) {
    return crypto.createHash('sha256').update(data).digest('hex');
}

// Python's `urllib.parse.quote(s, safe='~')`, which the SDK uses: only A-Z a-z 0-9 - _ . ~
// stay; encodeURIComponent also keeps ! ' ( ) *, so those are escaped here.
function encode(s) {
    return encodeURIComponent(s).replace(/[!'()*]/g, function (c) {
        return '%' + c.charCodeAt(0).toString(16).toUpperCase();
    });
}

// Python compares str by code point, which is the order of their UTF-8 bytes. (njs
// counts string length in code points, so comparing "characters" here would not agree
// with either Python or JavaScript engines elsewhere.)
function compareText(a, b) {
    return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

// The SDK's canonical query: name/value pairs, each decoded, sorted by (name, value),
// then each encoded again. nginx.conf lets only unreserved characters, `%XX`, `=` and
// `&` through, so no `+` can mean two things; a malformed escape throws.
function canonicalQuery(query) {
    const pairs = query.split('&').filter(function (p) {
        return p !== '';
    }).map(function (p) {
        const eq = p.indexOf('=');
        return eq < 0
            ? [decodeURIComponent(p), '']
            : [decodeURIComponent(p.slice(0, eq)), decodeURIComponent(p.slice(eq + 1))];
    });
    pairs.sort(function (x, y) {
        return compareText(x[0], y[0]) || compareText(x[1], y[1]);
    });
    return pairs.map(function (p) {
        return encode(p[0]) + '=' + encode(p[1]);
    }).join('&');
}

// The SDK's canonical URI: each segment decoded and encoded again, with a trailing `/`.
function canonicalUri(path) {
    const uri = path.split('/').map(function (segment) {
        return encode(decodeURIComponent(segment));
    }).join('/');
    return uri.endsWith('/') ? uri : uri + '/';
}

// 20240102T030405Z, the X-Sdk-Date format (UTC, no fraction).
function sdkDate() {
    return new Date().toISOString().replace(/[-:]|\.\d+/g, '');
}

function sign(r) {
    const v = r.variables;
    const ak = v.vizjobs_ak;
    const sk = v.vizjobs_sk;
    if (!ak && !sk) {
        return '';
    }
    if (!PRINTABLE.test(ak || '') || !PRINTABLE.test(sk || '')) {
        r.error('vizjobs: $vizjobs_ak and $vizjobs_sk must both be set, without spaces');
        return '';
    }
    try {
        const target = v.request_uri;
        const mark = target.indexOf('?');
        const path = mark < 0 ? target : target.slice(0, mark);
        const query = mark < 0 ? '' : target.slice(mark + 1);

        // The headers nginx.conf sends, as the SDK signs them: names sorted, values
        // trimmed. (The SDK sends Content-Type: application/json on every request.)
        const date = sdkDate();
        const headers = [
            ['content-type', 'application/json'],
            ['host', v.vizjobs_endpoint || ''],
            ['x-project-id', v.vizjobs_project_id || ''],
            ['x-sdk-date', date],
        ].filter(function (h) {
            return h[1] !== '';
        });
        const signedHeaders = headers.map(function (h) {
            return h[0];
        }).join(';');

        // The body nginx forwards; client_body_in_single_buffer keeps it in memory.
        const body = r.requestBuffer;
        const declared = Number(v.content_length || 0) > 0 || !!v.http_transfer_encoding;
        if (declared && body === undefined) {
            r.error('vizjobs: the request body is not in memory, so it cannot be signed');
            return '';
        }
        const payloadHash = body && body.length > 0 ? sha256Hex(body) : EMPTY_HASH;

        const canonicalRequest = [
            r.method,
            canonicalUri(path),
            canonicalQuery(query),
            headers.map(function (h) {
                return h[0] + ':' + h[1].trim();
            }).join('\n') + '\n',
            signedHeaders,
            payloadHash,
        ].join('\n');
        const stringToSign = [ALGORITHM, date, sha256Hex(canonicalRequest)].join('\n');
        const signature = crypto.createHmac('sha256', sk).update(stringToSign).digest('hex');
        return date + ' ' + ALGORITHM + ' Access=' + ak + ', SignedHeaders=' + signedHeaders
            + ', Signature=' + signature;
    } catch (e) {
        // A malformed %-escape; the message names no credential.
        r.error('vizjobs: cannot sign ' + r.method + ' ' + v.request_uri + ': ' + e.message);
        return '';
    }
}

// For nginx.conf's `if`, before the request goes anywhere: "1" when every %-escape of
// the target decodes to UTF-8 (as signing needs), else "" (a 400).
function checkTarget(r) {
    const target = r.variables.request_uri;
    const mark = target.indexOf('?');
    try {
        canonicalUri(mark < 0 ? target : target.slice(0, mark));
        canonicalQuery(mark < 0 ? '' : target.slice(mark + 1));
        return '1';
    } catch (e) {
        return '';
    }
}

function token(r) {
    const v = r.variables;
    const file = v.vizjobs_token_file;
    if (!file || v.vizjobs_ak) {
        return '';
    }
    let text;
    try {
        text = fs.readFileSync(file, 'utf8');
    } catch (e) {
        r.error('vizjobs: cannot read the token file ' + file + ': ' + e.code);
        return '';
    }
    const value = text.trim();
    if (!PRINTABLE.test(value)) {
        r.error('vizjobs: the token file ' + file + ' holds no single-line token');
        return '';
    }
    return value;
}

export default { sign, token, checkTarget };
