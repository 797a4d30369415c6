"""One PostgreSQL-wire session on the sim, through pg8000 (Debian's python3-pg8000, 1.10).

pg8000 1.10 asks for binary results for most types and sends most parameters in binary; the sim
speaks text only (it refuses binary result formats with 0A000). So every result column is read as
text and every parameter is sent as text with type "unknown" (705), which lets the sim type it the
way IRIS types a host variable. Turning values into Python objects is left to the caller, which
knows what the real InterSystems driver returns (see _types.py).
"""

from collections import defaultdict
from decimal import Decimal
import datetime

import pg8000
import pg8000.core as _core

# The sim's SQL uses `?` host variables, as IRIS does; pg8000 rewrites them to `$n` itself,
# skipping string literals and quoted identifiers. paramstyle is module-global in pg8000 1.10.
pg8000.paramstyle = "qmark"

# Execute with no row limit. With a limit, the sim's `iris` profile suspends the portal after
# that many rows and pg8000 1.10 refuses to go on in autocommit mode; the real drivers fetch
# everything, as far as iris-pgwire can tell (it calls fetchall()).
_core.Connection._row_cache_size_bin = _core.i_pack(0)

_UNKNOWN_OID = 705


def _text_param(value):
    if isinstance(value, bool):
        # IRIS has no boolean type: BIT columns hold 1 and 0.
        return b"1" if value else b"0"
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ").encode("utf8")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat().encode("utf8")
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    return str(value).encode("utf8")


_TEXT_PARAM_TYPES = (
    int,
    float,
    bool,
    str,
    Decimal,
    bytes,
    bytearray,
    datetime.date,
    datetime.datetime,
    datetime.time,
)


def open_session(host, port, database, user, password):
    """A pg8000 connection in autocommit mode that exchanges text only."""
    connection = pg8000.connect(
        user=user, password=password, host=host, port=int(port), database=database
    )
    text_recv = connection.pg_types[25][1]
    connection.pg_types = defaultdict(lambda: (_core.FC_TEXT, text_recv))
    for python_type in _TEXT_PARAM_TYPES:
        connection.py_types[python_type] = (_UNKNOWN_OID, _core.FC_TEXT, _text_param)
    # Each statement commits on its own unless the SQL itself starts a transaction, as IRIS
    # does outside START TRANSACTION; pg8000 would otherwise send BEGIN before the first one.
    connection.autocommit = True
    return connection


def column_label(raw_name):
    return raw_name.decode("utf8") if isinstance(raw_name, bytes) else str(raw_name)


def sim_error_fields(error):
    """(sqlstate, message) of a pg8000 error raised by the server, else None.

    pg8000 1.10 puts the ErrorResponse fields in args: severity, severity, code, message, ...
    """
    args = getattr(error, "args", ())
    if isinstance(error, pg8000.ProgrammingError) and len(args) >= 4:
        return str(args[2]), str(args[3])
    return None
