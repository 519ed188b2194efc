#!/usr/bin/env bash
# Compares two golden sets (scripts/golden/make_golden.sh): files must be byte-identical, except
# exports, which may add columns (scripts/golden/export_superset.py), and HTML pages, whose only
# allowed difference is `'` written as `&#39;` (the catalogue's labels are escaped like all text).
# Prints each file that differs otherwise and fails if there is one.
#
# Usage: scripts/golden/compare.sh BEFORE AFTER
set -uo pipefail
before=$1; after=$2; here=$(dirname "$0"); status=0; entities=0
while read -r line; do
  file=${line#Files $before/}; file=${file%% and *}
  case "$file" in
    *.csv|*.jsonl) python3 "$here/export_superset.py" "$before/$file" "$after/$file" | cut -c1-160 || status=1 ;;
    *)
      if cmp -s <(sed "s/&#39;/'/g" "$before/$file") <(sed "s/&#39;/'/g" "$after/$file"); then
        entities=$((entities + 1))
      else
        echo "DIFFERS: $file"; status=1
      fi ;;
  esac
done < <(diff -rq "$before" "$after" | grep '^Files ')
diff -rq "$before" "$after" | grep -v '^Files ' && status=1
echo "pages differing only in &#39; for ': $entities"
exit $status
