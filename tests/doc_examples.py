"""Run the examples of Markdown files and check that they give what the text says.

- ```python blocks run top to bottom, one namespace per file. A statement whose line
  ends in a comment that is a Python literal (``len(events)  # 176``) must evaluate to
  that literal, and print as it does (``repr``); other comments are prose.
- ```console blocks hold ``$ command`` lines followed by the expected output; a line
  ``...`` stands for any number of lines. The command must exit 0. A plain
  ``turkey-russia-data ARGS`` line runs as ``cli.main(ARGS)`` in this process; anything
  else runs in a shell.

Runs in the current folder, with the Python that runs it (so the package under test is
whatever that Python imports: the checkout, or an installed wheel). Also a script:
``python tests/doc_examples.py README.md`` exits 1 with the first mismatch.
"""

from __future__ import annotations

import ast
import contextlib
import io
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

_BLOCK = re.compile(r"^```(python|console)\n(.*?)^```", re.M | re.S)


class ExampleError(AssertionError):
    pass


@dataclass
class Summary:
    blocks: int = 0
    statements: int = 0
    checked: int = 0
    commands: int = 0


def _expected(line: str) -> tuple[bool, object]:
    """The literal a source line's trailing comment states, if it states one."""
    tokens = line.split("  # ", 1)
    if len(tokens) != 2:
        return False, None
    try:
        return True, ast.literal_eval(tokens[1].strip())
    except (ValueError, SyntaxError):
        return False, None


def run_python(block: str, namespace: dict[str, object], where: str, summary: Summary) -> None:
    tree = ast.parse(block, filename=where)
    lines = block.splitlines()
    for node in tree.body:
        summary.statements += 1
        has_value, expected = _expected(lines[(node.end_lineno or node.lineno) - 1])
        label = f"{where} line {node.lineno}: {lines[node.lineno - 1].strip()}"
        try:
            if isinstance(node, ast.Expr) and has_value:
                got = eval(compile(ast.Expression(node.value), where, "eval"), namespace)
                # Equal is not enough: the comment shows what a REPL prints, so 2000.0
                # where the text says 2000, or np.int64(8) where it says 8, is a mismatch.
                if got != expected or repr(got) != repr(expected):
                    raise ExampleError(f"{label}\n  expected {expected!r}\n  got      {got!r}")
                summary.checked += 1
            else:
                exec(compile(ast.Module([node], type_ignores=[]), where, "exec"), namespace)
        except ExampleError:
            raise
        except Exception as exc:
            raise ExampleError(f"{label}\n  raised {type(exc).__name__}: {exc}") from exc


def _matches(expected: list[str], got: list[str]) -> bool:
    pattern = "".join(r"(?:.*\n)*?" if line == "..." else re.escape(line.rstrip()) + r"[ \t]*\n" for line in expected)
    return re.fullmatch(pattern, "".join(line.rstrip() + "\n" for line in got)) is not None


_COMMAND = "turkey-russia-data"
# A command line the shell would do more with than split into words.
_SHELL = re.compile(r"[|&;<>(){}\[\]$`\\\"'*?~#]")


def _in_process(command: str) -> tuple[int, str, str] | None:
    """Run ``turkey-russia-data ARGS`` as ``main(ARGS)`` in this process (the package is
    whichever this Python imports, as the command's would be); None for anything else."""
    words = command.split()
    if words[:1] != [_COMMAND] or _SHELL.search(command):
        return None
    from turkey_russia_data.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(words[1:])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    return code, out.getvalue(), err.getvalue()


def _in_shell(command: str) -> tuple[int, str, str]:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    run = subprocess.run(command, shell=True, capture_output=True, text=True, env=env, timeout=300)
    return run.returncode, run.stdout, run.stderr


def run_console(block: str, where: str, summary: Summary) -> None:
    commands: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            commands.append((line[2:], []))
        elif commands:
            commands[-1][1].append(line)
    for command, expected in commands:
        summary.commands += 1
        returncode, stdout, stderr = _in_process(command) or _in_shell(command)
        if returncode != 0:
            raise ExampleError(f"{where}: $ {command}\n  exit {returncode}\n{stderr[-2000:]}")
        if not _matches(expected, stdout.splitlines()):
            raise ExampleError(f"{where}: $ {command}\n  expected:\n{chr(10).join(expected)}\n  got:\n{stdout}")


def run_file(path: Path) -> Summary:
    """Run every python and console block of ``path`` in the current folder."""
    text = path.read_text("utf-8")
    summary = Summary()
    namespace: dict[str, object] = {"__name__": "__doc_examples__"}
    for match in _BLOCK.finditer(text):
        summary.blocks += 1
        where = f"{path.name}:{text.count(chr(10), 0, match.start()) + 2}"
        if match.group(1) == "python":
            run_python(match.group(2), namespace, where, summary)
        else:
            run_console(match.group(2), where, summary)
    return summary


if __name__ == "__main__":
    try:
        for name in sys.argv[1:]:
            print(name, run_file(Path(name)))
        package = sys.modules.get("turkey_russia_data")
        if package is not None:
            print("turkey_russia_data imported from", package.__file__)
    except ExampleError as exc:
        print(exc, file=sys.stderr)
        sys.exit(1)
