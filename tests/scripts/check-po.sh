#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-po.sh SRCROOT
#
# Fails when a translation is incomplete: for every language in po/LINGUAS,
#   - po/LL.po itself must pass `msgfmt --check` and have no untranslated or
#     fuzzy messages;
#   - po/LL.po merged with a .pot freshly extracted from the files in
#     po/POTFILES.in must also pass `msgfmt --check` and have no untranslated
#     or fuzzy messages. This is what catches a string that was added to the
#     sources but not to the translation (po/LL.po need not be regenerated
#     first).
# msgfmt --check exits 0 on untranslated/fuzzy messages and prints its
# --statistics on stderr, so the statistics are grepped.

set -eu

if [ $# -ne 1 ]; then
  echo "usage: $0 SRCROOT" >&2
  exit 2
fi

root=$1
cd "$root" || exit 2

for f in po/POTFILES.in po/LINGUAS; do
  if [ ! -f "$f" ]; then
    echo "$f: missing"
    exit 1
  fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

# Same extraction as i18n.gettext (preset: 'glib') in meson, so the check
# sees what `ninja kontor-pot` would produce, including the c-format flags
# that make msgfmt --check compare placeholders.
sed -e '/^[[:space:]]*#/d' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' \
    -e '/^$/d' po/POTFILES.in > "$tmp/POTFILES"

if ! xgettext \
    --from-code=UTF-8 \
    --add-comments \
    --keyword=_ \
    --keyword=N_ \
    --keyword=C_:1c,2 \
    --keyword=NC_:1c,2 \
    --keyword=ngettext:1,2 \
    --keyword=g_dcgettext:2 \
    --keyword=g_dngettext:2,3 \
    --keyword=g_dpgettext2:2c,3 \
    --flag=N_:1:pass-c-format \
    --flag=C_:2:pass-c-format \
    --flag=NC_:2:pass-c-format \
    --flag=g_dngettext:2:pass-c-format \
    --flag=g_strdup_printf:1:c-format \
    --flag=g_string_printf:2:c-format \
    --flag=g_string_append_printf:2:c-format \
    --flag=g_error_new:3:c-format \
    --flag=g_set_error:4:c-format \
    --flag=g_markup_printf_escaped:1:c-format \
    --flag=g_log:3:c-format \
    --flag=g_print:1:c-format \
    --flag=g_printerr:1:c-format \
    --flag=g_printf:1:c-format \
    --flag=g_fprintf:2:c-format \
    --flag=g_sprintf:2:c-format \
    --flag=g_snprintf:3:c-format \
    --package-name=kontor \
    --files-from="$tmp/POTFILES" \
    --output="$tmp/kontor.pot"; then
  echo "xgettext failed on the files in po/POTFILES.in"
  exit 1
fi

# xgettext writes no file when nothing was found.
if [ ! -f "$tmp/kontor.pot" ]; then
  echo "no translatable strings found in the files listed in po/POTFILES.in"
  exit 1
fi

# print_entries KIND FILE: list the untranslated or fuzzy entries of FILE,
# without the header entry.
print_entries () {
  if [ "$1" = untranslated ]; then
    set -- --untranslated "$2"
  else
    set -- --only-fuzzy "$2"
  fi
  msgattrib --no-wrap --no-obsolete "$@" \
    | awk 'BEGIN { RS = "" }
           /(^|\n)msgid ""\nmsgstr ""\n"/ { next }   # the header entry
           { gsub(/\n/, "\n    "); print "    " $0; print "" }'
}

# check_catalogue LABEL FILE: msgfmt --check plus the completeness gate.
check_catalogue () {
  label=$1
  file=$2
  ok=0
  if ! msgfmt --check -o /dev/null "$file" 2> "$tmp/check.err"; then
    echo "$label: msgfmt --check failed:"
    sed -e "s|$tmp/|(merged) |" -e 's/^/  /' "$tmp/check.err"
    ok=1
  fi
  # The counts are the last line; earlier lines are warnings (a fuzzy
  # header, for one, is not a message and is not counted).
  stats=$(msgfmt --statistics -o /dev/null "$file" 2>&1 | tail -n 1) || true
  case $stats in
    *untranslated*|*fuzzy*)
      echo "$label: $stats"
      case $stats in
        *untranslated*)
          echo "  untranslated:"
          print_entries untranslated "$file"
          ;;
      esac
      case $stats in
        *fuzzy*)
          echo "  fuzzy:"
          print_entries fuzzy "$file"
          ;;
      esac
      ok=1
      ;;
  esac
  return "$ok"
}

status=0
languages=$(sed -e 's/#.*//' po/LINGUAS)
if [ -z "$(printf '%s' "$languages" | tr -d '[:space:]')" ]; then
  echo "po/LINGUAS lists no language"
  exit 1
fi

for lang in $languages; do
  po=po/$lang.po
  if [ ! -f "$po" ]; then
    echo "$po: missing (listed in po/LINGUAS)"
    status=1
    continue
  fi

  check_catalogue "$po" "$po" || status=1

  if ! msgmerge --quiet --no-wrap -o "$tmp/$lang.po" "$po" "$tmp/kontor.pot"; then
    echo "$po: msgmerge with the sources failed"
    status=1
    continue
  fi
  if check_catalogue "$po merged with the current sources" "$tmp/$lang.po"; then
    echo "$po: OK ($(msgfmt --statistics -o /dev/null "$tmp/$lang.po" 2>&1 | tail -n 1))"
  else
    status=1
  fi
done

exit "$status"
