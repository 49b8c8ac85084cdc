# Found by fuzzing: a `def` that a backslash joins to the line above does not show its own
# indentation, so its one-line body cannot become a block: reported without a fix. A docstring
# followed by statements on its line still gets the check on a line of its own.
class C:
    \
def m(self, found=[]): found.clear(); return len(found)


def doc_then_statements(x=[]):
    """Doc."""; x.append(1); return len(x)
