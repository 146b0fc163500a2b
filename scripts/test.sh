#!/usr/bin/env bash
# The test command: install what the tests need, then run them (the suite starts its own
# LanguageTool server on 127.0.0.1 and stops it at the end).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec python3 -m pytest "$@"
