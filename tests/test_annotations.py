"""Citations as W3C Web Annotations: every selector, resolved against its source text as
an annotation tool would (exact, then prefix + exact + suffix), finds its quote exactly
once or is reported as ambiguous; targets are the sources' URLs or DOIs, never made up."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

import turkey_russia_data as trd
from turkey_russia_data import cli
from turkey_russia_data.curation.paragraphs import read_sources, source_texts
from turkey_russia_data.exports.annotations import CONTEXT, document, source_target


def _citations(repo_root: Path) -> list[dict[str, str]]:
    with open(repo_root / "tables" / "citations.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _resolve(selector: dict[str, str], text: str) -> int:
    """How many places of ``text`` the selector picks out."""
    exact = selector["exact"]
    if text.count(exact) <= 1:
        return text.count(exact)
    return text.count(selector.get("prefix", "") + exact + selector.get("suffix", ""))


def test_every_selector_resolves_once_in_its_text(repo_root: Path, sources_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "trd.jsonld"
    assert cli.main(["export", "--format", "annotations", "--out", str(out), "--sources", str(sources_dir)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    texts = source_texts(read_sources(repo_root / "tables" / "sources.csv"), sources_dir)
    targets = {source_target(s): s["source_id"] for s in read_sources(repo_root / "tables" / "sources.csv")}
    items = doc["first"]["items"]
    assert doc["@context"] == CONTEXT and doc["type"] == "AnnotationCollection" and doc["total"] == len(items)
    assert len(items) == len(_citations(repo_root))
    not_found, ambiguous = [], []
    for annotation in items:
        selector = annotation["target"]["selector"]
        assert selector["type"] == "TextQuoteSelector" and {"prefix", "suffix"} <= set(selector)
        assert len(selector["prefix"]) <= 32 and len(selector["suffix"]) <= 32
        found = _resolve(selector, texts[targets[annotation["target"]["source"]]])
        if found == 0:
            not_found.append(annotation["body"][0]["value"])
        elif found > 1:
            ambiguous.append(annotation["body"][0]["value"])
    assert not_found == []
    # A quote that a text repeats word for word, context included, cannot be told apart:
    # listed here, and expected to stay rare.
    print(f"ambiguous selectors: {ambiguous}")
    assert len(ambiguous) <= len(items) // 100


def test_annotation_shape_and_targets(repo_root: Path) -> None:
    doc, placed = document()
    citations = {c["citation_id"]: c for c in _citations(repo_root)}
    sources = {s["source_id"]: s for s in read_sources(repo_root / "tables" / "sources.csv")}
    first = doc["first"]["items"][0]
    assert first["type"] == "Annotation" and first["id"].startswith("urn:uuid:")
    assert len({a["id"] for a in doc["first"]["items"]}) == len(citations)
    for annotation, (cid, c) in zip(doc["first"]["items"], citations.items(), strict=True):
        # without the texts, exact is the recorded quote and nothing else
        assert annotation["target"]["selector"] == {"type": "TextQuoteSelector", "exact": c["quote"]}
        assert placed[cid] is None
        source = sources[c["source_id"]]
        target = annotation["target"]["source"]
        if source["url"]:
            assert target == source["url"]
        elif source["doi"]:
            assert target == f"https://doi.org/{source['doi']}"
        else:
            assert target.startswith("ni:///sha-256;")
        assert annotation["body"][1]["source"] == f"{c['table']}/{c['row_id']}.html"
        assert c["row_id"] in annotation["body"][0]["value"]


def test_a_source_without_url_or_doi_is_named_by_its_text_hash() -> None:
    import base64

    digest = "ab" * 32
    target = source_target({"url": "", "doi": "", "text_sha256": digest})
    assert base64.urlsafe_b64decode(target.removeprefix("ni:///sha-256;") + "=").hex() == digest


def test_missing_sources_folder_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "a.jsonld"
    code = cli.main(["export", "--format", "annotations", "--out", str(out), "--sources", str(tmp_path / "nope")])
    err = capsys.readouterr().err
    # the package named on stderr, then the one error line
    assert code == 2 and err.count("error:") == 1 and "no such folder" in err.splitlines()[-1]
    assert not out.exists()


def test_export_api_writes_annotations_by_suffix(tmp_path: Path) -> None:
    result = trd.export(tmp_path / "x.jsonld")
    assert result.format == "annotations" and "web annotations" in str(result)
