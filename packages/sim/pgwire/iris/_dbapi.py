"""The external (DB-API) backend: `iris.connect(...)`, one sim session per connection.

Each IRIS connection is its own IRIS session, with its own transaction and LAST_IDENTITY(); so
each `connect()` opens its own session on the sim. Statements commit on their own (autocommit)
unless the SQL starts a transaction: iris-pgwire never calls commit() or rollback().
"""

import threading

from . import _errors
from ._types import dbapi_value, odbc_type
from ._wire import column_label, open_session


class Cursor:
    arraysize = 1

    def __init__(self, connection):
        self.connection = connection
        self.description = None
        self.rowcount = -1
        self.lastrowid = None
        self._rows = []
        self._closed = False

    def execute(self, operation, params=None):
        self._check_open()
        raw = self.connection._raw_cursor()
        try:
            with self.connection._lock:
                raw.execute(operation, tuple(params) if params else None)
                fields = raw.description or []
                text_rows = raw.fetchall() if fields else ()
                affected = raw.rowcount
        except Exception as error:
            self.description = None
            self._rows = []
            self.rowcount = -1
            raise _errors.translate(error) from error
        oids = [field[1] for field in fields]
        self.description = (
            [(column_label(f[0]), odbc_type(f[1]), None, None, None, None, True) for f in fields]
            or None
        )
        self._rows = [
            tuple(dbapi_value(value, oid) for value, oid in zip(row, oids)) for row in text_rows
        ]
        self.rowcount = len(self._rows) if fields else affected
        return self

    def executemany(self, operation, seq_of_params):
        total = 0
        for params in seq_of_params:
            self.execute(operation, params)
            total += max(self.rowcount, 0)
        self.rowcount = total
        return self

    def fetchone(self):
        self._check_open()
        return self._rows.pop(0) if self._rows else None

    def fetchmany(self, size=None):
        count = self.arraysize if size is None else size
        taken, self._rows = self._rows[:count], self._rows[count:]
        return taken

    def fetchall(self):
        self._check_open()
        taken, self._rows = self._rows, []
        return taken

    def __iter__(self):
        return iter(self.fetchone, None)

    def close(self):
        self._closed = True
        self._rows = []

    def setinputsizes(self, sizes):
        pass

    def setoutputsize(self, size, column=None):
        pass

    def _check_open(self):
        if self._closed:
            raise _errors.InterfaceError("cursor is closed")


class Connection:
    def __init__(self, hostname, port, namespace, username, password):
        try:
            self._session = open_session(hostname, port, namespace, username, password)
        except Exception as error:
            raise _errors.OperationalError(
                f"cannot connect to {hostname}:{port}/{namespace}: {error}"
            ) from error
        self._lock = threading.Lock()
        self._closed = False

    def cursor(self):
        self._check_open()
        return Cursor(self)

    def commit(self):
        self._run("COMMIT")

    def rollback(self):
        self._run("ROLLBACK")

    def close(self):
        if self._closed:
            return
        self._closed = True
        try:
            self._session.close()
        except Exception:
            pass

    def _raw_cursor(self):
        self._check_open()
        return self._session.cursor()

    def _run(self, sql):
        self.cursor().execute(sql)

    def _check_open(self):
        if self._closed:
            raise _errors.InterfaceError("connection is closed")


def connect(hostname="localhost", port=1972, namespace="USER", username="", password="", **_):
    """Opens an IRIS connection (keyword names as iris-pgwire passes them)."""
    return Connection(hostname, port, namespace, username, password)
