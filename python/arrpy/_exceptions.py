"""Exception classes of arrpy."""


class AxisError(ValueError, IndexError):
    """An axis argument out of range (a ValueError and an IndexError, as NumPy's AxisError).

    >>> ap.sum(ap.asarray([1, 2]), axis=1)
    Traceback (most recent call last):
        ...
    arrpy._exceptions.AxisError: axis 1 is out of bounds for array of dimension 1
    """


class LinAlgError(ValueError):
    """A linear algebra operation failed on its input: a singular or non-positive-definite
    matrix (a ValueError, as ``numpy.linalg.LinAlgError``).

    >>> ap.linalg.inv(ap.asarray([[1.0, 2.0], [2.0, 4.0]]))
    Traceback (most recent call last):
        ...
    arrpy._exceptions.LinAlgError: Singular matrix
    """
