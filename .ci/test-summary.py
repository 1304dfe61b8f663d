#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Count test results over one or more meson testlog.json files.

Usage: test-summary.py [--extra-failed N] [--quiet] TESTLOG.json...

meson 1.0 has no "N passed, N failed" line of its own. Its testlog.json
holds one JSON object per line with the test's `name`, `result` and
`stdout`, but no per-subtest counts, so the TAP lines are read back from
`stdout`:

- a test whose stdout has TAP result lines (`ok` / `not ok` at the start of a
  line) counts each of them: `ok` passed, `not ok` failed, `# SKIP` skipped,
  `not ok # TODO` (an expected failure) passed, `ok # TODO` (an unexpected
  pass) failed. If the test as a whole failed (FAIL, TIMEOUT, ERROR,
  UNEXPECTEDPASS: crash, timeout, bad exit code, bail out) although none of
  its TAP lines says `not ok`, the test itself counts one more failure;
- any other test counts once by its `result`: OK and EXPECTEDFAIL passed,
  SKIP skipped, everything else failed.

--extra-failed N adds N failures that have no log (a build that failed, a
`meson test` that died before writing its log). A file that is missing or
unreadable counts as one failure.

Prints the failed tests, then the skipped count on its own line if there is
any, then, as the last line, "N passed, N failed". Exit status 1 when
anything failed, else 0. --quiet prints nothing and only sets the status.
"""

import argparse
import json
import re
import sys

PASSED_RESULTS = {"OK", "EXPECTEDFAIL"}
SKIPPED_RESULTS = {"SKIP"}

# Top-level TAP result lines only; indented lines belong to nested subtests.
TAP_LINE = re.compile(r"^(not ok|ok)\b(.*)$", re.MULTILINE)
DIRECTIVE = re.compile(r"#\s*(SKIP|TODO)\b", re.IGNORECASE)


class Counts:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.skipped = 0
        self.failures = []

    def fail(self, what):
        self.failed += 1
        self.failures.append(what)


def count_test(t, counts, source):
    name = t.get("name", "?")
    result = t.get("result", "ERROR")
    stdout = t.get("stdout") or ""
    test_failed = result not in PASSED_RESULTS and result not in SKIPPED_RESULTS

    tap = TAP_LINE.findall(stdout)
    if not tap:
        if result in PASSED_RESULTS:
            counts.passed += 1
        elif result in SKIPPED_RESULTS:
            counts.skipped += 1
        else:
            counts.fail(f"{name} ({result}) [{source}]")
        return

    not_ok_seen = False
    for status, rest in tap:
        m = DIRECTIVE.search(rest)
        directive = m.group(1).upper() if m else None
        label = f"{name}: {status}{rest}".rstrip()
        if directive == "SKIP":
            counts.skipped += 1
        elif directive == "TODO":
            if status == "ok":
                counts.fail(f"{label} (unexpected pass) [{source}]")
            else:
                counts.passed += 1
        elif status == "ok":
            counts.passed += 1
        else:
            not_ok_seen = True
            counts.fail(f"{label} [{source}]")

    if test_failed and not not_ok_seen:
        counts.fail(f"{name} ({result}) [{source}]")


def count_file(path, counts):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for lineno, line in enumerate(f, 1):
                line = line.strip()
                if not line:
                    continue
                try:
                    t = json.loads(line)
                except json.JSONDecodeError as e:
                    counts.fail(f"{path}:{lineno}: unreadable test record ({e})")
                    continue
                count_test(t, counts, path)
    except OSError as e:
        counts.fail(f"{path}: {e.strerror}")


def main(argv):
    parser = argparse.ArgumentParser(
        description="Print 'N passed, N failed' from meson testlog.json files.")
    parser.add_argument("--extra-failed", type=int, default=0, metavar="N",
                        help="add N failures that have no test log")
    parser.add_argument("--quiet", action="store_true",
                        help="print nothing, only set the exit status")
    parser.add_argument("testlogs", nargs="*", metavar="TESTLOG.json")
    args = parser.parse_args(argv)

    counts = Counts()
    for path in args.testlogs:
        count_file(path, counts)
    counts.failed += max(args.extra_failed, 0)

    if not args.quiet:
        for what in counts.failures:
            print(f"FAILED: {what}")
        if counts.skipped:
            print(f"{counts.skipped} skipped")
        print(f"{counts.passed} passed, {counts.failed} failed")
    return 1 if counts.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
