"""Türkiye-Russia relations as structured, citation-verified tables.

>>> import turkey_russia_data as trd
>>> trd.tables()[:2]
('events', 'trade_flows')
>>> df = trd.load("energy_shares")
>>> fork = trd.open("path/to/fork")  # doctest: +SKIP
>>> fork.load("events")  # doctest: +SKIP

``trd.open(path)`` opens any copy of the package (a fork, an edited clone) as a
``DataPackage`` with the same API; the module-level functions read the installed one.

Importing the package is cheap: pandas is imported on the first ``load()``, and
frictionless and pydantic are never imported by the loader.
The Pydantic models (``trd.Event``, ``trd.models``...), the validator, the exports
(``trd.export``) and the plots (``trd.plot``) are loaded on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__
from .schema import UnknownTableError

if TYPE_CHECKING:
    from . import plot
    from .citation import cite
    from .exports import ExportResult, export
    from .loader import DataPackage, citations_for, data_version, load, load_all, open, package, records, tables
    from .models import (
        Actor,
        ArmsDeal,
        Citation,
        EnergyShare,
        Event,
        EventActor,
        MemberStatePosition,
        Source,
        TradeFlow,
    )
    from .validation import Conflict, Report, conflicts, validate
    from .versioning import Diff, diff

__all__ = [
    "Actor",
    "ArmsDeal",
    "Citation",
    "Conflict",
    "DataPackage",
    "Diff",
    "EnergyShare",
    "Event",
    "EventActor",
    "ExportResult",
    "MemberStatePosition",
    "Report",
    "Source",
    "TradeFlow",
    "UnknownTableError",
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
