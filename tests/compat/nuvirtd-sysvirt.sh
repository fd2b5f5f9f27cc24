#!/bin/bash
# nuvirtd-sysvirt.sh NUVIRTD: Debian's Sys::Virt (libsys-virt-perl, on
# Debian's libvirt.so.0) against nuvirtd on a temporary socket.  Skipped
# (77) without Sys::Virt.
set -u
nuvirtd=$1
here=$(cd "$(dirname "$0")" && pwd)
unset LD_LIBRARY_PATH LIBVIRT_DEFAULT_URI
if ! perl -MSys::Virt -e 1 2> /dev/null; then
    echo "SKIP: Sys::Virt (libsys-virt-perl) is not installed"
    exit 77
fi
tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
echo "unix_sock_dir = \"$tmp/run\"" > "$tmp/nuvirtd.conf"
"$nuvirtd" --config "$tmp/nuvirtd.conf" --root "$tmp/root" 2> "$tmp/daemon.err" &
pid=$!
for _ in $(seq 100); do [ -S "$tmp/run/libvirt-sock-ro" ] && break; sleep 0.05; done
status=0
timeout 60 perl "$here/nuvirtd_sysvirt.pl" "$tmp/run/libvirt-sock" || status=1
kill -TERM "$pid"
wait "$pid"
rc=$?
pid=
if [ $rc -ne 0 ]; then
    echo "FAIL nuvirtd exited $rc"
    cat "$tmp/daemon.err"
    status=1
fi
exit $status
