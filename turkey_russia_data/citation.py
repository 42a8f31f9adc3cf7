"""How to cite the dataset and its sources: APA and BibTeX text, and CITATION.cff.

``python -m turkey_russia_data.citation --write`` regenerates ``CITATION.cff`` from the
version, the package metadata and ``tables/sources.csv``; ``--check`` exits 1 when it
is stale. Nothing here is guessed: a source's unknown author, title or date stays
unknown (APA's "n.d.", "[Untitled article]"), never filled in.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from . import generated
from ._version import CREATED, __version__
from .errors import UnusableInputError
from .paths import data_root
from .schema import package_descriptor, read_descriptor

Style = Literal["apa", "bibtex", "cff"]
STYLES: tuple[Style, ...] = ("apa", "bibtex", "cff")
AUTHOR = "turkey-russia-data maintainers"
PACKAGE = "turkey-russia-data"
CFF_MESSAGE = "If you use this dataset, please cite it using these metadata."
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")  # fmt: skip
_BIBTEX_TYPES = {"journal_article": "article", "report": "techreport", "article": "misc"}
_CFF_TYPES = {"journal_article": "article", "report": "report", "article": "generic"}


class UnknownSourceError(UnusableInputError, KeyError):
    def __init__(self, source_id: str, known: list[str]) -> None:
        super().__init__(source_id)
        self.source_id, self.known = source_id, known

    def __str__(self) -> str:
        return f"unknown source {self.source_id!r}; sources: {', '.join(self.known)}"


class UnknownStyleError(UnusableInputError, ValueError):
    pass


@dataclass(frozen=True)
class Person:
    family: str
    given: str

    @property
    def initials(self) -> str:
        # "Paul T." -> "P. T."; a hyphenated given name keeps its hyphen
        parts = [p for p in re.split(r"\s+", self.given.strip()) if p]
        return " ".join("-".join(f"{h[0]}." for h in p.split("-") if h) for p in parts)


@dataclass(frozen=True)
class SourceRecord:
    source_id: str
    title: str
    document_type: str
    authors: tuple[Person, ...]
    publisher: str
    container_title: str
    date_published: str  # EDTF: "2021-12-06", "2022-01", "" (unknown)
    url: str
    doi: str
    licence: str

    @property
    def year(self) -> str:
        return self.date_published[:4]

    @property
    def locator(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else self.url


def _people(text: str) -> tuple[Person, ...]:
    out = []
    for name in filter(None, (n.strip() for n in text.split(";"))):
        family, _, given = name.partition(",")
        out.append(Person(family.strip(), given.strip()))
    return tuple(out)


def read_sources(path: Path | None = None) -> dict[str, SourceRecord]:
    """The bibliographic records in ``tables/sources.csv``, by source id."""
    path = path or data_root() / "tables" / "sources.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        return sources_of(csv.DictReader(fh))


def sources_of(rows: Iterable[dict[str, str]]) -> dict[str, SourceRecord]:
    """The bibliographic records in rows of a sources table, by source id."""
    return {
        row["source_id"]: SourceRecord(
            row["source_id"],
            row["title"],
            row.get("document_type", ""),
            _people(row["authors"]),
            row["publisher"],
            row["container_title"],
            row["date_published"],
            row["url"],
            row["doi"],
            row["licence"],
        )
        for row in rows
    }


# --- APA (7th edition) ---------------------------------------------------------------


def _apa_authors(people: tuple[Person, ...]) -> str:
    names = [f"{p.family}, {p.initials}" if p.initials else p.family for p in people]
    if len(names) <= 1:
        return "".join(names)
    if len(names) > 20:  # APA 7: the first nineteen, an ellipsis, the last
        return ", ".join(names[:19]) + ", . . . " + names[-1]
    return ", ".join(names[:-1]) + ", & " + names[-1]


def _apa_date(edtf: str) -> str:
    parts = edtf.split("-") if edtf else []
    if not parts:
        return "n.d."
    if len(parts) == 1:
        return parts[0]
    month = _MONTHS[int(parts[1]) - 1]
    return f"{parts[0]}, {month}" + (f" {int(parts[2])}" if len(parts) > 2 else "")


def _end(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def apa(source: SourceRecord) -> str:
    """One reference-list entry in APA style (plain text; italics are not marked)."""
    title = source.title or f"[Untitled {source.document_type.replace('_', ' ') or 'document'}]"
    if source.document_type == "report" and source.container_title:
        title = f"{title} ({source.container_title})"
    # APA dates a journal article by its year only
    published = source.year if source.document_type == "journal_article" else source.date_published
    date = f"({_apa_date(published)})."
    authors = _apa_authors(source.authors)
    # APA: with no author, the title moves to the author position, before the date
    head = f"{_end(authors)} {date} {_end(title)}" if authors else f"{_end(title)} {date}"
    tail = []
    if source.container_title and source.document_type in ("journal_article", "article"):
        tail.append(_end(source.container_title))
    if source.publisher and source.document_type != "journal_article":
        tail.append(_end(source.publisher))
    if source.locator:
        tail.append(source.locator)
    return " ".join([head, *tail])


# --- BibTeX ---------------------------------------------------------------------------

_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")


def _bib(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(r"\\\1", text).replace("~", r"\textasciitilde{}").replace("^", r"\^{}")


def _braced(value: str) -> str:
    return "{" + value + "}" if value else ""


def _bib_name(p: Person) -> str:
    # braces keep a multi-word family name ("Soler i Lecha") whole, with its lower-case word
    family = "{" + _bib(p.family) + "}" if " " in p.family else _bib(p.family)
    return f"{family}, {_bib(p.given)}" if p.given else family


def _bibtex_entry(kind: str, key: str, fields: list[tuple[str, str]]) -> str:
    body = ",\n".join(f"  {name} = {value}" for name, value in fields if value)
    return f"@{kind}{{{key},\n{body}\n}}"


def bibtex(source: SourceRecord) -> str:
    """One BibTeX entry (UTF-8, for biber or a UTF-8 aware BibTeX)."""
    kind = _BIBTEX_TYPES.get(source.document_type, "misc")
    month = ""
    if len(source.date_published) >= 7:
        month = _MONTHS[int(source.date_published[5:7]) - 1][:3].lower()
    container_field = {"article": "journal", "techreport": "type", "misc": "howpublished"}[kind]
    fields = [
        ("author", _braced(" and ".join(_bib_name(p) for p in source.authors))),
        ("title", "{" + _braced(_bib(source.title or "[Untitled article]")) + "}"),
        (container_field, _braced(_bib(source.container_title))),
        ("institution" if kind == "techreport" else "publisher", _braced(_bib(source.publisher))),
        ("year", _braced(source.year)),
        ("month", month),
        ("doi", _braced(_bib(source.doi))),
        ("url", _braced(source.url)),
    ]
    return _bibtex_entry(kind, source.source_id, fields)


# --- the dataset ----------------------------------------------------------------------


@dataclass(frozen=True)
class Dataset:
    """What a citation of the dataset names: its title, version and year."""

    title: str
    version: str
    year: str

    @classmethod
    def installed(cls) -> Dataset:
        return cls(str(package_descriptor()["title"]), __version__, CREATED[:4])

    @classmethod
    def of(cls, descriptor: dict[str, Any]) -> Dataset:
        """A package's own: a fork is cited by its title, version and date."""
        return cls(
            str(descriptor.get("title", descriptor.get("name", ""))),
            str(descriptor.get("version", "")),
            str(descriptor.get("created", ""))[:4],
        )


def dataset_year() -> str:
    return CREATED[:4]


def dataset_apa(dataset: Dataset | None = None) -> str:
    d = dataset or Dataset.installed()
    year = d.year or "n.d."
    return f"{AUTHOR}. ({year}). {d.title} (Version {d.version}) [Data set; Python package {PACKAGE}]."


def dataset_bibtex(dataset: Dataset | None = None) -> str:
    d = dataset or Dataset.installed()
    fields = [
        ("author", "{{" + AUTHOR + "}}"),
        ("title", "{{" + _bib(d.title) + "}}"),
        *([("year", "{" + d.year + "}")] if d.year else []),
        ("version", "{" + d.version + "}"),
        ("note", "{Data set; Python package " + PACKAGE + " " + d.version + "}"),
    ]
    return _bibtex_entry("misc", f"{PACKAGE}-{d.version}" if d.version else PACKAGE, fields)


# --- CITATION.cff ---------------------------------------------------------------------


def _q(text: str) -> str:
    # a JSON string is a valid YAML double-quoted scalar
    return json.dumps(text, ensure_ascii=False)


def _cff_reference(s: SourceRecord) -> list[str]:
    lines = [f"  - type: {_CFF_TYPES.get(s.document_type, 'generic')}"]
    lines.append(f"    title: {_q(s.title or '[Untitled article]')}")
    lines.append("    authors:")
    if s.authors:
        for p in s.authors:
            lines.append(f"      - family-names: {_q(p.family)}")
            if p.given:
                lines.append(f"        given-names: {_q(p.given)}")
    else:  # CFF requires an author; the text names none
        lines.append(f"      - name: {_q('anonymous')}")
    if s.container_title:
        key = "journal" if s.document_type == "journal_article" else "collection-title"
        lines.append(f"    {key}: {_q(s.container_title)}")
    if s.publisher:
        lines += ["    publisher:", f"      name: {_q(s.publisher)}"]
    if s.year:
        lines.append(f"    year: {int(s.year)}")
    if len(s.date_published) >= 7:
        lines.append(f"    month: {int(s.date_published[5:7])}")
    if len(s.date_published) == 10:
        lines.append(f"    date-published: {_q(s.date_published)}")
    if s.doi:
        lines.append(f"    doi: {_q(s.doi)}")
    if s.url:
        lines.append(f"    url: {_q(s.url)}")
    if s.licence:
        lines.append(f"    license: {s.licence}")
    return lines


def cff(
    sources: dict[str, SourceRecord] | None = None,
    root: Path | None = None,
    descriptor: dict[str, Any] | None = None,
) -> str:
    """The CITATION.cff text (Citation File Format 1.2.0) for the installed version, or
    for the package at ``root`` (or with this ``descriptor``): its version and date come
    from its datapackage.json."""
    if root is None and descriptor is None:
        descriptor = package_descriptor()
        version, created = __version__, CREATED
    else:
        descriptor = descriptor if descriptor is not None else read_descriptor(root or Path("."))
        version, created = str(descriptor.get("version", "")), str(descriptor.get("created", ""))
    licence = descriptor["licenses"][0]["name"]
    lines = [
        "# Generated by python -m turkey_russia_data.citation --write; do not edit by hand.",
        "cff-version: 1.2.0",
        f"message: {_q(CFF_MESSAGE)}",
        "type: dataset",
        f"title: {_q(descriptor['title'])}",
        f"abstract: {_q(descriptor['description'])}",
        "authors:",
        f"  - name: {_q(AUTHOR)}",
        f"version: {_q(version)}",
        f"date-released: {_q(created[:10])}",
        f"license: {licence}",
        "keywords:",
        *(f"  - {_q(k)}" for k in descriptor.get("keywords", [])),
        "references:",
    ]
    for source in (sources if sources is not None else read_sources()).values():
        lines += _cff_reference(source)
    return "\n".join(lines) + "\n"


def files(root: Path) -> dict[Path, str]:
    """CITATION.cff for the package at ``root``."""
    return {root / "CITATION.cff": cff(read_sources(root / "tables" / "sources.csv"), root)}


def cite(source_id: str | None = None, style: Style = "apa", root: str | Path | None = None) -> str:
    """How to cite this version of the dataset, or (``source_id``) one of its sources.

    ``style`` is ``"apa"`` or ``"bibtex"``; for the dataset also ``"cff"`` (the
    CITATION.cff text). ``root`` is a package (a folder or its datapackage.json; a fork):
    its own title, version, date and sources are cited; default: the installed package.
    """
    if style not in STYLES or (source_id is not None and style == "cff"):
        allowed = STYLES if source_id is None else ("apa", "bibtex")
        raise UnknownStyleError(f"unknown citation style {style!r}; styles: {', '.join(allowed)}")
    package = None
    if root is None:
        dataset, sources = Dataset.installed(), None
    else:
        from .reading import package_records

        package = package_records(root)
        dataset, sources = Dataset.of(package.descriptor), sources_of(package.rows.get("sources", []))
    if source_id is None:
        if style == "cff":
            return cff(sources, descriptor=None if package is None else package.descriptor)
        return dataset_apa(dataset) if style == "apa" else dataset_bibtex(dataset)
    sources = sources if sources is not None else read_sources()
    if source_id not in sources:
        raise UnknownSourceError(source_id, sorted(sources))
    return apa(sources[source_id]) if style == "apa" else bibtex(sources[source_id])


def main(argv: list[str] | None = None) -> int:
    parser = generated.command_line(
        "turkey_russia_data.citation", __doc__, write="rewrite CITATION.cff", check="exit 1 if it is out of date"
    )
    args = parser.parse_args(argv)
    return generated.finish(files(args.root), args, "turkey_russia_data.citation")


if __name__ == "__main__":
    sys.exit(main())
