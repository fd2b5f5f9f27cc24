#!/bin/bash
# address-test.sh NUVSH DATADIR: device addresses and implicit devices as
# stock libvirt 9.0's QEMU driver writes them at define.
#
# 1. Each DATADIR/NAME.xml is defined on nuvirt's qemu:///embed and its
#    inactive XML must equal DATADIR/NAME.out.xml, which is what stock
#    libvirtd's QEMU driver wrote for the same input.
# 2. Where stock libvirt's QEMU driver is installed, the same inputs are
#    defined on its qemu:///embed too and must give NAME.out.xml (so the
#    expected files are stock's, not ours); NUV_TEST_REGENERATE=1 rewrites
#    them from stock.
# 3. Two guests (i440fx and q35) are started and QEMU's own PCI tree
#    (query-pci) must put every device where the definition says: bus
#    (the controller whose alias is pci.N, or the root), slot, function.
set -u
nuvsh=$1
data=$2
qemu=/usr/bin/qemu-system-x86_64
stockdrv=/usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_qemu.so
py=/usr/bin/python3
[ -x "$qemu" ] || { echo "SKIP: no $qemu"; exit 77; }
[ -x "$py" ] || { echo "SKIP: no $py"; exit 77; }

tmp=$(mktemp -d /tmp/nuv-address-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
fail=0
pass=0
ok() { echo "ok: $*"; pass=$((pass + 1)); }
ko() { echo "FAIL: $*"; fail=$((fail + 1)); }

nuv() { "$nuvsh" -q -c "qemu:///embed?root=$tmp/nuv" "$@"; }

# ---- 2: the expected files are stock libvirt's ----
if [ -e "$stockdrv" ] && [ -x /usr/bin/virsh ]; then
    as_user=()
    # stock's QEMU driver will not run as root without its own user
    [ "$(id -u)" = 0 ] && as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    mkdir -p "$tmp/stock" && chmod 777 "$tmp/stock"
    for in in "$data"/*.xml; do
        case $in in *.out.xml) continue ;; esac
        name=$(basename "$in" .xml)
        cp "$in" "$tmp/$name.in.xml" && chmod 644 "$tmp/$name.in.xml"
        env -i PATH=/usr/bin:/bin HOME="$tmp/stock" "${as_user[@]}" \
            virsh -q -c "qemu:///embed?root=$tmp/stock/root" \
            "define $tmp/$name.in.xml; dumpxml --inactive $name" > "$tmp/$name.stock" 2>&1
        if [ "${NUV_TEST_REGENERATE:-}" = 1 ]; then
            cp "$tmp/$name.stock" "$data/$name.out.xml"
        fi
        if cmp -s "$tmp/$name.stock" "$data/$name.out.xml"; then
            ok "stock libvirt writes $name.out.xml"
        else
            ko "stock libvirt differs from $name.out.xml:"
            diff "$data/$name.out.xml" "$tmp/$name.stock" | head -20
        fi
    done
else
    echo "note: stock libvirt's QEMU driver is not installed: expected files not re-checked"
fi

# ---- 1: nuvirt writes the same ----
for in in "$data"/*.xml; do
    case $in in *.out.xml) continue ;; esac
    name=$(basename "$in" .xml)
    nuv "define $in; dumpxml --inactive $name" > "$tmp/$name.nuv" 2>&1
    if cmp -s "$tmp/$name.nuv" "$data/$name.out.xml"; then
        ok "nuvirt defines $name as stock"
    else
        ko "nuvirt's $name differs from stock's:"
        diff "$data/$name.out.xml" "$tmp/$name.nuv" | head -30
    fi
    # a definition read back keeps its addresses (nothing added twice;
    # controllers are re-sorted by type and index, as stock re-sorts them)
    sed -e "s/<name>$name</<name>$name-again</" -e '/<uuid>/d' "$tmp/$name.nuv" > "$tmp/$name.again.xml"
    nuv "define $tmp/$name.again.xml; dumpxml --inactive $name-again" > "$tmp/$name.again" 2>&1
    if diff <(grep -v '<uuid>\|<name>' "$tmp/$name.nuv" | sort) \
            <(grep -v '<uuid>\|<name>' "$tmp/$name.again" | sort) > /dev/null; then
        ok "$name defined again is unchanged"
    else
        ko "$name defined again changes:"
        diff "$tmp/$name.nuv" "$tmp/$name.again" | head -20
    fi
done

# ---- 3: QEMU puts the devices at those addresses ----
for machine in pc q35; do
    name=addr-$machine
    cat > "$tmp/$name.xml" <<EOF
<domain type='qemu'>
  <name>$name</name>
  <memory unit='MiB'>64</memory>
  <os><type arch='x86_64' machine='$machine'>hvm</type></os>
  <devices>
    <interface type='user'><model type='virtio'/></interface>
    <interface type='user'><model type='e1000'/></interface>
    <controller type='scsi' model='virtio-scsi'/>
    <input type='tablet' bus='usb'/>
    <graphics type='vnc' autoport='yes' listen='127.0.0.1'/>
    <rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>
    <memballoon model='virtio'/>
  </devices>
</domain>
EOF
    nuv "define $tmp/$name.xml; start $name" > "$tmp/$name.start" 2>&1 ||
        { ko "$name does not start: $(cat "$tmp/$name.start")"; continue; }
    nuv "dumpxml $name" > "$tmp/$name.live" 2>&1
    nuv "qemu-monitor-command $name '{\"execute\":\"query-pci\"}'" > "$tmp/$name.pci" 2>&1
    nuv "destroy $name" > /dev/null 2>&1
    if out=$("$py" - "$tmp/$name.live" "$tmp/$name.pci" <<'EOF'
import json, sys
import xml.etree.ElementTree as ET

dom = ET.parse(sys.argv[1]).getroot()
want = {}
for dev in dom.find('devices'):
    alias, addr = dev.find('alias'), dev.find('address')
    if alias is None or addr is None or addr.get('type') != 'pci':
        continue
    if alias.get('name') == 'ide':      # q35's built-in SATA has no qdev id
        continue
    want[alias.get('name')] = (int(addr.get('bus'), 16), int(addr.get('slot'), 16),
                               int(addr.get('function'), 16))

got = {}
def walk(busidx, devices):
    for d in devices:
        if d.get('qdev_id'):
            got[d['qdev_id']] = (busidx, d['slot'], d['function'])
        br = d.get('pci_bridge')
        if br:
            # a bridge's bus is named after it: pci.N is bus N of the XML
            walk(int(d['qdev_id'].split('.')[1]), br.get('devices', []))
for bus in json.load(open(sys.argv[2]))['return']:
    walk(0, bus['devices'])

bad = [f"{a}: xml {w} qemu {got.get(a)}" for a, w in sorted(want.items()) if got.get(a) != w]
if len(want) < 6 or bad:
    print(f"{len(want)} devices; " + "; ".join(bad))
    sys.exit(1)
print(f"{len(want)} devices where the XML says")
EOF
    ); then
        ok "$machine: $out"
    else
        ko "$machine: $out"
    fi
done

echo "$pass passed, $fail failed"
[ $fail = 0 ]
