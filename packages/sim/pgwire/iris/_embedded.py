"""The embedded backend: `iris.sql.exec(sql, *params)`, as seen by Python running inside IRIS.

Inside IRIS, iris-pgwire is one IRIS process: every pg client it serves runs its SQL through the
same process, so they share one transaction context and one LAST_IDENTITY()
(docs/iris-sql.md#iris-pgwire-backends). That is modelled by ONE sim session for the whole Python
process. iris-pgwire calls iris.sql.exec from a thread pool, so calls are serialised by a lock:
one statement at a time, as one IRIS process runs them.
"""

import os
import threading

from ._errors import sqlcode_of
from ._types import embedded_value
from ._wire import open_session, sim_error_fields


class SQLError(Exception):
    """A failed statement; `sqlcode` is IRIS's SQLCODE (iris-pgwire reads e.sqlcode)."""

    def __init__(self, message, sqlcode=None):
        super().__init__(message)
        self.sqlcode = sqlcode
        self.message = message


class SQLResultSet:
    """What iris.sql.exec returns: an iterator of rows, each a list of values.

    Like IRIS's %SYS.Python.SQLResultSet it offers iteration (and dataframe()), but no column
    metadata: no description, no _meta. Statements without a result set iterate as empty.
    """

    def __init__(self, rows):
        self._rows = iter(rows)

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._rows)

    def dataframe(self):
        raise NotImplementedError("dataframe() needs pandas, which this stand-in does not use")


class _SharedSession:
    """The process's one session on the sim, opened on first use."""

    def __init__(self):
        self._lock = threading.Lock()
        self._session = None

    def run(self, sql, params):
        with self._lock:
            if self._session is None:
                self._session = open_session(
                    os.environ.get("IRIS_HOST", "localhost"),
                    os.environ.get("IRIS_PORT", "1972"),
                    os.environ.get("IRIS_NAMESPACE", "USER"),
                    os.environ.get("IRIS_USERNAME", "_SYSTEM"),
                    os.environ.get("IRIS_PASSWORD", "SYS"),
                )
            cursor = self._session.cursor()
            try:
                cursor.execute(sql, tuple(params) if params else None)
                fields = cursor.description or []
                return fields, (cursor.fetchall() if fields else ())
            except Exception as error:
                fields = sim_error_fields(error)
                if fields is None:
                    # The socket is gone; IRIS's own process never loses its database, so the
                    # next statement gets a fresh session.
                    self._session = None
                    raise SQLError(f"[SQLCODE: <-400>:<Fatal error occurred>] {error}", -400)
                message = fields[1]
                raise SQLError(message, sqlcode_of(message)) from None


_shared = _SharedSession()


class _Statement:
    def __init__(self, sql):
        self._sql = sql

    def execute(self, *params):
        return exec_(self._sql, *params)


def exec_(sql, *params):
    fields, text_rows = _shared.run(sql, params)
    oids = [field[1] for field in fields]
    rows = [[embedded_value(value, oid) for value, oid in zip(row, oids)] for row in text_rows]
    return SQLResultSet(rows)


def prepare(sql):
    return _Statement(sql)
