#!/usr/bin/env python3
"""Draws BENCHMARKS.md's whole-server chart from `bash benches/server.sh` output on stdin: for
each protocol and request, the bare server's instructions per request and what TraceLayer and
this layer (`new()`) add to it, as an SVG bar chart (no dependencies).

    bash benches/server.sh 300 | python3 benches/server_chart.py > benches/server.svg
"""
import sys

# server.sh's table: proto req bare trace+ new+ observe+ trace+new+ new/trace (and, since
# 2026-12-03, trace@info+ trace@debug+)
rows = []
for line in sys.stdin:
    parts = line.split()
    if len(parts) in (8, 10) and parts[0] in ("h1", "h2") and parts[2].lstrip("-").isdigit():
        proto, request = parts[0], parts[1]
        bare, trace, new = int(parts[2]), int(parts[3]), int(parts[4])
        rows.append((proto, request, bare, trace, new))
if not rows:
    sys.exit("no rows: pipe benches/server.sh into this script")

names = {"h1": "HTTP/1.1", "h2": "HTTP/2"}
requests = {"200": "JSON 200", "304": "304", "405": "405", "204": "204 with content"}
width, label_w, bar_max, bar_h = 780, 150, 420, 18
group_h = 2 * bar_h + 22
height = 96 + group_h * len(rows)
top = max(max(trace, new) for _, _, _, trace, new in rows)
out = [
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
    f'font-family="sans-serif" font-size="13">',
    f'<rect width="{width}" height="{height}" fill="white"/>',
    '<text x="12" y="24" font-size="15" font-weight="bold">'
    "Instructions a layer adds to a whole hyper server's request (callgrind, lower is better)"
    "</text>",
    '<rect x="12" y="38" width="14" height="12" fill="#888888"/>'
    '<text x="32" y="49">TraceLayer::new_for_http() (no subscriber)</text>',
    '<rect x="330" y="38" width="14" height="12" fill="#4f81bd"/>'
    '<text x="350" y="49">StatusConformanceLayer::new()</text>',
]
for i, (proto, request, bare, trace, new) in enumerate(rows):
    y = 70 + i * group_h
    out.append(
        f'<text x="{label_w - 8}" y="{y + bar_h + 4}" text-anchor="end">'
        f"{names[proto]} {requests.get(request, request)}</text>"
    )
    out.append(
        f'<text x="{label_w - 8}" y="{y + bar_h + 18}" text-anchor="end" font-size="11" '
        f'fill="#555555">bare server {bare}</text>'
    )
    for j, (value, color) in enumerate(((trace, "#888888"), (new, "#4f81bd"))):
        by = y + j * (bar_h + 2)
        w = max(1, round(bar_max * max(value, 0) / top))
        share = 100 * value / (bare + value) if bare + value else 0
        out.append(
            f'<rect x="{label_w}" y="{by}" width="{w}" height="{bar_h}" fill="{color}"/>'
        )
        out.append(
            f'<text x="{label_w + w + 6}" y="{by + 14}">{value:+d} ({share:.1f}% of the request)'
            "</text>"
        )
out.append("</svg>")
print("\n".join(out))
