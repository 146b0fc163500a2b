#!/usr/bin/env bash
# The main job on the example: install if needed, then lint examples/thank-you-bad.txt
# against the panel in examples/roster.toml and print the findings (exit 1: it has errors).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec followup-lint check examples/thank-you-bad.txt --roster examples/roster.toml "$@"
