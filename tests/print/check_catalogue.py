#!/usr/bin/python3
"""Checks a printed exercise catalogue: check_catalogue.py LANG CATALOGUE.pdf SOURCE_DIR [CONDITION]

The catalogue is `rehabplan exercises --format html` printed by headless Chromium. Read back
with poppler, against data/exercises.json and data/print.json (not the renderer's words):
  - every page is A4 portrait and every word lies within the printable width;
  - the title on page 1, every category heading that has exercises;
  - every exercise (of CONDITION when given) once, by its heading (name and ID), with its dose
    and every instruction line on the same page: a card is never split over two pages.
Exit 1 with one line per failure."""
import html
import json
import re
import sys

# The plan checker's helpers; `failures` is its list, shared.
from check_pdf import fail, failures, flat, run


def main():
    lang, pdf, src = sys.argv[1:4]
    condition = sys.argv[4] if len(sys.argv) > 4 else None
    library = json.load(open(f"{src}/data/exercises.json", encoding="utf-8"))
    prints = json.load(open(f"{src}/data/print.json", encoding="utf-8"))["print"]
    exercises = [e for e in library["exercises"] if condition is None or not e["conditions"] or condition in e["conditions"]]

    info = run("pdfinfo", pdf)
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    sizes = re.findall(r"^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts", run("pdfinfo", "-f", "1", "-l", str(pages), pdf), re.M)
    if len(sizes) != pages:
        fail(f"pdfinfo gave {len(sizes)} page sizes for {pages} pages")
    for n, w, h in sizes:
        if abs(float(w) - 595.3) > 1.5 or abs(float(h) - 841.9) > 1.5:
            fail(f"page {n} is {w} x {h} pt, not A4 portrait")
    # Nothing runs off the page: 14 mm side margins, rounding allowed.
    bbox = run("pdftotext", "-bbox", pdf, "-")
    for i, block in enumerate(re.findall(r"<page [^>]*>(.*?)</page>", bbox, re.S), start=1):
        for x0, x1, word in re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>', block):
            if float(x0) < 39.7 - 2 or float(x1) > 595.3 - 39.7 + 2:
                fail(f"page {i}: '{html.unescape(word)}' lies outside the printable width ({x0}-{x1} pt)")

    texts = [flat(run("pdftotext", "-f", str(i), "-l", str(i), pdf, "-")) for i in range(1, pages + 1)]
    whole = " ".join(texts)
    if prints["catalogue.title"][lang] not in texts[0]:
        fail(f"the title '{prints['catalogue.title'][lang]}' is not on page 1")
    for category in dict.fromkeys(e["category"] for e in exercises):
        heading = prints[f"catalogue.category.{category}"][lang]
        if heading not in whole:
            fail(f"the heading '{heading}' is missing")

    for e in exercises:
        # The card's heading: the name, then the ID (an ID may also be a word of some text).
        heading = f"{flat(e['name'][lang])} {e['id']}"
        on = [i for i, t in enumerate(texts) if re.search(rf"{re.escape(heading)}(?![a-z0-9_])", t)]
        if len(on) != 1:
            fail(f"{e['id']}: its heading '{heading}' is on {len(on)} pages ({[i + 1 for i in on]}), not exactly one")
            continue
        page = texts[on[0]]
        for what, expected in [("instruction", line) for line in e["instructions"][lang]]:
            # Compared without white space and hyphens: pdftotext joins a line broken after a
            # hyphen ("hip-" "width") into "hipwidth".
            if re.sub(r"[\s-]+", "", expected) not in re.sub(r"[\s-]+", "", page):
                fail(f"{e['id']}: its {what} '{expected}' is not on page {on[0] + 1} with its ID")
        amount = str(e["dose"]["amount"])
        if not re.search(rf"\b{amount}\b", page):
            fail(f"{e['id']}: its dose ({amount}) is not on page {on[0] + 1}")
    for f in failures:
        print(f"{pdf}: {f}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
