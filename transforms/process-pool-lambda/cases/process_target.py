from multiprocessing import Process
import multiprocessing


def serve(port):
    print("serving", port)


def start_server():
    # Reads only module-level names and builtins: moves as it is, safe.
    worker = Process(target=lambda: serve(8080), daemon=True)
    worker.start()
    return worker


def start_workers(ports):
    # Reads `port`: bound with functools.partial, which reads it now rather than when the child
    # starts; with the `fork` start method the lambda works today, so this fix is unsafe.
    for port in ports:
        multiprocessing.Process(target=lambda: serve(port)).start()
