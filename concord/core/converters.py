"""URL converters. Ids are bounded so an absurd number is a 404, not a database overflow."""


class IdConverter:
    regex = "[1-9][0-9]{0,17}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)
