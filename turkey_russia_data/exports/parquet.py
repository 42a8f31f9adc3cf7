"""Parquet export (pyarrow): a folder with one file per table, holding exactly
the DataFrames ``load()`` returns; pandas' metadata in each file restores the dtypes
(ordered categoricals, nullable Int64/Float64/boolean, strings, datetime64[us]) when read
back with ``pandas.read_parquet`` or pyarrow's ``to_pandas()``."""

from __future__ import annotations

import json
from pathlib import Path

from .._version import __version__
from ..loader import DataPackage


def write_parquet(folder: Path, package: DataPackage) -> dict[str, int]:
    """Write every table to ``folder/<table>.parquet`` (the folder is created)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir()
    counts: dict[str, int] = {}
    for name in package.tables():
        frame = package.load(name)
        table = pa.Table.from_pandas(frame, preserve_index=False)
        meta = dict(table.schema.metadata or {})
        provenance = {"table": name, "data_version": package.data_version(), "library_version": __version__}
        meta[b"turkey_russia_data"] = json.dumps(provenance).encode()
        pq.write_table(table.replace_schema_metadata(meta), folder / f"{name}.parquet")
        counts[name] = len(frame)
    return counts
