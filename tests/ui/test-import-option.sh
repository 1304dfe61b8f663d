#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-import-option.sh KONTOR SCHEMA_DIR
#
# `kontor --import FILE` (feature I6, src/README.md "The import dialog"):
# the app runs on a database; a second start with --import hands the file
# to it, whose window opens the import dialog; Check and Import are
# pressed by their mnemonics with xdotool, as a person would; the contact
# of the file is then in the database with the status Inbox. Skipped (77)
# without xdotool, sqlite3 or an X display; failed instead when CI=true.

set -eu

skip () {
  if [ "${CI:-}" = true ]; then
    echo "not ok 1 - $1 (CI=true: a missing piece is a failure)"
    exit 1
  fi
  echo "1..0 # SKIP $1"
  exit 77
}

if [ $# -ne 2 ]; then
  echo "usage: $0 KONTOR SCHEMA_DIR" >&2
  exit 2
fi

# absolute: the second start runs in another folder
kontor=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
schemas=$2

for tool in xdotool sqlite3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    skip "$tool is missing"
  fi
done
if [ -z "${DISPLAY:-}" ]; then
  skip "no X display"
fi

# the second start finds the first on the session bus: one of the test's own
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  if command -v dbus-run-session >/dev/null 2>&1; then
    exec dbus-run-session -- "$0" "$@"
  fi
  skip "no session bus"
fi

tmp=$(mktemp -d)
pid=
cleanup () {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 2' HUP INT TERM

export XDG_CONFIG_HOME="$tmp/config"
export GSETTINGS_BACKEND=keyfile
export GSETTINGS_SCHEMA_DIR="$schemas"
export LANGUAGE=en

db="$tmp/k.db"
printf 'First Name,Last Name,E-mail Address\r\nOtto,Option,otto@example.com\r\n' > "$tmp/kontakte.csv"

"$kontor" --database "$db" >"$tmp/kontor.log" 2>&1 &
pid=$!
window=$(timeout 30 xdotool search --sync --onlyvisible --name '^Kontor$' | head -n 1)
if [ -z "$window" ]; then
  echo "not ok 1 - the window did not appear"
  cat "$tmp/kontor.log"
  exit 1
fi

# the second start, from another folder: the path is made absolute
(cd / && "$kontor" --database "$db" --import "$tmp/kontakte.csv") >"$tmp/second.log" 2>&1

dialog=$(timeout 30 xdotool search --sync --onlyvisible --name '^Import Contacts$' | head -n 1)
if [ -z "$dialog" ]; then
  echo "not ok 1 - the import dialog did not appear"
  cat "$tmp/kontor.log" "$tmp/second.log"
  exit 1
fi
echo "ok 1 - --import opens the import dialog in the running window"

xdotool windowfocus --sync "$dialog"
xdotool key alt+h          # C_heck

# _Import once the check is done (before, the button is "Check" and
# Alt+I does nothing; after, it is "Close")
n=
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
  xdotool key alt+i
  sleep 0.5
  n=$(sqlite3 "$db" "SELECT count(*) FROM contact WHERE first_name = 'Otto' AND status = 0")
  [ "$n" = 1 ] && break
done
if [ "$n" != 1 ]; then
  echo "not ok 2 - the contact was not imported into the Inbox"
  cat "$tmp/kontor.log"
  exit 1
fi
echo "ok 2 - Check and Import by their keys put the contact in the Inbox"
echo "1..2"
