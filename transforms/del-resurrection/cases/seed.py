import gc

_resurrection_bin = []


class LeakyNode:
    def __init__(self, data):
        self.data = data
        self.ref = None

    def __del__(self):
        _resurrection_bin.append(self)  # re-attaches self to live list


a = LeakyNode("node_a")
b = LeakyNode("node_b")
a.ref = b
b.ref = a
del a, b
gc.collect()
print(len(_resurrection_bin))  # 2
print(gc.garbage)  # [] — GC reports clean
