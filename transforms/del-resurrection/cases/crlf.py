_bin = []


class Windows:
    def __del__(self):
        _bin.append(
            self,  # kept
        )
