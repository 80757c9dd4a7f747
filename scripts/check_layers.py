#!/usr/bin/python3
"""Fails when a source file includes a header of a higher layer.

The layers, lowest first, are the folders of src/ and then the CLI:
core < rules < planning < followup < documents < render < batch < capi < cli.
A file may include headers of its own layer and of the layers below it; the installed
C headers (rehabplan/rehabplan.h, rehabplan/version.h) are below every layer. Prints one
line per offending #include (file:line: what it includes and why that is wrong) and
exits 1, or prints a summary and exits 0. Run by ctest as `layers`.
"""
import pathlib
import re
import sys

LAYERS = ["core", "rules", "planning", "followup", "documents", "render", "batch", "capi", "cli"]
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')


def layer_of_file(root, path):
    rel = path.relative_to(root).parts
    if rel[0] == "cli":
        return "cli"
    if rel[0] == "src" and len(rel) > 2 and rel[1] in LAYERS:
        return rel[1]
    return None


def layer_of_include(name):
    head = name.split("/")[0]
    if head in LAYERS:
        return head
    if name in ("rehabplan/rehabplan.h", "rehabplan/version.h"):
        return ""  # the installed C headers: below every layer
    return None


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent)
    problems = []
    checked = 0
    files = sorted(p for d in ("src", "cli") for p in (root / d).rglob("*") if p.suffix in (".cpp", ".hpp", ".h"))
    for path in files:
        own = layer_of_file(root, path)
        rel = path.relative_to(root)
        if own is None:
            problems.append(f"{rel}: not in a layer folder (src/<layer>/ or cli/); layers: {', '.join(LAYERS)}")
            continue
        checked += 1
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            target = layer_of_include(m.group(1))
            if target is None:
                problems.append(f"{rel}:{number}: includes \"{m.group(1)}\", which is not <layer>/<header> "
                                "(write the path from src/, e.g. \"core/date.hpp\")")
            elif target and LAYERS.index(target) > LAYERS.index(own):
                problems.append(f"{rel}:{number}: layer {own} includes \"{m.group(1)}\" of the higher layer {target}")
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} include(s) against the layers ({' < '.join(LAYERS)})")
        return 1
    print(f"{checked} files follow the layers ({' < '.join(LAYERS)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
