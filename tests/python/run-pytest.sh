#!/bin/sh
# run-pytest.sh PYTHONDIR LIBDIR TEST...: run pytest on the build tree's
# binding with Debian's python3 (77 = skipped when pytest is missing).
pydir=$1; libdir=$2; shift 2
/usr/bin/python3 -c 'import pytest' 2>/dev/null || { echo "python3-pytest missing"; exit 77; }
export PYTHONPATH="$pydir" NUVIRT_PYTHON_DIR="$pydir" NUVIRT_LIB_DIR="$libdir"
export PYTHONDONTWRITEBYTECODE=1
exec /usr/bin/python3 -m pytest -q -p no:cacheprovider "$@"
