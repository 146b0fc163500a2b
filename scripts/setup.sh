#!/usr/bin/env bash
# Install followup-lint with its test extras and the spaCy model (idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --disable-pip-version-check -q -e ".[test,model]"
