"""Exception classes of arrpy."""


class AxisError(ValueError, IndexError):
    """An axis argument out of range (a ValueError and an IndexError, as NumPy's AxisError)."""


class LinAlgError(ValueError):
    """A linear algebra operation failed on its input: a singular or non-positive-definite
    matrix (a ValueError, as ``numpy.linalg.LinAlgError``)."""
