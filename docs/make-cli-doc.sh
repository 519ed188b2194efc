#!/usr/bin/env bash
# Regenerates docs/cli.md from the built binary's own help texts.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/debug/speclens}
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
} > docs/cli.md
