for m in metrics:
    callbacks.append(lambda: print(m))  # noqa: B023
    callbacks.append(lambda: print(m))  # pitfix: ignore[loop-closure]
    callbacks.append(lambda: print(m))  # pitfix: ignore[is-literal]
    callbacks.append(
        lambda: print(m)  # noqa: B023
    )

for n, m in pairs:
    # Only the read of `n` is suppressed: the fix binds `m` alone.
    callbacks.append(
        lambda: (n,  # noqa: B023
                 m)
    )
