#!/bin/bash
# nuvirtd-qemu.sh NUVIRTD
#
# qemu:///system and qemu:///session through nuvirtd, driven by Debian's
# stock virsh and python3-libvirt over the daemon's UNIX socket, on real
# TCG guests (a 512-byte boot sector that prints NUVBOOT on its serial
# port).  The system daemon runs as root with --root under a temporary
# directory; the session daemon runs as 'nobody' (setpriv) with its own
# root.  Both are started here and stopped by PID.  The guest is seen
# from QEMU's side (its process, its serial output), not only through the
# daemon's answers.  Skipped (77) without QEMU, the stock clients, or root.
set -u
nuvirtd=$1
here=$(cd "$(dirname "$0")" && pwd)
unset LD_LIBRARY_PATH LIBVIRT_DEFAULT_URI
pass=0 fail=0
ok() { echo "PASS $1"; pass=$((pass + 1)); }
ko() { echo "FAIL $1"; fail=$((fail + 1)); }
check() { local what=$1; shift; if "$@"; then ok "$what"; else ko "$what"; fi; }

qemu=/usr/bin/qemu-system-x86_64
if [ ! -x $qemu ] || [ ! -x /usr/bin/virsh ] || ! /usr/bin/python3 -c 'import libvirt' 2>/dev/null; then
    echo "SKIP: needs $qemu, /usr/bin/virsh and python3-libvirt"
    exit 77
fi
if [ "$(id -u)" != 0 ]; then
    echo "SKIP: the system daemon needs root"
    exit 77
fi

tmp=$(mktemp -d /tmp/nuvq-XXXXXX)
chmod 755 "$tmp"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done
    # QEMUs a failed check left behind: theirs mention $tmp
    for p in $(pgrep -f "qemu-system.*$tmp"); do kill -9 "$p" 2>/dev/null; done
    rm -rf "$tmp"
}
trap cleanup EXIT

# The boot sector of tests/qemu/qemudrivertest.c: print NUVBOOT on COM1,
# then power off when the ACPI power button is pressed.
bootimg() {
    /usr/bin/python3 - "$1" <<'PY'
import sys
code = bytes([0x31, 0xc0, 0x8e, 0xd8, 0xba, 0xf8, 0x03, 0xbe, 0x2c, 0x7c, 0xac, 0x84,
              0xc0, 0x74, 0x03, 0xee, 0xeb, 0xf8, 0xba, 0x02, 0x06, 0xb8, 0x00, 0x01,
              0xef, 0xba, 0x00, 0x06, 0xed, 0xa9, 0x00, 0x01, 0x74, 0xfa, 0xba, 0x04,
              0x06, 0xb8, 0x00, 0x20, 0xef, 0xf4, 0xeb, 0xfd]) + b'NUVBOOT\r\n\0'
open(sys.argv[1], 'wb').write(code + bytes(510 - len(code)) + b'\x55\xaa')
PY
}

# domxml NAME DIR: a guest whose disk and serial file are in DIR
domxml() {
    cat <<XML
<domain type='qemu'>
  <name>$1</name>
  <memory unit='MiB'>64</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>
  <features><acpi/></features>
  <devices>
    <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='$2/boot.img'/><target dev='hda' bus='ide'/></disk>
    <serial type='file'><source path='$2/$1.serial'/></serial>
    <memballoon model='none'/>
  </devices>
</domain>
XML
}

# markers NAME DIR WANT: wait up to 10 s for WANT boot markers; print the count
markers() {
    local n=0
    for _ in $(seq 200); do
        n=$(grep -o NUVBOOT "$2/$1.serial" 2>/dev/null | wc -l)
        [ "$n" -ge "$3" ] && break
        sleep 0.05
    done
    echo "$n"
}

# qemupid NAME DIR: the QEMU running guest NAME under DIR, if any
qemupid() { pgrep -f "guest=$1,.*$2" | head -1; }
# alive PID: running, and not a zombie (PID 1 reaps orphans late here)
alive() { [ -d "/proc/$1" ] && ! grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null; }
gone() { ! alive "$1"; }

# startd NAME USER ROOT RUNDIR: a daemon, as USER, its pid in $daemonpid
startd() {
    local name=$1 user=$2 droot=$3 run=$4
    mkdir -p "$droot" "$run"
    echo "unix_sock_dir = \"$run\"" > "$tmp/$name.conf"
    chmod 644 "$tmp/$name.conf"
    rm -f "$run/libvirt-sock"
    if [ "$user" = root ]; then
        "$nuvirtd" --config "$tmp/$name.conf" --root "$droot" 2>> "$tmp/$name.err" &
    else
        chown "$user:$user" "$droot" "$run"
        setpriv --reuid="$user" --regid="$user" --clear-groups \
            env -i PATH=/usr/bin:/bin HOME=/nonexistent \
            "$nuvirtd" --config "$tmp/$name.conf" --root "$droot" 2>> "$tmp/$name.err" &
    fi
    daemonpid=$!
    pids+=("$daemonpid")
    for _ in $(seq 200); do [ -S "$run/libvirt-sock" ] && return 0; sleep 0.05; done
    echo "daemon $name did not start:"; cat "$tmp/$name.err"
    return 1
}

# stopd PID: SIGTERM, and the daemon must exit 0
stopd() {
    kill -TERM "$1" && wait "$1"
}

# ---- qemu:///system: root, --root under $tmp ----
sys=$tmp/sys
mkdir -p "$sys/guests"
bootimg "$sys/guests/boot.img"
startd system root "$sys/root" "$sys/run" || exit 1
sysd=$daemonpid
U="qemu+unix:///system?socket=$sys/run/libvirt-sock"
domxml vm1 "$sys/guests" > "$sys/vm1.xml"

out=$(timeout 60 /usr/bin/virsh -c "$U" "version; define $sys/vm1.xml; start vm1; domstate --reason vm1" 2>&1)
echo "$out"
grep -q "^Running hypervisor: QEMU [0-9]" <<<"$out" && ok "virsh: the daemon serves qemu:///system" \
    || ko "version: $out"
grep -q "^Domain 'vm1' started" <<<"$out" && ok "virsh start" || ko "virsh start: $out"
grep -qx "running (booted)" <<<"$out" && ok "virsh domstate: running (booted)" || ko "domstate: $out"
check "the guest booted (its serial console)" [ "$(markers vm1 "$sys/guests" 1)" = 1 ]
pid=$(qemupid vm1 "$sys/guests")
check "a QEMU process runs the guest" [ -n "$pid" ]
check "its files are under the daemon's root" \
    [ -f "$sys/root/etc/nuvirt/qemu/vm1.xml" -a -f "$sys/root/run/nuvirt/qemu/vm1.xml" \
      -a -f "$sys/root/var/log/nuvirt/qemu/vm1.log" ]

out=$(timeout 60 /usr/bin/virsh -q -c "$U" "suspend vm1; domstate --reason vm1; resume vm1; \
domstate --reason vm1; reset vm1; list --all; dumpxml vm1" 2>&1)
grep -qx "paused (user)" <<<"$out" && grep -qx "running (unpaused)" <<<"$out" \
    && ok "virsh suspend, resume" || ko "suspend/resume: $out"
check "virsh reset reboots the guest" [ "$(markers vm1 "$sys/guests" 2)" = 2 ]
grep -qE "^ *[0-9]+ +vm1 +running" <<<"$out" && ok "virsh list" || ko "list: $out"
grep -q "<domain type='qemu' id='" <<<"$out" && grep -q "<alias name='serial0'/>" <<<"$out" \
    && ok "virsh dumpxml: the live definition" || ko "dumpxml: $out"

# The daemon goes away and comes back: the guest runs on, and the new
# daemon manages it.
stopd "$sysd" && ok "the system daemon exits 0 on SIGTERM" || ko "daemon exit status"
check "the guest outlives the daemon" alive "$pid"
startd system root "$sys/root" "$sys/run" || exit 1
sysd=$daemonpid
out=$(timeout 60 /usr/bin/virsh -q -c "$U" "domstate vm1; shutdown vm1" 2>&1)
grep -qx "running" <<<"$out" && ok "a restarted daemon finds the guest running" || ko "after restart: $out"
for _ in $(seq 200); do alive "$pid" || break; sleep 0.05; done
check "virsh shutdown: the guest powers off (ACPI) and QEMU ends" gone "$pid"
out=$(timeout 60 /usr/bin/virsh -q -c "$U" "domstate --reason vm1; undefine vm1; list --all --name" 2>&1)
grep -qx "shut off (shutdown)" <<<"$out" && ok "virsh domstate: shut off (shutdown)" || ko "after shutdown: $out"

out=$(timeout 30 /usr/bin/virsh -q -c "qemu+unix:///session?socket=$sys/run/libvirt-sock" list 2>&1)
grep -q "unexpected QEMU URI path '/session', try qemu:///system" <<<"$out" \
    && ok "the system daemon refuses qemu:///session as libvirtd" || ko "session on system: $out"

# python3-libvirt: a transient guest, events through the daemon
domxml pyvm "$sys/guests" > "$sys/pyvm.xml"
out=$(timeout 60 /usr/bin/python3 - "$U" "$sys/pyvm.xml" "$sys/guests/pyvm.serial" <<'PY' 2>&1
import sys, threading, time, libvirt
libvirt.virEventRegisterDefaultImpl()
seen = []
def loop():
    while True:
        libvirt.virEventRunDefaultImpl()
threading.Thread(target=loop, daemon=True).start()
conn = libvirt.open(sys.argv[1])
conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                            lambda c, d, ev, det, o: seen.append((d.name(), ev, det)), None)
dom = conn.createXML(open(sys.argv[2]).read(), 0)
print("type", conn.getType(), "version", conn.getVersion() >= 2000000)
print("state", dom.state())
print("active", dom.isActive(), "persistent", dom.isPersistent())
info = dom.info()
print("info", info[0], info[1], info[3])
for _ in range(200):
    try:
        if b"NUVBOOT" in open(sys.argv[3], "rb").read():
            break
    except OSError:
        pass
    time.sleep(0.05)
rec = [r for d, r in conn.getAllDomainStats(0, 0) if d.name() == "pyvm"][0]
print("stats", rec["state.state"], rec["block.count"], rec["block.0.name"],
      rec["block.0.rd.reqs"] > 0, rec["cpu.time"] > 0, rec["vcpu.0.state"], rec["balloon.rss"] > 0)
print("blockstats", dom.blockStats("hda")[0] == rec["block.0.rd.reqs"], dom.blockStats("hda")[4])
print("memstats", sorted(dom.memoryStats().keys()), len(dom.vcpus()[0]))
dom.suspend()
print("paused", dom.state())
dom.resume()
dom.destroy()
for _ in range(100):
    if ("pyvm", libvirt.VIR_DOMAIN_EVENT_STOPPED, libvirt.VIR_DOMAIN_EVENT_STOPPED_DESTROYED) in seen:
        break
    time.sleep(0.05)
print("events", seen)
try:
    conn.lookupByName("pyvm")
except libvirt.libvirtError as e:
    print("gone", e.get_error_code() == libvirt.VIR_ERR_NO_DOMAIN)
conn.close()
PY
)
echo "$out"
grep -qx "type QEMU version True" <<<"$out" && ok "python: getType, getVersion" || ko "python type: $out"
grep -qx "state \[1, 1\]" <<<"$out" && ok "python: createXML runs the guest (running, booted)" \
    || ko "python state: $out"
grep -qx "active 1 persistent 0" <<<"$out" && ok "python: transient and active" || ko "python: $out"
grep -qx "info 1 65536 1" <<<"$out" && ok "python: info" || ko "python info: $out"
grep -qx "stats 1 1 hda True True 1 True" <<<"$out" && ok "python: getAllDomainStats through the daemon" \
    || ko "python stats: $out"
grep -qx "blockstats True -1" <<<"$out" && grep -qx "memstats \['rss'\] 1" <<<"$out" \
    && ok "python: blockStats, memoryStats, vcpus" || ko "python stats calls: $out"
grep -qx "paused \[3, 1\]" <<<"$out" && ok "python: suspend" || ko "python suspend: $out"
grep -q "('pyvm', 2, 0)" <<<"$out" && grep -q "('pyvm', 3, 0)" <<<"$out" && \
    grep -q "('pyvm', 4, 0)" <<<"$out" && grep -q "('pyvm', 5, 1)" <<<"$out" \
    && ok "python: started, suspended, resumed, destroyed events through the daemon" \
    || ko "python events: $out"
grep -qx "gone True" <<<"$out" && ok "python: the transient guest is gone" || ko "python gone: $out"
check "python: the guest had booted" [ "$(markers pyvm "$sys/guests" 1)" = 1 ]
check "python: no QEMU left for it" [ -z "$(qemupid pyvm "$sys/guests")" ]
stopd "$sysd" || ko "system daemon exit"

# ---- qemu:///session: an ordinary user ('nobody'), its own root ----
ses=$tmp/ses
mkdir -p "$ses/guests"
bootimg "$ses/guests/boot.img"
chown -R 65534:65534 "$ses"
startd session 65534 "$ses/root" "$ses/run" || exit 1
sesd=$daemonpid
U="qemu+unix:///session?socket=$ses/run/libvirt-sock"
domxml vm2 "$ses/guests" > "$ses/vm2.xml"
out=$(timeout 60 /usr/bin/virsh -c "$U" "version; define $ses/vm2.xml; start vm2; domstate --reason vm2" 2>&1)
echo "$out"
grep -q "^Running hypervisor: QEMU [0-9]" <<<"$out" && ok "virsh: the daemon serves qemu:///session" \
    || ko "version: $out"
grep -qx "running (booted)" <<<"$out" && ok "session: the guest runs" || ko "session start: $out"
check "session: the guest booted" [ "$(markers vm2 "$ses/guests" 1)" = 1 ]
pid=$(qemupid vm2 "$ses/guests")
[ -n "$pid" ] && [ "$(stat -c %u "/proc/$pid")" = 65534 ] \
    && ok "session: QEMU runs as the daemon's user" || ko "session: QEMU's user"
check "session: files where a session keeps them" \
    [ -f "$ses/root/.config/nuvirt/qemu/vm2.xml" -a -f "$ses/root/run/nuvirt/qemu/run/vm2.xml" ]
out=$(timeout 60 /usr/bin/virsh -q -c "$U" "destroy vm2; domstate --reason vm2; undefine vm2" 2>&1)
grep -qx "shut off (destroyed)" <<<"$out" && ok "session: virsh destroy" || ko "session destroy: $out"
check "session: QEMU is gone" [ -z "$(qemupid vm2 "$ses/guests")" ]
out=$(timeout 30 /usr/bin/virsh -q -c "qemu+unix:///system?socket=$ses/run/libvirt-sock" list 2>&1)
grep -q "unexpected QEMU URI path '/system', try qemu:///session" <<<"$out" \
    && ok "the session daemon refuses qemu:///system" || ko "system on session: $out"
stopd "$sesd" && ok "the session daemon exits 0 on SIGTERM" || ko "session daemon exit"
pids=()

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
