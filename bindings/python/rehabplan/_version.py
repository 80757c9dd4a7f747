"""The version of the Python binding (kept equal to the C library's project version)."""

__version__ = "1.7.0"

#: The C library ABI (its SONAME major, ``librehabplan.so.1``) these bindings are written for.
ABI_VERSION = 1

#: The oldest library version these bindings load. Functions added later (``since`` in
#: ``_FUNCTIONS``) are bound lazily: with an older 1.x library, calling one raises
#: :class:`rehabplan.LibraryError` naming the function and the version it needs.
MIN_LIBRARY_VERSION = "1.0.0"
