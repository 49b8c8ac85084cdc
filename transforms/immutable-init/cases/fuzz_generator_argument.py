# Found by fuzzing: `super().__init__(x for x in xs)` passes a generator without parentheses of
# its own, which only a sole argument may do; after `cls, ` it gets them.
class Span(tuple):
    def __init__(self, ticks, *, closed=True):
        super().__init__(
            tick * 2  # doubled
            for tick in ticks
        )
        self.closed = closed
