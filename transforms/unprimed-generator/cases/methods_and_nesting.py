class Pipeline:
    def stage(self):
        while True:
            item = yield
            print("stage", item)

    @classmethod
    def make(cls):
        while True:
            item = yield
            print("make", item)

    def run(self, items):
        st = self.stage()
        for item in items:
            st.send(item)

    @classmethod
    def run_all(cls, items):
        m = cls.make()
        m.send(items)


def outer():
    def inner_gen():
        while True:
            x = yield
            print(x)

    class Local:
        def go(self):
            g = inner_gen()
            g.send(1)

    g = inner_gen()
    g.send(2)
    return Local
