#!/usr/bin/env bash
# Regenerates docs/cli.md from the built binary's own help texts.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/debug/speclens}
{
    echo "# speclens command-line reference"
    echo
    echo "Generated from \`speclens help\` by \`docs/make-cli-doc.sh\`."
    for command in "" analyze render report site demo merge mitigate; do
        echo
        echo "## speclens ${command:-(overview)}"
        echo
        echo '```'
        if [ -z "$command" ]; then "$bin" --help; else "$bin" help "$command"; fi
        echo '```'
    done
} > docs/cli.md
