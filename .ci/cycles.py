"""The library's top-level modules in an import cycle (from `crate::`, `self::` and `super::`
paths and `use` lists, comments left out); exit status 1 when there is one beyond the allowed.

Usage: python3 .ci/cycles.py src --top

Allowed: `layer` and `service`, which name each other as tower-http's middlewares do
(`StatusConformance::layer()` returns the layer, the layer builds the service).
"""
import re, os, sys, itertools
root = sys.argv[1] if len(sys.argv) > 1 else 'src'
files = {}
for d, _, fs in os.walk(root):
    if '/bin' in d: continue
    for f in fs:
        if f.endswith('.rs'):
            p = os.path.join(d, f)
            rel = os.path.relpath(p, root)[:-3]
            mod = rel.replace('/', '::')
            if mod.endswith('::mod'): mod = mod[:-5]
            if mod == 'lib': mod = ''
            if mod.endswith('_tests') or '/tests' in p: continue
            files[mod] = open(p).read()
# crate-root re-exports: name -> module
lib = files['']
reexp = {}
m = re.search(r'pub use self::\{(.*?)\};', lib, re.S)
def flatten(prefix, body):
    # naive brace expansion
    out = []
    depth = 0; cur = ''
    items = []
    for ch in body:
        if ch == '{': depth += 1
        if ch == '}': depth -= 1
        if ch == ',' and depth == 0:
            items.append(cur.strip()); cur = ''
        else:
            cur += ch
    if cur.strip(): items.append(cur.strip())
    for it in items:
        if '{' in it:
            head, rest = it.split('{', 1)
            out += flatten(prefix + head.strip().rstrip(':').rstrip(':') + '::', rest.rsplit('}', 1)[0])
        else:
            out.append(prefix + it)
    return out
if m:
    for path in flatten('', m.group(1)):
        parts = path.split('::')
        reexp[parts[-1].split(' as ')[-1].strip()] = '::'.join(parts[:-1])
mods = set(files)
def resolve(path):
    parts = [p for p in path.split('::') if p]
    # longest module prefix
    for i in range(len(parts), 0, -1):
        cand = '::'.join(parts[:i])
        if cand in mods: return cand
    if parts and parts[0] in reexp: return resolve(reexp[parts[0]] + '::' + '::'.join(parts[1:])) if reexp[parts[0]] else None
    return None
def strip_comments(s):
    s = '\n'.join(l for l in s.split('\n') if not l.strip().startswith('//'))
    # A macro's paths belong to where it is expanded, not to the module that defines it.
    out, i = [], 0
    for m in re.finditer(r'macro_rules! \w+ \{', s):
        if m.start() < i: continue
        out.append(s[i:m.start()])
        depth, j = 1, m.end()
        while depth and j < len(s):
            depth += {'{': 1, '}': -1}.get(s[j], 0); j += 1
        i = j
    out.append(s[i:])
    return ''.join(out)
edges = {m: set() for m in mods}
for mod, src in files.items():
    src = strip_comments(src)
    src = re.sub(r'#\[cfg\(test\)\]\s*mod tests \{.*', '', src, flags=re.S)
    for um in re.finditer(r'use crate::\{(.*?)\};', src, re.S):
        for p in flatten('', um.group(1)):
            t = resolve(p)
            if t is not None and t != mod and not mod.startswith(t + '::') : edges[mod].add(t)
    for um in re.finditer(r'(?:use )?crate::((?:[A-Za-z_][A-Za-z0-9_]*::)*[A-Za-z_][A-Za-z0-9_]*)', src):
        t = resolve(um.group(1))
        if t is not None and t != mod and not mod.startswith(t + '::') and t != '': edges[mod].add(t)
    for um in re.finditer(r'\bsuper::((?:[A-Za-z_][A-Za-z0-9_]*::)*[A-Za-z_][A-Za-z0-9_]*)', src):
        parent = mod.rsplit('::', 1)[0] if '::' in mod else ''
        t = resolve((parent + '::' if parent else '') + um.group(1))
        if t is not None and t != mod: edges[mod].add(t)
    for um in re.finditer(r'\bself::((?:[A-Za-z_][A-Za-z0-9_]*::)*[A-Za-z_][A-Za-z0-9_]*)', src):
        t = resolve((mod + '::' if mod else '') + um.group(1))
        if t is not None and t != mod: edges[mod].add(t)
    for um in re.finditer(r'use self::\{(.*?)\};', src, re.S):
        for p in flatten('', um.group(1)):
            t = resolve((mod + '::' if mod else '') + p)
            if t is not None and t != mod: edges[mod].add(t)
    for um in re.finditer(r'use super::\{(.*?)\};', src, re.S):
        parent = mod.rsplit('::', 1)[0] if '::' in mod else ''
        for p in flatten('', um.group(1)):
            t = resolve((parent + '::' if parent else '') + p)
            if t is not None and t != mod: edges[mod].add(t)
if '--top' in sys.argv:
    top = lambda m: m.split('::')[0]
    e2 = {}
    for a, bs in edges.items():
        e2.setdefault(top(a), set()).update(top(b) for b in bs if top(b) != top(a))
    edges = e2
# SCCs (Tarjan)
index = {}; low = {}; stack = []; on = set(); sccs = []; counter = [0]
sys.setrecursionlimit(10000)
def sc(v):
    index[v] = low[v] = counter[0]; counter[0] += 1; stack.append(v); on.add(v)
    for w in edges[v]:
        if w not in edges: continue
        if w not in index: sc(w); low[v] = min(low[v], low[w])
        elif w in on: low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop(); on.discard(w); comp.append(w)
            if w == v: break
        if len(comp) > 1: sccs.append(sorted(comp))
for v in edges:
    if v not in index: sc(v)
ALLOWED = [['layer', 'service']]
sccs = [c for c in sccs if c not in ALLOWED]
for c in sccs:
    print(len(c), 'modules in a cycle:', ', '.join(c))
    for a in c:
        print('   ', a, '->', ', '.join(sorted(x for x in edges[a] if x in c)))
if not sccs:
    print('no import cycles (besides layer and service)')
sys.exit(1 if sccs else 0)
