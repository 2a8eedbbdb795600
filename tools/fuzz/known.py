"""Generator tags whose calls crash or hang main today (issue 10), each with its symptom.

`--avoid-known` leaves these triggers out, so that a run (the CI slice) checks everything else.
Delete an entry once its fix has landed: the CI slice then covers it too.
"""

KNOWN = {
    # Every failure of issue 10 is fixed; what a run finds next goes here until it is.
}

# Families whose every call can hit a known failure.
KNOWN_FAMILIES = {}
