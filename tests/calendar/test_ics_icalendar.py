"""The calendar renderer read back by the Python `icalendar` package (Debian
python3-icalendar), an RFC 5545 parser independent of the library.

For each golden plan (tests/data/golden) in English and Dutch: one VEVENT per session and
per outcome measure, on the right dates, with the session's minutes, stable unique UIDs,
the title in SUMMARY, the kind in CATEGORIES and the stop signals in DESCRIPTION, all in the
requested language. Run by ctest (calendar.icalendar) with REHABPLAN_CLI set to the
`rehabplan` command, which renders the plans."""
import datetime

import pytest
from icalendar import Calendar

import ics_expected as ex

CASES = [(p, lang) for p in ex.golden_plans() for lang in ex.LANGUAGES]
IDS = [f"{p.stem}-{lang}" for p, lang in CASES]


@pytest.fixture(scope="module")
def rendered():
    """Each case rendered twice: (first bytes, second bytes)."""
    return {(p, lang): (ex.render(p, lang), ex.render(p, lang)) for p, lang in CASES}


def parse(data):
    cal = Calendar.from_ical(data)
    assert not cal.errors, cal.errors
    for component in cal.walk():
        assert not component.errors, (component.name, component.errors)
    return cal


def categories(ev):
    """CATEGORIES as a list of strings (icalendar 4 parses it into a vCategory)."""
    value = ev["CATEGORIES"]
    return [str(c) for c in value.cats] if hasattr(value, "cats") else [str(value)]


def test_there_are_golden_plans():
    assert len(ex.golden_plans()) >= 6


@pytest.mark.parametrize("path,lang", CASES, ids=IDS)
def test_same_bytes_every_time(rendered, path, lang):
    first, second = rendered[(path, lang)]
    assert first == second


@pytest.mark.parametrize("path,lang", CASES, ids=IDS)
def test_lines_end_in_crlf_and_fit_75_octets(rendered, path, lang):
    data = rendered[(path, lang)][0]
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert max(len(line) for line in lines) <= 75
    data.decode("utf-8")  # valid UTF-8 (folding never splits a character)


@pytest.mark.parametrize("path,lang", CASES, ids=IDS)
def test_calendar_header(rendered, path, lang):
    cal = parse(rendered[(path, lang)][0])
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["CALSCALE"]) == "GREGORIAN"
    assert str(cal["PRODID"]).startswith("-//rehabplan//rehabplan ")
    assert str(cal["X-WR-CALNAME"]) == ex.print_text("print.calendar.name", lang)


@pytest.mark.parametrize("path,lang", CASES, ids=IDS)
def test_events_match_the_plan(rendered, path, lang):
    plan = ex.load(path)
    events = parse(rendered[(path, lang)][0]).walk("VEVENT")
    expected = ex.expected_events(plan)
    assert len(events) == len(expected)
    steps = sum(1 for item in (e[3] for e in expected) if "step" in item and "ladder" in item)
    assert len(events) == len(plan["sessions"]) + len(plan.get("outcome_measures", [])) + steps
    stop = ex.stop_text(plan, lang)
    stamp = datetime.datetime.fromisoformat(plan["start_date"] + "T00:00:00+00:00")
    for ev, (uid, date, minutes, item) in zip(events, expected):
        assert str(ev["UID"]) == uid
        assert ev.decoded("DTSTAMP") == stamp
        start = ev.decoded("DTSTART")
        if "ladder" in item:  # a concussion return's step: an all-day event on its first day
            assert type(start) is datetime.date
            assert start.isoformat() == date
            assert str(ev["TRANSP"]) == "TRANSPARENT"
            assert ex.print_text("print.return.step", lang, step=item["step"]) in str(ev["SUMMARY"])
            continue
        if "measure" in item:  # an outcome measure: an all-day event
            assert type(start) is datetime.date
            assert start.isoformat() == date
            assert ev.decoded("DTEND") - start == datetime.timedelta(days=1)
            assert str(ev["TRANSP"]) == "TRANSPARENT"
            name = ex.measure_name(item, lang)
            assert str(ev["SUMMARY"]) == ex.print_text("print.calendar.measure", lang, name=name)
            continue
        session = item
        assert isinstance(start, datetime.datetime) and start.tzinfo is None  # floating local time
        assert start.date().isoformat() == date
        assert ev.decoded("DURATION") == datetime.timedelta(minutes=minutes)
        summary = str(ev["SUMMARY"])
        assert summary.endswith(f"({minutes} min)")
        if lang == plan.get("language", "en") and session.get("title"):
            assert session["title"] in summary  # the generator's title, in the plan's own language
        assert categories(ev) == [ex.print_text("print.type." + session["type"], lang)]
        description = str(ev["DESCRIPTION"])
        for stop_line in stop.split("\n"):
            assert stop_line in description.split("\n")
        if "hiit" in session:
            assert str(session["hiit"]["repeats"]) in description


@pytest.mark.parametrize("path,lang", CASES, ids=IDS)
def test_uids_unique_and_stable(rendered, path, lang):
    first, second = (parse(data) for data in rendered[(path, lang)])
    uids = [str(ev["UID"]) for ev in first.walk("VEVENT")]
    assert len(set(uids)) == len(uids)
    assert uids == [str(ev["UID"]) for ev in second.walk("VEVENT")]


@pytest.mark.parametrize("path", ex.golden_plans(), ids=[p.stem for p in ex.golden_plans()])
def test_same_uids_in_both_languages(rendered, path):
    uids = {lang: [str(ev["UID"]) for ev in parse(rendered[(path, lang)][0]).walk("VEVENT")] for lang in ex.LANGUAGES}
    assert uids["en"] == uids["nl"]


def test_different_patients_do_not_share_uids(rendered):
    seen = {}
    for (path, lang), (data, _) in rendered.items():
        for ev in parse(data).walk("VEVENT"):
            owner = seen.setdefault(str(ev["UID"]), path)
            assert owner == path, f"{ev['UID']} in {owner.name} and {path.name}"
