#!/usr/bin/python3
"""Checks a printed plan: check_pdf.py PLAN.json LANG PLAN.pdf SOURCE_DIR

What a patient's printout must have, read back from the PDF with poppler:
  - every page is A4 portrait;
  - every day of every week is there with its date ("Mon 23 Nov" / "ma 23 nov"), worked
    out here from the plan's start date, not taken from the renderer;
  - a week is never split: all seven days of a week are on one page;
  - the heart-rate range in bpm, or the effort (Borg) range when heart rate cannot steer;
  - the stop box (title, every signal, the emergency line) on EVERY page, with nothing
    else printed in or under it;
  - the therapist's review only on the last page.
Expected words come from the plan JSON and the catalogs in data/. Exit 1 with one line
per failure."""
import datetime
import html
import json
import re
import subprocess
import sys

EN_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
NL_DAYS = ["ma", "di", "wo", "do", "vr", "za", "zo"]
EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
NL_MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]

failures = []


def fail(msg):
    failures.append(msg)


def run(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def flat(s):
    return " ".join(s.split())


def day_label(d, lang):
    days, months = (NL_DAYS, NL_MONTHS) if lang == "nl" else (EN_DAYS, EN_MONTHS)
    return f"{days[d.weekday()]} {d.day} {months[d.month - 1]}"


def main():
    plan_path, lang, pdf, src = sys.argv[1:5]
    plan = json.load(open(plan_path, encoding="utf-8"))
    prints = json.load(open(f"{src}/data/print.json", encoding="utf-8"))["print"]
    terms = json.load(open(f"{src}/data/messages.json", encoding="utf-8"))["terms"]
    stop_title = prints["print.stop.title"][lang]
    emergency = prints["print.stop.emergency"][lang]
    signals = [terms["signal." + s][lang] for s in plan["stop_signals"]]
    review_title = prints["print.therapist.title"][lang]

    pages = int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", pdf), re.M).group(1))
    if pages < 2:
        fail(f"only {pages} page(s)")

    # A4 portrait on every page: 595 x 842 pt (210 x 297 mm), rounding allowed.
    sizes = re.findall(r"^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts", run("pdfinfo", "-f", "1", "-l", str(pages), pdf), re.M)
    if len(sizes) != pages:
        fail(f"pdfinfo gave {len(sizes)} page sizes for {pages} pages")
    for n, w, h in sizes:
        if abs(float(w) - 595.3) > 1.5 or abs(float(h) - 841.9) > 1.5:
            fail(f"page {n} is {w} x {h} pt, not A4 portrait")

    texts = [flat(run("pdftotext", "-layout", "-f", str(i), "-l", str(i), pdf, "-")) for i in range(1, pages + 1)]
    whole = " ".join(texts)

    # Every day of every week with its date, and each week on one page.
    start = datetime.date.fromisoformat(plan["start_date"])
    for w in range(plan["weeks"]):
        labels = [day_label(start + datetime.timedelta(days=7 * w + d), lang) for d in range(7)]
        for label in labels:
            if label not in whole:
                fail(f"week {w + 1}: day label '{label}' not in the PDF")
        if not any(all(label in t for label in labels) for t in texts):
            fail(f"week {w + 1} ({labels[0]} - {labels[-1]}) is not on one page")

    # The target: beats per minute, or effort on the Borg scale.
    zone = plan["heart_rate_zone"]
    if "rpe_low" in zone:
        on_page_1 = [f"{zone['rpe_low']}-{zone['rpe_high']}", "Borg", str(zone["high_bpm"])]
        in_weeks = f"{zone['rpe_low']}-{zone['rpe_high']} (Borg)"
    else:
        on_page_1 = [f"{zone['low_bpm']}-{zone['high_bpm']}"]
        in_weeks = f"{zone['low_bpm']}-{zone['high_bpm']} " + ("slagen/min" if lang == "nl" else "bpm")
    for e in on_page_1:
        if e not in texts[0]:
            fail(f"the target '{e}' is not on page 1")
    if in_weeks not in whole:
        fail(f"no session target '{in_weeks}' in the weeks")

    # The stop box on every page, and nothing else in or under it.
    box_words = flat(" ".join([stop_title] + signals + [emergency])).split()
    bbox = run("pdftotext", "-bbox", pdf, "-")
    page_blocks = re.findall(r"<page [^>]*>(.*?)</page>", bbox, re.S)
    if len(page_blocks) != pages:
        fail(f"pdftotext -bbox gave {len(page_blocks)} pages for {pages}")
    word_re = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
    for i, block in enumerate(page_blocks, start=1):
        if flat(stop_title) not in texts[i - 1] or flat(emergency) not in texts[i - 1]:
            fail(f"page {i}: the stop box title or emergency line is missing")
        for s in signals:
            if flat(s) not in texts[i - 1]:
                fail(f"page {i}: stop signal '{s}' is missing")
        words = [(float(y0), float(x0), float(y1), html.unescape(t)) for x0, y0, x1, y1, t in word_re.findall(block)]
        first = box_words[0]
        tops = [y0 for y0, _, _, t in words if t == first]
        if not tops:
            fail(f"page {i}: no '{first}' (stop box) found")
            continue
        box_top = max(tops)  # the box is the lowest thing on the page
        below = [t for y0, x0, y1, t in sorted(words) if y0 >= box_top - 1 and t != "\u25a0"]
        if below != box_words:
            fail(f"page {i}: in and under the stop box: {' '.join(below)!r}, expected {' '.join(box_words)!r}")
        above = [(y1, t) for y0, x0, y1, t in words if y0 < box_top - 1]
        if above and max(above)[0] > box_top - 8:  # 8 pt: the box's padding and border
            fail(f"page {i}: '{max(above)[1]}' runs into the stop box")

    # The therapist's review: on the last page, there only.
    if plan.get("findings") or plan.get("notes"):
        where = [i for i, t in enumerate(texts, start=1) if review_title in t]
        if where != [pages]:
            fail(f"the review title is on page(s) {where}, expected only the last page {pages}")

    for f in failures:
        print(f"{pdf}: {f}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
