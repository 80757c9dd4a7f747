"""Dutch output reads as Dutch (#19, section Dutch): no English left in what a Dutch patient or
therapist reads, decimal commas, and plural agreement.

Plans for a spread of patients and every programme of `rehabplan programmes` (stroke on one
available day with a 4-minute baseline, NeuroRC after a TBI, Cognitieve Fitness with dementia,
HIIT after a stroke, concussion returns for an athlete and a pupil, graded activity and graded
exposure with a Dutch fear hierarchy, Parkinson's with a beta-blocker, a measured HFmax) are
generated in Dutch in every patient format (text, markdown, html, ics; the json's text fields,
and the findings on stderr), plus `validate --lang nl`, `rules --lang nl` and `programmes --lang nl`.
Each output fails on any word of ENGLISH (whole words, case-insensitive). What may stay is in
ALLOWED, each with its reason; bibliographic references (their titles are in the language they
were published in) and identifiers (rule IDs, parameter and field names, JSON pointers) are
removed before the scan.

Patients: tests/cli/scenarios/dutch/.
"""

from __future__ import annotations

import html
import html.parser
import json
import re

import pytest

from conftest import EXAMPLES, SOURCE_DIR

SCENARIOS = SOURCE_DIR / "tests" / "cli" / "scenarios" / "dutch"
START = "2026-12-07"

# English words that must not appear in Dutch output. Words that are also Dutch ("week", "in",
# "is", "of", "plan", "test", "stop", "rest", "hard", "stand", "been", "training", "sport",
# "team", "zone", "score", "start", "interval", "contact", "per week", "quota") cannot be on it.
ENGLISH = [
    "the", "and", "with", "for", "your", "you", "are", "at", "to", "from", "not", "only", "when",
    "this", "that", "none", "yet", "at least", "at most", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
    "session", "sessions", "minute", "minutes", "day", "days", "weeks", "weekly", "daily", "seconds",
    "times", "heart rate", "heart-rate", "HRmax", "HRR", "bpm", "beats", "effort", "easy",
    "walk", "walking", "cycling", "cycle", "strength", "balance", "exercise", "exercises",
    "breathing", "breath", "relaxation", "dual task", "dual-task", "stance", "leg", "warm up",
    "warm-up", "cool down", "cool-down", "recovery", "repeats", "intervals", "steps", "step",
    "moderate", "vigorous", "light", "target", "limit", "ceiling", "floor", "baseline", "build-up",
    "clearance", "doctor", "therapist", "patient", "concussion", "stroke", "brain", "injury",
    "pain", "fear", "symptoms", "dizziness", "headache", "measured", "age", "resting",
    "formula", "programme", "group", "home", "full", "dose", "warning", "warnings", "error",
    "errors", "summary", "expected", "actual", "note", "remark", "steers", "graded", "activity",
    "exposure", "education", "measurement", "measurements", "week(s)", "day(s)",
]

# What may stay, and why. Removed (case-insensitively) before the scan.
ALLOWED = {
    "MoCA": "measure name: Montreal Cognitive Assessment, used untranslated in the Netherlands",
    "MMSE": "measure name: Mini-Mental State Examination",
    "Child SCAT6": "measure name: the Child Sport Concussion Assessment Tool 6 (the name of the form)",
    "Child SCOAT6": "measure name: the Child Sport Concussion Office Assessment Tool 6",
    "SCAT6": "measure name: Sport Concussion Assessment Tool 6",
    "SCOAT6": "measure name: Sport Concussion Office Assessment Tool 6",
    "SCAT": "measure name: the SCAT symptom score",
    "QOLIBRI": "measure name: Quality of Life after Brain Injury",
    "Buffalo": "test name: the Buffalo Concussion Treadmill Test",
    "Borg": "scale name: the Borg scale of perceived exertion",
    "Karvonen": "formula name: Karvonen's heart-rate reserve",
    "Tanaka": "formula name", "Fox": "formula name", "Gellish": "formula name",
    "Gulati": "formula name", "Brawner": "formula name",
    "NeuroRC": "programme name: NeuroRC Leeuwarden",
    "Graded activity": "method name, used untranslated by Dutch therapists (KNGF; seed 001)",
    "Graded exposure": "method name, used untranslated by Dutch therapists (KNGF; seed 001)",
    "Amsterdam 2022": "name of the consensus statement on concussion in sport",
    "HIIT": "abbreviation used in Dutch (seed 002: 'HIIT-intervallen')",
    "leg één hand": "Dutch imperative of 'leggen' (put one hand), not the English 'leg'",
    "leg twee voorwerpen": "Dutch imperative of 'leggen' (put two objects)",
    "leg een opgerolde": "Dutch imperative of 'leggen' (put a rolled towel)",
    "ACSM": "name of the American College of Sports Medicine",
    "WHO": "name of the World Health Organization",
    "ACWR": "measure name: acute:chronic workload ratio (therapist's load table)",
    "rehabplan": "the program's name",
}

# Each case: a name, the generate arguments (patient and programme).
CASES = {
    "stroke-one-day": ["--patient", SCENARIOS / "patient-stroke-one-day.json", "--weeks", "3"],
    "neurorc": ["--patient", SCENARIOS / "patient-tbi-neurorc.json", "--programme", "neurorc_intensive",
                "--weeks", "4"],
    "cognitive-fitness": ["--patient", SCENARIOS / "patient-dementia.json", "--programme", "cognitive_fitness",
                          "--weeks", "3"],
    "hiit-stroke": ["--patient", SCENARIOS / "patient-stroke-hiit.json", "--programme", "hiit_stroke",
                    "--weeks", "5"],
    "hiit-stroke-unscreened": ["--patient", SCENARIOS / "patient-stroke-one-day.json", "--programme",
                               "hiit_stroke", "--weeks", "4"],
    "concussion-athlete": ["--patient", SCENARIOS / "patient-concussion-athlete.json", "--weeks", "4"],
    "concussion-pupil": ["--patient", SCENARIOS / "patient-concussion-pupil.json", "--programme",
                         "concussion_return", "--weeks", "4"],
    "graded-activity": ["--patient", SCENARIOS / "patient-pain-fear.json", "--programme", "graded_activity",
                        "--weeks", "5"],
    "graded-exposure": ["--patient", SCENARIOS / "patient-pain-fear.json", "--programme", "graded_exposure",
                        "--weeks", "5"],
    "parkinson-beta-blocker": ["--patient", SCENARIOS / "patient-parkinson-beta-blocker.json", "--weeks", "3"],
    "tbi-measured": ["--patient", SCENARIOS / "patient-tbi-measured.json", "--weeks", "3"],
    "standard-flags": ["--age", "67", "--condition", "stroke:2026-08-14", "--days", "mon,thu", "--baseline", "8"],
}
FORMATS = ["text", "markdown", "html", "ics", "json"]


def references() -> list[str]:
    """Every bibliographic reference text of the rule set, longest first."""
    rules = json.loads((SOURCE_DIR / "data" / "rules.json").read_text(encoding="utf-8"))
    refs = [v for v in rules.get("references", {}).values() if isinstance(v, str)]
    return sorted(refs, key=len, reverse=True)


REFERENCES = references()
_SPLIT_REFERENCES = [re.compile("\n?".join(map(re.escape, r))) for r in REFERENCES if re.search(r"\d-\d", r)]
# A JSON pointer, or a name with dots or underscores and at least one letter (not "157,6").
_IDENTIFIER = re.compile(r"(?<![\w/])(?:/[\w./-]+|(?=[\w.]*[A-Za-z])[A-Za-z0-9]+(?:[._][A-Za-z0-9]+)+)")


def scrub(text: str) -> str:
    """`text` without references, identifiers and allowed names."""
    for r in REFERENCES:
        text = text.replace(r, " ")
    # A reference an HTML page splits at its markup (a page range kept on one line: <span>):
    # the parts come back on lines of their own.
    for r in _SPLIT_REFERENCES:
        text = r.sub(" ", text)
    text = _IDENTIFIER.sub(" ", text)
    for name in sorted(ALLOWED, key=len, reverse=True):
        text = re.sub(r"(?<!\w)" + re.escape(name) + r"(?!\w)", " ", text, flags=re.IGNORECASE)
    return text


_ENGLISH = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in
                                                 sorted(ENGLISH, key=len, reverse=True)) + r")(?![\w-])",
                      re.IGNORECASE)


def english_words(text: str) -> list[str]:
    """The English words in `text` with some context, after scrub()."""
    clean = scrub(text)
    return [clean[max(0, m.start() - 40):m.end() + 40].replace("\n", " ") for m in _ENGLISH.finditer(clean)]


def test_dutch_english_word_list_catches_english():
    """The scanner itself: English is caught, Dutch, allowed names and references are not."""
    assert english_words("Train at 90-124 beats per minute")
    assert english_words("Dual-task wandeling")
    assert english_words("HRmax is 163")
    assert english_words("Deze week: 100 minuten op 1 day(s).")
    assert not english_words("Week 1: trainen in uw zone, zie MoCA en Child SCAT6 (Borg 11-13), rust 2 dagen.")
    assert not english_words("regel week.volume bij /sessions/0/intensity, veld symptoms_resolved")
    assert not english_words(REFERENCES[0])


class _Text(html.parser.HTMLParser):
    """The text of an HTML page: character data outside style and script, and the
    attributes a reader meets (alt, title, aria-label)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self.skip += 1
        for k, v in attrs:
            if k in ("alt", "title", "aria-label") and v:
                self.parts.append(v)

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(page: str) -> str:
    p = _Text()
    p.feed(page)
    return "\n".join(p.parts)


def ics_text(cal: str) -> str:
    """The values a calendar shows: SUMMARY, DESCRIPTION, LOCATION and the calendar's name."""
    unfolded = re.sub(r"\r?\n[ \t]", "", cal)
    out = []
    for line in unfolded.splitlines():
        name, _, value = line.partition(":")
        if name.split(";")[0] in ("SUMMARY", "DESCRIPTION", "LOCATION", "X-WR-CALNAME", "COMMENT"):
            out.append(value.replace("\\n", "\n").replace("\\N", "\n").replace("\\,", ",").replace("\\;", ";")
                       .replace("\\\\", "\\"))
    return "\n".join(out)


TEXT_KEYS = {"title", "note", "notes", "description", "summary", "text"}


def json_text(doc) -> str:
    """The text fields of a plan: titles, notes and descriptions, and the Dutch half of every
    {en, nl} pair."""
    out: list[str] = []

    def walk(x, key=None):
        if isinstance(x, dict):
            if "nl" in x and "en" in x and isinstance(x["nl"], str):
                out.append(x["nl"])
                return
            for k, v in x.items():
                walk(v, k)
        elif isinstance(x, list):
            for v in x:
                walk(v, key)
        elif isinstance(x, str) and key in TEXT_KEYS:
            out.append(x)

    walk(doc)
    return "\n".join(out)


def without_expected_actual(text: str) -> str:
    """Findings' expected/actual values are machine-readable comparison data in English (the
    JSON has them as one string, not per language): left out of the scan."""
    return "\n".join(l for l in text.splitlines() if not l.strip().startswith("verwacht:"))


def generate(cli, case: str, fmt: str):
    r = cli("generate", *CASES[case], "--start", START, "--lang", "nl", "--format", fmt)
    assert r.code in (0, 1), r.err
    return r


def readable(fmt: str, out: str) -> str:
    if fmt == "html":
        return html_text(out)
    if fmt == "ics":
        return ics_text(out)
    if fmt == "json":
        return json_text(json.loads(out))
    if fmt == "markdown":
        return re.sub(r"\\([\\`*_{}\[\]()#+.!|-])", r"\1", out)
    return out


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", sorted(CASES))
def test_dutch_plan_has_no_english(cli, case, fmt):
    r = generate(cli, case, fmt)
    text = readable(fmt, r.out)
    assert text.strip(), f"{case} {fmt}: no text"
    found = english_words(text)
    assert not found, f"{case} {fmt}: English in the Dutch plan: {found[:10]}"
    # The generator's findings on stderr, in Dutch too.
    found = english_words(without_expected_actual(r.err))
    assert not found, f"{case} {fmt}: English in the Dutch findings: {found[:10]}"


def test_dutch_every_programme_is_covered(cli):
    r = cli("programmes")
    assert r.code == 0, r.err
    names = [l for l in r.out.splitlines() if l and not l.startswith(" ")]
    covered = {args[args.index("--programme") + 1] for args in CASES.values() if "--programme" in args}
    covered.add("standard")
    covered.add("concussion_return")  # the default programme for a concussion (concussion-athlete)
    assert set(names) <= covered, sorted(set(names) - covered)


def test_dutch_programmes_list(cli):
    r = cli("programmes", "--lang", "nl")
    assert r.code == 0, r.err
    found = english_words(r.out)
    assert not found, found[:10]
    assert "Cognitieve Fitness" in r.out and "Fitheid" not in r.out


def test_dutch_rules(cli):
    r = cli("rules", "--lang", "nl")
    assert r.code == 0, r.err
    # Parameter lines ("  name = value unit") and the condition parameter lines are identifiers
    # and values; the titles and explanations are what a therapist reads.
    # "aandoening stroke: Beroerte (CVA)": the word after "aandoening" is the condition's ID.
    readable_lines = [re.sub(r"^aandoening \w+:", "aandoening:", l) for l in r.out.splitlines() if " = " not in l]
    found = english_words("\n".join(readable_lines))
    assert not found, found[:10]


VALIDATE = [
    (EXAMPLES / "patient-stroke.json", EXAMPLES / "plan-with-errors.json"),
    (EXAMPLES / "patient-stroke.json", EXAMPLES / "plan-stroke-week.json"),
    (EXAMPLES / "patient-concussion.json", EXAMPLES / "plan-concussion.json"),
]


@pytest.mark.parametrize("patient,plan", VALIDATE, ids=lambda p: p.name)
def test_dutch_validate(cli, patient, plan):
    r = cli("validate", "--patient", patient, "--plan", plan, "--lang", "nl")
    assert r.code in (0, 1), r.err
    found = english_words(without_expected_actual(r.out))
    assert not found, found[:10]


@pytest.mark.parametrize("case", ["stroke-one-day", "hiit-stroke", "graded-exposure", "parkinson-beta-blocker"])
def test_dutch_validate_generated(cli, tmp_path, case):
    plan = tmp_path / "plan.json"
    plan.write_text(generate(cli, case, "json").out, encoding="utf-8")
    args = CASES[case]
    if "--patient" not in args:
        pytest.skip("flags only")
    r = cli("validate", "--patient", args[args.index("--patient") + 1], "--plan", plan, "--lang", "nl")
    assert r.code in (0, 1), r.err
    found = english_words(without_expected_actual(r.out))
    assert not found, found[:10]


# ---------------------------------------------------------------- numbers
_POINT_DECIMAL = re.compile(r"(?<![\d.])\d+\.\d+(?![\d.])")


@pytest.mark.parametrize("case", sorted(CASES))
def test_dutch_decimal_comma(cli, case):
    """A Dutch number with decimals has a comma: "157,6", never "157.6"."""
    for fmt in ("text", "markdown", "html"):
        text = scrub(readable(fmt, generate(cli, case, fmt).out))
        bad = [text[max(0, m.start() - 30):m.end() + 10] for m in _POINT_DECIMAL.finditer(text)]
        assert not bad, f"{case} {fmt}: {bad[:5]}"


def test_dutch_hfmax_formula_with_decimal_comma(cli):
    """Parkinson's, 72 years: 208 - 0,7 x 72 = 157,6 (Tanaka), written the Dutch way; with a
    beta-blocker 164 - 0,7 x 72 = 113,6 (Brawner)."""
    args = ["generate", "--age", "72", "--condition", "parkinson", "--start", START, "--weeks", "2"]
    text = " ".join(cli(*args, "--lang", "nl").out.split())
    assert "HFmax" in text and "HRmax" not in text
    assert "208 - 0,7 x leeftijd = 157,6" in text
    assert "208 - 0.7 x age = 157.6" in " ".join(cli(*args, "--lang", "en").out.split())
    beta = " ".join(generate(cli, "parkinson-beta-blocker", "text").out.split())
    assert "164 - 0,7 x leeftijd = 113,6" in beta


def test_dutch_measured_hfmax(cli):
    r = cli("generate", *CASES["tbi-measured"], "--start", START, "--lang", "nl")
    text = " ".join(r.out.split())
    assert "HFmax" in text and "gemeten" in text


# ---------------------------------------------------------------- plurals
_ONE_PLURAL = re.compile(r"(?<![\d,.])1 (dagen|weken|sessies|trainingsdagen|rustdagen|krachtdagen|balansdagen|keren)\b")
_ONE_PLURAL_EN = re.compile(r"(?<![\d,.])1 (days|weeks|sessions|training days|rest days|strength days|balance days)\b")


def test_dutch_one_day_is_singular(cli):
    """One available day: "op 1 dag", never "op 1 dagen"; in English never "on 1 days"."""
    nl = generate(cli, "stroke-one-day", "text")
    text = " ".join((nl.out + "\n" + nl.err).split())
    assert not _ONE_PLURAL.search(text), _ONE_PLURAL.search(text).group(0)
    en = cli("generate", *CASES["stroke-one-day"], "--start", START, "--lang", "en")
    text = " ".join((en.out + "\n" + en.err).split())
    assert not _ONE_PLURAL_EN.search(text), _ONE_PLURAL_EN.search(text).group(0)


def test_dutch_validate_plurals(cli):
    """plan-with-errors has strength on 1 day: singular in both languages, and plural agreement
    of the verb ("minstens 2 dagen worden aanbevolen")."""
    for lang, pattern in (("nl", _ONE_PLURAL), ("en", _ONE_PLURAL_EN)):
        r = cli("validate", "--patient", EXAMPLES / "patient-stroke.json", "--plan", EXAMPLES / "plan-with-errors.json",
                "--lang", lang)
        # Not the expected/actual values ("1 strength days"): comparison data, English only.
        text = " ".join(l for l in r.out.split("\n") if not l.strip().startswith(("verwacht:", "expected:")))
        text = " ".join(text.split())
        assert not pattern.search(text), pattern.search(text).group(0)
        if lang == "nl":
            assert "dagen wordt aanbevolen" not in text
            assert "minstens 2 dagen worden aanbevolen" in text


# ---------------------------------------------------------------- the issue's phrases
def test_dutch_issue_phrases(cli):
    stroke = " ".join(generate(cli, "standard-flags", "text").out.split())
    assert "Train met een hartslag tussen" in stroke
    assert "op één been staan" in stroke.lower()
    assert "hak-tegen-teen staan en lopen" in stroke
    assert "Dual" not in stroke and "dual" not in stroke
    cf = " ".join(generate(cli, "cognitive-fitness", "text").out.split())
    assert "Cognitieve Fitness" in cf and "Fitheid" not in cf
    pain = " ".join(generate(cli, "graded-activity", "text").out.split())
    assert "4 tellen in, 6 tellen uit" in pain
    beta = " ".join(generate(cli, "parkinson-beta-blocker", "text").out.split())
    assert "RPE stuurt" not in beta
