# Closures handed to unknown code but used up within their iteration (a decorated def called at once, a route registered under the same key every time, a function argument of a computation) are left alone; the kept ones are still reported.
from unittest.mock import patch

import graphs


def decorated_then_called(things, get_proxy):
    for thing in things:
        proxy = get_proxy(thing)

        @patch.object(proxy, "foo", "bar")
        def test():
            return proxy.foo

        test()


def same_route_every_time(app, cases, check):
    for body in cases:
        @app.route("/")
        def index():
            return body

        check("/")


def route_per_item(app, items):
    for item in items:
        @app.route("/" + item)
        def view():
            return item


def weight_function(G, pairs):
    for u, v in pairs:
        ends = {u, v}

        def hide(n, nbr, d):
            return None if n in ends and nbr in ends else 1

        span = graphs.shortest_path_length(G, u, v, weight=hide)
        yield u, v, span


def mapping_function(R, n):
    for _ in range(n):
        RR = graphs.relabel_nodes(R, lambda x: x + len(R))
        R = graphs.join(R, RR)
    return R


def kept_by_class(ui, names, buttons):
    for name in names:
        buttons.append(ui.Button(on_click=lambda: name))


def kept_by_wrapper(names, handlers, wrap):
    for name in names:
        handlers.append(wrap(lambda: name))
