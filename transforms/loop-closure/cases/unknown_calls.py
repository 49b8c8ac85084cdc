import collections


def build(names, app):
    widgets = []
    for name in names:
        # The result of an unknown call is kept: the lambda may be in it.
        widgets.append(make_widget(lambda: name))
        app.current = wrap(lambda: name)
        counters = collections.defaultdict(lambda: name)
        widgets.append(counters)
        # The result is dropped: the call is taken to use the lambda at once.
        retry(lambda: fetch(name))
        value = compute(lambda: name)
        print(value)
    return widgets
