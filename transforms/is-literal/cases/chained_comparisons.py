# In a chain, each `is` / `is not` link is judged by its own two operands.
r1 = 0 is x is not "a"
r2 = a < b is 1
r3 = x is y is 1
r4 = 1 is 2 is 3
r5 = x is 1 < y
r6 = a is b < 1
r7 = x == 1 is not y
r8 = not x is 1
r9 = x not in y is 1
r10 = (x is 1) is True
