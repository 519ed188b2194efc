#!/usr/bin/env bash
# Regenerates docs/cli.md from the built binary's own help texts.
# Usage: docs/make-cli-doc.sh [BINARY [OUTPUT]]   (OUTPUT: docs/cli.md; `make check-site` writes a
# copy elsewhere and fails when it differs from the committed file)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/debug/speclens}
out=${2:-docs/cli.md}
{
    echo "# speclens command-line reference"
    echo
    echo "Generated from \`speclens help\` by \`docs/make-cli-doc.sh\`."
    for command in "" analyze render report site export demo merge mitigate cache "cache info" "cache clear"; do
        echo
        echo "## speclens ${command:-(overview)}"
        echo
        echo '```'
        # shellcheck disable=SC2086 # "cache info" is two words: the command and its subcommand
        if [ -z "$command" ]; then "$bin" --help; else "$bin" help $command; fi
        echo '```'
    done
} > "$out"
