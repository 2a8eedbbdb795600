"""`ndarray.flags`: NumPy-style read access by key or attribute."""


class Flags:
    __slots__ = ("_flags",)

    def __init__(self, flags: dict):
        self._flags = flags

    def __getitem__(self, key: str) -> bool:
        aliases = {"C": "C_CONTIGUOUS", "F": "F_CONTIGUOUS", "W": "WRITEABLE", "O": "OWNDATA",
                   "CONTIGUOUS": "C_CONTIGUOUS", "FORTRAN": "F_CONTIGUOUS"}
        return self._flags[aliases.get(key.upper(), key.upper())]

    def __getattr__(self, name: str) -> bool:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def __repr__(self) -> str:
        return "\n".join(f"  {k} : {v}" for k, v in self._flags.items())
