"""The calendar renderer read back by libical (the C library of Evolution and many
others): renders each golden plan in English and Dutch with `rehabplan render`, runs
libical_check on the file (parse + RFC 5545 restriction check, zero errors) and compares
its "UID date minutes" lines with the values worked out from the plan JSON
(ics_expected.py).

    check_libical.py REHABPLAN_CLI LIBICAL_CHECK

Exit 0 when every case matches; otherwise the differences, and exit 1."""
import difflib
import os
import pathlib
import subprocess
import sys
import tempfile

import ics_expected as ex


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    os.environ["REHABPLAN_CLI"], libical_check = sys.argv[1], sys.argv[2]
    failures, cases, events = 0, 0, 0
    with tempfile.TemporaryDirectory(prefix="rehabplan-ics-") as tmp:
        for path in ex.golden_plans():
            plan = ex.load(path)
            expected = [f"{uid} {date} {minutes}" for uid, date, minutes, _ in ex.expected_events(plan)]
            for lang in ex.LANGUAGES:
                cases += 1
                ics = pathlib.Path(tmp) / f"{path.stem}-{lang}.ics"
                ics.write_bytes(ex.render(path, lang))
                done = subprocess.run([libical_check, str(ics)], capture_output=True, text=True, check=False)
                got = done.stdout.splitlines()
                if done.returncode != 0 or got != expected:
                    failures += 1
                    print(f"FAIL {path.name} {lang}: libical_check exit {done.returncode}", file=sys.stderr)
                    sys.stderr.write(done.stderr)
                    sys.stderr.writelines(difflib.unified_diff([e + "\n" for e in expected], [g + "\n" for g in got],
                                                               "expected", "libical", n=1))
                events += len(got)
    if cases < 12:
        print(f"FAIL: only {cases} cases (expected the 6 golden plans in 2 languages)", file=sys.stderr)
        return 1
    print(f"libical: {cases} calendars, {events} events checked, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
