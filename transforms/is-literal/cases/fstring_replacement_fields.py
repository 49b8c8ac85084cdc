x = 1
print(f"{x is 1}")
print(f"{x is not 'a'}")
print(f"{'yes' if x is 2 else 'no'}")
print(f"{x is 1!r}")
print(f"{x is 1:>10}")
print(f"{x is 1 and x is not 'b'} {x}")
print(f"{x is 1=}")
print(f"outer {f'{x is 3}'}")
