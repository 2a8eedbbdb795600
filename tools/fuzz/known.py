"""Generator tags whose calls crash or hang main today (issue 10), each with its symptom.

`--avoid-known` leaves these triggers out, so that a run (the CI slice) checks everything else.
Delete an entry once its fix has landed: the CI slice then covers it too.
"""

KNOWN = {
    "longdouble": "np.longdouble / np.clongdouble scalars: scalar conversion recurses until a segfault",
    "deep_nesting": "nested lists 5,000-100,000 deep: recursion in conversion segfaults",
    "huge_materialize": "repr/str/tolist/item of a 2**40-element broadcast view copies every element: abort",
    "huge_bool_import": "importing a 2**40-element stride-0 bool view validates every element: hang",
    "bogus_pointer_bool": "a bogus __array_interface__ pointer with typestr |b1 is read at import: segfault",
    "round_huge_decimals": "round with decimals -2**63 - 1 computes 10**(2**63): hang",
    "num_threads_huge": "set_num_threads(10**6) is not capped: the next operation runs for minutes",
    "eye_huge": "eye(2**40, 0) (an empty result) runs for minutes",
    "numpy_scalar_promotion": "NumPy scalars promote as weak Python scalars, not by their dtype (NEP 50)",
}

# Families whose every call can hit a known failure.
KNOWN_FAMILIES = {
    "threads": "one thread's a.shape = ... or a.fill() during another's a.sum(): RuntimeError: Already borrowed",
}
