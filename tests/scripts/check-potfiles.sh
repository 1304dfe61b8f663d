#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-potfiles.sh SRCROOT
#
# Checks po/POTFILES.in against the sources (idea from Nautilus'
# build-aux/check-potfiles.sh):
#   - every file under src/ or data/ with translatable strings is listed
#     (C: _( N_( C_( NC_( ngettext( g_dngettext(; .ui: translatable="yes";
#     every *.desktop.in and *.metainfo.xml.in);
#   - every listed file exists;
#   - the list is sorted (byte order, LC_ALL=C) without duplicates.
# Comment lines (#) and blank lines in POTFILES.in are ignored.
# Exits 1 and names the offending files when a check fails.

set -eu

if [ $# -ne 1 ]; then
  echo "usage: $0 SRCROOT" >&2
  exit 2
fi

root=$1
potfiles=po/POTFILES.in

cd "$root" || exit 2

if [ ! -f "$potfiles" ]; then
  echo "$potfiles: missing"
  exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

LC_ALL=C
export LC_ALL

status=0

# Listed files: drop comments and blank lines, trim whitespace.
sed -e '/^[[:space:]]*#/d' \
    -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' \
    -e '/^$/d' "$potfiles" > "$tmp/listed"

# 1. Every listed file exists.
while IFS= read -r f; do
  if [ ! -f "$f" ]; then
    echo "$potfiles lists a file that does not exist: $f"
    status=1
  fi
done < "$tmp/listed"

# 2. Sorted, no duplicates.
sort -u "$tmp/listed" > "$tmp/sorted"
if ! cmp -s "$tmp/listed" "$tmp/sorted"; then
  echo "$potfiles is not sorted (LC_ALL=C sort -u) or has duplicates; expected order:"
  diff -u "$tmp/listed" "$tmp/sorted" | tail -n +3 | sed -e 's/^/  /'
  status=1
fi

# 3. Every file with translatable strings is listed.
for dir in src data; do
  [ -d "$dir" ] || continue
  # C sources: a gettext macro or function call not preceded by an
  # identifier character (so g_strdup_ or my_( do not match).
  find "$dir" -type f \( -name '*.c' -o -name '*.h' \) -print | while IFS= read -r f; do
    if grep -Eq '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|ngettext|g_dngettext)[[:space:]]*\(' "$f"; then
      echo "$f"
    fi
  done
  # GtkBuilder files: translatable="yes" (GtkBuilder also accepts true/1).
  find "$dir" -type f -name '*.ui' -print | while IFS= read -r f; do
    if grep -Eq "translatable[[:space:]]*=[[:space:]]*[\"'](yes|true|1)[\"']" "$f"; then
      echo "$f"
    fi
  done
  # Desktop entries and AppStream metainfo are always translatable.
  find "$dir" -type f \( -name '*.desktop.in' -o -name '*.metainfo.xml.in' \) -print
done > "$tmp/needed"

sort -u "$tmp/needed" | while IFS= read -r f; do
  if ! grep -Fqx -- "$f" "$tmp/listed"; then
    echo "$f has translatable strings but is not listed in $potfiles"
  fi
done > "$tmp/unlisted"
if [ -s "$tmp/unlisted" ]; then
  cat "$tmp/unlisted"
  status=1
fi

if [ "$status" -eq 0 ]; then
  echo "$potfiles: OK ($(wc -l < "$tmp/listed" | tr -d ' ') files)"
fi
exit "$status"
