def counters(items, out):
    for count in items:
        def bump():
            nonlocal count
            count += 1
            return count

        out.append(bump)

        def report(extra):
            def inner():
                nonlocal extra, count
                count = extra
            inner()
            return count, items

        out.append(report)
