"""The exercise library as the CLI lists it (`rehabplan exercises`, issue 20).

html: the printable catalogue has one card and one picture per exercise of data/exercises.json
(the built-in library), in the library's order; every picture is parsed with a real XML parser
(xml.etree.ElementTree) and must be a self-contained SVG (no scripts, no external references,
no text or fonts) whose every coordinate (lines, polylines, circles with their radius, rects,
paths) lies inside its viewBox, titled with the exercise's name.
text and json: every exercise with its name, ID and instructions in English and Dutch, the
precaution texts, the chain's levels; --condition keeps the exercises for every condition and
those that name it.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from conftest import SOURCE_DIR

SVG_NS = "{http://www.w3.org/2000/svg}"
LIBRARY = json.loads((SOURCE_DIR / "data" / "exercises.json").read_text(encoding="utf-8"))
EXERCISES = LIBRARY["exercises"]
CATEGORY_HEADINGS = {k: v for k, v in json.loads((SOURCE_DIR / "data" / "print.json").read_text(encoding="utf-8"))
                     ["print"].items() if k.startswith("catalogue.category.")}


def listing(cli, *args):
    r = cli("exercises", *args)
    if r.code == 2 and "unknown command exercises" in r.err:
        # TRANSITIONAL (issue 20, branch i20-svg): the subcommand comes with the lib helper's
        # branch; remove this skip once it is merged.
        pytest.skip("rehabplan exercises is not wired in this build yet")
    assert r.code == 0, r.err
    assert r.err == ""
    return r.out


def suits(e, condition):
    return not e["conditions"] or condition in e["conditions"]


def numbers(text):
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?", text)]


def check_inside(svg, where):
    """Every coordinate of the picture inside its viewBox; returns how many were checked."""
    x0, y0, w, h = numbers(svg.get("viewBox"))
    x1, y1 = x0 + w, y0 + h
    checked = 0

    def x_in(v, what):
        nonlocal checked
        checked += 1
        assert x0 <= v <= x1, f"{where}: {what} x={v} outside {x0}..{x1}"

    def y_in(v, what):
        nonlocal checked
        checked += 1
        assert y0 <= v <= y1, f"{where}: {what} y={v} outside {y0}..{y1}"

    for el in svg.iter():
        tag = el.tag.replace(SVG_NS, "")
        a = {k: float(v) for k, v in el.attrib.items()
             if k in ("x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "width", "height")} if tag != "svg" else {}
        if tag == "line":
            x_in(a["x1"], tag), x_in(a["x2"], tag), y_in(a["y1"], tag), y_in(a["y2"], tag)
        elif tag == "circle":
            assert a["r"] > 0, where
            x_in(a["cx"] - a["r"], tag), x_in(a["cx"] + a["r"], tag)
            y_in(a["cy"] - a["r"], tag), y_in(a["cy"] + a["r"], tag)
        elif tag == "rect":
            assert a["width"] >= 0 and a["height"] >= 0, where
            x_in(a["x"], tag), x_in(a["x"] + a["width"], tag)
            y_in(a["y"], tag), y_in(a["y"] + a["height"], tag)
        elif tag in ("polyline", "polygon"):
            pts = numbers(el.get("points"))
            assert len(pts) >= 4 and len(pts) % 2 == 0, where
            for i in range(0, len(pts), 2):
                x_in(pts[i], tag), y_in(pts[i + 1], tag)
        elif tag == "path":
            d = el.get("d")
            # Absolute commands only: a relative one would need the pen's position.
            assert not re.search(r"[a-zHV]", d.replace("Z", "")), f"{where}: path with relative commands: {d}"
            pts = numbers(d)
            for i in range(0, len(pts) - 1, 2):
                x_in(pts[i], tag), y_in(pts[i + 1], tag)
        else:
            assert tag in ("svg", "title", "g"), f"{where}: unexpected element <{tag}>"
    return checked


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_html_catalogue_has_a_picture_inside_its_box_per_exercise(cli, lang):
    assert len(EXERCISES) >= 1
    out = listing(cli, "--format", "html", "--lang", lang)
    assert out.startswith("<!DOCTYPE html>")
    svgs = re.findall(r"<svg\b.*?</svg>", out, re.S)
    cards = re.findall(r"<article class=\"card\" id=\"ex-([a-z0-9_]+)\"", out)
    assert len(svgs) == len(EXERCISES), "one picture per exercise"
    # Grouped by category (in the catalogue's fixed order), the library's order within one.
    order = list(dict.fromkeys(e["category"] for e in EXERCISES))
    assert sorted(cards) == sorted(e["id"] for e in EXERCISES)
    for category in order:
        heading = CATEGORY_HEADINGS[f"catalogue.category.{category}"][lang]
        assert f"<h2>{heading.replace(chr(39), '&#39;')}</h2>" in out, heading
        ids = [e["id"] for e in EXERCISES if e["category"] == category]
        assert [c for c in cards if c in ids] == ids
    by_id = {e["id"]: e for e in EXERCISES}
    total = 0
    for card, text in zip(cards, svgs):
        svg = ET.fromstring(text)  # a real XML parser: well-formed or it raises
        assert svg.tag == f"{SVG_NS}svg"
        assert svg.get("viewBox") == "0 0 240 110"
        title = svg.find(f"{SVG_NS}title")
        assert title is not None and title.text == by_id[card]["name"][lang], card
        for banned in ("script", "href", "url(", "<text", "font", "<image", "<use", "<style"):
            assert banned not in text, (card, banned)
        drawn = [el for el in svg.iter() if el.tag.replace(SVG_NS, "") in ("line", "polyline", "circle", "rect")]
        assert len(drawn) >= 12, f"{card}: two figures and a floor need more shapes"
        total += check_inside(svg, card)
    assert total >= 40 * len(EXERCISES)


def test_html_catalogue_for_a_condition(cli):
    out = listing(cli, "--format", "html", "--condition", "stroke")
    expected = [e["id"] for e in EXERCISES if suits(e, "stroke")]
    assert len(re.findall(r"<svg\b", out)) == len(expected)
    assert re.findall(r"<article class=\"card\" id=\"ex-([a-z0-9_]+)\"", out) == \
        [i for c in dict.fromkeys(e["category"] for e in EXERCISES) for i in expected
         if next(e for e in EXERCISES if e["id"] == i)["category"] == c]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_json_lists_every_exercise_in_the_language(cli, lang):
    doc = json.loads(listing(cli, "--format", "json", "--lang", lang))
    assert doc["language"] == lang
    got = {e["id"]: e for e in doc["exercises"]}
    assert [e["id"] for e in doc["exercises"]] == [e["id"] for e in EXERCISES]
    for e in EXERCISES:
        g = got[e["id"]]
        assert g["name"] == e["name"][lang]
        assert g["instructions"] == e["instructions"][lang]
        assert 3 <= len(g["instructions"]) <= 5
        for key in ("category", "position", "equipment", "chain", "level", "conditions"):
            assert g[key] == e[key], (e["id"], key)
        assert g["dose"]["type"] == e["dose"]["type"] and g["dose"]["sets"] == e["dose"]["sets"]
        chain = sorted((x for x in EXERCISES if x["chain"] == e["chain"]), key=lambda x: x["level"])
        assert g["levels"] == [x["id"] for x in chain]
        assert [p["id"] for p in g["precautions"]] == e["precautions"]
        for p in g["precautions"]:
            assert p["text"] == LIBRARY["precautions"][p["id"]]["text"][lang]
        assert len(g["sources"]) == len(e["sources"]) and all(len(s) > 20 for s in g["sources"])
        assert ("cognitive_task" in g) == (e["category"] == "dual_task")


def test_json_for_a_condition(cli):
    for condition in ("stroke", "parkinson", "chronic_pain", "dementia"):
        doc = json.loads(listing(cli, "--format", "json", "--condition", condition))
        assert doc["condition"] == condition
        assert [e["id"] for e in doc["exercises"]] == [e["id"] for e in EXERCISES if suits(e, condition)]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_text_names_every_exercise_with_its_instructions(cli, lang):
    out = listing(cli, "--lang", lang)
    flat = " ".join(out.split())
    for e in EXERCISES:
        assert f"{' '.join(e['name'][lang].split())} [{e['id']}]" in flat
        for line in e["instructions"][lang]:
            assert " ".join(line.split()) in flat, (e["id"], line)
    for category in dict.fromkeys(e["category"] for e in EXERCISES):
        assert CATEGORY_HEADINGS[f"catalogue.category.{category}"][lang] in out
    assert all(len(line) <= 80 for line in out.splitlines())
    other = "nl" if lang == "en" else "en"
    title = {"en": "Exercise catalogue", "nl": "Oefeningencatalogus"}
    assert out.startswith(title[lang]) and title[other] not in out
