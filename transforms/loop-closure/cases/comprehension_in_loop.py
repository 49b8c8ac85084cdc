def grid(rows, cols, out):
    for r in rows:
        out.extend([lambda: (r, c) for c in cols])
        out.append({c: lambda: r for c in cols})
        total = sum(f() for f in [lambda: r * c for c in cols])
        out.append(total)
        print([(lambda: r)() for _ in cols])
