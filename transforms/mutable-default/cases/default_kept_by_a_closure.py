# The default list is read by a nested function that the call returns: the closure keeps the
# shared list alive across calls, which the code may rely on; the fix is unsafe.
def indented_block(stack, backup_stacks=[]):
    backup_stacks.append(stack[:])

    def reset_stack():
        stack[:] = backup_stacks[-1]

    return reset_stack


# A nested function used and dropped within the call does not keep it: still a safe fix.
def total(values, seen=[]):
    def add(v):
        seen.append(v)

    for v in values:
        add(v)
    return len(values)
