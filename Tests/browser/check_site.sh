#!/bin/sh
# Checks a generated speclens site as a reader would: no file but a dataset.json is over 2 MiB,
# every SVG parses as XML (xmllint), every HTML page passes `tidy -q -errors`, and headless Chromium opens the
# overview, a matrix page, a side-by-side page, the chart gallery and a gallery page of one kind
# (and any extra pages given, e.g. a single-file report) with no console message, no missing image or resource, and a non-blank
# screenshot. For a site of several experiments (`speclens site`, with experiments.json) it opens
# the index, each experiment's overview and the first experiment's pages.
# Usage: Tests/browser/check_site.sh SITE_DIR [EXTRA_PAGE.html ...]
set -u
site=${1:?usage: check_site.sh SITE_DIR [EXTRA_PAGE.html ...]}
shift
here=$(dirname "$0")
status=0

# A copy of the analysed dataset (dataset.json) is data, not a page: it may be larger.
for file in $(find "$site" "$@" -type f -size +2048k ! -name dataset.json | sort); do
	echo "FAIL: $file is over 2 MiB"
	status=1
done

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
	# tidy 5.6 (Debian 12) predates the standard `loading` attribute of <img> (lazy thumbnails).
	output=$(tidy -q -errors "$file" 2>&1)
	code=$?
	output=$(printf '%s\n' "$output" | grep -v 'proprietary attribute "loading"' | grep -v '^$')
	if [ "$code" -ge 2 ] || [ -n "$output" ]; then
		echo "FAIL tidy ($code): $file"
		echo "$output" | head -20
		status=1
	fi
done
echo "tidy: $pages HTML pages checked"

# A site of several experiments (speclens site): the index, every experiment's overview, and the
# pages below of the first experiment's report.
report=$site
experiments=""
if [ -f "$site/experiments.json" ]; then
	experiments=$(find "$site" -mindepth 2 -maxdepth 2 -name index.html | sort)
	[ -n "$experiments" ] || { echo "FAIL: no experiment report in $site"; status=1; }
	report=$(dirname "$(echo "$experiments" | head -n 1)")
fi
matrix=$(find "$report/matrices" -name '*.html' | sort | head -n 1)
[ -n "$matrix" ] || { echo "FAIL: no matrix page in $report"; status=1; }
compare=$(find "$report/compare" -name 'layer-*.html' 2>/dev/null | sort | tail -n 1)
[ -n "$compare" ] || { echo "FAIL: no side-by-side page in $report"; status=1; }
gallery=$(find "$report" -maxdepth 1 -name gallery.html)
kind=$(find "$report/gallery" -name '*.html' 2>/dev/null | sort | head -n 1)
updates=""
[ -f "$report/updates.html" ] && updates="$report/updates.html"
/usr/bin/python3 "$here/check_site.py" "$site/index.html" $experiments $matrix $compare $gallery $kind $updates "$@" || status=1

[ "$status" -eq 0 ] && echo "check-site: all checks passed" || echo "check-site: FAILED"
exit $status
