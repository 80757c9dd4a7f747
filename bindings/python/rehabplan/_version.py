"""The version of the Python binding (kept equal to the C library's project version)."""

__version__ = "1.3.0"

#: The C library ABI (its SONAME major, ``librehabplan.so.1``) these bindings are written for.
ABI_VERSION = 1

#: The oldest library version that has every function of ``_FUNCTIONS``.
MIN_LIBRARY_VERSION = "1.3.0"  # rehabplan_batch_line, rehabplan_batch
