#!/usr/bin/env python3
"""Draws BENCHMARKS.md's chart from `bash benches/instructions.sh` output on stdin:
instructions added per request by each configuration, as an SVG bar chart (no dependencies).

    bash benches/instructions.sh 2000 hyper | python3 benches/chart.py > benches/overhead.svg
"""
import sys

rows = []
for line in sys.stdin:
    parts = line.split()
    if len(parts) == 3 and parts[2].isdigit():
        rows.append((parts[0], int(parts[2])))
    # `... hyper`: the 200 row (status, bare, peer +, floor +, new +, framing +).
    if len(parts) == 6 and parts[0] == "200" and all(p.isdigit() for p in parts):
        rows += [
            ("hyper_peer", int(parts[2])),
            ("hyper_floor", int(parts[3])),
            ("hyper_new", int(parts[4])),
            ("hyper_framing", int(parts[5])),
        ]
if not rows:
    sys.exit("no rows: pipe benches/instructions.sh into this script")

labels = {
    "if_not_present": "builder 200: tower-http if_not_present",
    "observe": "builder 200: observe()",
    "new": "builder 200: new()",
    "every_rule": "builder 200: new() + every opt-in rule",
    "repair_204": "builder: new() repairing a 204 with a body",
    "hyper_peer": "hyper-parsed 200: tower-http if_not_present",
    "hyper_floor": "hyper-parsed 200: floor (walks only)",
    "hyper_new": "hyper-parsed 200: new()",
    "hyper_framing": "hyper-parsed 200: framing rules only",
}
width, bar_left, bar_max, row_h = 760, 330, 380, 34
height = 70 + row_h * len(rows)
top = max(v for _, v in rows)
out = [
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
    f'font-family="sans-serif" font-size="13">',
    f'<rect width="{width}" height="{height}" fill="white"/>',
    '<text x="12" y="24" font-size="15" font-weight="bold">'
    "Instructions added per request (callgrind, lower is better)</text>",
]
for i, (name, value) in enumerate(rows):
    y = 46 + i * row_h
    w = max(1, round(bar_max * value / top))
    if name in ("if_not_present", "hyper_peer", "hyper_floor"):
        color = "#888888"
    elif name.startswith("repair"):
        color = "#c0504d"
    else:
        color = "#4f81bd"
    out.append(f'<text x="{bar_left - 8}" y="{y + 17}" text-anchor="end">{labels.get(name, name)}</text>')
    out.append(f'<rect x="{bar_left}" y="{y + 4}" width="{w}" height="20" fill="{color}"/>')
    out.append(f'<text x="{bar_left + w + 6}" y="{y + 19}">{value}</text>')
out.append("</svg>")
print("\n".join(out))
