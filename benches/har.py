#!/usr/bin/env python3
"""Writes a HAR capture of N exchanges with one JSON API, as a browser's or a proxy's export
would hold them, for `bash benches/har.sh`: on 500 item paths, a GET (200 with an ETag), its
revalidation (304), a PUT answered 405 without `Allow`, a DELETE answered 204 with
`Content-Length`, and a POST to the collection answered 201 without `Location` — three defects
that repeat across the API. Deterministic: the same N gives the same file.

Usage: python3 benches/har.py N OUT.har
"""
import json
import sys

n, out = int(sys.argv[1]), sys.argv[2]
request_headers = [
    ("host", "api.example.test"), ("user-agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/148"),
    ("accept", "application/json"), ("accept-encoding", "gzip, deflate, br"),
    ("accept-language", "en-GB,en;q=0.9"), ("cookie", "session=0123456789abcdef0123456789abcdef"),
    ("referer", "https://app.example.test/items"), ("sec-fetch-mode", "cors"),
]


def entry(i):
    item = i % 500 + 1
    kind = i % 5
    url = f"https://api.example.test/items/{item}"
    method, status, extra_req, extra_res, size = "GET", 200, [], [], 180
    tag = f'"v{item}"'
    if kind == 0:
        extra_res = [("etag", tag), ("cache-control", "private, max-age=0")]
    elif kind == 1:
        status, size = 304, 0
        extra_req = [("if-none-match", tag)]
        extra_res = [("etag", tag), ("cache-control", "private, max-age=0")]
    elif kind == 2:
        method, status, size = "PUT", 405, 40
    elif kind == 3:
        method, status, size = "DELETE", 204, 0
        extra_res = [("content-length", "0")]
    else:
        method, status, size, url = "POST", 201, 60, "https://api.example.test/items"
    response_headers = [
        ("date", "Mon, 07 Dec 2026 10:00:00 GMT"), ("server", "nginx/1.22.1"),
        ("content-type", "application/json"), ("vary", "Accept-Encoding"),
        ("x-request-id", f"{i:032x}"), ("strict-transport-security", "max-age=63072000"),
    ] + extra_res
    if status in (204, 304):
        response_headers = [h for h in response_headers if h[0] != "content-type"]
    return {
        "startedDateTime": "2026-12-07T10:00:00.000Z", "time": 12.5,
        "request": {
            "method": method, "url": url, "httpVersion": "HTTP/1.1",
            "headers": [{"name": k, "value": v} for k, v in request_headers + extra_req],
            "queryString": [], "cookies": [], "headersSize": -1,
            "bodySize": 0 if method in ("GET", "DELETE") else 20,
        },
        "response": {
            "status": status, "statusText": "", "httpVersion": "HTTP/1.1",
            "headers": [{"name": k, "value": v} for k, v in response_headers],
            "cookies": [], "content": {"size": size, "mimeType": "application/json",
                                       "text": "x" * min(size, 60)},
            "redirectURL": "", "headersSize": -1, "bodySize": size, "_transferSize": 300 + size,
        },
        "cache": {}, "timings": {"blocked": 0.5, "dns": -1, "connect": -1, "send": 0.1,
                                 "wait": 11.5, "receive": 0.4, "ssl": -1},
        "serverIPAddress": "127.0.0.1", "connection": str(i % 6),
    }


with open(out, "w") as f:
    f.write('{"log": {"version": "1.2", "creator": {"name": "benches/har.py", "version": "1"},'
            ' "pages": [], "entries": [')
    for i in range(n):
        if i:
            f.write(",")
        f.write(json.dumps(entry(i)))
    f.write("]}}")
