"""`iris.dbapi`, the DB-API module name of InterSystems' driver (dbapi_connection_pool.py:273)."""

from ._dbapi import Connection, Cursor, connect
from ._errors import *  # noqa: F403 - the PEP 249 exception classes, named in _errors.__all__

apilevel = "2.0"
threadsafety = 1
paramstyle = "qmark"
