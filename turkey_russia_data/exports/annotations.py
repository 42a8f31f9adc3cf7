"""Every citation as a W3C Web Annotation (JSON-LD), so that annotation tools can
highlight each quote in its source document.

The file is one ``AnnotationCollection`` (``@context`` http://www.w3.org/ns/anno.jsonld)
whose ``first`` page holds every annotation as ``items``, in citation order. Each
annotation:

- ``id``: ``urn:uuid:`` derived from the dataset name and the citation id (stable across
  versions, the same citation keeps its id);
- ``target``: a ``SpecificResource`` whose ``source`` is the source's URL, or
  ``https://doi.org/<doi>`` when it has a DOI and no URL. A source with neither is
  targeted by its text's SHA-256 as an RFC 6920 ``ni:///sha-256;...`` name (the hash
  recorded in ``sources.text_sha256``): no URL is ever made up. The selector is a
  ``TextQuoteSelector``: with the source texts present, ``exact`` is the span of the
  text itself (line breaks, typographic quotes and all) and ``prefix``/``suffix`` are
  the 32 characters around it; without them, ``exact`` is the recorded quote alone;
- ``body``: a ``TextualBody`` saying which fact row the quote supports or refutes, and a
  link to the row (``<table>/<row_id>.html``, the row's page in the explorer, relative to
  ``base_url``).
"""

from __future__ import annotations

import base64
import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import quotespans
from ..errors import PackageError
from ..paths import data_root
from ..reading import PackageRecords, package_records

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_LENGTH = 32
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://pypi.org/project/turkey-russia-data/")


@dataclass(frozen=True)
class Located:
    """A quote's place in its text: ``exact`` as the text has it, or ``ambiguous`` when
    the text holds it more than once (the first occurrence is then used)."""

    exact: str
    prefix: str
    suffix: str
    occurrences: int


def source_target(source: dict[str, str]) -> str:
    """The IRI that identifies a source document: URL, DOI, or the hash of its text."""
    if source.get("url"):
        return source["url"]
    if source.get("doi"):
        return f"https://doi.org/{source['doi']}"
    digest = bytes.fromhex(source["text_sha256"])
    return "ni:///sha-256;" + base64.urlsafe_b64encode(digest).decode().rstrip("=")


def locate(quote: str, text: str, readings: list[tuple[str, list[int]]] | None = None) -> Located | None:
    """The quote's span in ``text`` with its context, or None when it is not there."""
    found = quotespans.spans(quote, text, readings)
    if not found:
        return None
    first = found[0]
    return Located(
        exact=text[first.start : first.end],
        prefix=text[max(0, first.start - CONTEXT_LENGTH) : first.start],
        suffix=text[first.end : first.end + CONTEXT_LENGTH],
        occurrences=len(found),
    )


def texts_by_source(sources: list[dict[str, str]], folder: Path | None) -> dict[str, str]:
    if folder is None:
        return {}
    from ..curation.paragraphs import source_texts

    return source_texts(sources, folder)


def _row_titles(package: PackageRecords) -> dict[tuple[str, str], str]:
    """(table, row id) -> a short label for the row, from its title-like column."""
    from .site import row_label

    out: dict[tuple[str, str], str] = {}
    for name, schema in package.schemas.items():
        pk = schema.get("primaryKey")
        key = pk if isinstance(pk, str) else (pk[0] if pk and len(pk) == 1 else None)
        if key is None:
            continue
        for row in package.rows[name]:
            out[(name, row[key])] = row_label(name, row)
    return out


def document(
    root: Path | None = None, sources_folder: Path | None = None, base_url: str = ""
) -> tuple[dict[str, Any], dict[str, Located | None]]:
    """The AnnotationCollection, and for each citation id where its quote was found (None
    when the texts are absent or the quote is not in them)."""
    package = package_records(root or data_root())
    for needed in ("sources", "citations"):
        if needed not in package.rows:
            raise PackageError(f"the package has no {needed!r} table; web annotations are made from its citations")
    sources = package.rows["sources"]
    by_id = {s["source_id"]: s for s in sources}
    texts = texts_by_source(sources, sources_folder)
    readings = {sid: quotespans.mapped_readings(t) for sid, t in texts.items()}
    labels = _row_titles(package)
    desc = package.descriptor
    items: list[dict[str, Any]] = []
    placed: dict[str, Located | None] = {}
    for c in package.rows["citations"]:
        source = by_id.get(c["source_id"])
        if source is None:
            raise PackageError(
                f"citation {c['citation_id']}: source {c['source_id']!r} is not in the sources table; "
                "run 'turkey-russia-data validate' on the package first"
            )
        text = texts.get(c["source_id"])
        where = locate(c["quote"], text, readings[c["source_id"]]) if text is not None else None
        placed[c["citation_id"]] = where
        selector: dict[str, Any] = {"type": "TextQuoteSelector", "exact": c["quote"]}
        if where is not None:
            selector.update(exact=where.exact, prefix=where.prefix, suffix=where.suffix)
        label = labels.get((c["table"], c["row_id"]), "")
        relation = "refutes" if c["relation"] == "refutes" else "supports"
        items.append(
            {
                "id": f"urn:uuid:{uuid.uuid5(_NAMESPACE, c['citation_id'])}",
                "type": "Annotation",
                "motivation": "linking",
                "created": desc.get("created"),
                "body": [
                    {
                        "type": "TextualBody",
                        "purpose": "describing",
                        "format": "text/plain",
                        "language": "en",
                        "value": f"{c['citation_id']} {relation} {c['table']} {c['row_id']}"
                        + (f": {label}" if label else ""),
                    },
                    {
                        "type": "SpecificResource",
                        "purpose": "linking",
                        "source": f"{base_url}{c['table']}/{c['row_id']}.html",
                    },
                ],
                "target": {"type": "SpecificResource", "source": source_target(source), "selector": selector},
            }
        )
    collection = {
        "@context": CONTEXT,
        "id": f"urn:uuid:{uuid.uuid5(_NAMESPACE, 'citations/' + str(desc.get('version', '')))}",
        "type": "AnnotationCollection",
        "label": f"{desc.get('title', desc.get('name'))}, version {desc.get('version')}: "
        "the quote behind each fact row",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    return collection, placed


def write_annotations(
    path: Path, sources: Path | None = None, base_url: str = "", root: Path | None = None
) -> dict[str, int]:
    """Write the citations as a JSON-LD AnnotationCollection; returns {"citations": n}."""
    doc, _ = document(root=root, sources_folder=sources, base_url=base_url)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        json.dump(doc, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    return {"citations": doc["total"]}
