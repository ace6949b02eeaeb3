# Build the desktop client on Windows: dist\field-inspector\field-inspector.exe, then self-test it.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
py -3.11 -m venv .venv-build
.venv-build\Scripts\pip install --quiet . pyinstaller
.venv-build\Scripts\pyinstaller --noconfirm --clean packaging\field-inspector.spec
dist\field-inspector\field-inspector.exe selftest --documents dist\selftest-documents --report dist\selftest.txt
