"""DB-API exceptions, named as in the InterSystems driver, and the translation of sim errors.

iris-pgwire puts str(exception) into its ErrorResponse (always SQLSTATE 42000), so the message is
what matters: the sim's IRIS errors read `[SQLCODE: <-n>:<text>]` followed by `[%msg: <...>]`,
the shape IRIS drivers report.
"""

import re

from ._wire import sim_error_fields


__all__ = [
    "Warning",
    "Error",
    "InterfaceError",
    "DatabaseError",
    "DataError",
    "OperationalError",
    "IntegrityError",
    "InternalError",
    "ProgrammingError",
    "NotSupportedError",
]


class Warning(Exception):  # noqa: A001 - DB-API name
    pass


class Error(Exception):
    pass


class InterfaceError(Error):
    pass


class DatabaseError(Error):
    def __init__(self, message, sqlcode=None, sqlstate=None):
        super().__init__(message)
        self.sqlcode = sqlcode
        self.sqlstate = sqlstate


class DataError(DatabaseError):
    pass


class OperationalError(DatabaseError):
    pass


class IntegrityError(DatabaseError):
    pass


class InternalError(DatabaseError):
    pass


class ProgrammingError(DatabaseError):
    pass


class NotSupportedError(DatabaseError):
    pass


_SQLCODE = re.compile(r"\[SQLCODE: <(-?\d+)>")

# SQLCODEs of constraint violations (unique, foreign key, not null).
_INTEGRITY_SQLCODES = {-108, -119, -120, -121, -122, -123, -124}


def sqlcode_of(message):
    match = _SQLCODE.search(message)
    return int(match.group(1)) if match else None


def translate(error):
    """The DB-API exception for an exception pg8000 raised talking to the sim."""
    fields = sim_error_fields(error)
    if fields is None:
        return OperationalError(f"connection to the sim failed: {error}")
    sqlstate, message = fields
    sqlcode = sqlcode_of(message)
    kind = IntegrityError if sqlcode in _INTEGRITY_SQLCODES else ProgrammingError
    if sqlcode is None:
        kind = OperationalError if sqlstate.startswith("08") or sqlstate == "57014" else DatabaseError
    return kind(message, sqlcode=sqlcode, sqlstate=sqlstate)
