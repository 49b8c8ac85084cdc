import atexit
import signal
from queue import Queue

_callbacks = []
_pending = Queue()


class Resource:
    def close(self):
        pass

    def flush(self):
        pass

    def __del__(self):
        # Bound methods and closures hold `self` too.
        atexit.register(self.close)
        _callbacks.append(self.flush)
        _callbacks.append(lambda: self.close())
        signal.signal(signal.SIGTERM, self.close)
        _pending.put(self)
