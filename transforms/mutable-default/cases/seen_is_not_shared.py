# `seen` does not say "shared on purpose" (a walker's `seen=set()` default is the bug); a memo is decided by use.
def walk(node, seen=set()):
    if node in seen:
        return
    seen.add(node)
    for child in node.children:
        walk(child, seen)


def visit_all(graph, start, already_seen=[]):
    already_seen.append(start)
    return [n for n in graph[start] if n not in already_seen]


def lookup(key, table={}):
    if key not in table:
        table[key] = expensive(key)
    return table[key]


def registry_entry(name, _registry={}):
    return _registry.setdefault(name, object())
