"""The bundle: a download that stands alone, as a ``.zip`` or a folder.

It holds ``datapackage.json`` with every Table Schema inline (so nothing points outside
the bundle), the CSVs unchanged (their hashes in the descriptor still hold), the data
dictionary, the data licence, ``CITATION.cff`` and a README for data users that says
what each file is, how to validate it and how to read it with pandas and R.
``frictionless validate datapackage.json`` and ``turkey-russia-data validate`` accept
the unpacked bundle as it stands; the zip holds one folder named after the archive.
"""

from __future__ import annotations

import copy
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..citation import AUTHOR
from ..paths import data_root
from ..reading import PackageRecords, package_records

LICENSE_FILE = "LICENSE-DATA.md"
CITATION_FILE = "CITATION.cff"
DICTIONARY_FILE = "data-dictionary.md"
README_FILE = "README.md"


def descriptor(root: Path, package: PackageRecords | None = None) -> dict[str, Any]:
    """The package's descriptor with each resource's schema inline instead of a path."""
    package = package or package_records(root)
    out: dict[str, Any] = copy.deepcopy(package.descriptor)
    for resource in out["resources"]:
        resource["schema"] = package.schemas[resource["name"]]
    return out


def _licence_text(root: Path, desc: dict[str, Any]) -> str:
    path = root / LICENSE_FILE
    if path.is_file():
        return path.read_text(encoding="utf-8")
    licences = desc.get("licenses", [])
    lines = ["# Data licence", ""]
    lines += [f"- {lic.get('title') or lic.get('name')}: {lic.get('path', '')}" for lic in licences]
    return "\n".join(lines) + "\n"


def readme(desc: dict[str, Any], rows: dict[str, int]) -> str:
    """The README for data users: what each file is, how to validate, read and cite."""
    version = desc.get("version", "")
    licences = ", ".join(str(lic.get("name", "")) for lic in desc.get("licenses", []))
    lines = [
        f"# {desc.get('title', desc.get('name', 'Data package'))} — version {version}",
        "",
        str(desc.get("description", "")),
        "",
        "This folder is a self-contained [Frictionless Data Package](https://specs.frictionlessdata.io/): "
        "everything needed to read, check and cite the data is here.",
        "",
        "## Files",
        "",
        "| file | what it is |",
        "|---|---|",
        "| `datapackage.json` | the descriptor: tables, their Table Schemas (inline), keys, licences, file hashes |",
    ]
    for resource in desc["resources"]:
        lines.append(
            f"| `{resource['path']}` | {resource.get('title', resource['name'])}: "
            f"{rows[resource['name']]} rows. {resource.get('description', '')} |"
        )
    lines += [
        f"| `{DICTIONARY_FILE}` | every column: type, unit, allowed values, examples |",
        f"| `{LICENSE_FILE}` | the data licence ({licences}) and the terms of the quotations |",
        f"| `{CITATION_FILE}` | how to cite this version (Citation File Format) |",
        f"| `{README_FILE}` | this file |",
        "",
        "CSV conventions: UTF-8, comma, LF line ends, header row, empty cell = unknown. Every fact row",
        "has an id; `tables/citations.csv` gives, for each (`table`, `row_id`), the source and the",
        "exact quote that supports it, and `tables/sources.csv` the sources.",
        "",
        "## Validate",
        "",
        "```sh",
        "pip install frictionless && frictionless validate datapackage.json",
        "```",
        "",
        "With the `turkey-russia-data` package installed (from its repository or a built wheel),",
        "`turkey-russia-data validate .` runs all its checks: keys, evidence, values, dates,",
        "coherence; with `--sources DIR` (the source texts) also that every quote is in its source.",
        "",
        "## Read with pandas",
        "",
        "```python",
        "import pandas as pd",
        "",
        'events = pd.read_csv("tables/events.csv", keep_default_na=False, na_values=[""])',
        'citations = pd.read_csv("tables/citations.csv", keep_default_na=False, na_values=[""])',
        'citations[citations.row_id == "EV0002"][["source_id", "quote"]]',
        "```",
        "",
        "`keep_default_na=False` keeps codes such as `NA` (Namibia) from being read as missing.",
        "",
        "## Read with R",
        "",
        "```r",
        "# with the frictionless package (CRAN):",
        'package <- frictionless::read_package("datapackage.json")',
        'events <- frictionless::read_resource(package, "events")',
        "",
        "# or with base R and jsonlite:",
        'descriptor <- jsonlite::fromJSON("datapackage.json", simplifyVector = FALSE)',
        "tables <- lapply(descriptor$resources, function(r)",
        '  read.csv(r$path, na.strings = "", stringsAsFactors = FALSE, encoding = "UTF-8"))',
        'names(tables) <- vapply(descriptor$resources, function(r) r$name, "")',
        "```",
        "",
        "## Licence",
        "",
        f"The tables are licensed {licences}; the quotations in `tables/citations.csv` remain their",
        f"authors' and are reproduced as short quotations. Details: `{LICENSE_FILE}`.",
        "",
        "## Cite",
        "",
        f"Cite the dataset version (`{CITATION_FILE}`) and, for any fact, the source it comes from",
        "(`tables/sources.csv`). In APA style:",
        "",
        f"> {AUTHOR}. ({str(desc.get('created', ''))[:4] or 'n.d.'}). {desc.get('title', '')} (Version {version}) "
        "[Data set].",
        "",
    ]
    return "\n".join(lines)


def files(root: Path | None = None) -> Iterator[tuple[str, bytes]]:
    """The bundle's files as (relative path, content), in a fixed order."""
    from ..dictionary import render as render_dictionary

    root = root or data_root()
    package = package_records(root)  # every path checked to stay in the package folder
    desc = descriptor(root, package)
    rows = {name: len(found) for name, found in package.rows.items()}
    yield "datapackage.json", (json.dumps(desc, ensure_ascii=False, indent=2) + "\n").encode()
    for resource in desc["resources"]:
        yield resource["path"], (root / resource["path"]).read_bytes()
    yield DICTIONARY_FILE, render_dictionary(root).encode()
    yield LICENSE_FILE, _licence_text(root, desc).encode()
    cff = root / CITATION_FILE
    if cff.is_file():
        yield CITATION_FILE, cff.read_bytes()
    yield README_FILE, readme(desc, rows).encode()


def write_bundle(path: Path, root: Path | None = None) -> dict[str, int]:
    """Write the bundle to ``path``: a zip when it ends in ``.zip`` (holding one folder
    named after it), a folder otherwise. Returns rows per table."""
    root = root or data_root()
    package = package_records(root)
    desc = package.descriptor
    rows = {name: len(found) for name, found in package.rows.items()}
    if path.suffix.lower() == ".zip":
        # A fixed timestamp (the release date) keeps the archive byte-identical across runs.
        stamp = _stamp(desc)
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, content in files(root):
                info = zipfile.ZipInfo(f"{path.stem}/{name}", date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, content)
    else:
        for name, content in files(root):
            target = path / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
    return rows


def _stamp(desc: dict[str, Any]) -> tuple[int, int, int, int, int, int]:
    created = str(desc.get("created", ""))
    try:
        year, month, day = (int(p) for p in created[:10].split("-"))
    except ValueError:
        return (1980, 1, 1, 0, 0, 0)
    return (max(year, 1980), month, day, 0, 0, 0)
