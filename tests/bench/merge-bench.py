#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs the store and the UI benchmark one after the other (never together:
they would measure each other) and prints their figures as ONE JSON object,
the UI's keys after the store's; keys both have are kept from the store and
the UI's value is added with a "ui_" prefix. Progress goes to stderr.

Usage: merge-bench.py STORE-COMMAND... -- UI-COMMAND...
A benchmark that is skipped (exit 77, e.g. no display) adds
{"<name>_skipped": reason}; one that fails makes this exit 1."""
import json
import subprocess
import sys


def run(name, command):
    print(f"running {name}: {' '.join(command)}", file=sys.stderr, flush=True)
    result = subprocess.run(command, stdout=subprocess.PIPE, text=True)
    output = result.stdout.strip()
    if result.returncode == 77:
        return {f"{name}_skipped": json.loads(output).get("skipped", "skipped") if output else "skipped"}
    if result.returncode != 0:
        sys.exit(f"{name} failed with exit status {result.returncode}")
    return json.loads(output)


def main():
    args = sys.argv[1:]
    if "--" not in args:
        sys.exit(__doc__)
    split = args.index("--")
    figures = run("store", args[:split])
    for key, value in run("ui", args[split + 1:]).items():
        figures["ui_" + key if key in figures else key] = value
    print(json.dumps(figures, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
