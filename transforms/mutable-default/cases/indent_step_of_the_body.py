# The guard's inner line takes the step of the function body it goes into, not the file's first block's.
if True:
  FIRST_BLOCK_USES_TWO_SPACES = 1


def log(msg, lines=[]):
    lines.append(msg)
    return len(lines)


# The method's body is four spaces past its `def`, which is two spaces in.
class Registry:
  def add(self, item, items=[
      "seed",
  ]):
      items.append(item)
      return len(items)


# A body on the `def` line gives no step: the file's unit (two spaces) is used.
def one_line(x=[]): x.append(1); return len(x)
