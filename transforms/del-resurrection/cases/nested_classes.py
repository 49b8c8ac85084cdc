_bin = []


class Outer:
    class Inner:
        def __del__(self):
            def helper():
                return 1

            _bin.append(self)

    def method(self):
        class Local:
            def __del__(inner):
                _bin.append(inner)
                _bin.append(self)  # the method's `self`, not the finalized object

        return Local
