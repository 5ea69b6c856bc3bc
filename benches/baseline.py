"""Compares the output of `bash benches/instructions.sh N hyper` with the committed baseline
(`benches/instructions-baseline.txt`): fails when a conforming path costs more than the
baseline by over TOLERANCE (1%, and at least 10 instructions; callgrind counts one binary to the
instruction, and the same code compiles the same, so anything beyond that is a change).

Compared: the instructions each configuration adds to a conforming 200 (`observe`, `new`,
`every_rule`), and what `new()` and the framing-only layer add to each conforming status.
`repair_204` (a violating path) and the peers' columns are printed, not judged.

Usage: python3 benches/baseline.py CURRENT [BASELINE]
"""
import re
import sys

TOLERANCE = 0.01
FLOOR = 10


def parse(text):
    rows = {}
    for line in text.splitlines():
        m = re.match(r'^(observe|new|every_rule|repair_204)\s+\d+\s+(\d+)$', line.strip())
        if m:
            rows[('config', m.group(1))] = int(m.group(2))
            continue
        m = re.match(r'^(\d{3}(?:/\d+)?|head)\s+\d+\s+\d+\s+(\d+|-)\s+(\d+)\s+(\d+|-)$', line.strip())
        if m:
            rows[('new', m.group(1))] = int(m.group(3))
            if m.group(4) != '-':
                rows[('framing', m.group(1))] = int(m.group(4))
    return rows


current = parse(open(sys.argv[1]).read())
baseline = parse(open(sys.argv[2] if len(sys.argv) > 2 else 'benches/instructions-baseline.txt').read())
if not current:
    sys.exit('no figures in ' + sys.argv[1])
worse = []
for key, before in sorted(baseline.items()):
    now = current.get(key)
    if now is None:
        worse.append(f'{key[0]} {key[1]}: missing')
        continue
    judged = key != ('config', 'repair_204')
    allowed = before + max(FLOOR, int(before * TOLERANCE))
    mark = 'over' if judged and now > allowed else 'ok'
    print(f'{key[0]:8} {key[1]:10} {before:6} -> {now:6} ({now - before:+d}) {mark if judged else "not judged"}')
    if mark == 'over':
        worse.append(f'{key[0]} {key[1]}: {before} -> {now}')
if worse:
    sys.exit('the conforming path costs more than the baseline allows (1%, at least 10): '
             + '; '.join(worse) + '. If that is intended, update benches/instructions-baseline.txt '
             'in the same commit and say why.')
print('within the baseline (1%, at least 10 instructions)')
