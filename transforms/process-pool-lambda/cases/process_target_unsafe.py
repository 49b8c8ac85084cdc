# pitfix-args: --unsafe-fixes
import multiprocessing
import functools


def serve(port):
    print("serving", port)


def start_workers(ports):
    for port in ports:
        multiprocessing.Process(target=lambda: serve(port)).start()
