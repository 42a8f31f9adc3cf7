"""A catalogue of single faults injected into a copy of the shipped package, each with
the code and row id the validator must report. Built from the shipped tables, so that
every family of faults is tried on real rows of every table.

A mutation edits one thing, then refreshes the descriptor's hashes (as a contributor
running ``descriptor --write`` would), so that the hash check does not catch it for
free; the hash mutation itself is the exception.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from packagekit import records, rehash, rows, write_rows

from turkey_russia_data.datetext import mentions
from turkey_russia_data.schema import table_names, table_spec

ROOT = Path(__file__).resolve().parent.parent
TABLES = ROOT / "tables"
# primary key of each table, from the schemas
PK = {name: table_spec(name).primary_key[0] for name in table_names()}

Apply = Callable[[Path], None]
# level number -> [caught, tried]; printed at the end of the test run (conftest).
RESULTS: dict[int, list[int]] = {}


@dataclass(frozen=True)
class Mutation:
    name: str
    level: int
    code: str
    file: str
    row_id: str | None
    apply: Apply
    needs_texts: bool = False
    rehash: bool = True


def _load(table: str) -> list[dict[str, str]]:
    return list(_records(table))


@cache
def _records(table: str) -> tuple[dict[str, str], ...]:
    # The shipped tables are read once per run: the catalogue is built by several test
    # modules, and its builders look rows up many times. Nothing here edits a record.
    return tuple(records(TABLES / f"{table}.csv"))


def set_cell(table: str, row_id: str, column: str, value: str) -> Apply:
    def apply(pkg: Path) -> None:
        path = pkg / "tables" / f"{table}.csv"
        data = rows(path)
        key, col = data[0].index(PK[table]), data[0].index(column)
        hit = [r for r in data[1:] if r[key] == row_id]
        assert len(hit) == 1, (table, row_id)
        assert hit[0][col] != value, (table, row_id, column, value)
        hit[0][col] = value
        write_rows(path, data)

    return apply


def edit_rows(table: str, change: Callable[[list[list[str]]], list[list[str]]]) -> Apply:
    def apply(pkg: Path) -> None:
        path = pkg / "tables" / f"{table}.csv"
        data = rows(path)
        write_rows(path, change(data))

    return apply


def edit_bytes(table: str, change: Callable[[bytes], bytes]) -> Apply:
    def apply(pkg: Path) -> None:
        path = pkg / "tables" / f"{table}.csv"
        path.write_bytes(change(path.read_bytes()))

    return apply


def edit_descriptor(change: Callable[[dict], None]) -> Apply:  # type: ignore[type-arg]
    def apply(pkg: Path) -> None:
        path = pkg / "datapackage.json"
        descriptor = json.loads(path.read_text("utf-8"))
        change(descriptor)
        path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")

    return apply


def resource(descriptor: dict, name: str) -> dict:  # type: ignore[type-arg]
    return next(r for r in descriptor["resources"] if r["name"] == name)


def citations_of(table: str, row_id: str) -> list[dict[str, str]]:
    return [c for c in _load("citations") if c["table"] == table and c["row_id"] == row_id]


def relabel(table: str, row_id: str, parts: tuple[str, ...], to: str) -> Apply:
    ids = {c["citation_id"] for c in citations_of(table, row_id) if c["supports"] in parts}
    assert ids, (table, row_id, parts)

    def change(data: list[list[str]]) -> list[list[str]]:
        i = data[0].index("supports")
        for r in data[1:]:
            if r[0] in ids:
                r[i] = to
        return data

    return edit_rows("citations", change)


def _every(items: list[dict[str, str]], n: int) -> list[dict[str, str]]:
    """n items spread evenly over the list: deterministic and covering its whole range."""
    if len(items) <= n:
        return items
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def _file(table: str) -> str:
    return f"tables/{table}.csv"


# --------------------------------------------------------------------------- level 1


def structure() -> list[Mutation]:
    m: list[Mutation] = []

    def add(name: str, code: str, table: str, row_id: str | None, apply: Apply, **kw: bool) -> None:
        m.append(Mutation(name, 1, code, _file(table), row_id, apply, **kw))

    add(
        "type: number with a word",
        "E110",
        "trade_flows",
        "TF0002",
        set_cell("trade_flows", "TF0002", "value", "28.9bn"),
    )
    add("type: integer with a decimal", "E110", "events", "EV0020", set_cell("events", "EV0020", "fatalities", "33.5"))
    add("type: boolean", "E110", "actors", "TUR", set_cell("actors", "TUR", "nato_member", "yes"))
    add("required: empty title", "E111", "events", "EV0001", set_cell("events", "EV0001", "title", ""))
    add("required: empty unit", "E111", "trade_flows", "TF0010", set_cell("trade_flows", "TF0010", "unit", ""))
    add("required: empty quote", "E111", "citations", "CI00001", set_cell("citations", "CI00001", "quote", ""))
    add("enum: event category", "E112", "events", "EV0005", set_cell("events", "EV0005", "category", "war-ish"))
    add("enum: unit spelled out", "E112", "trade_flows", "TF0002", set_cell("trade_flows", "TF0002", "unit", "dollars"))
    add(
        "enum: stance",
        "E112",
        "member_state_positions",
        "MP0010",
        set_cell("member_state_positions", "MP0010", "stance", "hostile"),
    )
    add("enum: supports", "E112", "citations", "CI00010", set_cell("citations", "CI00010", "supports", "all"))
    add("enum: deal status", "E112", "arms_deals", "AD0001", set_cell("arms_deals", "AD0001", "status", "bought"))
    add("enum: fuel", "E112", "energy_shares", "ES0001", set_cell("energy_shares", "ES0001", "fuel", "gas"))
    add(
        "pattern: lower-case actor",
        "E113",
        "trade_flows",
        "TF0002",
        set_cell("trade_flows", "TF0002", "reporter", "rus"),
    )
    add("pattern: date with slashes", "E113", "events", "EV0009", set_cell("events", "EV0009", "date", "24/11/2015"))
    add(
        "pattern: doi with resolver",
        "E113",
        "sources",
        "swp-alignment",
        set_cell("sources", "swp-alignment", "doi", "https://doi.org/10.18449/2025C36"),
    )
    add(
        "pattern: short sha256",
        "E113",
        "sources",
        "ceip-entanglement",
        set_cell("sources", "ceip-entanglement", "text_sha256", "abc123"),
    )
    add("invalid date: 30 February", "E114", "events", "EV0010", set_cell("events", "EV0010", "date", "2015-02-30"))
    add(
        "invalid date: interval backwards",
        "E114",
        "trade_flows",
        "TF0014",
        set_cell("trade_flows", "TF0014", "period", "2018/2003"),
    )
    add("constraint: negative deaths", "E115", "events", "EV0015", set_cell("events", "EV0015", "fatalities", "-3"))
    add(
        "constraint: quote too long",
        "E115",
        "citations",
        "CI00005",
        set_cell("citations", "CI00005", "quote", "x" * 301),
    )
    add(
        "co-required: deaths without as-printed",
        "E116",
        "events",
        "EV0020",
        set_cell("events", "EV0020", "fatalities_as_stated", ""),
    )
    add(
        "co-required: derived without derivation",
        "E116",
        "events",
        "EV0001",
        set_cell("events", "EV0001", "derivation", "")
        if _load("events")[0]["date_basis"] == "derived"
        else set_cell("events", "EV0001", "date_basis", "derived"),
    )
    add(
        "co-required: arms value without currency",
        "E116",
        "arms_deals",
        "AD0014",
        set_cell("arms_deals", "AD0014", "currency", ""),
    )

    def duplicate(data: list[list[str]]) -> list[list[str]]:
        i = next(k for k, r in enumerate(data) if r[0] == "AD0003")
        return [*data[: i + 1], list(data[i]), *data[i + 1 :]]

    add("duplicate id", "E120", "arms_deals", "AD0003", edit_rows("arms_deals", duplicate))

    def swap(data: list[list[str]]) -> list[list[str]]:
        i = next(k for k, r in enumerate(data) if r[0] == "TF0002")
        data[i], data[i + 1] = data[i + 1], data[i]
        return data

    add("rows out of order", "E123", "trade_flows", "TF0002", edit_rows("trade_flows", swap))
    add(
        "foreign key: unknown reporter",
        "E121",
        "trade_flows",
        "TF0003",
        set_cell("trade_flows", "TF0003", "reporter", "XXX"),
    )
    add(
        "foreign key: unknown supplier",
        "E121",
        "energy_shares",
        "ES0018",
        set_cell("energy_shares", "ES0018", "supplier", "ZZZ"),
    )
    add(
        "foreign key: unknown source",
        "E121",
        "citations",
        "CI00100",
        set_cell("citations", "CI00100", "source_id", "nobody-paper"),
    )
    add(
        "foreign key: deal to unknown event",
        "E121",
        "arms_deals",
        "AD0011",
        set_cell("arms_deals", "AD0011", "event_id", "EV9999"),
    )
    add(
        "foreign key: position actor",
        "E121",
        "member_state_positions",
        "MP0001",
        set_cell("member_state_positions", "MP0001", "actor", "QQQ"),
    )
    m.append(
        Mutation(
            "hash: file edited without descriptor --write",
            1,
            "E124",
            _file("events"),
            None,
            set_cell("events", "EV0001", "notes", "edited"),
            rehash=False,
        )
    )
    add(
        "header renamed",
        "E106",
        "events",
        None,
        edit_bytes("events", lambda b: b.replace(b"event_id,date", b"event_id,when", 1)),
    )
    add(
        "ragged row",
        "E107",
        "energy_shares",
        "ES0002",
        edit_bytes("energy_shares", lambda b: b.replace(b"\nES0002,", b"\nES0002,,", 1)),
    )
    add("byte-order mark", "E103", "events", None, edit_bytes("events", lambda b: b"\xef\xbb\xbf" + b))
    add(
        "CRLF line endings", "E104", "trade_flows", None, edit_bytes("trade_flows", lambda b: b.replace(b"\n", b"\r\n"))
    )
    add("NUL byte", "E105", "citations", None, edit_bytes("citations", lambda b: b.replace(b"\n", b"\n\x00", 3)))
    add("not UTF-8", "E102", "events", None, edit_bytes("events", lambda b: b.replace("ü".encode(), b"\xfc", 1)))
    add("empty file", "E105", "arms_deals", None, edit_bytes("arms_deals", lambda b: b""))
    add(
        "unclosed quote",
        "E105",
        "events",
        None,
        edit_bytes("events", lambda b: b.replace(b"\nEV0003,", b'\nEV0003,"', 1)),
    )

    def set_path(value: str) -> Apply:
        return edit_descriptor(lambda d: resource(d, "arms_deals").__setitem__("path", value))

    m.append(Mutation("path leaves the package", 1, "E101", "datapackage.json", None, set_path("../arms_deals.csv")))
    m.append(Mutation("absolute path", 1, "E101", "datapackage.json", None, set_path("/etc/passwd")))
    m.append(Mutation("remote path", 1, "E101", "datapackage.json", None, set_path("https://example.org/a.csv")))
    m.append(
        Mutation(
            "missing schema",
            1,
            "E101",
            "datapackage.json",
            None,
            edit_descriptor(lambda d: resource(d, "events").__setitem__("schema", "schemas/nothing.json")),
        )
    )

    def huge(pkg: Path) -> None:
        path = pkg / "tables" / "event_actors.csv"
        line = path.read_bytes().splitlines()[1] + b"\n"
        with path.open("ab") as handle:
            handle.write(line * (3 * 1024 * 1024 // len(line)))

    m.append(Mutation("file far larger than declared", 1, "E125", _file("event_actors"), None, huge, rehash=False))

    def edit_schema(table: str, change: Callable[[dict], None]) -> Apply:  # type: ignore[type-arg]
        def apply(pkg: Path) -> None:
            path = pkg / "schemas" / f"{table}.json"
            schema = json.loads(path.read_text("utf-8"))
            change(schema)
            path.write_text(json.dumps(schema, indent=2), encoding="utf-8")

        return apply

    def rename_date_role(schema: dict) -> None:  # type: ignore[type-arg]
        schema["x-dates"][0]["column"] = "when"

    m.append(
        Mutation(
            "date role names a missing column",
            1,
            "E126",
            "schemas/energy_shares.json",
            None,
            edit_schema("energy_shares", rename_date_role),
        )
    )
    m.append(
        Mutation(
            "bounds not numbers",
            1,
            "E126",
            "schemas/arms_deals.json",
            None,
            edit_schema("arms_deals", lambda s: s["x-bounds"][0].__setitem__("maximum", "a lot")),
        )
    )
    return m


# --------------------------------------------------------------------------- level 2


def evidence() -> list[Mutation]:
    m: list[Mutation] = []
    for table, row_id in [
        ("events", "EV0005"),
        ("trade_flows", "TF0010"),
        ("energy_shares", "ES0018"),
        ("arms_deals", "AD0013"),
        ("member_state_positions", "MP0010"),
    ]:
        ids = {c["citation_id"] for c in citations_of(table, row_id)}
        m.append(
            Mutation(
                f"citations deleted: {row_id}",
                2,
                "E201",
                _file(table),
                row_id,
                edit_rows("citations", lambda d, ids=ids: [r for r in d if r[0] not in ids]),
            )
        )
    for table, row_id in [("events", "EV0030"), ("trade_flows", "TF0020")]:
        ids = {c["citation_id"] for c in citations_of(table, row_id)}

        def refute(data: list[list[str]], ids: set[str] = ids) -> list[list[str]]:
            i = data[0].index("relation")
            for r in data[1:]:
                if r[0] in ids:
                    r[i] = "refutes"
            return data

        m.append(
            Mutation(
                f"only refuting citations: {row_id}", 2, "E201", _file(table), row_id, edit_rows("citations", refute)
            )
        )
    for cid, value in [("CI00001", "EV9999"), ("CI00300", "TF9999"), ("CI00700", "MP9999")]:
        m.append(
            Mutation(
                f"citation to a missing row: {cid}",
                2,
                "E202",
                _file("citations"),
                cid,
                set_cell("citations", cid, "row_id", value),
            )
        )
    m += errata_faults()
    cite = next(c for c in _load("citations") if c["table"] == "events")
    m.append(
        Mutation(
            "citation to the wrong table",
            2,
            "E202",
            _file("citations"),
            cite["citation_id"],
            set_cell("citations", cite["citation_id"], "table", "trade_flows"),
        )
    )
    return m


def _erratum_entry(table: str, row_id: str, column: str) -> Callable[[list[str], list[str]], bool]:
    def hit(header: list[str], r: list[str]) -> bool:
        return (r[header.index("table")], r[header.index("row_id")], r[header.index("column")]) == (
            table,
            row_id,
            column,
        )

    return hit


def drop_erratum(table: str, row_id: str, column: str) -> Apply:
    """Remove the errata entry naming this cell."""
    hit = _erratum_entry(table, row_id, column)
    return edit_rows("errata", lambda d: [d[0], *(r for r in d[1:] if not hit(d[0], r))])


def set_erratum(table: str, row_id: str, column: str, field: str, value: str) -> Apply:
    """Change one cell of the errata entry naming this cell."""
    hit = _erratum_entry(table, row_id, column)

    def change(data: list[list[str]]) -> list[list[str]]:
        found = [r for r in data[1:] if hit(data[0], r)]
        assert len(found) == 1, (table, row_id, column)
        found[0][data[0].index(field)] = value
        return data

    return edit_rows("errata", change)


def errata_faults() -> list[Mutation]:
    errata = _file("errata")
    return [
        Mutation(
            "erratum to a missing row: TF0018",
            2,
            "E203",
            errata,
            "trade_flows/TF9999/value",
            set_erratum("trade_flows", "TF0018", "value", "row_id", "TF9999"),
        ),
        Mutation(
            "erratum to a missing column: ES0010",
            2,
            "E203",
            errata,
            "energy_shares/ES0010/value_printed",
            set_erratum("energy_shares", "ES0010", "value_as_stated", "column", "value_printed"),
        ),
        Mutation(
            "erratum note dropped: TF0018",
            2,
            "E204",
            errata,
            "trade_flows/TF0018/value",
            set_cell("trade_flows", "TF0018", "erratum", ""),
        ),
        Mutation(
            "errata entry dropped: TF0021",
            2,
            "E204",
            _file("trade_flows"),
            "TF0021",
            drop_erratum("trade_flows", "TF0021", "value"),
        ),
        Mutation(
            "erratum note with no entry: TF0010",
            2,
            "E204",
            _file("trade_flows"),
            "TF0010",
            set_cell("trade_flows", "TF0010", "erratum", "The source misprints the figure."),
        ),
    ]


# --------------------------------------------------------------------------- level 3


def _one_char(quote: str) -> str:
    i = len(quote) // 2
    while not quote[i].isalpha():
        i += 1
    return quote[:i] + ("a" if quote[i] != "a" else "e") + quote[i + 1 :]


def quotes() -> list[Mutation]:
    m: list[Mutation] = []
    cites = _load("citations")
    by_source: dict[str, list[dict[str, str]]] = {}
    for c in cites:
        by_source.setdefault(c["source_id"], []).append(c)
    for _source, items in sorted(by_source.items()):
        for c in _every(items, 3):
            m.append(
                Mutation(
                    f"one character of a quote: {c['citation_id']}",
                    3,
                    "E301",
                    _file("citations"),
                    c["citation_id"],
                    set_cell("citations", c["citation_id"], "quote", _one_char(c["quote"])),
                    needs_texts=True,
                )
            )
    with_year = [c for c in cites if re.search(r"\b(19|20)[0-9]{2}\b", c["quote"])]
    for c in _every(with_year, 3):
        changed = re.sub(
            r"\b((?:19|20)[0-9])([0-9])\b", lambda x: x.group(1) + str((int(x.group(2)) + 3) % 10), c["quote"], count=1
        )
        m.append(
            Mutation(
                f"a year in a quote: {c['citation_id']}",
                3,
                "E301",
                _file("citations"),
                c["citation_id"],
                set_cell("citations", c["citation_id"], "quote", changed),
                needs_texts=True,
            )
        )
    c = next(c for c in cites if c["source_id"] == "bardakci-feasible")
    m.append(
        Mutation(
            "quote attributed to another source",
            3,
            "E301",
            _file("citations"),
            c["citation_id"],
            set_cell("citations", c["citation_id"], "source_id", "swp-alignment"),
            needs_texts=True,
        )
    )
    for s in _load("sources")[:3]:
        digest = s["text_sha256"]
        m.append(
            Mutation(
                f"fingerprint of {s['source_id']}",
                3,
                "E302",
                _file("sources"),
                s["source_id"],
                set_cell("sources", s["source_id"], "text_sha256", digest[::-1]),
                needs_texts=True,
            )
        )
    return m


# --------------------------------------------------------------------------- level 4


def _figure_rows() -> list[tuple[str, dict[str, str]]]:
    out = []
    for table in ("trade_flows", "energy_shares"):
        for r in _load(table):
            if r["value_basis"] == "stated" and not r["erratum"]:
                out.append((table, r))
    return out


def values() -> list[Mutation]:
    m: list[Mutation] = []
    figures = _figure_rows()
    for table, r in _every(figures, 14):
        value = float(r["value"]) * 10
        m.append(
            Mutation(
                f"value x10: {r[PK[table]]}",
                4,
                "E403",
                _file(table),
                r[PK[table]],
                set_cell(table, r[PK[table]], "value", f"{value:.12g}"),
            )
        )
    m.append(
        Mutation(
            "indicator value x10: IN0001",
            4,
            "E403",
            _file("indicators"),
            "IN0001",
            set_cell("indicators", "IN0001", "value", "4020000"),
        )
    )
    for table, r in _every([f for f in figures if f[1]["qualifier"] != "exact"], 4):
        m.append(
            Mutation(
                f"qualifier dropped: {r[PK[table]]}",
                4,
                "E404",
                _file(table),
                r[PK[table]],
                set_cell(table, r[PK[table]], "qualifier", "exact"),
            )
        )
    for table, r in _every([f for f in figures if f[1]["qualifier"] == "exact"], 4):
        m.append(
            Mutation(
                f"qualifier added: {r[PK[table]]}",
                4,
                "E404",
                _file(table),
                r[PK[table]],
                set_cell(table, r[PK[table]], "qualifier", "approximately"),
            )
        )
    for table, r in _every([f for f in figures if f[1]["unit"] in ("USD", "percent")], 5):
        other = "EUR" if r["unit"] == "USD" else "tonnes"
        m.append(
            Mutation(
                f"unit changed: {r[PK[table]]}",
                4,
                "E405",
                _file(table),
                r[PK[table]],
                set_cell(table, r[PK[table]], "unit", other),
            )
        )
    for table, r in _every([f for f in figures if re.search(r"[0-9]", f[1]["value_as_stated"])], 4):
        printed = re.sub(r"[0-9]", lambda x: str((int(x.group()) + 1) % 10), r["value_as_stated"], count=1)
        m.append(
            Mutation(
                f"figure as printed not in the quote: {r[PK[table]]}",
                4,
                "E402",
                _file(table),
                r[PK[table]],
                set_cell(table, r[PK[table]], "value_as_stated", printed),
            )
        )
    m.append(
        Mutation(
            "errata entry dropped: TF0018",
            4,
            "E403",
            _file("trade_flows"),
            "TF0018",
            drop_erratum("trade_flows", "TF0018", "value"),
        )
    )
    # An erratum excuses the column it names, not its row: the value of TF0018 is
    # corrected, its qualifier is not (a whole-row erratum used to silence this).
    m.append(
        Mutation(
            "erratum on the value, qualifier wrong: TF0018",
            4,
            "E404",
            _file("trade_flows"),
            "TF0018",
            set_cell("trade_flows", "TF0018", "qualifier", "more_than"),
        )
    )
    m.append(
        Mutation(
            "deaths changed: EV0020",
            4,
            "E403",
            _file("events"),
            "EV0020",
            set_cell("events", "EV0020", "fatalities", "34"),
        )
    )
    m.append(
        Mutation(
            "arms quantity changed: AD0009",
            4,
            "E403",
            _file("arms_deals"),
            "AD0009",
            set_cell("arms_deals", "AD0009", "quantity", "5"),
        )
    )
    m.append(
        Mutation(
            "arms value scale slip: AD0014",
            4,
            "E403",
            _file("arms_deals"),
            "AD0014",
            set_cell("arms_deals", "AD0014", "value", "1375000"),
        )
    )
    m.append(
        Mutation(
            "arms currency changed: AD0014",
            4,
            "E405",
            _file("arms_deals"),
            "AD0014",
            set_cell("arms_deals", "AD0014", "currency", "USD"),
        )
    )
    m.append(
        Mutation(
            "arms quantity qualifier dropped: AD0002",
            4,
            "E404",
            _file("arms_deals"),
            "AD0002",
            set_cell("arms_deals", "AD0002", "quantity_qualifier", "exact"),
        )
    )
    for table, row_id in [
        ("events", "EV0017"),
        ("member_state_positions", "MP0020"),
        ("arms_deals", "AD0013"),
        ("trade_flows", "TF0012"),
    ]:
        m.append(
            Mutation(
                f"only context quotes: {row_id}",
                4,
                "E401",
                _file(table),
                row_id,
                relabel(table, row_id, ("value", "both"), "context"),
            )
        )
    return m


# --------------------------------------------------------------------------- level 5


def _stated_dates() -> list[tuple[str, str, dict[str, str]]]:
    columns = {
        "events": ("date", "date_basis"),
        "trade_flows": ("period", "period_basis"),
        "energy_shares": ("period", "period_basis"),
        "arms_deals": ("date", "date_basis"),
        "member_state_positions": ("as_of", "as_of_basis"),
    }
    out = []
    for table, (column, basis) in columns.items():
        for r in _load(table):
            if r[basis] == "stated" and re.fullmatch(r"[0-9]{4}(-[0-9]{2}){0,2}", r[column]):
                out.append((table, column, r))
    return out


def dates() -> list[Mutation]:
    m: list[Mutation] = []
    stated = _stated_dates()
    cites = _load("citations")
    for table, column, r in _every(stated, 16):  # type: ignore[arg-type]
        row_id = r[PK[table]]
        said = " | ".join(c["quote"] for c in cites if c["table"] == table and c["row_id"] == row_id)
        years = {x.start.year for x in mentions(said)}
        year = int(r[column][:4]) + 7
        while year in years:
            year += 1
        m.append(
            Mutation(
                f"year shifted: {row_id} {column}",
                5,
                "E501",
                _file(table),
                row_id,
                set_cell(table, row_id, column, str(year) + r[column][4:]),
            )
        )
    for table, column, r in _every([s for s in stated if len(s[2][s[1]]) == 4], 4):  # type: ignore[arg-type]
        row_id = r[PK[table]]
        said = " | ".join(c["quote"] for c in cites if c["table"] == table and c["row_id"] == row_id).lower()
        month = next(mo for mo, name in ((11, "november"), (2, "february"), (8, "august")) if name not in said)
        m.append(
            Mutation(
                f"more precise than stated: {row_id}",
                5,
                "E501",
                _file(table),
                row_id,
                set_cell(table, row_id, column, f"{r[column]}-{month:02d}"),
            )
        )
    for table, _column, r in _every(stated, 5):  # type: ignore[arg-type]
        row_id = r[PK[table]]
        m.append(
            Mutation(
                f"no date quote: {row_id}",
                5,
                "E502",
                _file(table),
                row_id,
                relabel(table, row_id, ("date", "both"), "value"),
            )
        )
    return m


# --------------------------------------------------------------------------- level 6


def coherence() -> list[Mutation]:
    def mk(name: str, code: str, table: str, row_id: str, apply: Apply) -> Mutation:
        return Mutation(name, 6, code, _file(table), row_id, apply)

    return [
        mk("trade share above 100", "E601", "trade_flows", "TF0012", set_cell("trade_flows", "TF0012", "value", "156")),
        mk(
            "energy share above 100",
            "E601",
            "energy_shares",
            "ES0018",
            set_cell("energy_shares", "ES0018", "value", "152"),
        ),
        mk("negative share", "E601", "energy_shares", "ES0016", set_cell("energy_shares", "ES0016", "value", "-75")),
        mk("poll share above 100", "E601", "indicators", "IN0008", set_cell("indicators", "IN0008", "value", "153")),
        mk(
            "shares of one whole above 100",
            "E602",
            "trade_flows",
            "TF0026",
            set_cell("trade_flows", "TF0023", "value", "64"),
        ),
        mk(
            "exports plus imports break the turnover",
            "E603",
            "trade_flows",
            "TF0001",
            set_cell("trade_flows", "TF0002", "value", "18900000000"),
        ),
        mk(
            "turnover below its parts",
            "E603",
            "trade_flows",
            "TF0001",
            set_cell("trade_flows", "TF0001", "qualifier", "less_than"),
        ),
        mk(
            "pipeline parts above capacity",
            "E603",
            "energy_shares",
            "ES0010",
            set_cell("energy_shares", "ES0011", "value", "25750000000"),
        ),
        mk(
            "delivery before the deal", "E604", "arms_deals", "AD0001", set_cell("arms_deals", "AD0001", "date", "2020")
        ),
        mk(
            "deal linked to an event of another time",
            "E605",
            "arms_deals",
            "AD0005",
            set_cell("arms_deals", "AD0005", "event_id", "EV0017"),
        ),
        mk(
            "deal dated away from its event",
            "E605",
            "arms_deals",
            "AD0013",
            set_cell("arms_deals", "AD0013", "date", "2021-12"),
        ),
    ]


# --------------------------------------------------------------------------- level 7


def plausibility() -> list[Mutation]:
    def mk(name: str, code: str, table: str, row_id: str, column: str, value: str) -> Mutation:
        return Mutation(name, 7, code, _file(table), row_id, set_cell(table, row_id, column, value))

    return [
        mk("GDP off by a million", "E701", "trade_flows", "TF0030", "value", "240000000000000000"),
        mk("per-capita income in billions", "E701", "trade_flows", "TF0031", "value", "3687000000000"),
        mk("tourists in trillions", "E701", "trade_flows", "TF0017", "value", "7000000000000"),
        mk("bilateral trade in trillions", "E701", "trade_flows", "TF0011", "value", "3400000000000000"),
        mk("transit volume in litres", "E701", "energy_shares", "ES0012", "value", "15750000000000000"),
        mk("tonnes scale slip", "E701", "energy_shares", "ES0003", "value", "19300000000000"),
        mk("fractional rank", "E701", "trade_flows", "TF0005", "value", "2.5"),
        mk("rank beyond any list", "E701", "energy_shares", "ES0030", "value", "3000"),
        mk("deaths in billions", "E701", "events", "EV0015", "fatalities", "3000000000"),
        mk("arms quantity implausible", "E701", "arms_deals", "AD0002", "quantity", "10000000"),
        mk("event after its source", "E702", "events", "EV0017", "date", "2031-07"),
        # errata on another column of the row excuse nothing here
        mk(
            "printed form corrected, value slipped: ES0010",
            "E701",
            "energy_shares",
            "ES0010",
            "value",
            "31500000000000000",
        ),
        mk("value corrected, period after the source: TF0018", "E702", "trade_flows", "TF0018", "period", "2031"),
        mk("position after its source", "E702", "member_state_positions", "MP0010", "as_of", "2030"),
    ]


# --------------------------------------------------------------------------- level 8


def conflicts() -> list[Mutation]:
    m: list[Mutation] = []
    refuted = sorted({(c["table"], c["row_id"]) for c in _load("citations") if c["relation"] == "refutes"})
    for table, row_id in refuted:
        row = next(r for r in _load(table) if r[PK[table]] == row_id)
        notes = row["notes"]
        cleared = re.sub(r"CONFLICT:", "Note:", notes)
        if row.get("erratum"):
            continue
        m.append(
            Mutation(
                f"conflict note dropped: {row_id}",
                8,
                "E802",
                _file(table),
                row_id,
                set_cell(table, row_id, "notes", cleared),
            )
        )
    m.append(
        Mutation(
            "rank perspective lost: ES0009",
            8,
            "E801",
            _file("energy_shares"),
            "ES0027",
            set_cell("energy_shares", "ES0009", "metric", "rank"),
        )
    )
    m.append(
        Mutation(
            "two periods made one: TF0013",
            8,
            "E801",
            _file("trade_flows"),
            "TF0013",
            set_cell("trade_flows", "TF0013", "period", "1999"),
        )
    )

    # ES0014 and ES0015 carry errata on their printed form; made one fact, their values
    # disagree, and an erratum on another column does not explain that.
    def same_fact(data: list[list[str]]) -> list[list[str]]:
        h = data[0]
        for r in data[1:]:
            if r[h.index("share_id")] == "ES0015":
                r[h.index("country")], r[h.index("metric")] = "EU", "transit_volume"
        return data

    m.append(
        Mutation(
            "errata on the printed form, values disagree: ES0015",
            8,
            "E801",
            _file("energy_shares"),
            "ES0015",
            edit_rows("energy_shares", same_fact),
        )
    )
    positions = [p for p in _load("member_state_positions") if "CONFLICT:" not in p["notes"]]
    pairs = [
        (a, b)
        for i, a in enumerate(positions)
        for b in positions[i + 1 :]
        if (a["actor"], a["topic"]) == (b["actor"], b["topic"])
        and a["stance"] != b["stance"]
        and a["as_of"] != b["as_of"]
    ]
    for a, b in _every(pairs, 3):  # type: ignore[arg-type]
        m.append(
            Mutation(
                f"two times made one: {b['position_id']}",
                8,
                "E801",
                _file("member_state_positions"),
                b["position_id"],
                set_cell("member_state_positions", b["position_id"], "as_of", a["as_of"]),
            )
        )
    return m


def catalogue() -> list[Mutation]:
    return list(_catalogue())


@cache
def _catalogue() -> tuple[Mutation, ...]:
    return (*structure(), *evidence(), *quotes(), *values(), *dates(), *coherence(), *plausibility(), *conflicts())


def apply(mutation: Mutation, pkg: Path) -> None:
    mutation.apply(pkg)
    if mutation.rehash:
        rehash(pkg)
