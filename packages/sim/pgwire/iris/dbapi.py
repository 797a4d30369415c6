"""`iris.dbapi`, the DB-API module name of InterSystems' driver (dbapi_connection_pool.py:273)."""

from ._dbapi import Connection, Cursor, connect
from ._errors import (
    DatabaseError,
    DataError,
    Error,
    IntegrityError,
    InterfaceError,
    InternalError,
    NotSupportedError,
    OperationalError,
    ProgrammingError,
    Warning,
)

apilevel = "2.0"
threadsafety = 1
paramstyle = "qmark"
