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


def _next_id(ids: list[str]) -> str:
    """The id after the largest of these (same prefix and width)."""
    last = max(ids)
    digits = len(last) - len(last.rstrip("0123456789"))
    return f"{last[:-digits]}{int(last[-digits:]) + 1:0{digits}d}"


def duplicate_row(table: str, row_id: str) -> tuple[str, Apply]:
    """A copy of a fact row under the next free id, its citations copied with it."""
    new_id = _next_id([r[PK[table]] for r in _load(table)])

    def apply(pkg: Path) -> None:
        path = pkg / "tables" / f"{table}.csv"
        data = rows(path)
        key = data[0].index(PK[table])
        copy = list(next(r for r in data[1:] if r[key] == row_id))
        copy[key] = new_id
        write_rows(path, [*data, copy])
        cpath = pkg / "tables" / "citations.csv"
        cdata = rows(cpath)
        h = cdata[0]
        cid, ctable, crow = h.index("citation_id"), h.index("table"), h.index("row_id")
        ids = [r[cid] for r in cdata[1:]]
        added = []
        for r in cdata[1:]:
            if r[ctable] == table and r[crow] == row_id:
                c = list(r)
                c[cid] = _next_id(ids + [a[cid] for a in added])
                c[crow] = new_id
                added.append(c)
        write_rows(cpath, [*cdata, *added])

    return new_id, apply


def duplicates() -> list[Mutation]:
    """A fact row copied under a new id with its citations (as ES0001 -> ES0030)."""
    m: list[Mutation] = []
    for table, n in (("energy_shares", 3), ("trade_flows", 3), ("arms_deals", 2), ("member_state_positions", 2)):
        for r in _every(_load(table), n):
            new_id, change = duplicate_row(table, r[PK[table]])
            m.append(Mutation(f"fact copied: {r[PK[table]]} as {new_id}", 8, "E803", _file(table), new_id, change))
    return m


def set_link(table: str, key: tuple[str, str], column: str, value: str) -> Apply:
    """One cell of a link-table row, found by its two-column key; the rows stay sorted."""

    def apply(pkg: Path) -> None:
        path = pkg / "tables" / f"{table}.csv"
        data = rows(path)
        hit = [r for r in data[1:] if (r[0], r[1]) == key]
        assert len(hit) == 1, (table, key)
        hit[0][data[0].index(column)] = value
        write_rows(path, [data[0], *sorted(data[1:])])

    return apply


# An actor no quote of the shipped data names: a row changed to it names someone its
# quotes do not.
_STRANGER = "KOR"


def actors() -> list[Mutation]:
    """An actor a row names changed to another valid actor (as MP0022 USA -> GRC)."""
    m = [
        Mutation(
            "position actor changed: MP0022 USA -> GRC",
            4,
            "E406",
            _file("member_state_positions"),
            "MP0022",
            set_cell("member_state_positions", "MP0022", "actor", "GRC"),
            needs_texts=True,
        )
    ]
    for table, column, n in (
        ("member_state_positions", "actor", 4),
        ("trade_flows", "partner", 3),
        ("arms_deals", "supplier", 3),
    ):
        for r in _every([r for r in _load(table) if r[column] not in ("", _STRANGER, "WLD")], n):
            row_id = r[PK[table]]
            m.append(
                Mutation(
                    f"{column} changed: {row_id} {r[column]} -> {_STRANGER}",
                    4,
                    "E406",
                    _file(table),
                    row_id,
                    set_cell(table, row_id, column, _STRANGER),
                    needs_texts=True,
                )
            )
    links = _load("event_actors")
    taken = {(r["event_id"], r["actor_id"]) for r in links}
    for r in _every([r for r in links if (r["event_id"], _STRANGER) not in taken], 4):
        m.append(
            Mutation(
                f"event actor changed: {r['event_id']} {r['actor_id']} -> {_STRANGER}",
                4,
                "E406",
                _file("event_actors"),
                f"{r['event_id']}/{_STRANGER}",
                set_link("event_actors", (r["event_id"], r["actor_id"]), "actor_id", _STRANGER),
                needs_texts=True,
            )
        )
    return m


def swap_cells(table: str, row_id: str, first: str, second: str) -> Apply:
    def apply(pkg: Path) -> None:
        path = pkg / "tables" / f"{table}.csv"
        data = rows(path)
        key, a, b = (data[0].index(c) for c in (PK[table], first, second))
        hit = [r for r in data[1:] if r[key] == row_id]
        assert len(hit) == 1 and hit[0][a] != hit[0][b], (table, row_id)
        hit[0][a], hit[0][b] = hit[0][b], hit[0][a]
        write_rows(path, data)

    return apply


# Rows whose value-carrying quotes state which way the flow or transfer goes.
_DIRECTED = {
    "trade_flows": (
        "TF0002",
        "TF0003",
        "TF0008",
        "TF0009",
        "TF0010",
        "TF0011",
        "TF0022",
        "TF0023",
        "TF0024",
        "TF0025",
        "TF0026",
    ),
    "arms_deals": ("AD0001", "AD0003", "AD0004", "AD0007", "AD0009", "AD0011", "AD0012", "AD0022"),
}
_ENDS = {"trade_flows": ("reporter", "partner"), "arms_deals": ("supplier", "recipient")}
_FLIPPED = {
    "export": "import",
    "import": "export",
    "share_of_exports": "share_of_imports",
    "share_of_imports": "share_of_exports",
}


def directions() -> list[Mutation]:
    """Reporter and partner or supplier and recipient swapped (TF0003, AD0001); an
    export made an import and back (TF0011)."""
    m: list[Mutation] = []
    for table, ids in _DIRECTED.items():
        first, second = _ENDS[table]
        for row_id in ids:
            m.append(
                Mutation(
                    f"{first} and {second} swapped: {row_id}",
                    4,
                    "E407",
                    _file(table),
                    row_id,
                    swap_cells(table, row_id, first, second),
                )
            )
    flows = {r["flow_id"]: r["flow"] for r in _load("trade_flows")}
    for row_id in _DIRECTED["trade_flows"]:
        flipped = _FLIPPED[flows[row_id]]
        m.append(
            Mutation(
                f"flow flipped: {row_id} {flows[row_id]} -> {flipped}",
                4,
                "E407",
                _file("trade_flows"),
                row_id,
                set_cell("trade_flows", row_id, "flow", flipped),
            )
        )
    return m


def set_roles(event: str, roles: dict[str, str]) -> Apply:
    """The roles of some actors of one event (event_actors), as {actor: role}."""

    def apply(pkg: Path) -> None:
        path = pkg / "tables" / "event_actors.csv"
        data = rows(path)
        event_at, actor_at, role_at = (data[0].index(c) for c in ("event_id", "actor_id", "role"))
        hit = [r for r in data[1:] if r[event_at] == event and r[actor_at] in roles]
        assert len(hit) == len(roles), (event, roles)
        for r in hit:
            r[role_at] = roles[r[actor_at]]
        write_rows(path, data)

    return apply


# Events whose value-carrying quotes say who did what to whom: (initiator, target) as the
# quotes state them ("Türkiye downed a Russian Su-24": TUR acts on RUS).
_DEEDS = (
    ("EV0008", "TUR", "RUS"),
    ("EV0009", "RUS", "TUR"),
    ("EV0015", "RUS", "TUR"),
    ("EV0024", "RUS", "UKR"),
    ("EV0035", "RUS", "TUR"),
    ("EV0037", "RUS", "TUR"),
    ("EV0039", "RUS", "TUR"),
    ("EV0043", "NATO", "SRB"),
    ("EV0050", "USA", "IRQ"),
    ("EV0083", "RUS", "TUR"),
    ("EV0090", "USA", "TUR"),
    ("EV0096", "TUR", "USA"),
    ("EV0097", "USA", "TUR"),
    ("EV0106", "USA", "TUR"),
    ("EV0108", "TUR", "USA"),
    ("EV0114", "USA", "TUR"),
    ("EV0120", "USA", "TUR"),
    ("EV0127", "TUR", "USA"),
    ("EV0149", "FRA", "CZE"),
)


def event_roles() -> list[Mutation]:
    """An event actor's role flipped where the quotes say who did what to whom: the
    initiator and the target swapped (EV0008: TUR downed the RUS jet), or one of them
    turned into the other."""
    roles = {(r["event_id"], r["actor_id"]): r["role"] for r in _load("event_actors")}
    m: list[Mutation] = []
    for event, doer, done_to in _DEEDS:
        assert (roles[(event, doer)], roles[(event, done_to)]) == ("initiator", "target"), event
        m.append(
            Mutation(
                f"initiator and target swapped: {event} {doer}/{done_to}",
                4,
                "E410",
                _file("event_actors"),
                f"{event}/{doer}",
                set_roles(event, {doer: "target", done_to: "initiator"}),
            )
        )
    for event, doer, _ in _DEEDS[::3]:
        m.append(
            Mutation(
                f"initiator made a target: {event} {doer}",
                4,
                "E410",
                _file("event_actors"),
                f"{event}/{doer}",
                set_roles(event, {doer: "target"}),
            )
        )
    for event, _, done_to in _DEEDS[1::3]:
        m.append(
            Mutation(
                f"target made an initiator: {event} {done_to}",
                4,
                "E410",
                _file("event_actors"),
                f"{event}/{done_to}",
                set_roles(event, {done_to: "initiator"}),
            )
        )
    return m


# Rows that take one of two figures of one quote, each with the row taking the other.
_FIGURE_PAIRS = {
    "trade_flows": (("TF0029", "TF0032"), ("TF0030", "TF0035"), ("TF0031", "TF0036")),
    "energy_shares": (("ES0002", "ES0003"), ("ES0004", "ES0005"), ("ES0018", "ES0019"), ("ES0020", "ES0021")),
}
_FIGURE_CELLS = ("value", "value_as_stated", "qualifier")


def take_figure(table: str, row_id: str, other: str) -> Apply:
    """The row takes the other row's figure: value, printed text and qualifier."""

    def apply(pkg: Path) -> None:
        path = pkg / "tables" / f"{table}.csv"
        data = rows(path)
        key = data[0].index(PK[table])
        mine = next(r for r in data[1:] if r[key] == row_id)
        theirs = next(r for r in data[1:] if r[key] == other)
        for c in (data[0].index(c) for c in _FIGURE_CELLS):
            mine[c] = theirs[c]
        write_rows(path, data)

    return apply


def which_figures() -> list[Mutation]:
    """The other figure of the same quote taken, printed text changed too (ES0002 10.7 -> 19.3)."""
    m: list[Mutation] = []
    for table, pairs in _FIGURE_PAIRS.items():
        for first, second in pairs:
            for row_id, other in ((first, second), (second, first)):
                m.append(
                    Mutation(
                        f"figure of {other} taken: {row_id}",
                        4,
                        "E408",
                        _file(table),
                        row_id,
                        take_figure(table, row_id, other),
                    )
                )
    return m


# A stance turned to its opposite side of the scale.
_FLIPPED_STANCE = {
    "opposed": "supportive",
    "reluctant": "cooperative",
    "cooperative": "reluctant",
    "supportive": "opposed",
}
# Positions whose quotes carry a stance cue word (opposed, reluctant, supported, welcomed, ...).
_CUED_POSITIONS = ("MP0001", "MP0007", "MP0009", "MP0012", "MP0128", "MP0022", "MP0038", "MP0051", "MP0060", "MP0082")
# Deals whose quotes carry a stage cue word, each with a status those words contradict.
_CUED_DEALS = (
    ("AD0001", "mou"),
    ("AD0004", "completed"),
    ("AD0007", "proposed"),
    ("AD0009", "mou"),
    ("AD0013", "completed"),
    ("AD0014", "delivered"),
    ("AD0015", "delivered"),
    ("AD0016", "proposed"),
    ("AD0025", "completed"),
    ("AD0029", "delivered"),
)


def cues() -> list[Mutation]:
    """A stance flipped (MP0030 opposed -> supportive) or a deal's status changed (AD0013
    mou -> completed) where the quotes carry cue words."""
    stances = {r["position_id"]: r["stance"] for r in _load("member_state_positions")}
    m = [
        Mutation(
            f"stance flipped: {row_id} {stances[row_id]} -> {_FLIPPED_STANCE[stances[row_id]]}",
            4,
            "E409",
            _file("member_state_positions"),
            row_id,
            set_cell("member_state_positions", row_id, "stance", _FLIPPED_STANCE[stances[row_id]]),
        )
        for row_id in _CUED_POSITIONS
    ]
    statuses = {r["deal_id"]: r["status"] for r in _load("arms_deals")}
    m += [
        Mutation(
            f"status changed: {row_id} {statuses[row_id]} -> {status}",
            4,
            "E409",
            _file("arms_deals"),
            row_id,
            set_cell("arms_deals", row_id, "status", status),
        )
        for row_id, status in _CUED_DEALS
    ]
    return m


def catalogue() -> list[Mutation]:
    return list(_catalogue())


@cache
def _catalogue() -> tuple[Mutation, ...]:
    return (
        *structure(),
        *evidence(),
        *quotes(),
        *values(),
        *dates(),
        *coherence(),
        *plausibility(),
        *conflicts(),
        *duplicates(),
        *actors(),
        *directions(),
        *event_roles(),
        *which_figures(),
        *cues(),
    )


def apply(mutation: Mutation, pkg: Path) -> None:
    mutation.apply(pkg)
    if mutation.rehash:
        rehash(pkg)
