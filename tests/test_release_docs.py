"""What a user cites and reads about a version: CITATION.cff (valid Citation File Format
1.2.0, checked offline against the published JSON Schema), trd.cite, CHANGELOG.md (an
entry per release listing its row-level changes) and DATASHEET.md."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import ROOT, CliRunner

import turkey_russia_data as trd
from turkey_russia_data import citation
from turkey_russia_data.versioning import diff, recorded_versions
from turkey_russia_data.versioning.record import record_path

CFF_SCHEMA = json.loads((ROOT / "tests" / "data" / "cff-1.2.0.schema.json").read_text("utf-8"))


def _cff() -> dict:  # type: ignore[type-arg]
    loaded = yaml.safe_load((ROOT / "CITATION.cff").read_text("utf-8"))
    assert isinstance(loaded, dict)
    return loaded


# --- CITATION.cff -----------------------------------------------------------------------


def test_citation_cff_is_valid_against_the_cff_1_2_schema() -> None:
    assert CFF_SCHEMA["$id"] == "https://citation-file-format.github.io/1.2.0/schema.json"
    validator = jsonschema.Draft7Validator(CFF_SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(_cff()), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


def test_citation_cff_invalid_input_is_caught_by_the_schema() -> None:
    broken = _cff()
    broken["references"][0]["authors"] = []
    broken["date-released"] = "21 November 2026"
    validator = jsonschema.Draft7Validator(CFF_SCHEMA)
    failed = {(tuple(e.path), e.validator) for e in validator.iter_errors(broken)}
    assert (("references", 0, "authors"), "minItems") in failed
    assert any(path == ("date-released",) for path, _ in failed)


def test_citation_cff_is_current_and_matches_the_release() -> None:
    assert (ROOT / "CITATION.cff").read_text("utf-8") == citation.cff(), (
        "CITATION.cff is stale: run python -m turkey_russia_data.citation --write"
    )
    cff = _cff()
    released = json.loads(record_path(ROOT, trd.__version__).read_text("utf-8"))["released"]
    assert (cff["version"], cff["date-released"], cff["type"]) == (trd.__version__, released, "dataset")
    assert cff["references"][0]["title"].startswith("Is a Strategic Partnership")
    assert len(cff["references"]) == len(trd.load("sources"))
    ceip = next(r for r in cff["references"] if r["title"].startswith("Understanding"))
    assert ceip["authors"] == [{"name": "anonymous"}], "an unnamed author stays unnamed"


# --- trd.cite ---------------------------------------------------------------------------


def test_cite_the_dataset_version() -> None:
    assert trd.cite() == (
        "turkey-russia-data maintainers. (2026). Türkiye-Russia relations: events, trade, energy, arms deals "
        f"and positions (Version {trd.__version__}) [Data set; Python package turkey-russia-data]."
    )
    bib = trd.cite(style="bibtex")
    assert bib.startswith(f"@misc{{turkey-russia-data-{trd.__version__},")
    assert f"  version = {{{trd.__version__}}}," in bib
    assert trd.cite(style="cff") == (ROOT / "CITATION.cff").read_text("utf-8")


APA = {
    "bardakci-feasible": "Bardakçı, M. (2021). Is a Strategic Partnership Between Turkey and Russia Feasible at the "
    "Expense of Turkey's Relations with the EU and NATO? Südosteuropa. https://doi.org/10.1515/soeu-2021-0001",
    "ceip-entanglement": "Understanding Türkiye’s Entanglement With Russia (Türkiye and the World Initiative). "
    "(2024, October 15). Carnegie Endowment for International Peace. "
    "https://carnegieendowment.org/research/2024/10/understanding-turkiyes-entanglement-with-russia",
    "mammadov-security": "Mammadov, A. (n.d.). [Untitled article].",
    "pierini-balancing": "Pierini, M. (2022, January). The Russia-NATO Crisis Tests Turkey's Balancing Policy. "
    "Carnegie Europe.",
    "swp-alignment": "Adar, S., Aksoy, H. A., Ålander, M., Bueno, A., Chiriatti, A., Dimou, A., Levin, P. T., "
    "Monceau, N., Seufert, G., Soler i Lecha, E., Vorotnyuk, M., & Wasilewski, K. (2025, August 7). Alignment of "
    "Necessity: Turkey's Role in the Future European Security Architecture (SWP Comment 2025/C 36). Stiftung "
    "Wissenschaft und Politik. https://doi.org/10.18449/2025C36",
}


@pytest.mark.parametrize("source_id", sorted(APA))
def test_cite_a_source_in_apa(source_id: str) -> None:
    assert trd.cite(source_id) == APA[source_id]
    assert trd.cite(source_id, style="apa") == APA[source_id]


def test_cite_a_source_in_bibtex() -> None:
    assert trd.cite("bardakci-feasible", style="bibtex") == "\n".join(
        [
            "@article{bardakci-feasible,",
            "  author = {Bardakçı, Mehmet},",
            "  title = {{Is a Strategic Partnership Between Turkey and Russia Feasible at the Expense of Turkey's "
            "Relations with the EU and NATO?}},",
            "  journal = {Südosteuropa},",
            "  publisher = {De Gruyter Oldenbourg},",
            "  year = {2021},",
            "  month = dec,",
            "  doi = {10.1515/soeu-2021-0001},",
            "  url = {https://www.degruyter.com/document/doi/10.1515/soeu-2021-0001/html}",
            "}",
        ]
    )
    swp = trd.cite("swp-alignment", style="bibtex")
    assert swp.startswith("@techreport{swp-alignment,") and "{Soler i Lecha}, Eduard and" in swp
    assert "  type = {SWP Comment 2025/C 36}," in swp and "  institution = {Stiftung Wissenschaft und Politik}," in swp
    ceip = trd.cite("ceip-entanglement", style="bibtex")
    assert "author" not in ceip, "no author is invented"
    assert trd.cite("mammadov-security", style="bibtex") == (
        "@misc{mammadov-security,\n  author = {Mammadov, Ali},\n  title = {{[Untitled article]}}\n}"
    )


def test_cite_rejects_unknown_sources_and_styles(run_cli: CliRunner) -> None:
    with pytest.raises(citation.UnknownSourceError, match="unknown source 'nope'; sources: bardakci-feasible"):
        trd.cite("nope")
    with pytest.raises(citation.UnknownStyleError, match="unknown citation style 'mla'"):
        trd.cite("swp-alignment", style="mla")  # type: ignore[arg-type]
    with pytest.raises(citation.UnknownStyleError):
        trd.cite("swp-alignment", style="cff")
    out = run_cli("cite", "pierini-balancing")
    assert out.returncode == 0 and out.stdout.strip() == APA["pierini-balancing"]
    bad = run_cli("cite", "nope")
    assert bad.returncode == 2 and bad.stderr.splitlines()[-1].startswith("error: unknown source 'nope'")


# --- CHANGELOG.md -------------------------------------------------------------------------


def _changelog_sections() -> dict[str, tuple[str, str]]:
    text = (ROOT / "CHANGELOG.md").read_text("utf-8")
    heads = list(re.finditer(r"^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$", text, re.M))
    return {
        m.group(1): (m.group(2) or "", text[m.end() : heads[i + 1].start() if i + 1 < len(heads) else len(text)])
        for i, m in enumerate(heads)
    }


def _expand(text: str) -> set[str]:
    """Ids named in a changelog entry (any word: EV0001, TUR, AMZ_KUTNO), with runs such as
    EV0001–EV0003 expanded."""
    ids = set(re.findall(r"[\w/-]+", text))
    for a, b in re.findall(r"\b([A-Z]{2}\d{4,5})\u2013([A-Z]{2}\d{4,5})\b", text):
        width = len(a) - 2
        ids |= {f"{a[:2]}{n:0{width}d}" for n in range(int(a[2:]), int(b[2:]) + 1)}
    return ids


def test_changelog_has_an_entry_per_release_with_its_row_level_changes() -> None:
    sections = _changelog_sections()
    assert next(iter(sections)) == "Unreleased"
    versions = recorded_versions(ROOT)
    assert trd.__version__ in sections
    for version in versions:
        date, _ = sections[version]
        released = json.loads(record_path(ROOT, version).read_text("utf-8"))["released"]
        assert date == released, f"CHANGELOG [{version}] is dated {date}, the release record {released}"
    for old, new in itertools.pairwise(versions):
        d = diff(record_path(ROOT, old), record_path(ROOT, new))
        _, body = sections[new]
        named = _expand(body)
        for t in d.tables:
            corrected = [c.row_id for c in t.changed if set(c.fields) - set(t.new_fields)]
            ids = [i for i, _ in t.added] + [r.row_id for r in t.removed] + corrected
            # a key of several words (an alias: "CZE/Czech Republic") is named as written
            missing = [i for i in ids if i not in named and i not in body and not re.fullmatch(r"[a-z-]+", i)]
            assert not missing, f"CHANGELOG [{new}] does not mention {missing[:10]} ({t.name})"
            for f in t.new_fields:
                assert f"`{f}`" in body, f"CHANGELOG [{new}] does not mention the new field {t.name}.{f}"


# --- DATASHEET.md ---------------------------------------------------------------------------


def test_datasheet_covers_every_section_and_the_current_data() -> None:
    text = (ROOT / "DATASHEET.md").read_text("utf-8")
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert headings == [
        "Motivation",
        "Composition",
        "Collection process",
        "Preprocessing, cleaning and labelling",
        "Uses",
        "Distribution",
        "Maintenance",
    ]
    assert f"data version {trd.__version__}" in text
    counts = {m.group(1): int(m.group(2)) for m in re.finditer(r"^\| `(\w+)` \| (\d+) \|", text, re.M)}
    assert counts == {name: len(trd.load(name)) for name in trd.tables()}


def test_release_files_ship_in_the_sdist_config() -> None:
    config = (ROOT / "pyproject.toml").read_text("utf-8")
    for name in ("releases", "CHANGELOG.md", "CITATION.cff", "DATASHEET.md"):
        assert f'"{name}"' in config


def test_row_counts_and_version_in_readme_and_datasheet_are_current() -> None:
    from turkey_russia_data import doc_counts

    for path, text in doc_counts.files(ROOT).items():
        assert path.read_text("utf-8") == text, f"{path.name} states stale row counts: run turkey-russia-data release"
    readme = (ROOT / "README.md").read_text("utf-8")
    counts = {m.group(1): int(m.group(2)) for m in re.finditer(r"^\| `(\w+)` \| (\d+) \|", readme, re.M)}
    assert counts == {name: len(trd.load(name)) for name in trd.tables()}


def test_a_fork_is_cited_as_itself(package_copy: Path, run_cli: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    # A fork's citation names its own title, version and date, and its own sources.
    descriptor = json.loads((package_copy / "datapackage.json").read_text("utf-8"))
    descriptor.update(title="A fork of the relations data", version="7.0.0", created="2031-05-01T00:00:00Z")
    (package_copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    fork = trd.open(package_copy)
    assert fork.cite() == (
        "turkey-russia-data maintainers. (2031). A fork of the relations data (Version 7.0.0) "
        "[Data set; Python package turkey-russia-data]."
    )
    assert "  version = {7.0.0}," in fork.cite(style="bibtex")
    assert 'version: "7.0.0"' in fork.cite(style="cff")
    assert fork.cite("pierini-balancing") == APA["pierini-balancing"]
    # PATH after a source, a lone folder as PATH, and the package of the current folder.
    assert run_cli("cite", "pierini-balancing", str(package_copy)).stdout.strip() == APA["pierini-balancing"]
    alone = run_cli("cite", str(package_copy))
    assert alone.returncode == 0 and "(Version 7.0.0)" in alone.stdout
    here = run_cli("cite", cwd=package_copy)
    assert "(Version 7.0.0)" in here.stdout and "using package:" in here.stderr


def test_a_fork_under_another_descriptor_name_and_without_sources_is_cited_as_itself(
    package_copy: Path,
) -> None:
    descriptor = json.loads((package_copy / "datapackage.json").read_text("utf-8"))
    descriptor.update(title="Another fork", version="0.1.0")
    other = package_copy / "fork.json"
    other.write_text(json.dumps(descriptor), encoding="utf-8")
    sources = package_copy / "tables" / "sources.csv"
    sources.write_text(sources.read_text("utf-8").splitlines()[0] + "\n", encoding="utf-8")
    for cff in (trd.open(other).cite(style="cff"), trd.cite(style="cff", root=other)):
        assert 'title: "Another fork"' in cff and 'version: "0.1.0"' in cff
        assert "references:\n" in cff and "Feasible" not in cff, "no source of the installed package"
    assert "(Version 0.1.0)" in trd.open(other).cite()
