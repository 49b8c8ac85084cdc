def contexts(items, out, flag):
    for item in items:
        out.append(lambda: item if flag else None)
        out.append(flag and (lambda: item))
        out.append((lambda: item) if flag else (lambda: -item))
        out.append(lambda f=lambda: item: f())
        out.append(dict(show=lambda: item))
        out.append(list((lambda: item,)))
        out += [lambda: item]
        out.append(lambda: lambda: item)
        out.append((lambda: item).__name__)
        out.append(str(lambda: item))
