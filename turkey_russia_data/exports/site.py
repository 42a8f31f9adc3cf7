"""The evidence explorer: a static web site any file host can serve (or a browser open
from disk), generated from the package (docs/decisions/0008-static-evidence-explorer.md).

- ``index.html``: the tables, their row counts and descriptions;
- ``<table>/index.html``: every row of a table, filtered and faceted in the page (enum
  columns, actor columns, the actors linked through a link table such as event_actors,
  a year range on each date column, free text); the filters are kept in the page's URL;
- ``<table>/<row id>.html``: one row, its fields, and its citations with their quotes;
  with the source texts present, each quote is shown marked inside its paragraph.

A row's page has a stable URL: its table and its id. Every page carries the licence and
how to cite. Paragraphs are short verbatim context from the source texts: a site built
with them is for local use and must not be published (the texts are not the project's
to distribute); the site built without texts holds only what the tables hold.
"""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import quotespans
from ..paths import data_root
from ..reading import PackageRecords, package_records

# The paragraph around a quote is cut to this many characters on each side of it.
_CONTEXT_LIMIT = 600
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# Free-text columns clipped to _CELL_LIMIT characters in a table page.
_CLIPPED_COLUMNS = ("notes", "derivation", "rationale", "text_notes", "erratum", "note", "description")
_CELL_LIMIT = 120
# Columns that label a row, in order of preference.
_LABEL_COLUMNS = ("title", "name", "system", "topic", "quote")

STYLE = """
body{font-family:system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:0 1rem;color:#222}
header,footer{border-bottom:1px solid #ccc;padding:.5rem 0}footer{border-top:1px solid #ccc;border-bottom:0;
margin-top:2rem;font-size:.9rem;color:#444}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #eee;padding:.25rem .4rem;text-align:left;vertical-align:top;font-size:.9rem}
th{background:#f4f4f4}blockquote{margin:.5rem 0;padding:.3rem .8rem;border-left:4px solid #8aa}
.paragraph{font-size:.9rem;color:#333;background:#fafafa;padding:.5rem;border:1px solid #eee}
mark{background:#ffe58a}.facets label{display:inline-block;margin:.2rem .8rem .2rem 0;font-size:.9rem}
.muted{color:#666}
"""

SCRIPT = """
(function(){
  const rows=[...document.querySelectorAll('tbody tr')];
  const inputs=[...document.querySelectorAll('[data-filter]')];
  const count=document.getElementById('count');
  const params=new URLSearchParams(location.search);
  inputs.forEach(i=>{if(params.has(i.name)) i.value=params.get(i.name);});
  function apply(){
    const q=new URLSearchParams();let shown=0;
    inputs.forEach(i=>{if(i.value) q.set(i.name,i.value);});
    rows.forEach(r=>{
      let ok=true;
      inputs.forEach(i=>{
        const v=i.value; if(!v||!ok) return;
        const kind=i.dataset.filter, col=i.dataset.column;
        if(kind==='facet'){ok=(' '+(r.dataset['f'+col]||'')+' ').includes(' '+v+' ');}
        else if(kind==='from'){const e=r.dataset['e'+col]; ok=!!e&&Number(e)>=Number(v);}
        else if(kind==='to'){const s=r.dataset['s'+col]; ok=!!s&&Number(s)<=Number(v);}
        else if(kind==='text'){
          const full=r.textContent+' '+[...r.querySelectorAll('[title]')].map(e=>e.title).join(' ');
          ok=full.toLowerCase().includes(v.toLowerCase());}
      });
      r.hidden=!ok; if(ok) shown++;
    });
    count.textContent=shown;
    const s=q.toString(); history.replaceState(null,'',s?'?'+s:location.pathname);
  }
  inputs.forEach(i=>i.addEventListener('input',apply));
  apply();
})();
"""


@dataclass
class Table:
    name: str
    title: str
    description: str
    schema: dict[str, Any]
    rows: list[dict[str, str]]
    key: str | None
    # column -> actors linked through a link table, per row id (multi-valued facet)
    linked: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    # column -> the table its linked values are keys of
    linked_to: dict[str, str] = field(default_factory=dict)

    @property
    def columns(self) -> list[str]:
        return [f["name"] for f in self.schema["fields"]]

    def field(self, name: str) -> dict[str, Any]:
        return next(f for f in self.schema["fields"] if f["name"] == name)


def row_label(table: str, row: dict[str, str]) -> str:
    """A short human label for a row: its title-like column, cut to 90 characters."""
    for column in _LABEL_COLUMNS:
        if row.get(column):
            text = row[column]
            return text if len(text) <= 90 else text[:89] + "\u2026"
    return ""


def read_tables(root: Path, package: PackageRecords | None = None) -> dict[str, Table]:
    """The package's tables with their schemas and rows (read through the reading layer)."""
    package = package or package_records(root)
    out: dict[str, Table] = {}
    for resource in package.descriptor["resources"]:
        schema = package.schemas[resource["name"]]
        pk = schema.get("primaryKey", [])
        pk = [pk] if isinstance(pk, str) else list(pk)
        out[resource["name"]] = Table(
            resource["name"],
            resource.get("title", resource["name"]),
            resource.get("description", ""),
            schema,
            package.rows[resource["name"]],
            pk[0] if len(pk) == 1 else None,
        )
    # A link table (a composite key made of two foreign keys, such as event_actors) gives
    # the table it points to a multi-valued facet: the rows' actors.
    for link in out.values():
        fks = [fk for fk in link.schema.get("foreignKeys", []) if isinstance(fk["fields"], str)]
        if link.key is not None or len(fks) != 2:
            continue
        (owner_fk, other_fk) = fks
        owner = out.get(owner_fk["reference"]["resource"])
        if owner is None:
            continue
        values: dict[str, list[str]] = defaultdict(list)
        for row in link.rows:
            values[row[owner_fk["fields"]]].append(row[other_fk["fields"]])
        owner.linked[other_fk["fields"]] = dict(values)
        owner.linked_to[other_fk["fields"]] = other_fk["reference"]["resource"]
    return out


def _facet_columns(table: Table) -> list[str]:
    facets = []
    for f in table.schema["fields"]:
        if f.get("constraints", {}).get("enum") and not f["name"].endswith(("_basis", "_qualifier")):
            facets.append(f["name"])
    for fk in table.schema.get("foreignKeys", []):
        if isinstance(fk["fields"], str) and fk["reference"]["resource"] in ("actors", "sources"):
            facets.append(fk["fields"])
    return facets


def _date_columns(table: Table) -> list[str]:
    return [f["name"] for f in table.schema["fields"] if f.get("x-edtf")]


def _years(value: str) -> tuple[str, str]:
    from .. import dates

    if not value:
        return "", ""
    try:
        parsed = dates.parse(value)
    except ValueError:
        return "", ""
    # An open start or end ("../2019") reaches as far as the filter asks.
    start = str(parsed.start.year) if parsed.start is not None else "-9999"
    end = str(parsed.end.year) if parsed.end is not None else "9999"
    return start, end


def _page(title: str, body: str, depth: int, cite: str, licence: str) -> str:
    up = "../" * depth
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{html.escape(title)}</title><style>{STYLE}</style></head><body>
<header><a href="{up}index.html">turkey-russia-data explorer</a></header>
<main>
{body}
</main>
<footer><p><strong>Licence:</strong> {licence}</p>
<p><strong>How to cite:</strong> {html.escape(cite)} For a fact, cite also the source its quote comes from.</p>
</footer></body></html>
"""


def _link(table: str, row_id: str, depth: int) -> str:
    up = "../" * depth
    return f'<a href="{up}{html.escape(table)}/{html.escape(row_id)}.html">{html.escape(row_id)}</a>'


def _cell(tables: dict[str, Table], table: Table, column: str, value: str, depth: int) -> str:
    """A cell; a foreign key links to the row it names."""
    if not value:
        return ""
    for fk in table.schema.get("foreignKeys", []):
        if fk["fields"] == column:
            target = tables.get(fk["reference"]["resource"])
            if target is not None and target.key is not None:
                return _link(target.name, value, depth)
    if column == table.key:
        return _link(table.name, value, depth)
    if table.name == "citations" and column == "row_id":
        return ""  # rendered with its table below
    return html.escape(value)


def _table_page(tables: dict[str, Table], table: Table) -> str:
    facets = _facet_columns(table) + sorted(table.linked)
    date_columns = _date_columns(table)
    controls = ['<label>search <input type="search" name="q" data-filter="text"></label>']
    for column in facets:
        if column in table.linked:
            values = sorted({v for vs in table.linked[column].values() for v in vs})
        else:
            values = sorted({r[column] for r in table.rows if r.get(column)})
        options = "".join(f'<option value="{html.escape(v)}">{html.escape(v)}</option>' for v in values)
        controls.append(
            f'<label>{html.escape(column)} <select name="{html.escape(column)}" data-filter="facet" '
            f'data-column="{_attr(column)}"><option value="">all</option>{options}</select></label>'
        )
    for column in date_columns:
        controls.append(
            f'<label>{html.escape(column)} from <input type="number" name="{column}_from" data-filter="from" '
            f'data-column="{_attr(column)}" size="5"></label>'
            f'<label>to <input type="number" name="{column}_to" data-filter="to" data-column="{_attr(column)}" '
            'size="5"></label>'
        )
    columns = table.columns
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body_rows = []
    for row in table.rows:
        data = []
        for column in facets:
            values = table.linked[column].get(row[table.key or ""], []) if column in table.linked else [row[column]]
            data.append(f'data-f{_attr(column)}="{html.escape(" ".join(values))}"')
        for column in date_columns:
            start, end = _years(row[column])
            data.append(f'data-s{_attr(column)}="{start}" data-e{_attr(column)}="{end}"')
        cells = []
        for c in columns:
            if table.name == "citations" and c == "row_id":
                cells.append(f"<td>{_link(row['table'], row['row_id'], 1)}</td>")
            elif len(row[c]) > _CELL_LIMIT and c in _CLIPPED_COLUMNS:
                # Long prose is clipped in the table (whole in the title and on the row's page).
                clipped = html.escape(row[c][: _CELL_LIMIT - 1]) + "\u2026"
                cells.append(f'<td><span title="{html.escape(row[c])}">{clipped}</span></td>')
            else:
                cells.append(f"<td>{_cell(tables, table, c, row[c], 1)}</td>")
        ident = f' id="{html.escape(row[table.key])}"' if table.key else ""
        body_rows.append(f"<tr{ident} {' '.join(data)}>{''.join(cells)}</tr>")
    return (
        f"<h1>{html.escape(table.title)}</h1><p>{html.escape(table.description)}</p>"
        f'<div class="facets">{"".join(controls)}</div>'
        f'<p><span id="count">{len(table.rows)}</span> of {len(table.rows)} rows</p>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body_rows)}</tbody></table>"
        f"<script>{SCRIPT}</script>"
    )


def _attr(column: str) -> str:
    """A column name as it appears in a data-* attribute and in the script's dataset key."""
    return re.sub(r"[^a-z0-9]", "", column.lower())


def _paragraph(text: str, span: quotespans.Span) -> str:
    """The quote marked inside its paragraph (cut around the quote when long)."""
    starts = [m.end() for m in _BLANK_LINE.finditer(text, 0, span.start)]
    start = starts[-1] if starts else 0
    after = _BLANK_LINE.search(text, span.end)
    end = after.start() if after else len(text)
    # One source holds a paragraph per line: a line break ends its paragraph.
    start = max(start, text.rfind("\n", 0, span.start) + 1) if span.start - start > _CONTEXT_LIMIT else start
    line_end = text.find("\n", span.end)
    if end - span.end > _CONTEXT_LIMIT and line_end >= 0:
        end = min(end, line_end)
    start = max(start, span.start - _CONTEXT_LIMIT)
    end = min(end, span.end + _CONTEXT_LIMIT)
    before, quote, rest = text[start : span.start], text[span.start : span.end], text[span.end : end]
    return (
        ("\u2026" if start > 0 and not text[start - 1].isspace() else "")
        + html.escape(before)
        + f"<mark>{html.escape(quote)}</mark>"
        + html.escape(rest)
        + ("\u2026" if end < len(text) and not text[end].isspace() else "")
    )


def _row_page(
    tables: dict[str, Table],
    table: Table,
    row: dict[str, str],
    citations: list[dict[str, str]],
    texts: dict[str, str],
    readings: dict[str, list[tuple[str, list[int]]]],
) -> str:
    key = row[table.key or ""]
    label = row_label(table.name, row)
    fields = "".join(
        f"<tr><th>{html.escape(c)}</th><td>{_cell(tables, table, c, row[c], 1)}</td></tr>"
        for c in table.columns
        if row[c] and not (table.name == "citations" and c == "row_id")
    )
    if table.name == "citations":
        fields += f"<tr><th>row_id</th><td>{_link(row['table'], row['row_id'], 1)}</td></tr>"
    for column, per_row in table.linked.items():
        linked = per_row.get(key, [])
        if linked:
            links = ", ".join(_link(table.linked_to[column], a, 1) for a in linked)
            fields += f"<tr><th>{html.escape(column)} (linked)</th><td>{links}</td></tr>"
    parts = [f"<h1>{html.escape(table.name)} {html.escape(key)}</h1>"]
    if label:
        parts.append(f'<p class="label">{html.escape(label)}</p>')
    parts.append(f"<table>{fields}</table>")
    if citations:
        sources = {r["source_id"]: r for r in tables["sources"].rows} if "sources" in tables else {}
        parts.append(f"<h2>Evidence ({len(citations)} citation{'s' if len(citations) != 1 else ''})</h2>")
        for c in citations:
            source = sources.get(c["source_id"], {})
            parts.append(
                f'<section class="citation" id="{html.escape(c["citation_id"])}">'
                f"<h3>{_link('citations', c['citation_id'], 1)}: {html.escape(c['relation'])} "
                f"({html.escape(c['supports'])}), {_link('sources', c['source_id'], 1)}"
                f"{' — ' + html.escape(source.get('title', '')) if source.get('title') else ''}</h3>"
                f'<blockquote class="quote">\u201c{html.escape(c["quote"])}\u201d</blockquote>'
                + (f'<p class="muted">{html.escape(c["note"])}</p>' if c.get("note") else "")
            )
            text = texts.get(c["source_id"])
            if text is not None:
                found = quotespans.spans(c["quote"], text, readings[c["source_id"]])
                if found:
                    parts.append(
                        f'<p class="muted">In its paragraph of the source text:</p>'
                        f'<div class="paragraph">{_paragraph(text, found[0])}</div>'
                    )
            parts.append("</section>")
    elif table.name in _fact_tables(tables):
        parts.append("<p>No citation.</p>")
    return "".join(parts)


def _fact_tables(tables: dict[str, Table]) -> set[str]:
    if "citations" not in tables:
        return set()
    return {r["table"] for r in tables["citations"].rows}


def _index_page(tables: dict[str, Table], version: str, title: str, texts: bool) -> str:
    items = "".join(
        f'<tr><td><a href="{html.escape(t.name)}/index.html">{html.escape(t.name)}</a></td>'
        f"<td>{len(t.rows)}</td><td>{html.escape(t.description)}</td></tr>"
        for t in tables.values()
    )
    note = (
        "<p><strong>Built with the source texts:</strong> the paragraphs shown around quotes are "
        "verbatim context from copyrighted documents; keep this site for local use, do not publish it.</p>"
        if texts
        else "<p class='muted'>Built without the source texts: quotes are shown, paragraphs are not.</p>"
    )
    return (
        f"<h1>{html.escape(title)}</h1><p>Version {html.escape(version)}. Each row has its own page "
        "(<code>&lt;table&gt;/&lt;row id&gt;.html</code>) with its citations and their quotes.</p>"
        f"{note}<table><thead><tr><th>table</th><th>rows</th><th>one row is</th></tr></thead>"
        f"<tbody>{items}</tbody></table>"
    )


def write_site(path: Path, sources: Path | None = None, root: Path | None = None) -> dict[str, int]:
    """Write the explorer into the folder ``path``; returns rows per table."""
    from ..citation import Dataset, dataset_apa
    from .annotations import texts_by_source

    root = root or data_root()
    package = package_records(root)
    desc = package.descriptor
    tables = read_tables(root, package)
    texts = texts_by_source(tables["sources"].rows, sources) if "sources" in tables and sources else {}
    readings = {sid: quotespans.mapped_readings(t) for sid, t in texts.items()}
    licences = desc.get("licenses", [])
    licence = "; ".join(
        f'<a href="{html.escape(lic.get("path", ""))}">{html.escape(lic.get("title") or lic.get("name", ""))}</a>'
        for lic in licences
    )
    cite = dataset_apa(Dataset.of(desc))  # the package's own title and version: a fork is cited as itself
    by_row: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for c in tables["citations"].rows if "citations" in tables else []:
        by_row[(c["table"], c["row_id"])].append(c)
    path.mkdir(parents=True, exist_ok=True)

    def write(relative: str, title: str, body: str, depth: int) -> None:
        target = path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_page(title, body, depth, cite, licence), encoding="utf-8", newline="\n")

    title = str(desc.get("title", desc.get("name", "")))
    write("index.html", title, _index_page(tables, str(desc.get("version", "")), title, bool(texts)), 0)
    for table in tables.values():
        write(f"{table.name}/index.html", f"{table.title} — {title}", _table_page(tables, table), 1)
        if table.key is None:
            continue
        for row in table.rows:
            key = row[table.key]
            label = row_label(table.name, row)
            body = _row_page(tables, table, row, by_row.get((table.name, key), []), texts, readings)
            write(f"{table.name}/{key}.html", f"{table.name} {key}{': ' + label if label else ''}", body, 1)
    (path / "site.json").write_text(
        json.dumps({"version": desc.get("version"), "with_source_texts": bool(texts)}, indent=1) + "\n",
        encoding="utf-8",
    )
    return {t.name: len(t.rows) for t in tables.values()}
