# pitfix-args: --unsafe-fixes
import functools
import signal


def wire(buttons, app, bus, futures):
    for button in buttons:
        button.clicked.connect(lambda: app.open(button))
        bus.subscribe("saved", lambda event: app.refresh(button, event))
        bus.on("closed", lambda: app.close(button))
        app.register(lambda: button.reset())
        signal.signal(signal.SIGUSR1, lambda signum, frame: button.reset())
        app.later(functools.partial(lambda: button.reset()))
        # `command=` is kept by Tk widgets; other keywords are not enough to tell.
        app.widget(command=lambda: button.press(), on_hover=lambda: button.glow())
    for future in futures:
        future.add_done_callback(lambda f: print(future, f.result()))
