# The guard goes above the comments that lead the first statement, not between a comment and its statement.
def log(msg, lines=[]):
    # remember what was logged
    lines.append(msg)
    return len(lines)


def documented(msg, lines=[]):
    """Log a message."""
    # remember what was logged
    lines.append(msg)
    return len(lines)


def apart(msg, lines=[]):
    # about the whole function

    # remember what was logged
    # (twice)
    lines.append(msg)
    return len(lines)
