"""scripts/check_layers.py, the include-order check that ctest runs as `layers`: it passes
on the project's own tree and fails, naming the file, the line and both layers, on a tree
where a lower layer includes a higher one."""
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "check_layers.py"


def run(tree):
    return subprocess.run([sys.executable, str(SCRIPT), str(tree)], capture_output=True, text=True)


def write(tree, rel, text):
    path = tree / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_the_project_follows_its_layers():
    r = run(ROOT)
    assert r.returncode == 0, r.stdout
    assert "follow the layers" in r.stdout


def test_a_lower_layer_including_a_higher_one_fails(tmp_path):
    write(tmp_path, "src/core/date.hpp", "#pragma once\n")
    write(tmp_path, "src/rules/validator.hpp", '#include "core/date.hpp"\n')
    write(tmp_path, "src/core/model.cpp", '#include "core/date.hpp"\n#include "rules/validator.hpp"\n')
    write(tmp_path, "cli/main.cpp", '#include "rules/validator.hpp"\n#include "rehabplan/rehabplan.h"\n')
    r = run(tmp_path)
    assert r.returncode == 1
    assert 'src/core/model.cpp:2: layer core includes "rules/validator.hpp" of the higher layer rules' in r.stdout
    assert "cli/main.cpp" not in r.stdout  # the CLI is the top layer


def test_an_include_without_its_layer_folder_fails(tmp_path):
    write(tmp_path, "src/render/plan_view.cpp", '#include "validator.hpp"\n')
    r = run(tmp_path)
    assert r.returncode == 1
    assert 'src/render/plan_view.cpp:1: includes "validator.hpp", which is not <layer>/<header>' in r.stdout


def test_a_file_outside_the_layer_folders_fails(tmp_path):
    write(tmp_path, "src/loose.cpp", "int x;\n")
    r = run(tmp_path)
    assert r.returncode == 1
    assert "src/loose.cpp: not in a layer folder" in r.stdout


def test_the_layer_order_holds_across_every_pair(tmp_path):
    layers = ["core", "rules", "planning", "followup", "documents", "render", "batch", "capi"]
    for i, low in enumerate(layers):
        for high in layers[i + 1:]:
            tree = tmp_path / f"{low}-{high}"
            write(tree, f"src/{high}/h.hpp", "#pragma once\n")
            write(tree, f"src/{low}/x.cpp", f'#include "{high}/h.hpp"\n')
            assert run(tree).returncode == 1, (low, high)
            write(tree, f"src/{low}/x.cpp", "")
            write(tree, f"src/{high}/y.cpp", f'#include "{low}/x.hpp"\n')
            assert run(tree).returncode == 0, (low, high)
