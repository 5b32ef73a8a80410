#!/usr/bin/env bash
# Installs schemathesis (PyPI) into .data/schemathesis-venv once; `npm run test:schemathesis` runs it from there.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.data/schemathesis-venv
if [ -x "$venv/bin/schemathesis" ]; then exit 0; fi
echo "== installing schemathesis into $venv"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet 'schemathesis>=4,<5'
"$venv/bin/schemathesis" --version
