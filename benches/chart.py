#!/usr/bin/env python3
"""Draws BENCHMARKS.md's chart from `bash benches/instructions.sh` output on stdin:
instructions added per request by each configuration, as an SVG bar chart (no dependencies).

    bash benches/instructions.sh | python3 benches/chart.py > benches/overhead.svg
"""
import sys

rows = []
for line in sys.stdin:
    parts = line.split()
    if len(parts) == 3 and parts[2].isdigit():
        rows.append((parts[0], int(parts[2])))
if not rows:
    sys.exit("no rows: pipe benches/instructions.sh into this script")

labels = {
    "if_not_present": "tower-http SetResponseHeader::if_not_present",
    "observe": "StatusConformanceLayer::observe()",
    "new": "StatusConformanceLayer::new()",
    "every_rule": "new() + every opt-in rule",
    "repair_204": "new(), repairing a 204 with a body",
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
    color = "#888888" if name == "if_not_present" else ("#c0504d" if name.startswith("repair") else "#4f81bd")
    out.append(f'<text x="{bar_left - 8}" y="{y + 17}" text-anchor="end">{labels.get(name, name)}</text>')
    out.append(f'<rect x="{bar_left}" y="{y + 4}" width="{w}" height="20" fill="{color}"/>')
    out.append(f'<text x="{bar_left + w + 6}" y="{y + 19}">{value}</text>')
out.append("</svg>")
print("\n".join(out))
