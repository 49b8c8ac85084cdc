# pitfix-args: --unsafe-fixes
# A parameter added before `**kwargs` on its own line goes above the comment that describes `**kwargs`.
def handlers(names, out):
    for name in names:
        def handle(
            # options for the backend
            **kwargs
        ):
            return name, kwargs

        out.append(handle)
