"""Reports, as one JSON line on stdout, what running iris-pgwire on the sim needs from Python.

Run by packages/sim/src/front-end/pgwire-environment.ts, once with the interpreter's own path
(to see which dependencies it already has) and once with the full PYTHONPATH (to check that
iris-pgwire really imports).
"""

import importlib
import json
import sys


def check(module, attribute=None):
    try:
        loaded = importlib.import_module(module)
        if attribute is not None:
            target = loaded
            for part in attribute.split("."):
                target = getattr(target, part)
        return {"ok": True, "file": getattr(loaded, "__file__", None)}
    except Exception as error:  # noqa: BLE001 - every failure is a reason to report
        return {"ok": False, "error": f"{type(error).__name__}: {error}"}


report = {
    "python": list(sys.version_info[:3]),
    "modules": {
        "sqlparse": check("sqlparse"),
        "structlog": check("structlog"),
        "six": check("six"),
        # iris/_wire.py relies on pg8000 1.10's connection internals (Debian's python3-pg8000).
        "pg8000": check("pg8000.core", "Connection._row_cache_size_bin"),
    },
}
if "--server" in sys.argv:
    report["modules"]["iris_pgwire.server"] = check("iris_pgwire.server")
print(json.dumps(report))
