class CardNumber(str):
    def __init__(self, card_number: str):
        self.validate_digits(card_number)
        card_number = self.validate_luhn(card_number)
        self.bin = card_number[:6]
        self.last4 = card_number[-4:]

    @staticmethod
    def validate_digits(card_number: str) -> None:
        if not card_number.isdigit():
            raise ValueError("digits only")

    @classmethod
    def validate_luhn(cls, card_number: str) -> str:
        return card_number


class Normalized(str):
    def __init__(self, value, *, form="NFC"):
        value = self.normalize(value, form)
        self.form = form

    def normalize(self, value, form):
        return value.strip()


class Checked(str):
    def __init__(self, value, *, strict=False):
        self.check(value)
        value = value.strip()
        super().__init__()
        self.strict = strict

    @classmethod
    def check(cls, value):
        if not value:
            raise ValueError("empty")
