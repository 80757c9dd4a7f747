#!/usr/bin/python3
"""Checks a printed plan: check_pdf.py PLAN.json LANG PLAN.pdf SOURCE_DIR
or a printed progress report: check_pdf.py --progress REPORT.json LANG REPORT.pdf SOURCE_DIR

What a patient's printout must have, read back from the PDF with poppler:
  - every page is A4 portrait;
  - every day of every week is there with its date ("Mon 23 Nov" / "ma 23 nov"), worked
    out here from the plan's start date, not taken from the renderer;
  - a week is never split: all seven days of a week are on one page;
  - the heart-rate range in bpm, or the effort (Borg) range when heart rate cannot steer;
  - the stop box (title, every signal, the emergency line) on EVERY page, with nothing
    else printed in or under it;
  - the therapist's review last: from one page after the weeks to the end.
A plan with named exercises: check_pdf.py --cards PLAN.json LANG PLAN.pdf SOURCE_DIR
  - every page is A4 portrait;
  - a page of cards per kind of session that names exercises, each starting a page and
    fitting on it: the heading, every exercise's name (the library's, in LANG), its level
    in its chain and every dose it is given, written out here from data/print.json;
  - the daily table names the exercises ("Exercises: ...");
  - in Dutch no English text of the exercises (names, print.ex.* wording) anywhere.
A progress report (REPORT.json is the same report as rehabplan progress --format json):
  - every page is A4 portrait, and every word lies within the page's printable width;
  - the title and the decision for the coming weeks on page 1;
  - every week's label ("Week 3") and dates ("7 Dec-13 Dec"), worked out from the report;
  - the title of every chart (the SCAT chart only when a week has a score).
Expected words come from the plan or report JSON and the catalogs in data/. Exit 1 with
one line per failure."""
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


def a4_pages(pdf):
    """The number of pages; a failure for every page that is not A4 portrait."""
    pages = int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", pdf), re.M).group(1))
    # A4 portrait on every page: 595 x 842 pt (210 x 297 mm), rounding allowed.
    sizes = re.findall(r"^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts", run("pdfinfo", "-f", "1", "-l", str(pages), pdf), re.M)
    if len(sizes) != pages:
        fail(f"pdfinfo gave {len(sizes)} page sizes for {pages} pages")
    for n, w, h in sizes:
        if abs(float(w) - 595.3) > 1.5 or abs(float(h) - 841.9) > 1.5:
            fail(f"page {n} is {w} x {h} pt, not A4 portrait")
    return pages


def page_texts(pdf, pages):
    return [flat(run("pdftotext", "-layout", "-f", str(i), "-l", str(i), pdf, "-")) for i in range(1, pages + 1)]


def fill(template, **values):
    for k, v in values.items():
        # {amount|repetition|repetitions}: the singular for 1 (src/core/messages.cpp plural_form)
        template = re.sub(r"\{" + re.escape(k) + r"\|([^|}]*)\|([^}]*)\}", lambda m: m.group(1) if str(v) == "1" else m.group(2), template)
        template = template.replace("{" + k + "}", str(v))
    return template


def check_progress(report_path, lang, pdf, src):
    report = json.load(open(report_path, encoding="utf-8"))
    prints = json.load(open(f"{src}/data/print.json", encoding="utf-8"))["print"]
    pages = a4_pages(pdf)
    texts = page_texts(pdf, pages)
    whole = " ".join(texts)

    # Nothing runs off the page: every word within the width (14 mm margins, rounding allowed).
    bbox = run("pdftotext", "-bbox", pdf, "-")
    for i, block in enumerate(re.findall(r"<page [^>]*>(.*?)</page>", bbox, re.S), start=1):
        for x0, x1, word in re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>', block):
            if float(x0) < 39.7 - 2 or float(x1) > 595.3 - 39.7 + 2:
                fail(f"page {i}: '{html.unescape(word)}' lies outside the printable width ({x0}-{x1} pt)")

    title = prints["progress.title"][lang]
    if title not in texts[0]:
        fail(f"the title '{title}' is not on page 1")
    decision = prints["progress.decision." + report["next"]][lang]
    if decision.upper() not in texts[0].upper():
        fail(f"the decision '{decision}' is not on page 1")

    months = NL_MONTHS if lang == "nl" else EN_MONTHS
    for w in report["weeks"]:
        label = fill(prints["print.week"][lang], week=w["week"])
        start = datetime.date.fromisoformat(w["start"])
        end = start + datetime.timedelta(days=6)
        dates = fill(prints["progress.week_dates"][lang],
                     **{"from": fill(prints["progress.day_month"][lang], day=start.day, month=months[start.month - 1]),
                        "to": fill(prints["progress.day_month"][lang], day=end.day, month=months[end.month - 1])})
        for expected in (label, dates):
            if expected not in whole:
                fail(f"week {w['week']}: '{expected}' not in the PDF")

    charts = ["progress.chart.minutes.title", "progress.chart.rpe.title", "progress.chart.symptoms.title"]
    if any("concussion_score" in w["worst"] for w in report["weeks"]):
        charts.append("progress.chart.score.title")
    if report["weeks"]:
        for key in charts:
            if prints[key][lang] not in whole:
                fail(f"the chart '{prints[key][lang]}' is missing")
    for f in failures:
        print(f"{pdf}: {f}")
    return 1 if failures else 0


def dose_text(d, prints, lang):
    """The dose as the renderer writes it (src/render/plan_view.cpp exercise_dose_text)."""
    kind = next(k for k in ("repetitions", "seconds", "minutes") if k in d)
    key = f"print.ex.amount.{kind}" + ("_side" if d.get("per_side") and kind != "minutes" else "")
    out = fill(prints[key][lang], amount=d[kind])
    if d["sets"] > 1:
        out = fill(prints["print.ex.sets"][lang], sets=d["sets"], amount=out)
        if d.get("rest_seconds", 0) > 0:
            out += ", " + fill(prints["print.ex.rest"][lang], seconds=d["rest_seconds"])
    if "rpe" in d:
        out += ", " + fill(prints["print.rpe"][lang], low=d["rpe"]["low"], high=d["rpe"]["high"])
    if d.get("extra_side") and d.get("extra_sets", 0) > 0:
        one = "_one" if d["extra_sets"] == 1 else "_many"
        out += "; " + fill(prints[f"print.ex.extra.{d['extra_side']}{one}"][lang], sets=d["extra_sets"])
    return out


def key(s):
    return re.sub(r"[\s\-]", "", s)


def check_cards(plan_path, lang, pdf, src):
    plan = json.load(open(plan_path, encoding="utf-8"))
    prints = json.load(open(f"{src}/data/print.json", encoding="utf-8"))["print"]
    library = {e["id"]: e for e in json.load(open(f"{src}/data/exercises.json", encoding="utf-8"))["exercises"]}
    chains = {}
    for e in library.values():
        chains[e["chain"]] = chains.get(e["chain"], 0) + 1
    pages = a4_pages(pdf)
    # Reading order (no -layout: the card's two columns must not interleave), compared
    # without white space and hyphens (a line may break at either).
    texts = [key(run("pdftotext", "-f", str(i), "-l", str(i), pdf, "-")) for i in range(1, pages + 1)]
    raw = "".join(texts)

    def name(d):
        return library[d["id"]]["name"][lang] if d["id"] in library else d["name"]

    # Per title (a kind of session), first seen first: its exercises and their doses.
    titles = {}
    named = {}  # (week, title, names) -> the day that names them first (the rest say "as on")
    start = datetime.date.fromisoformat(plan["start_date"])
    for s in sorted(plan["sessions"], key=lambda s: s["date"]):
        if not s.get("exercises"):
            continue
        t = titles.setdefault(s["title"], {})
        for d in s["exercises"]:
            doses = t.setdefault(d["id"], (name(d), []))[1]
            if dose_text(d, prints, lang) not in doses:
                doses.append(dose_text(d, prints, lang))
        date = datetime.date.fromisoformat(s["date"])
        names = fill(prints["print.ex.names"][lang], list=" · ".join(name(d) for d in s["exercises"]))
        first = named.setdefault(((date - start).days // 7, s["title"], names), date)
        expected = names if first == date else fill(prints["print.ex.names_same"][lang], day=day_label(first, lang))
        if key(expected) not in raw:
            fail(f"the daily table of {s['date']} does not say '{expected}'")
    if not titles:
        fail("the plan names no exercises")
    suffix = key(prints["print.ex.cards_title"][lang].split("{title}")[1])
    card_pages = [i for i, t in enumerate(texts) if suffix in t]
    if len(card_pages) != len(titles):
        fail(f"{len(card_pages)} pages of cards ('{suffix}'), expected {len(titles)} (one per kind of session)")
    for exercises in titles.values():
        # The page with all of them: the cards of one kind fit on one page.
        page = next((i for i in card_pages if all(key(n) in texts[i] for n, _ in exercises.values())), None)
        if page is None:
            fail(f"no page of cards has all of {[n for n, _ in exercises.values()]}")
            continue
        text = texts[page]
        if text.find(suffix) > text.find(key(next(iter(exercises.values()))[0])):
            fail(f"page {page + 1}: the cards' heading is not above the cards")
        for ex_id, (n, doses) in exercises.items():
            if ex_id in library and chains[library[ex_id]["chain"]] > 1:
                level = fill(prints["print.ex.level"][lang], level=library[ex_id]["level"], levels=chains[library[ex_id]["chain"]])
                if key(level) not in text:
                    fail(f"page {page + 1}: {n}: '{level}' missing")
            for dose in doses:
                if key(dose) not in text:
                    fail(f"page {page + 1}: {n}: dose '{dose}' missing")
            if ex_id in library:
                first = library[ex_id]["instructions"][lang][0]
                if key(first) not in text:
                    fail(f"page {page + 1}: {n}: instruction '{first}' missing")
    if lang == "nl":
        # English phrases of the exercise texts (print.ex.*, the library's names) where Dutch
        # has its own; compared in the pages of weeks and cards (citations are English).
        whole = "".join(texts[:max(card_pages, default=0) + 2])
        english = set()
        for k, v in prints.items():
            if k.startswith("print.ex."):
                for part in re.split(r"\{[^}]*\}", v["en"]):
                    if len(part.strip(" :;,.()")) >= 6 and part not in v["nl"]:
                        english.add(part.strip(" :;,.()"))
        for t in titles.values():
            for ex_id in t:
                if ex_id in library and library[ex_id]["name"]["en"] != library[ex_id]["name"]["nl"]:
                    english.add(library[ex_id]["name"]["en"])
        for phrase in sorted(english):
            if key(phrase) in whole:
                fail(f"English '{phrase}' in the Dutch printout")
    return 1 if failures else 0


def main():
    if sys.argv[1] == "--progress":
        return check_progress(*sys.argv[2:6])
    if sys.argv[1] == "--cards":
        code = check_cards(*sys.argv[2:6])
        for f in failures:
            print(f"{sys.argv[4]}: {f}")
        return code
    plan_path, lang, pdf, src = sys.argv[1:5]
    plan = json.load(open(plan_path, encoding="utf-8"))
    prints = json.load(open(f"{src}/data/print.json", encoding="utf-8"))["print"]
    terms = json.load(open(f"{src}/data/messages.json", encoding="utf-8"))["terms"]
    # The stop box: a heading per action (112 first), each over its signals (safety.stop_signals).
    emergencies = json.load(open(f"{src}/data/rules.json", encoding="utf-8"))["rules"]["safety.stop_signals"]["params"]["call_112"]["value"]
    box = []
    for action, is_112 in (("call_112", True), ("stop_call_therapist", False)):
        group = [terms["signal." + s][lang] for s in plan["stop_signals"] if (s in emergencies) == is_112]
        if group:
            box.append(prints["print.stop.group"][lang].replace("{action}", terms["stop_action." + action][lang]))
            box.extend(group)
    # Page 1 has them all; the box at the bottom of every page has the 112 ones and points to page 1
    # (without 112 signals it has them all).
    all_signals = [t for t in box if t not in {prints["print.stop.group"][lang].replace("{action}", terms["stop_action." + a][lang])
                                               for a in ("call_112", "stop_call_therapist")}]
    if any(s in emergencies for s in plan["stop_signals"]) and len(box) > 1 + sum(s in emergencies for s in plan["stop_signals"]):
        box = box[:1 + sum(s in emergencies for s in plan["stop_signals"])] + [prints["print.stop.more"][lang]]
    stop_title = box[0]
    signals = box[1:]
    review_title = prints["print.therapist.title"][lang]

    pages = a4_pages(pdf)
    if pages < 2:
        fail(f"only {pages} page(s)")

    texts = page_texts(pdf, pages)
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
        # The zone sentence: "Train at 89-122 beats ..." / "Train met een hartslag tussen 89 en 122 ...".
        on_page_1 = [f"tussen {zone['low_bpm']} en {zone['high_bpm']}" if lang == "nl" else f"{zone['low_bpm']}-{zone['high_bpm']}"]
        in_weeks = f"{zone['low_bpm']}-{zone['high_bpm']} " + ("slagen/min" if lang == "nl" else "bpm")
    for e in on_page_1:
        if e not in texts[0]:
            fail(f"the target '{e}' is not on page 1")
    if in_weeks not in whole:
        fail(f"no session target '{in_weeks}' in the weeks")

    # A concussion return: the ladders on the first two pages, every step by its label and
    # title, each dated step with its date, each undated one saying "not yet"; the
    # concussion warnings (persisting symptoms) on page 1.
    ladders = plan.get("return_ladders", [])
    if ladders:
        first_two = flat(" ".join(texts[:2]))
        if flat(prints["print.return.title"][lang]) not in first_two:
            fail("the return ladders' title is not on the first two pages")
        not_yet = flat(prints["print.return.not_yet"][lang].split("{")[0])
        for ladder in ladders:
            for step in ladder["steps"]:
                label = flat(fill(prints["print.return.step"][lang], step=step["step"]))
                if label not in flat(whole):
                    fail(f"{ladder['ladder']} {label} is not in the PDF")
                if "from" in step:
                    when = flat(fill(prints["print.return.from"][lang],
                                     date=day_label(datetime.date.fromisoformat(step["from"]), lang)))
                    if when not in flat(whole):
                        fail(f"{ladder['ladder']} {label}: '{when}' is not in the PDF")
                elif not_yet not in flat(whole):
                    fail(f"{ladder['ladder']} {label} has no date, and no '{not_yet}' is printed")
    for f in plan.get("findings", []):
        if f["rule"] == "concussion.return" and f["severity"] != "info":
            if flat(f["message"][lang])[:60] not in flat(texts[0]):
                fail(f"page 1: the concussion warning '{f['message'][lang][:60]}' is missing")

    # Every stop signal on page 1.
    for s in all_signals:
        if flat(s) not in texts[0]:
            fail(f"page 1: stop signal '{s}' is missing")

    # The stop box on every page, and nothing else in or under it.
    box_words = flat(" ".join(box)).split()
    bbox = run("pdftotext", "-bbox", pdf, "-")
    page_blocks = re.findall(r"<page [^>]*>(.*?)</page>", bbox, re.S)
    if len(page_blocks) != pages:
        fail(f"pdftotext -bbox gave {len(page_blocks)} pages for {pages}")
    word_re = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
    for i, block in enumerate(page_blocks, start=1):
        if flat(stop_title) not in texts[i - 1]:
            fail(f"page {i}: the stop box heading is missing")
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
    # A long review (a concussion return's many remarks) may run over more than one page:
    # then it starts on a page of its own after the last week and runs to the end.
    if plan.get("findings") or plan.get("notes"):
        where = [i for i, t in enumerate(texts, start=1) if review_title in t]
        last_week = start + datetime.timedelta(days=7 * plan["weeks"] - 1)
        last_week_page = max((i for i, t in enumerate(texts, start=1) if day_label(last_week, lang) in t), default=0)
        if len(where) != 1 or where[0] < last_week_page or (where[0] != pages and where[0] <= last_week_page):
            fail(f"the review title is on page(s) {where}, expected one page after the last week (page {last_week_page})")

    for f in failures:
        print(f"{pdf}: {f}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
