# pitfix-args: --unsafe-fixes
def shapes(items, out):
    for item in items:
        out.append(lambda x, y=1: (x, y, item))
        out.append(lambda *args: (args, item))
        out.append(lambda *args, flag=False: (args, flag, item))
        out.append(lambda *, flag: (flag, item))
        out.append(lambda **kwargs: (kwargs, item))
        out.append(lambda x, **kwargs: (x, kwargs, item))
        out.append(lambda x, /: (x, item))
        out.append(lambda x, /, y: (x, y, item))

        def positional_only(a, b=2, /):
            return a, b, item

        def keyword_only(a, *, b):
            return a, b, item

        def everything(a, /, b, *args, c, d=4, **kwargs):
            return a, b, args, c, d, kwargs, item

        out.extend([positional_only, keyword_only, everything])
