#!/usr/bin/env bash
# Rewrites the field tables of docs/dataset.md from the measure catalogue
# (Sources/SpeclensDataset/Catalogue/). `make test` fails while the committed file differs.
set -euo pipefail
cd "$(dirname "$0")/.."
SPECLENS_WRITE_DOCS=1 swift test --filter DatasetDocumentTests
