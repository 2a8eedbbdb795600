"""The examples in arrpy's docstrings run as doctests (``ap`` is arrpy), and every public function
of the namespaces (arrpy, arrpy.linalg, arrpy.fft, arrpy.random) has one, but for the names in
``NO_EXAMPLE_YET``: that list only shrinks (a new function comes with its example)."""

import doctest
import inspect

import pytest

import arrpy as ap

NAMESPACES = {"ap": ap, "ap.linalg": ap.linalg, "ap.fft": ap.fft, "ap.random": ap.random}


def _public(namespace):
    names = getattr(namespace, "__all__", None) or dir(namespace)
    for name in sorted(set(names)):
        obj = getattr(namespace, name, None)
        if not name.startswith("_") and callable(obj) and not inspect.ismodule(obj):
            yield name, obj


def _documented_objects():
    """(qualified name, object) for every public callable, classes' public methods included."""
    seen = set()
    for prefix, namespace in NAMESPACES.items():
        for name, obj in _public(namespace):
            if id(obj) in seen:
                continue
            seen.add(id(obj))
            yield f"{prefix}.{name}", obj
            if inspect.isclass(obj):
                for member, value in sorted(vars(obj).items()):
                    if not member.startswith("_") and callable(value) and id(value) not in seen:
                        seen.add(id(value))
                        yield f"{prefix}.{name}.{member}", value


def _doctests():
    finder = doctest.DocTestFinder(exclude_empty=True, recurse=False)
    for qualname, obj in _documented_objects():
        for test in finder.find(obj, qualname, module=False, globs={"ap": ap}):
            if test.examples:
                yield test


DOCTESTS = sorted(_doctests(), key=lambda t: t.name)


@pytest.mark.parametrize("test", DOCTESTS, ids=[t.name for t in DOCTESTS])
def test_example_runs(test):
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    lines = []
    runner.run(test, out=lines.append)
    assert runner.failures == 0, "".join(lines)


def test_every_public_function_has_an_example():
    missing = {q for q, obj in _documented_objects() if ">>>" not in (obj.__doc__ or "")}
    assert missing <= NO_EXAMPLE_YET, f"functions without an example: {sorted(missing - NO_EXAMPLE_YET)}"
    stale = NO_EXAMPLE_YET - missing
    assert not stale, f"these have examples now; drop them from NO_EXAMPLE_YET: {sorted(stale)}"


@pytest.mark.parametrize("function, signature", [
    (ap.add, "(x1, x2, /, out=None)"),  # a Python function made from the op table
    (ap.sort, "(a, /, axis=-1, kind=None, order=None, *, stable=None, descending=False)"),
    (ap.zeros, "(shape, dtype=None, *, device=None)"),  # PyO3's __text_signature__
    (ap.ndarray.sort, "(self, /, axis=-1, kind=None, order=None, *, stable=None, descending=False)"),
])
def test_help_shows_the_signature(function, signature):
    assert str(inspect.signature(function)) == signature


NO_EXAMPLE_YET = {
    'ap.TooHardError', 'ap.arange', 'ap.argpartition', 'ap.argsort', 'ap.argwhere', 'ap.array',
    'ap.array_split', 'ap.asarray', 'ap.ascontiguousarray', 'ap.asfortranarray', 'ap.astype',
    'ap.average', 'ap.bincount', 'ap.broadcast_arrays', 'ap.broadcast_shapes',
    'ap.broadcast_to', 'ap.can_cast', 'ap.choose', 'ap.compress', 'ap.concat', 'ap.convolve',
    'ap.copyto', 'ap.corrcoef', 'ap.correlate', 'ap.cov', 'ap.cross', 'ap.diag',
    'ap.diag_indices', 'ap.diagflat', 'ap.diagonal', 'ap.diff', 'ap.digitize', 'ap.dot',
    'ap.dtype', 'ap.ediff1d', 'ap.empty', 'ap.empty_like', 'ap.expand_dims', 'ap.extract',
    'ap.eye', 'ap.flatnonzero', 'ap.flip', 'ap.from_dlpack', 'ap.frombuffer', 'ap.full',
    'ap.full_like', 'ap.get_backend', 'ap.get_num_threads', 'ap.gradient', 'ap.histogram',
    'ap.histogram2d', 'ap.histogram_bin_edges', 'ap.histogramdd', 'ap.inner', 'ap.insert',
    'ap.interp', 'ap.intersect1d', 'ap.isin', 'ap.ix_', 'ap.kron', 'ap.lexsort', 'ap.linspace',
    'ap.matmul', 'ap.may_share_memory', 'ap.median', 'ap.moveaxis', 'ap.nanmedian',
    'ap.nanpercentile', 'ap.nanquantile', 'ap.ndarray', 'ap.ndarray.all', 'ap.ndarray.any',
    'ap.ndarray.argmax', 'ap.ndarray.argmin', 'ap.ndarray.argpartition', 'ap.ndarray.argsort',
    'ap.ndarray.astype', 'ap.ndarray.clip', 'ap.ndarray.compress', 'ap.ndarray.conj',
    'ap.ndarray.conjugate', 'ap.ndarray.copy', 'ap.ndarray.cumprod', 'ap.ndarray.cumsum',
    'ap.ndarray.diagonal', 'ap.ndarray.fill', 'ap.ndarray.flatten',
    'ap.ndarray.get_buffer_info', 'ap.ndarray.item', 'ap.ndarray.max', 'ap.ndarray.mean',
    'ap.ndarray.min', 'ap.ndarray.nonzero', 'ap.ndarray.partition', 'ap.ndarray.prod',
    'ap.ndarray.put', 'ap.ndarray.ravel', 'ap.ndarray.reshape', 'ap.ndarray.round',
    'ap.ndarray.searchsorted', 'ap.ndarray.setflags', 'ap.ndarray.sort', 'ap.ndarray.squeeze',
    'ap.ndarray.std', 'ap.ndarray.sum', 'ap.ndarray.swapaxes', 'ap.ndarray.take',
    'ap.ndarray.to_device', 'ap.ndarray.to_memoryview', 'ap.ndarray.tolist',
    'ap.ndarray.transpose', 'ap.ndarray.var', 'ap.ndarray.view', 'ap.nonzero', 'ap.ones',
    'ap.ones_like', 'ap.outer', 'ap.partition', 'ap.percentile', 'ap.place',
    'ap.promote_types', 'ap.put', 'ap.put_along_axis', 'ap.quantile', 'ap.ravel',
    'ap.ravel_multi_index', 'ap.repeat', 'ap.reshape', 'ap.resize', 'ap.result_type',
    'ap.roll', 'ap.rollaxis', 'ap.rot90', 'ap.searchsorted', 'ap.select', 'ap.set_backend',
    'ap.set_num_threads', 'ap.setdiff1d', 'ap.setxor1d', 'ap.shares_memory', 'ap.sort',
    'ap.split', 'ap.stack', 'ap.swapaxes', 'ap.take', 'ap.take_along_axis', 'ap.tensordot',
    'ap.tile', 'ap.tril', 'ap.tril_indices', 'ap.trim_zeros', 'ap.triu', 'ap.triu_indices',
    'ap.union1d', 'ap.unravel_index', 'ap.unstack', 'ap.vdot', 'ap.vecdot', 'ap.zeros',
    'ap.zeros_like',
}
