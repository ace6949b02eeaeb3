#!/usr/bin/env bash
# Build the desktop client as one folder under dist/field-inspector, then self-test it.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv-build
.venv-build/bin/pip install --quiet . pyinstaller
.venv-build/bin/pyinstaller --noconfirm --clean packaging/field-inspector.spec
QT_QPA_PLATFORM=offscreen dist/field-inspector/field-inspector selftest --documents dist/selftest-documents --report dist/selftest.txt
