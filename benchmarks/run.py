"""Benchmarks: where users wait, measured side by side with the tools they would
otherwise use, on this machine, in one run.

    python benchmarks/run.py [--sizes 10000,100000,1000000] [--runs 5] [--sources DIR]

1. import + load: a cold process running ``import turkey_russia_data; load_all()``
   against the floor, a cold process that imports pandas and reads the same CSVs with
   ``pd.read_csv`` and explicit dtypes. Target: <= 1.15x.
2. validate: ``turkey-russia-data validate --sources DIR`` (all levels) against
   ``frictionless validate datapackage.json`` on the shipped package, both whole
   processes. Target: <= 1.25x.
3. scale: synthetic packages (benchmarks/synthetic.py) of 10k, 100k and 1M rows with
   the shipped schemas. Levels 1, 2 and 4 against frictionless (target: >= 20x faster
   at the largest size) and against pandas reading the same files (<= 3x); their time
   must grow linearly (exponent <= 1.15 between the two largest sizes, on the time
   beyond process start-up); peak memory <= 4x the CSV bytes at the largest size; the
   quote level must stay sub-quadratic (exponent < 1.5).
4. all levels: the same synthetic packages validated at all eight levels with the
   source texts (``validate --sources``), against pandas reading the same files, the
   two run in turn so that a change in the machine's load falls on both alike. Targets:
   <= 3x the pandas read at the largest size, growth exponent <= 1.15 between the two
   largest sizes (time beyond start-up). Each figure is given with its spread.
5. agreement: on broken copies of a synthetic package, the rows frictionless flags
   and the rows our structural level flags, and whether ours covers theirs.

``--parts`` runs some of these only (e.g. ``--parts all-levels``). The load average is
printed before and after: the machine's other work shows in every figure.

Every time is the median of ``--runs`` cold processes, each command first run once
untimed so that all of them find their files and modules in the page cache, and the
synthetic files flushed to disk before any is timed. Exits 1 when a target is missed.
Not run by the test suite.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource as rusage
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from synthetic import build  # noqa: E402

PYTHON = sys.executable
BIN = Path(PYTHON).parent


@dataclass
class Timing:
    median: float
    runs: list[float]
    peak_kb: int = 0
    # CPU seconds (user + system, all threads) of each run: on a shared machine the
    # wall time moves with the other work, the CPU time much less.
    cpu: list[float] = field(default_factory=list)


def _command(name: str) -> list[str]:
    exe = BIN / name
    return [str(exe)] if exe.exists() else [PYTHON, "-m", name.replace("-", "_")]


# A child process that reports its own peak memory (ru_maxrss, KiB on Linux) on stderr.
_MEASURED = (
    "import resource, runpy, sys\n"
    "sys.argv = sys.argv[1:]\n"
    "code = 0\n"
    "try:\n"
    "    runpy.run_module(sys.argv[0], run_name='__main__', alter_sys=True)\n"
    "except SystemExit as exc:\n"
    "    code = exc.code if isinstance(exc.code, int) else 1\n"
    "print('peak_kb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(code)\n"
)
# The synthetic files outgrow the validator's default size limit (64 MiB) at 1M rows.
_NO_LIMIT = ["--max-bytes", str(2**40)]


def timed(argv: list[str], runs: int, *, cwd: Path | None = None, ok: tuple[int, ...] = (0,)) -> Timing:
    """Median wall time of ``runs`` fresh processes, after one untimed run that puts every
    command on the same footing: its files and modules in the page cache."""
    times, peaks = [], []
    for run in range(runs + 1):
        start = time.perf_counter()
        done = subprocess.run(argv, capture_output=True, text=True, cwd=cwd)
        if run:
            times.append(time.perf_counter() - start)
        if done.returncode not in ok:
            raise SystemExit(f"benchmark command failed ({done.returncode}): {' '.join(argv)}\n{done.stderr[-2000:]}")
        for line in done.stderr.splitlines():
            if line.startswith("peak_kb "):
                peaks.append(int(line.split()[1]))
    return Timing(statistics.median(times), times, max(peaks) if peaks else 0)


def interleaved(commands: list[list[str]], runs: int) -> list[Timing]:
    """``timed`` for several commands run in turn, one round after another (after one
    untimed round), so that drift in the machine's load falls on all of them alike."""
    for argv in commands:
        _once(argv)  # the untimed round
    out = [Timing(0.0, []) for _ in commands]
    for _ in range(runs):
        for i, argv in enumerate(commands):
            one = _once(argv)
            out[i].runs += one.runs
            out[i].cpu += one.cpu
            out[i].peak_kb = max(out[i].peak_kb, one.peak_kb)
    for t in out:
        t.median = statistics.median(t.runs)
    return out


def _cpu_of_children() -> float:
    usage = rusage.getrusage(rusage.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _once(argv: list[str]) -> Timing:
    cpu = _cpu_of_children()
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    cpu = _cpu_of_children() - cpu
    if done.returncode != 0:
        raise SystemExit(f"benchmark command failed ({done.returncode}): {' '.join(argv)}\n{done.stderr[-2000:]}")
    peak = [int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("peak_kb ")]
    return Timing(elapsed, [elapsed], peak[0] if peak else 0, [cpu])


def spread(t: Timing) -> str:
    return f"{t.median:.2f} s ({min(t.runs):.2f}-{max(t.runs):.2f})"


def cpu_spread(t: Timing) -> str:
    return f"{statistics.median(t.cpu):.2f} s ({min(t.cpu):.2f}-{max(t.cpu):.2f})"


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def floor_script(root: Path) -> str:
    """A script that imports pandas and reads every CSV of the package at ``root`` with
    explicit dtypes written out as literals: the least any loader must do."""
    descriptor = json.loads((root / "datapackage.json").read_text("utf-8"))
    lines = ["import pandas as pd", "from pandas import CategoricalDtype as C"]
    for resource in descriptor["resources"]:
        schema = json.loads((root / resource["schema"]).read_text("utf-8"))
        dtypes = []
        for f in schema["fields"]:
            enum = f.get("constraints", {}).get("enum")
            if enum is not None:
                kind = f"C({enum!r}, ordered={bool(f.get('categoriesOrdered'))})"
            else:
                kind = repr({"integer": "Int64", "number": "Float64", "boolean": "boolean"}.get(f["type"], "string"))
            dtypes.append(f"{f['name']!r}: {kind}")
        lines.append(
            f"pd.read_csv({str(root / resource['path'])!r}, dtype={{{', '.join(dtypes)}}}, keep_default_na=False, "
            "na_values=[''], true_values=['true'], false_values=['false'])"
        )
    return "\n".join(lines) + "\n"


def machine() -> str:
    import pandas

    try:
        import frictionless

        fl = frictionless.__version__
    except ImportError:
        fl = "not installed"
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 2**20:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}){memory}; "
        f"Python {platform.python_version()}, pandas {pandas.__version__}, frictionless {fl}"
    )


class Results:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, bool | None]] = []

    def add(self, what: str, figure: str, target: str, met: bool | None) -> None:
        self.rows.append((what, figure, target, met))
        mark = {True: "ok", False: "MISSED", None: ""}[met]
        print(f"  {what:<58} {figure:>18}  {target:<14} {mark}", flush=True)

    @property
    def missed(self) -> list[str]:
        return [r[0] for r in self.rows if r[3] is False]


def bench_load(res: Results, runs: int, work: Path) -> None:
    from turkey_russia_data.paths import data_root

    floor = work / "floor.py"
    floor.write_text(floor_script(data_root()), encoding="utf-8")
    ours_code = "import turkey_russia_data as trd; trd.load_all()"
    # Interleaved, so that drift in the machine's speed falls on both alike.
    ours_t, floor_t = [], []
    for _ in range(runs):
        ours_t += timed([PYTHON, "-c", ours_code], 1).runs
        floor_t += timed([PYTHON, str(floor)], 1).runs
    ours, base = statistics.median(ours_t), statistics.median(floor_t)
    print("1. import + load_all, cold process")
    res.add("pandas floor: import pandas + read_csv(dtype=...)", f"{base:.3f} s", "", None)
    res.add("turkey_russia_data: import + load_all()", f"{ours:.3f} s", "", None)
    res.add("ratio to the floor", f"{ours / base:.2f}x", "<= 1.15x", ours / base <= 1.15)


def bench_validate(res: Results, runs: int, sources: Path | None) -> None:
    from turkey_russia_data.paths import data_root

    root = data_root()
    ours_cmd = [*_command("turkey-russia-data"), "validate", str(root)]
    if sources is not None:
        ours_cmd += ["--sources", str(sources)]
    theirs = timed([*_command("frictionless"), "validate", "datapackage.json"], runs, cwd=root)
    ours = timed(ours_cmd, runs)
    label = "all levels" if sources else "all levels, quotes not verified (no texts)"
    print(f"2. validate the shipped package ({label}), whole processes")
    res.add("frictionless validate datapackage.json", f"{theirs.median:.3f} s", "", None)
    res.add("turkey-russia-data validate --sources", f"{ours.median:.3f} s", "", None)
    res.add(
        "ratio to frictionless", f"{ours.median / theirs.median:.2f}x", "<= 1.25x", ours.median / theirs.median <= 1.25
    )


def _exponent(sizes: list[int], times: list[float]) -> float:
    return math.log(times[-1] / times[-2]) / math.log(sizes[-1] / sizes[-2])


def bench_scale(res: Results, runs: int, sizes: list[int], work: Path, sources: Path | None) -> None:
    print("3. scale: synthetic packages with the shipped schemas (levels 1, 2, 4)")
    # Growth is measured on the time beyond a process's fixed start-up cost.
    startup = timed([PYTHON, "-c", "import turkey_russia_data.cli, turkey_russia_data.validation"], runs).median
    res.add("start-up: python + turkey_russia_data.validation", f"{startup:.2f} s", "", None)
    ours_times, quote_times, real_sizes = [], [], []
    for size in sizes:
        pkg = work / f"synthetic-{size}"
        facts = build(pkg, size)
        os.sync()  # the files just written are flushed before anything is timed
        csv_bytes = facts["csv_bytes"]
        real_sizes.append(facts["total_rows"])
        (work / f"read-{size}.py").write_text(floor_script(pkg), encoding="utf-8")
        ours = timed(
            [PYTHON, "-c", _MEASURED, "turkey_russia_data", "validate", str(pkg), "--level", "1,2,4", *_NO_LIMIT], runs
        )
        reads = timed([PYTHON, str(work / f"read-{size}.py")], runs)
        theirs = timed([*_command("frictionless"), "validate", "datapackage.json"], runs, cwd=pkg, ok=(0, 1))
        ours_times.append(max(ours.median - startup, 1e-3))
        memory = ours.peak_kb * 1024 / csv_bytes
        tag = f"{facts['total_rows']:,} rows, {csv_bytes / 2**20:.1f} MiB"
        res.add(f"[{tag}] frictionless validate", f"{theirs.median:.2f} s", "", None)
        res.add(f"[{tag}] pandas read_csv, all tables", f"{reads.median:.2f} s", "", None)
        res.add(f"[{tag}] ours, levels 1,2,4", f"{ours.median:.2f} s", "", None)
        last = size == sizes[-1]
        speedup = theirs.median / ours.median
        res.add(
            f"[{tag}] faster than frictionless",
            f"{speedup:.1f}x",
            ">= 20x" if last else "",
            speedup >= 20 if last else None,
        )
        res.add(
            f"[{tag}] ours / pandas read",
            f"{ours.median / reads.median:.2f}x",
            "<= 3x",
            ours.median / reads.median <= 3,
        )
        res.add(
            f"[{tag}] peak memory / CSV bytes",
            f"{memory:.2f}x ({ours.peak_kb / 1024:.0f} MiB)",
            "<= 4x" if last else "",
            memory <= 4 if last else None,
        )
        if sources is not None:
            quotes = timed(
                [
                    *_command("turkey-russia-data"),
                    "validate",
                    str(pkg),
                    "--level",
                    "3",
                    "--sources",
                    str(sources),
                    *_NO_LIMIT,
                ],
                runs,
            )
            quote_times.append(max(quotes.median - startup, 1e-3))
            res.add(f"[{tag}] ours, level 3 (quotes)", f"{quotes.median:.2f} s", "", None)
        shutil.rmtree(pkg)
    if len(sizes) >= 2:
        k = _exponent(real_sizes, ours_times)
        res.add("levels 1,2,4: growth exponent beyond start-up, last two sizes", f"{k:.2f}", "<= 1.15", k <= 1.15)
        if quote_times:
            q = _exponent(real_sizes, quote_times)
            res.add("level 3: growth exponent beyond start-up, last two sizes", f"{q:.2f}", "< 1.5", q < 1.5)


def bench_all_levels(res: Results, runs: int, sizes: list[int], work: Path, sources: Path | None) -> None:
    print("4. all eight levels with the source texts, against pandas reading the same files (interleaved)")
    if sources is None:
        print("  skipped: no source texts")
        return
    (startup,) = interleaved([[PYTHON, "-c", "import turkey_russia_data.cli, turkey_russia_data.validation"]], runs)
    res.add("start-up: python + turkey_russia_data.validation", spread(startup), "", None)
    res.add("start-up, CPU time", cpu_spread(startup), "", None)
    ours_times, ours_cpu, real_sizes = [], [], []
    for size in sizes:
        pkg = work / f"synthetic-{size}"
        facts = build(pkg, size)
        os.sync()
        real_sizes.append(facts["total_rows"])
        (work / f"read-{size}.py").write_text(floor_script(pkg), encoding="utf-8")
        ours_cmd = [PYTHON, "-c", _MEASURED, "turkey_russia_data", "validate", str(pkg), "--sources", str(sources)]
        ours, reads = interleaved([[*ours_cmd, *_NO_LIMIT], [PYTHON, str(work / f"read-{size}.py")]], runs)
        ours_times.append(max(ours.median - startup.median, 1e-3))
        ours_cpu.append(max(statistics.median(ours.cpu) - statistics.median(startup.cpu), 1e-3))
        tag = f"{facts['total_rows']:,} rows, {facts['csv_bytes'] / 2**20:.1f} MiB"
        last = size == sizes[-1]
        ratio = ours.median / reads.median
        res.add(f"[{tag}] pandas read_csv, all tables", spread(reads), "", None)
        res.add(f"[{tag}] ours, all levels with texts", spread(ours), "", None)
        res.add(f"[{tag}] ours, CPU time (all threads)", cpu_spread(ours), "", None)
        res.add(f"[{tag}] ours / pandas read", f"{ratio:.2f}x", "<= 3x" if last else "", ratio <= 3 if last else None)
        res.add(f"[{tag}] peak memory / CSV bytes", f"{ours.peak_kb * 1024 / facts['csv_bytes']:.2f}x", "", None)
        shutil.rmtree(pkg)
    if len(sizes) >= 2:
        for a in range(len(sizes) - 1):
            k = math.log(ours_times[a + 1] / ours_times[a]) / math.log(real_sizes[a + 1] / real_sizes[a])
            last = a == len(sizes) - 2
            res.add(
                f"all levels: growth exponent beyond start-up, {sizes[a]:,} -> {sizes[a + 1]:,}",
                f"{k:.2f}",
                "<= 1.15" if last else "",
                k <= 1.15 if last else None,
            )
            c = math.log(ours_cpu[a + 1] / ours_cpu[a]) / math.log(real_sizes[a + 1] / real_sizes[a])
            res.add(f"all levels: growth exponent of CPU time, {sizes[a]:,} -> {sizes[a + 1]:,}", f"{c:.2f}", "", None)


def bench_agreement(res: Results, work: Path) -> None:
    """Inject faults frictionless checks into a synthetic package and compare the rows."""
    import csv

    import frictionless

    from turkey_russia_data.validation import validate

    pkg = work / "broken"
    build(pkg, 10_000)
    faults = {
        "events": [(5, "category", "war-ish"), (40, "date", "2015-02-30"), (77, "fatalities", "3.5")],
        "trade_flows": [(3, "value", "28.9bn"), (9, "reporter", "rus")],
        "citations": [(11, "supports", "all"), (300, "source_id", "nowhere")],
        "arms_deals": [(4, "supplier", "ZZZ")],
    }
    for table, edits in faults.items():
        path = pkg / "tables" / f"{table}.csv"
        with open(path, encoding="utf-8", newline="") as fh:
            data = list(csv.reader(fh))
        for row, column, value in edits:
            data[row][data[0].index(column)] = value
        with open(path, "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, lineterminator="\n").writerows(data)
    descriptor = json.loads((pkg / "datapackage.json").read_text("utf-8"))
    for r in descriptor["resources"]:
        r.pop("hash", None)
        r.pop("bytes", None)
    (pkg / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    report = frictionless.validate(str(pkg / "datapackage.json"))
    theirs = {(str(t.place), e.row_number) for t in report.tasks for e in t.errors if getattr(e, "row_number", None)}
    ours = {(p.file, p.line) for p in validate(pkg, levels="1").problems if p.line}
    missing = theirs - ours
    print("5. agreement on broken synthetic tables (structural level)")
    res.add("rows flagged by frictionless", str(len(theirs)), "", None)
    res.add("rows flagged by ours", str(len(ours)), "", None)
    res.add("rows frictionless flags that ours does not", str(len(missing)), "0", not missing)
    shutil.rmtree(pkg)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="synthetic sizes in rows (comma-separated)")
    parser.add_argument("--runs", type=int, default=5, help="cold runs per timing (median; default 5)")
    parser.add_argument("--sources", type=Path, help="source texts (default: $TRD_SOURCES_DIR or ../shared/sources)")
    parser.add_argument(
        "--parts",
        default="load,validate,scale,all-levels,agreement",
        help="which benchmarks to run (comma-separated; default: all)",
    )
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    sources = args.sources or Path(os.environ.get("TRD_SOURCES_DIR", ROOT.parent / "shared" / "sources"))
    if not sources.is_dir() or not any(sources.glob("*.txt")):
        print(f"note: no source texts at {sources}; the quote level is not measured")
        sources = None
    sizes = [int(s) for s in args.sizes.split(",") if s]
    print(machine())
    print(f"{time.strftime('%Y-%m-%d')}, median of {args.runs} cold runs each; load average {load_average()}\n")
    res = Results()
    with tempfile.TemporaryDirectory(prefix="trd-bench-") as tmp:
        work = Path(tmp)
        if "load" in parts:
            bench_load(res, args.runs, work)
        if "validate" in parts:
            bench_validate(res, args.runs, sources)
        if "scale" in parts:
            bench_scale(res, args.runs, sizes, work, sources)
        if "all-levels" in parts:
            bench_all_levels(res, args.runs, sizes, work, sources)
        if "agreement" in parts:
            bench_agreement(res, work)
    print(f"load average after: {load_average()}")
    if res.missed:
        print(f"\n{len(res.missed)} target(s) missed: " + "; ".join(res.missed))
        return 1
    print("\nall targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
