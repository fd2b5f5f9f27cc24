#!/bin/sh
# run-plain.sh PYTHON PYTHONDIR LIBDIR SCRIPT [ARGS...]: run a test script
# (no pytest) on the build tree's binding with the given interpreter.
# PYTHON "pyenv" means the python3 first on PATH that is not Debian's; 77
# (skipped) when there is none or its ABI differs from the module's.
py=$1 pydir=$2 libdir=$3; shift 3
if [ "$py" = pyenv ]; then
    py=
    for p in $(command -v -a python3 2>/dev/null) "$HOME/.pyenv/shims/python3"; do
        [ -x "$p" ] || continue
        [ "$(readlink -f "$p")" = "$(readlink -f /usr/bin/python3)" ] && continue
        "$p" -c 'import sys; assert sys.prefix != "/usr"' 2>/dev/null || continue
        py=$p; break
    done
    [ -n "$py" ] || { echo "no non-Debian python3 on PATH"; exit 77; }
    suffix=$("$py" -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')
    [ -e "$pydir/libvirtmod$suffix" ] || { echo "$py wants libvirtmod$suffix: not built for it"; exit 77; }
fi
export PYTHONPATH="$pydir" NUVIRT_PYTHON_DIR="$pydir" NUVIRT_LIB_DIR="$libdir"
export PYTHONDONTWRITEBYTECODE=1
echo "interpreter: $py"
exec "$py" "$@"
