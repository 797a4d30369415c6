"""What the real InterSystems drivers report for a column, given the sim's PostgreSQL type OID.

The sim's `iris` profile describes each column with the PostgreSQL type of its declared IRIS type
(INTEGER int4, DOUBLE float8, BIT bool with values 1/0, VARCHAR varchar, ...). The DB-API driver
describes columns with ODBC type codes (its SQLType enum), and returns Python values. Every choice
here that no source confirms is listed as [unverified] in the front-end notes.
"""

from decimal import Decimal

# ODBC type codes, as in the InterSystems DB-API driver's SQLType enum.
BIGINT = -5
BIT = -7
DATE = 9
DECIMAL = 3
DOUBLE = 8
INTEGER = 4
LONGVARCHAR = -1
NUMERIC = 2
REAL = 7
SMALLINT = 5
TIME = 10
TIMESTAMP = 11
TINYINT = -6
VARBINARY = -3
VARCHAR = 12

_ODBC_TYPE_BY_OID = {
    16: BIT,
    17: VARBINARY,
    20: BIGINT,
    21: SMALLINT,
    23: INTEGER,
    # text: the sim's LONGVARCHAR, but also every string expression; IRIS types those VARCHAR.
    25: VARCHAR,
    700: REAL,
    701: DOUBLE,
    1042: VARCHAR,
    1043: VARCHAR,
    1082: DATE,
    1083: TIME,
    1114: TIMESTAMP,
    1700: NUMERIC,
}


def odbc_type(oid):
    return _ODBC_TYPE_BY_OID.get(oid, VARCHAR)


def _bit(text):
    # The sim sends BIT as 1/0; a PostgreSQL boolean expression would come as t/f.
    return 1 if text in ("1", "t", "true") else 0


_INTEGER_TYPES = (BIGINT, INTEGER, SMALLINT, TINYINT)


def dbapi_value(text, oid):
    """The Python value the DB-API driver returns for one text field (None for NULL)."""
    if text is None:
        return None
    code = odbc_type(oid)
    if code in _INTEGER_TYPES:
        return int(text)
    if code == BIT:
        return _bit(text)
    if code in (NUMERIC, DECIMAL):
        return Decimal(text)
    if code in (DOUBLE, REAL):
        return float(text)
    # DATE / TIME / TIMESTAMP stay ISO strings: iris-pgwire parses DATE values as strings.
    return text


def embedded_value(text, oid):
    """The Python value one row of iris.sql.exec() yields for one text field.

    It differs from the DB-API driver's value twice: NULL comes back as '' (iris-pgwire maps ''
    to NULL itself for that reason), and numbers stay canonical, as ObjectScript keeps them
    (3.00 is the integer 3; 2.50 is 2.5).
    """
    if text is None:
        return ""
    if odbc_type(oid) in (NUMERIC, DECIMAL):
        number = Decimal(text)
        return int(number) if number == number.to_integral_value() else float(number)
    return dbapi_value(text, oid)
