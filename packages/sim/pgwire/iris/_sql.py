"""`iris.sql`: the embedded SQL API, bound as `iris.sql` only when the embedded backend is chosen.

iris-pgwire picks its backend by looking for `iris.sql.exec` (iris_executor.py:84), so the DB-API
backend must not have it.
"""

from ._embedded import SQLError, SQLResultSet, prepare
from ._embedded import exec_ as _exec

# IRIS names it `exec`, which shadows the builtin inside this module only.
exec = _exec  # noqa: A001

__all__ = ["SQLError", "SQLResultSet", "exec", "prepare"]
