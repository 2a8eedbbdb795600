"""Exception classes of arrpy."""


class AxisError(ValueError, IndexError):
    """An axis argument out of range (a ValueError and an IndexError, as NumPy's AxisError)."""
