#!/bin/bash
# nuvirtd-tcp.sh NUVIRTD LIBDIR: nuvirtd listening on TCP (loopback,
# auth_tcp = "none", as tests only may), reached by stock virsh on Debian's
# libvirt.so.0 and by nuvirt's own remote driver (LD_LIBRARY_PATH).  Also:
# without auth_tcp = "none" the daemon refuses to listen on TCP.
set -u
nuvirtd=$1
libdir=$2
unset LD_LIBRARY_PATH LIBVIRT_DEFAULT_URI
pass=0 fail=0
ok() { echo "PASS $1"; pass=$((pass + 1)); }
ko() { echo "FAIL $1"; fail=$((fail + 1)); }
if [ ! -x /usr/bin/virsh ]; then
    echo "SKIP: /usr/bin/virsh is not installed"
    exit 77
fi
tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

# A port nobody listens on now.
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$tmp/nuvirtd.conf" <<CONF
unix_sock_dir = "$tmp/run"
listen_tcp = 1
listen_addr = "127.0.0.1"
tcp_port = "$port"
CONF
if "$nuvirtd" --listen --config "$tmp/nuvirtd.conf" --root "$tmp/root" 2> "$tmp/refused.err"; then
    ko "TCP without auth_tcp = \"none\" was served"
else
    grep -q 'auth_tcp = "sasl" is not available' "$tmp/refused.err" &&
        ok "TCP without auth_tcp = \"none\" is refused at start" || ko "refusal: $(cat "$tmp/refused.err")"
fi
echo 'auth_tcp = "none"' >> "$tmp/nuvirtd.conf"
"$nuvirtd" --listen --config "$tmp/nuvirtd.conf" --root "$tmp/root" 2> "$tmp/daemon.err" &
pid=$!
for _ in $(seq 100); do [ -S "$tmp/run/libvirt-sock" ] && break; sleep 0.05; done
uri="test+tcp://127.0.0.1:$port/default"
out=$(timeout 60 /usr/bin/virsh -c "$uri" "list --all; domstate test" 2>&1)
grep -q "^ 1    test   running" <<<"$out" && grep -q "^running" <<<"$out" &&
    ok "stock virsh over TCP" || ko "stock virsh over TCP: $out"
out=$(LD_LIBRARY_PATH=$libdir timeout 60 /usr/bin/virsh -c "$uri" "list --all; domstate test" 2>&1)
grep -q "^ 1    test   running" <<<"$out" && grep -q "^running" <<<"$out" &&
    ok "virsh on nuvirt's remote driver over TCP" || ko "nuvirt's remote driver over TCP: $out"
out=$(LD_LIBRARY_PATH=$libdir timeout 30 /usr/bin/virsh -c "test+tcp://127.0.0.1:1/default" list 2>&1)
grep -q "unable to connect to server at '127.0.0.1:1'" <<<"$out" &&
    ok "nothing listening: a clear error" || ko "nothing listening: $out"
kill -TERM "$pid"; wait "$pid"; st=$?; pid=
[ $st = 0 ] && ok "nuvirtd exit 0" || { ko "nuvirtd exit $st"; cat "$tmp/daemon.err"; }
echo "$pass passed, $fail failed"
[ $fail = 0 ]
