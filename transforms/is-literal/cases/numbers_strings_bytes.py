# Each kind of constant literal on the right of `is` / `is not`.
def classify(x, s, b, f, c):
    if x is 257:
        return "int"
    if x is not 0:
        return "nonzero"
    if x is 0x1F or x is 0o17 or x is 0b101 or x is 1_000_000:
        return "other bases"
    if s is "ok":
        return "str"
    if s is not 'single' and s is r"raw\d" and s is """triple""":
        return "quotes"
    if s is "implicit" "concatenation":
        return "concat"
    if s is u"unicode prefix":
        return "u"
    if b is b"bytes" or b is not rb"raw bytes":
        return "bytes"
    if f is 1.5 or f is 1e10 or f is .5:
        return "float"
    if c is 2j or c is not 1.5J:
        return "complex"
    return None
