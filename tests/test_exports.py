"""Exports of the shipped data: SQLite, DuckDB, Parquet, Excel, JSON; atomic writes and
--force; the command line."""

from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import turkey_russia_data as trd
from turkey_russia_data import cli
from turkey_russia_data.exports import ExportError, MissingDependencyError, OutputExistsError, export, format_for
from turkey_russia_data.vocab import FACT_TABLES


def csv_rows(repo_root: Path, name: str) -> list[dict[str, str]]:
    with open(repo_root / "tables" / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def schema(repo_root: Path, name: str) -> dict:
    return json.loads((repo_root / "schemas" / f"{name}.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("exports")


# --- SQLite -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sqlite_db(out_dir: Path) -> sqlite3.Connection:
    result = export(out_dir / "trd.sqlite", "sqlite")
    assert result.rows == {name: len(trd.load(name)) for name in trd.tables()}
    con = sqlite3.connect(out_dir / "trd.sqlite")
    con.execute("PRAGMA foreign_keys = ON")
    return con


def test_sqlite_passes_foreign_key_and_integrity_checks(sqlite_db: sqlite3.Connection) -> None:
    assert sqlite_db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert sqlite_db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_sqlite_tables_keys_and_rows_follow_the_schemas(sqlite_db: sqlite3.Connection, repo_root: Path) -> None:
    for name in trd.tables():
        s = schema(repo_root, name)
        info = sqlite_db.execute(f'PRAGMA table_info("{name}")').fetchall()
        pk = [row[1] for row in sorted(info, key=lambda r: r[5]) if row[5]]
        assert pk == ([s["primaryKey"]] if isinstance(s["primaryKey"], str) else s["primaryKey"]), name
        declared = {(fk["fields"], fk["reference"]["resource"] or name) for fk in s.get("foreignKeys", [])}
        actual = {(row[3], row[2]) for row in sqlite_db.execute(f'PRAGMA foreign_key_list("{name}")')}
        if name == "citations" or "x-corrects" in s:  # both point at fact rows by (table, row_id)
            declared |= {("table", "fact_rows"), ("row_id", "fact_rows")}
        assert actual == declared, name
        assert sqlite_db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] == len(csv_rows(repo_root, name))
        required = {f["name"] for f in s["fields"] if f.get("constraints", {}).get("required")}
        assert {row[1] for row in info if row[3]} >= required, name


def test_sqlite_column_types_are_real_types(sqlite_db: sqlite3.Connection) -> None:
    types = dict(sqlite_db.execute('SELECT "name", "type" FROM pragma_table_info(\'trade_flows\')').fetchall())
    assert (types["value"], types["period"], types["period_start"]) == ("REAL", "TEXT", "TEXT")
    stored = {row[0] for row in sqlite_db.execute("SELECT DISTINCT typeof(value) FROM trade_flows")}
    assert stored <= {"real", "null"} and "real" in stored
    fatalities = {row[0] for row in sqlite_db.execute("SELECT DISTINCT typeof(fatalities) FROM events")}
    assert "integer" in fatalities and fatalities <= {"integer", "null"}
    member = sqlite_db.execute("SELECT nato_member FROM actors WHERE actor_id = 'TUR'").fetchone()[0]
    assert member == 1
    first = sqlite_db.execute("SELECT date, date_start, date_end FROM events WHERE event_id = 'EV0001'").fetchone()
    assert first == ("1853/1856", "1853-01-01", "1856-12-31")


def test_sqlite_citations_join_their_rows_and_sources(sqlite_db: sqlite3.Connection, repo_root: Path) -> None:
    rows = sqlite_db.execute(
        """SELECT e.event_id, e.title, c.quote, s.title
           FROM events AS e
           JOIN citations AS c ON c."table" = 'events' AND c.row_id = e.event_id
           JOIN sources AS s ON s.source_id = c.source_id
           WHERE e.event_id = 'EV0002'"""
    ).fetchall()
    expected = [r for r in csv_rows(repo_root, "citations") if r["table"] == "events" and r["row_id"] == "EV0002"]
    assert sorted(r[2] for r in rows) == sorted(r["quote"] for r in expected)
    assert len(rows) >= 2
    # Every fact row of every table is reachable from its citations, through fact_rows.
    for table in FACT_TABLES:
        key = schema(repo_root, table)["primaryKey"]
        key = key if isinstance(key, str) else key[0]
        uncited = sqlite_db.execute(
            f'SELECT count(*) FROM "{table}" AS t WHERE NOT EXISTS (SELECT 1 FROM citations AS c '
            f'JOIN fact_rows AS f ON f."table" = c."table" AND f.row_id = c.row_id WHERE f."{key}" = t."{key}")'
        ).fetchone()[0]
        assert uncited == 0, table
    assert sqlite_db.execute("SELECT count(*) FROM evidence").fetchone()[0] == len(csv_rows(repo_root, "citations"))


def test_sqlite_rejects_what_the_schemas_forbid(out_dir: Path) -> None:
    con = sqlite3.connect(out_dir / "trd.sqlite")
    con.execute("PRAGMA foreign_keys = ON")
    bad = [
        # a citation of a row that does not exist
        """INSERT INTO citations (citation_id, "table", row_id, source_id, quote, supports, relation)
           VALUES ('CI99999', 'events', 'EV9999', 'ceip-entanglement', 'x', 'both', 'supports')""",
        # an unknown source
        """INSERT INTO citations (citation_id, "table", row_id, source_id, quote, supports, relation)
           VALUES ('CI99999', 'events', 'EV0001', 'nowhere', 'x', 'both', 'supports')""",
        # a category outside the enum
        "INSERT INTO events (event_id, date, title, category) VALUES ('EV9999', '2020', 't', 'picnic')",
        # a missing required cell
        "INSERT INTO events (event_id, date, category) VALUES ('EV9999', '2020', 'military')",
        # a fact_rows entry pointing at the wrong table
        """INSERT INTO fact_rows ("table", row_id, flow_id) VALUES ('events', 'EV0001', 'TF0001')""",
    ]
    for sql in bad:
        with pytest.raises(sqlite3.IntegrityError):
            con.execute(sql)
    con.rollback()
    con.close()


def test_sqlite_records_the_package_version(sqlite_db: sqlite3.Connection) -> None:
    meta = dict(sqlite_db.execute("SELECT key, value FROM package_metadata").fetchall())
    assert meta["version"] == trd.data_version() and meta["name"] == "turkey-russia-data"


# --- Parquet ------------------------------------------------------------------------


def test_parquet_reads_back_with_the_loaders_dtypes(out_dir: Path) -> None:
    import pyarrow.parquet as pq

    result = export(out_dir / "parquet", "parquet")
    assert sorted(p.name for p in (out_dir / "parquet").iterdir()) == sorted(f"{n}.parquet" for n in trd.tables())
    assert result.rows["citations"] == len(trd.load("citations"))
    for name in trd.tables():
        expected = trd.load(name)
        table = pq.read_table(out_dir / "parquet" / f"{name}.parquet")
        back = table.to_pandas()
        pd.testing.assert_frame_equal(back, expected, check_exact=True)
        assert dict(back.dtypes) == dict(expected.dtypes)
        provenance = json.loads(table.schema.metadata[b"turkey_russia_data"])
        assert provenance == {"table": name, "data_version": trd.data_version(), "library_version": trd.__version__}
    stance = pd.read_parquet(out_dir / "parquet" / "member_state_positions.parquet")["stance"]
    assert stance.cat.ordered and list(stance.cat.categories) == [
        "opposed",
        "reluctant",
        "cautious",
        "cooperative",
        "supportive",
    ]


# --- DuckDB -------------------------------------------------------------------------


def test_duckdb_has_typed_tables_enforced_keys_and_ordered_enums(out_dir: Path, repo_root: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    result = export(out_dir / "trd.duckdb", "duckdb")
    assert result.rows == {name: len(trd.load(name)) for name in trd.tables()}
    con = duckdb.connect(str(out_dir / "trd.duckdb"))
    for name in trd.tables():
        assert con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] == len(csv_rows(repo_root, name))
    types = {r[0]: r[1] for r in con.execute("DESCRIBE events").fetchall()}
    assert (types["date_start"], types["fatalities"]) == ("DATE", "BIGINT")
    assert types["category"].startswith("ENUM('diplomatic', 'military'")
    named = {r[0] for r in con.execute("SELECT type_name FROM duckdb_types() WHERE logical_type = 'ENUM'").fetchall()}
    assert {"stance", "events_category", "arms_deals_category", "date_precision"} <= named
    positions = trd.load("member_state_positions")
    at_least_cautious = con.execute(
        "SELECT count(*) FROM member_state_positions WHERE stance >= 'cautious'::stance"
    ).fetchone()[0]
    assert at_least_cautious == int((positions["stance"] >= "cautious").sum())
    assert con.execute("SELECT count(*) FROM evidence").fetchone()[0] == len(csv_rows(repo_root, "citations"))
    with pytest.raises(duckdb.ConstraintException):
        con.execute(
            """INSERT INTO citations (citation_id, "table", row_id, source_id, quote, supports, relation)
               VALUES ('CI99999', 'events', 'EV9999', 'ceip-entanglement', 'x', 'both', 'supports')"""
        )
    with pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO event_actors VALUES ('EV0001', 'NOBODY', 'participant')")
    con.close()


# --- Excel --------------------------------------------------------------------------


def test_xlsx_has_an_about_sheet_and_one_sheet_per_table(out_dir: Path, repo_root: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    export(out_dir / "trd.xlsx", "xlsx")
    book = openpyxl.load_workbook(out_dir / "trd.xlsx", read_only=True)
    assert book.sheetnames == ["about", *trd.tables()]
    about = {row[0]: row[1] for row in book["about"].iter_rows(values_only=True) if row and row[0]}
    assert about["version"] == trd.data_version()
    for name in ("events", "citations"):
        rows = list(book[name].iter_rows(values_only=True))
        frame = trd.load(name)
        assert list(rows[0]) == list(frame.columns)
        assert len(rows) - 1 == len(csv_rows(repo_root, name))
    events = list(book["events"].iter_rows(values_only=True))
    header = events[0]
    first = dict(zip(header, events[1], strict=True))
    assert (first["event_id"], first["date"], first["date_start"]) == ("EV0001", "1853/1856", "1853-01-01")
    citations = list(book["citations"].iter_rows(values_only=True))
    quote_at = citations[0].index("quote")
    assert [r[quote_at] for r in citations[1:]] == [r["quote"] for r in csv_rows(repo_root, "citations")]
    book.close()


def test_xlsx_neutralises_formulas_and_keeps_the_text(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    import openpyxl

    from turkey_russia_data.loader import DataPackage, shipped

    payloads = ['=HYPERLINK("http://example.invalid","x")', "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1", "plain"]

    class Poisoned(DataPackage):
        def load(self, name: str) -> pd.DataFrame:
            frame = super().load(name)
            if name == "events":
                frame = frame.head(len(payloads)).copy()
                frame["title"] = pd.array(payloads, dtype="string")
            return frame

    export(tmp_path / "x.xlsx", "xlsx", package=Poisoned(shipped().root))
    with zipfile.ZipFile(tmp_path / "x.xlsx") as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in sheets)
    sheet = openpyxl.load_workbook(tmp_path / "x.xlsx")["events"]
    column = [c.value for c in sheet[1]].index("title") + 1
    cells = [sheet.cell(row=i + 2, column=column) for i in range(len(payloads))]
    assert [c.value for c in cells] == payloads  # the text is kept verbatim
    assert all(c.data_type == "s" for c in cells)  # never a formula
    assert [bool(c.quotePrefix) for c in cells] == [True, True, True, True, True, False]


# --- JSON ---------------------------------------------------------------------------


def test_json_is_a_data_package_with_typed_inline_rows(out_dir: Path, repo_root: Path) -> None:
    export(out_dir / "trd.json", "json")
    doc = json.loads((out_dir / "trd.json").read_text("utf-8"))
    assert doc["version"] == trd.data_version()
    resources = {r["name"]: r for r in doc["resources"]}
    assert list(resources) == list(trd.tables())
    for name, resource in resources.items():
        rows = csv_rows(repo_root, name)
        assert "path" not in resource and len(resource["data"]) == len(rows)
        for got, want in zip(resource["data"], rows, strict=True):
            assert list(got) == list(want)
            for column, text in want.items():
                value = got[column]
                if text == "":
                    assert value is None, (name, column)
                elif isinstance(value, bool):
                    assert text == str(value).lower()
                elif isinstance(value, int | float):
                    assert float(text) == value, (name, column)
                else:
                    assert value == text, (name, column)
    fatalities = [r["fatalities"] for r in resources["events"]["data"] if r["fatalities"] is not None]
    assert fatalities and all(type(v) is int for v in fatalities)


@pytest.mark.slow  # frictionless reads every inline row in Python
def test_frictionless_finds_the_json_export_valid(tmp_path: Path) -> None:
    import frictionless

    export(tmp_path / "trd.json", "json")
    report = frictionless.validate(str(tmp_path / "trd.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


# --- Writing safely -----------------------------------------------------------------


def test_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "trd.sqlite"
    target.write_text("precious", encoding="utf-8")
    with pytest.raises(OutputExistsError, match="--force"):
        export(target, "sqlite")
    assert target.read_text("utf-8") == "precious"
    export(target, "sqlite", force=True)
    assert sqlite3.connect(target).execute("SELECT count(*) FROM events").fetchone()[0] == len(trd.load("events"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["trd.sqlite"]  # no temporary files left


def test_a_failed_export_leaves_the_old_file_and_no_temporaries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from turkey_russia_data import exports

    target = tmp_path / "trd.json"
    target.write_text("old", encoding="utf-8")

    def half_then_fail(path: Path, package: object) -> dict[str, int]:
        path.write_text("half", encoding="utf-8")
        raise OSError("disk full")

    monkeypatch.setattr(exports, "_writer", lambda fmt: half_then_fail)
    with pytest.raises(OSError, match="disk full"):
        export(target, "json", force=True)
    assert target.read_text("utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["trd.json"]


def test_parquet_folder_is_replaced_only_with_force(tmp_path: Path) -> None:
    folder = tmp_path / "pq"
    folder.mkdir()
    (folder / "mine.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(OutputExistsError):
        export(folder, "parquet")
    assert [p.name for p in folder.iterdir()] == ["mine.txt"]
    export(folder, "parquet", force=True)
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{n}.parquet" for n in trd.tables())
    assert [p.name for p in tmp_path.iterdir()] == ["pq"]


def test_wrong_kind_of_target_and_missing_folder(tmp_path: Path) -> None:
    (tmp_path / "dir.sqlite").mkdir()
    with pytest.raises(ExportError, match="is a folder"):
        export(tmp_path / "dir.sqlite", "sqlite", force=True)
    with pytest.raises(ExportError, match="no such folder"):
        export(tmp_path / "missing" / "x.json", "json")
    with pytest.raises(ExportError, match="unknown export format"):
        export(tmp_path / "x.csv", "csv")


def test_the_package_exposes_the_export_api() -> None:
    from turkey_russia_data import exports

    assert trd.export is exports.export and trd.ExportResult is exports.ExportResult


def test_format_from_the_file_name() -> None:
    assert [format_for(n) for n in ("a.sqlite", "a.db", "a.duckdb", "a.xlsx", "a.json", "a.parquet")] == [
        "sqlite",
        "sqlite",
        "duckdb",
        "xlsx",
        "json",
        "parquet",
    ]
    with pytest.raises(ExportError, match="cannot tell the format"):
        format_for("a.txt")


def test_missing_optional_library_says_which_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "duckdb", None)  # makes "import duckdb" fail
    with pytest.raises(MissingDependencyError, match=r"pip install 'turkey-russia-data\[duckdb\]'"):
        export(tmp_path / "x.duckdb", "duckdb")
    assert list(tmp_path.iterdir()) == []


# --- Command line -------------------------------------------------------------------


def test_cli_export_exit_codes(tmp_path: Path, repo_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "trd.json"
    package = str(repo_root)  # named, so stderr holds only what the command has to say
    assert cli.main(["export", "--format", "json", "--out", str(out), package]) == 0
    assert (
        f"wrote json export of {len(trd.tables())} tables ({sum(len(trd.load(n)) for n in trd.tables()):,} rows)"
        in (capsys.readouterr().out)
    )
    before = out.read_bytes()
    assert cli.main(["export", "--format", "json", "--out", str(out), package]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "already exists" in err and "Traceback" not in err
    assert out.read_bytes() == before
    assert cli.main(["export", "--format", "json", "--out", str(out), "--force", package]) == 0


def test_cli_export_reports_a_missing_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    assert cli.main(["export", "--format", "xlsx", "--out", str(tmp_path / "t.xlsx")]) == 2
    assert "turkey-russia-data[xlsx]" in capsys.readouterr().err
    assert not (tmp_path / "t.xlsx").exists()


# --- Interrupted exports (real processes: the signal ends the process itself) -------


def _start_export(out: Path) -> subprocess.Popen[str]:
    """An export to ``out`` as a process, returned once its temporary folder exists."""
    process = subprocess.Popen(
        [sys.executable, "-m", "turkey_russia_data", "export", "--format", "duckdb", "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not list(out.parent.glob(f".{out.name}.*.part")):
        assert process.poll() is None and time.monotonic() < deadline, "the export ended before it could be stopped"
        time.sleep(0.005)
    return process


def test_sigterm_mid_export_leaves_nothing_behind(tmp_path: Path) -> None:
    pytest.importorskip("duckdb")
    process = _start_export(tmp_path / "out.duckdb")
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signal.SIGTERM and "Traceback" not in err, err
    assert list(tmp_path.iterdir()) == []


def test_the_next_export_removes_what_a_killed_one_left(tmp_path: Path) -> None:
    pytest.importorskip("duckdb")
    out = tmp_path / "out.duckdb"
    process = _start_export(out)
    process.kill()
    process.wait(timeout=60)  # reaped: its process id no longer exists
    (stale,) = tmp_path.glob(".out.duckdb.*.part")
    # A part of a process that is still running is someone's export under way: kept.
    running = tmp_path / f".out.duckdb.{os.getppid()}.abcd1234.part"
    running.mkdir()
    result = export(out, "duckdb")
    assert result.path == out and out.is_file()
    assert not stale.exists() and running.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [running.name, "out.duckdb"]
