"""``.zenodo.json``: the metadata Zenodo reads when it archives a release (and mints a DOI).

Written from the same records as CITATION.cff (citation.py: the descriptor, the version,
``tables/sources.csv``), so the two say the same: title, abstract, authors, version,
release date, licence, keywords, and each source as a reference and, where it has a DOI
or URL, as a related identifier (``isDerivedFrom``). The tests check it against
CITATION.cff. ``python -m turkey_russia_data.zenodo --write`` regenerates it;
``--check`` exits 1 when it is stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from . import generated
from .citation import AUTHOR, SourceRecord, apa, read_sources
from .schema import read_json

OUT = Path(".zenodo.json")
MODULE = "turkey_russia_data.zenodo"


def metadata(descriptor: dict[str, Any], sources: dict[str, SourceRecord]) -> dict[str, Any]:
    """Zenodo deposit metadata for this version."""
    related = []
    for s in sources.values():
        if s.doi:
            related.append({"identifier": s.doi, "relation": "isDerivedFrom", "scheme": "doi"})
        elif s.url:
            related.append({"identifier": s.url, "relation": "isDerivedFrom", "scheme": "url"})
    return {
        "upload_type": "dataset",
        "title": descriptor["title"],
        "description": descriptor["description"],
        "creators": [{"name": AUTHOR}],
        # The folder's own version and release day (a release writes them there first).
        "version": descriptor["version"],
        "publication_date": str(descriptor["created"])[:10],
        # Zenodo's licence ids are the SPDX ids in lower case.
        "license": descriptor["licenses"][0]["name"].lower(),
        "keywords": list(descriptor.get("keywords", [])),
        "references": [apa(s) for s in sources.values()],
        "related_identifiers": related,
    }


def text(root: Path) -> str:
    doc = metadata(read_json(root / "datapackage.json"), read_sources(root / "tables" / "sources.csv"))
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = generated.command_line(MODULE, __doc__, write="rewrite .zenodo.json", check="exit 1 if it is out of date")
    args = parser.parse_args(argv)
    return generated.finish({args.root / OUT: text(args.root)}, args, MODULE)


if __name__ == "__main__":
    sys.exit(main())
