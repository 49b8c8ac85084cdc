import struct


def send_all(sock, data):
    view = memoryview(data)
    sent = 0
    while sent < len(view):
        sent += sock.send(view[sent:])


def unpack(data):
    view = memoryview(data)
    (length,) = struct.unpack(">I", view[:4])
    return length


def copied(data):
    view = memoryview(data)
    return bytes(view[:4]), view[4:8].tobytes()


def whole(data):
    return memoryview(data)[:]


def write_into(buffer, payload):
    view = memoryview(buffer)
    view[2:4] = payload


def used_locally(data):
    view = memoryview(data)
    head = view[:4]
    return head == b"\x00\x00\x00\x00"


def not_a_view(data):
    return data[:4]


def extended(out, data):
    out.extend(memoryview(data)[:4])


def view_itself_kept(self, data):
    view = memoryview(data)
    self.view = view
    return view[:4]


def shadowed_memoryview(data, memoryview=bytes):
    return memoryview(data)[:4]


class Constants:
    # A view of a literal: the constant lives as long as the code anyway.
    MAGIC = memoryview(b"\x89PNG\r\n\x1a\n")[:4]


def copy_into(target, source):
    # Slice assignment copies into the buffer (found in CPython's test_buffer).
    mt = memoryview(target)
    ms = memoryview(source)
    mt[4:8] = ms[0:4]


class Pool:
    def create_memoryview(self):
        # A function that hands out views on purpose (found in multiprocessing.heap).
        return memoryview(self.arena)[self.start:self.stop]

    def get_buffer(self, size):
        # A view to write into: a copy would silently drop what the caller writes.
        return memoryview(self.data)[self.used:self.used + size]


# A small buffer made for the view: holding it is the point (found in CPython's test_getargs).
NONCONTIG = memoryview(bytearray(b"noncontig"))[::-2]
