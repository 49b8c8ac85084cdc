# CRLF line endings stay CRLF.
def f(x):
    if x is 1:
        return (x
                is  # keep
                not 'a')
    return x is \
        -1
