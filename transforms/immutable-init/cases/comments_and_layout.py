class Port(int):

    # Build from text or a number.
    def __init__(
        self,  # the port
        value: "int | str",
        *,
        name: str = "port",  # shown in logs
    ) -> (
        None
    ):
        """Docstring."""

        # Parse first.
        value = int(value)  # may raise

        # Then check.
        if not 1 <= value <= 65535:
            raise ValueError(value)

        # The name is kept.
        # It may be empty.
        self.name = name  # keep

        # trailing comment


class Code(str):
    def __init__(self, value, *, lang="en"):
        self.lang = lang  # first use
