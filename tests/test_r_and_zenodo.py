"""R users and archives: the bundle reads in R with base R and jsonlite (the snippet of
docs/exports.md, run by Rscript where it is installed), and .zenodo.json says what
CITATION.cff says and is regenerated, not edited."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, sources_required

import turkey_russia_data as trd
from turkey_russia_data import zenodo

RSCRIPT = shutil.which("Rscript")


def _r_snippet() -> str:
    """The base R + jsonlite block of docs/exports.md, as the user would paste it."""
    text = (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```r\n(.*?)^```", text, re.M | re.S)
    (block,) = [b for b in blocks if "jsonlite::fromJSON" in b]
    return block


def test_r_reads_the_bundle_with_base_r_and_jsonlite(tmp_path: Path) -> None:
    if RSCRIPT is None:
        if sources_required():
            pytest.fail("Rscript is required in CI (apt-get install r-base-core r-cran-jsonlite)")
        pytest.skip("R not installed (apt-get install r-base-core r-cran-jsonlite)")
    trd.export(tmp_path / "trd-bundle", "bundle")
    script = _r_snippet() + (
        'for (n in names(tables)) cat(n, nrow(tables[[n]]), "\\n")\n'
        'e <- tables[["events"]]; cat("EV0002", e$title[e$event_id == "EV0002"], "\\n")\n'
    )
    result = subprocess.run(
        [RSCRIPT, "--vanilla", "-e", script], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(" ", 1) for line in result.stdout.strip().splitlines())
    for name in trd.tables():
        assert int(lines[name]) == len(trd.load(name)), name
    assert lines["EV0002"].strip() == trd.load("events").set_index("event_id").loc["EV0002", "title"]


def test_zenodo_json_is_current() -> None:
    assert (ROOT / ".zenodo.json").read_text(encoding="utf-8") == zenodo.text(ROOT), (
        ".zenodo.json is stale: run python -m turkey_russia_data.zenodo --write"
    )
    assert zenodo.main(["--root", str(ROOT), "--check"]) == 0


def test_zenodo_json_says_what_citation_cff_says() -> None:
    z = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert z["title"] == cff["title"] and z["description"] == cff["abstract"]
    assert z["version"] == cff["version"] and z["publication_date"] == str(cff["date-released"])
    assert z["license"] == cff["license"].lower() and z["keywords"] == cff["keywords"]
    assert [c["name"] for c in z["creators"]] == [a["name"] for a in cff["authors"]]
    assert len(z["references"]) == len(cff["references"])
    dois = {r["doi"] for r in cff["references"] if "doi" in r}
    assert {i["identifier"] for i in z["related_identifiers"] if i["scheme"] == "doi"} == dois


def test_zenodo_check_fails_on_a_stale_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("datapackage.json", "tables"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    (tmp_path / ".zenodo.json").write_text("{}\n", encoding="utf-8")
    assert zenodo.main(["--root", str(tmp_path), "--check"]) == 1
    assert "python -m turkey_russia_data.zenodo --write" in capsys.readouterr().err
    assert zenodo.main(["--root", str(tmp_path), "--write"]) == 0
    assert zenodo.main(["--root", str(tmp_path), "--check"]) == 0
