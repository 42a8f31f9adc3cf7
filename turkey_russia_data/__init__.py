"""Türkiye-Russia relations as structured, citation-verified tables.

>>> import turkey_russia_data as trd
>>> trd.tables()[:2]
('events', 'trade_flows')
>>> df = trd.load("energy_shares")
>>> fork = trd.open("path/to/fork")  # doctest: +SKIP
>>> fork.load("events")  # doctest: +SKIP

``trd.open(path)`` opens any copy of the package (a fork, an edited clone) as a
``DataPackage`` with the same API; the module-level functions read the installed one.

The API:

- ``tables()``: the table names; ``load(name)``: one table as a pandas DataFrame;
  ``load_all()``: every table; ``records(name)``: validated Pydantic models;
  ``citations_for(table, row_id)``: the evidence for one fact row;
  ``package()``: the Data Package descriptor; ``data_version()``.
- ``open(path)`` -> ``DataPackage``: a fork or edited copy, with all of the above as methods.
- ``validate(path=None, sources=None)`` -> ``Report``; ``conflicts()`` -> ``Conflict`` list.
- ``diff(old, new=None)`` -> ``Diff``: rows added, removed and changed between versions.
- ``export(out, format=None)`` -> ``ExportResult``: SQLite, DuckDB, Parquet, Excel, JSON,
  a stand-alone bundle, web annotations, the evidence explorer site.
- ``cite(source_id=None, style="apa")``: how to cite the dataset or a source.
- ``plot``: ``plot.timeline()``, ``plot.energy()``, ``plot.trade()`` (extra ``plot``).
- The row models ``Event``, ``TradeFlow``, ``EnergyShare``, ``ArmsDeal``,
  ``MemberStatePosition``, ``Source``, ``Actor``, ``EventActor``, ``Citation``; and
  ``UnknownTableError`` (a ``KeyError``) for a table name the package does not have.

Importing the package is cheap: pandas is imported on the first ``load()``, and
frictionless and pydantic are never imported by the loader.
The Pydantic models, the validator, the exports and the plots are loaded on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__
from .schema import UnknownTableError as UnknownTableError  # re-exported; see __all__

if TYPE_CHECKING:
    from . import plot
    from .citation import cite
    from .exports import ExportResult, export
    from .loader import DataPackage, citations_for, data_version, load, load_all, open, package, records, tables
    from .models import Actor as Actor
    from .models import ArmsDeal as ArmsDeal
    from .models import Citation as Citation
    from .models import EnergyShare as EnergyShare
    from .models import Event as Event
    from .models import EventActor as EventActor
    from .models import MemberStatePosition as MemberStatePosition
    from .models import Source as Source
    from .models import TradeFlow as TradeFlow
    from .validation import Conflict, Report, conflicts, validate
    from .versioning import Diff, diff

# What help(trd) documents and "from turkey_russia_data import *" gives: the functions
# and the small result types. The row models and the exception are left to dir() and the
# docstring above: pydoc would print hundreds of lines of their inherited methods.
__all__ = [
    "Conflict",
    "DataPackage",
    "Diff",
    "ExportResult",
    "Report",
    "__version__",
    "citations_for",
    "cite",
    "conflicts",
    "data_version",
    "diff",
    "export",
    "load",
    "load_all",
    "open",
    "package",
    "plot",
    "records",
    "tables",
    "validate",
]

_MODEL_NAMES = {
    "Actor",
    "ArmsDeal",
    "Citation",
    "EnergyShare",
    "Event",
    "EventActor",
    "MemberStatePosition",
    "Source",
    "TradeFlow",
    "MODELS",
}


def __dir__() -> list[str]:
    # The lazily loaded names too, so that tab completion and dir() offer the whole API.
    return sorted({*globals(), *__all__, *_MODEL_NAMES, *_LOADER_NAMES, "UnknownTableError"})


_LOADER_NAMES = {
    "DataPackage",
    "citations_for",
    "data_version",
    "load",
    "load_all",
    "open",
    "package",
    "records",
    "tables",
}


def __getattr__(name: str) -> Any:
    # Lazy: the loader brings pandas, which the command-line validator does not need;
    # pydantic stays off the import path of analysts who only call load().
    if name in _LOADER_NAMES:
        from . import loader

        return getattr(loader, name)
    if name in _MODEL_NAMES:
        from . import models

        return getattr(models, name)
    if name in ("validate", "Report", "conflicts", "Conflict"):
        from . import validation

        return getattr(validation, name)
    if name in ("diff", "Diff"):
        from . import versioning

        return getattr(versioning, name)
    if name in ("export", "ExportResult"):
        from . import exports

        return getattr(exports, name)
    if name == "plot":
        # import_module, not "from . import plot", which would come back here to look
        # for the attribute. The module imports matplotlib only when a plot is drawn.
        import importlib

        return importlib.import_module(f"{__name__}.plot")
    if name == "cite":
        from .citation import cite

        return cite
    raise AttributeError(f"module 'turkey_russia_data' has no attribute {name!r}")
