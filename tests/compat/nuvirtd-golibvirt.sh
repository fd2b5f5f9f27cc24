#!/bin/bash
# nuvirtd-golibvirt.sh NUVIRTD GOCACHE-DIR
#
# go-libvirt (Debian's golang-github-digitalocean-go-libvirt-dev: pure Go,
# it speaks the wire protocol itself) against nuvirtd on a temporary
# socket.  The client is built here, offline, in GOPATH mode from
# /usr/share/gocode.  Skipped (77) without go or go-libvirt.
set -u
nuvirtd=$1
cache=$2
here=$(cd "$(dirname "$0")" && pwd)
gopath=/usr/share/gocode
if ! command -v go > /dev/null || [ ! -f $gopath/src/github.com/digitalocean/go-libvirt/libvirt.go ]; then
    echo "SKIP: go (golang-go) or go-libvirt (golang-github-digitalocean-go-libvirt-dev) is not installed"
    exit 77
fi

tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
mkdir -p "$cache"
if ! GO111MODULE=off GOPATH=$gopath GOCACHE=$cache GOFLAGS= GOPROXY=off \
        go build -o "$tmp/golibvirt_client" "$here/golibvirt_client.go"; then
    echo "FAIL: the go-libvirt client does not build"
    exit 1
fi

echo "unix_sock_dir = \"$tmp/run\"" > "$tmp/nuvirtd.conf"
"$nuvirtd" --config "$tmp/nuvirtd.conf" --root "$tmp/root" 2> "$tmp/daemon.err" &
pid=$!
for _ in $(seq 100); do [ -S "$tmp/run/libvirt-sock" ] && break; sleep 0.05; done
status=0
timeout 60 "$tmp/golibvirt_client" "$tmp/run/libvirt-sock" "$tmp" || status=1
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
