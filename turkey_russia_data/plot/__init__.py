"""Figures of the shipped data: an event timeline, Russia's energy shares, bilateral trade.

matplotlib is an optional dependency: it is imported when a function is called, never
when this package is imported. Figures are built with ``matplotlib.figure.Figure``
directly, so no GUI backend is needed and pyplot keeps no reference to them.

Every mark that stands for a table row carries the row's id in its ``gid``
(``"event:EV0008"``, ``"row:TF0001"``), and the extras drawn for a row say what they
are (``"open:EV0039"`` for an open end's arrow, ``"bound:TF0001"`` for a qualifier's
arrow, ``"span:ES0006"`` for a period longer than a year), so that what a figure shows
can be checked against the table.

The public functions are all here; the private modules hold ``_common`` (what every
figure shares: the matplotlib guard, figure and heading, dates as years, gid tags),
``_timeline``, ``_values`` (the figure-per-row drawing shared by energy and trade),
``_energy`` and ``_trade``.
"""

from __future__ import annotations

from ._energy import energy
from ._timeline import timeline
from ._trade import trade

__all__ = ["energy", "timeline", "trade"]
