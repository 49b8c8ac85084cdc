def squares(n, so_far=[i * i for i in range(3)], lookup={k: v for k, v in [(1, 2)]}, uniq={c for c in "ab"}):
    so_far.append(n)
    lookup.clear(); uniq.clear()
    return len(so_far) + len(lookup) + len(uniq)
