# pitfix-args: --unsafe-fixes
import functools


def wire(app, buttons, routes):
    for button in buttons:
        button.clicked.connect(lambda: app.open(button))
        app.bind("<Button-1>", lambda event: app.open(button, event))
    for path in routes:
        @functools.lru_cache
        def view():
            return path

        app.views.append(view)
