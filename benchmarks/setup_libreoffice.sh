#!/usr/bin/env bash
# Benchmark-only setup for the LibreOffice comparison in benchmarks/documents_bench.py.
# Not run by CI (.ci/run): it installs LibreOffice Writer (headless, no GUI) from Debian's
# packages and python-docx into the project's venv, which the benchmark uses to build the
# equivalent .docx. Run as root (or with sudo) once per machine:
#
#     bash benchmarks/setup_libreoffice.sh
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# The same two CJK fonts the PDFs embed (Debian ships the very files), so LibreOffice
# lays out the same faces instead of a fallback.
if ! command -v soffice >/dev/null 2>&1 || ! fc-list | grep -q "AR PL SungtiL GB"; then
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -q
    $SUDO apt-get install -y -q --no-install-recommends libreoffice-writer-nogui \
        fonts-arphic-gbsn00lp fonts-wqy-microhei
fi

PY="${PYTHON:-.venv/bin/python}"
"$PY" -m pip install -q "python-docx>=1.1"

soffice --version
"$PY" -c "import docx; print('python-docx', docx.__version__ if hasattr(docx, '__version__') else 'ok')"
