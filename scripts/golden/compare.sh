#!/usr/bin/env bash
# Compares two golden sets (scripts/golden/make_golden.sh). Files must be byte-identical, except
# for the deliberate additions of the house work (docs/dataset.md, "Changes"), each checked:
# - exports may add columns, every earlier column keeping its values and order
#   (export_superset.py);
# - datasets may add `top_span_fraction_top_k` (and an experiment site's `input_hash` follows its
#   datasets' bytes, its `options_hash` the templates', which gained the catalogue's heat-map
#   section), and are otherwise equal (json_without.py);
# - pages may add the "of them new directions" row, and write `'` as `&#39;` in labels (the
#   catalogue's labels are escaped like all text); otherwise equal.
# Prints each file that differs otherwise, and fails if there is one.
#
# Usage: scripts/golden/compare.sh BEFORE AFTER
set -uo pipefail
before=$1; after=$2; here=$(dirname "$0"); status=0; allowed=0
ADDED_KEYS="top_span_fraction_top_k input_hash options_hash"
page() { sed "s/&#39;/'/g" "$1" | grep -v "of them new directions"; }
while read -r line; do
  file=${line#Files $before/}; file=${file%% and *}
  case "$file" in
    *.csv|*.jsonl) python3 "$here/export_superset.py" "$before/$file" "$after/$file" | cut -c1-160 || status=1; continue ;;
    *.json) python3 "$here/json_without.py" "$before/$file" "$after/$file" $ADDED_KEYS && { allowed=$((allowed + 1)); continue; } ;;
    *.html) cmp -s <(page "$before/$file") <(page "$after/$file") && { allowed=$((allowed + 1)); continue; } ;;
  esac
  echo "DIFFERS: $file"; status=1
done < <(diff -rq "$before" "$after" | grep '^Files ')
diff -rq "$before" "$after" | grep -v '^Files ' && status=1
echo "files differing only by the allowed additions: $allowed"
exit $status
