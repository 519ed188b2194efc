#!/bin/sh
# Checks a generated speclens site as a reader would: every SVG parses as XML (xmllint), every
# HTML page passes `tidy -q -errors`, and headless Chromium opens the overview, a matrix page (and
# any extra pages given, e.g. a single-file report) with no console message, no missing image or
# resource, and a non-blank screenshot.
# Usage: Tests/browser/check_site.sh SITE_DIR [EXTRA_PAGE.html ...]
set -u
site=${1:?usage: check_site.sh SITE_DIR [EXTRA_PAGE.html ...]}
shift
here=$(dirname "$0")
status=0

svgs=0
for file in $(find "$site" -name '*.svg' | sort); do
	svgs=$((svgs + 1))
	xmllint --noout "$file" || { echo "FAIL xmllint: $file"; status=1; }
done
[ "$svgs" -gt 0 ] || { echo "FAIL: no SVG file in $site"; status=1; }
echo "xmllint: $svgs SVG files checked"

pages=0
for file in $(find "$site" -name '*.html' | sort) "$@"; do
	pages=$((pages + 1))
	output=$(tidy -q -errors "$file" 2>&1)
	code=$?
	if [ "$code" -ge 2 ] || [ -n "$output" ]; then
		echo "FAIL tidy ($code): $file"
		echo "$output" | head -20
		status=1
	fi
done
echo "tidy: $pages HTML pages checked"

matrix=$(find "$site/matrices" -name '*.html' | sort | head -n 1)
[ -n "$matrix" ] || { echo "FAIL: no matrix page in $site"; status=1; }
updates=""
[ -f "$site/updates.html" ] && updates="$site/updates.html"
/usr/bin/python3 "$here/check_site.py" "$site/index.html" $matrix $updates "$@" || status=1

[ "$status" -eq 0 ] && echo "check-site: all checks passed" || echo "check-site: FAILED"
exit $status
