import threading


def drain(q):
    workers = []
    while (job := q.get()) is not None:
        workers.append(threading.Thread(target=lambda: job.run()))
    return workers


def first_handler(q):
    while True:
        event = q.get()
        handler = lambda: event.handle()
        break
    return handler


def poll(q, out):
    while q:
        event = q.pop()
        out.append(lambda: event)
