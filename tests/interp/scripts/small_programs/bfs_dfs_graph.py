from collections import deque
edges = [("a", "b"), ("a", "c"), ("b", "d"), ("c", "d"), ("d", "e"), ("f", "g"), ("e", "h"), ("c", "h")]
graph = {}
for u, v in edges:
    graph.setdefault(u, []).append(v)
    graph.setdefault(v, []).append(u)
def bfs(start):
    dist, order, q = {start: 0}, [], deque([start])
    while q:
        u = q.popleft()
        order.append(u)
        for v in sorted(graph[u]):
            if v not in dist:
                dist[v] = dist[u] + 1
                q.append(v)
    return order, dist
def dfs(u, seen=None):
    seen = [] if seen is None else seen
    seen.append(u)
    for v in sorted(graph[u]):
        if v not in seen:
            dfs(v, seen)
    return seen
print(bfs("a"))
print(dfs("a"))
def components():
    seen, comps = set(), []
    for n in sorted(graph):
        if n not in seen:
            comp = dfs(n)
            seen.update(comp)
            comps.append(sorted(comp))
    return comps
print(components())
def topo(deps):
    indeg = {k: 0 for k in deps}
    for k, vs in deps.items():
        for v in vs:
            indeg[v] = indeg.get(v, 0) + 1
    ready = sorted(k for k, d in indeg.items() if d == 0)
    out = []
    while ready:
        k = ready.pop(0)
        out.append(k)
        for v in deps.get(k, []):
            indeg[v] -= 1
            if indeg[v] == 0:
                ready.append(v)
                ready.sort()
    return out
print(topo({"shirt": ["tie", "belt"], "tie": ["jacket"], "pants": ["shoes", "belt"], "belt": ["jacket"], "socks": ["shoes"]}))
