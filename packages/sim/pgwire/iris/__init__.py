"""A stand-in for InterSystems' Python `iris` module that runs SQL on the kysely-iris sim.

iris-pgwire imports `iris` and uses one of two backends (iris_pgwire/iris_executor.py:77-95):

- external, through the DB-API driver: `iris.connect(hostname=, port=, namespace=, username=,
  password=)`, each connection its own IRIS session;
- embedded, as Python inside IRIS: `iris.sql.exec(sql, *params)`, all of it one IRIS process.

It picks embedded when `iris.sql.exec` exists, so this module offers exactly one of the two,
chosen by the environment variable IRIS_SIM_BACKEND (`dbapi`, the default, or `embedded`).
Connection settings are iris-pgwire's own: IRIS_HOST, IRIS_PORT, IRIS_NAMESPACE, IRIS_USERNAME,
IRIS_PASSWORD (iris_pgwire/server.py), which for the embedded backend name the sim session that
stands for the IRIS process. See docs/iris-sql.md#iris-pgwire-backends.
"""

import os as _os

from ._errors import *  # noqa: F403 - the PEP 249 exception classes, named in _errors.__all__

BACKEND = _os.environ.get("IRIS_SIM_BACKEND", "dbapi")

if BACKEND == "embedded":
    from . import _sql as sql
elif BACKEND == "dbapi":
    from ._dbapi import Connection as IRISConnection
    from ._dbapi import connect
else:
    raise ImportError(f"IRIS_SIM_BACKEND must be 'dbapi' or 'embedded', not {BACKEND!r}")

apilevel = "2.0"
threadsafety = 1
paramstyle = "qmark"
