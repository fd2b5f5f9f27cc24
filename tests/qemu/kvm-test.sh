#!/bin/bash
# kvm-test.sh NUVSH: a <domain type='kvm'> on a host without /dev/kvm is
# refused at define and at create, with stock libvirt 9.0's errors (the
# preferred-machine one when no machine is given, else the emulator's);
# where stock's QEMU driver is installed, its own answers to the same
# documents must be the expected ones.  A type='qemu' twin still defines.
# On a host with /dev/kvm, the guest is started instead and QEMU must run
# with the KVM accelerator.
set -u
nuvsh=$1
qemu=/usr/bin/qemu-system-x86_64
stockdrv=/usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_qemu.so
[ -x "$qemu" ] || { echo "SKIP: no $qemu"; exit 77; }

tmp=$(mktemp -d /tmp/nuv-kvm-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
fail=0
pass=0
ok() { echo "ok: $*"; pass=$((pass + 1)); }
ko() { echo "FAIL: $*"; fail=$((fail + 1)); }
nuv() { "$nuvsh" -q -c "qemu:///embed?root=$tmp/nuv" "$@"; }

mk() {  # NAME TYPE MACHINE-ATTRIBUTE
    cat > "$tmp/$1.xml" <<EOF
<domain type='$2'>
  <name>$1</name>
  <memory unit='MiB'>64</memory>
  <os><type arch='x86_64'$3>hvm</type></os>
</domain>
EOF
    chmod 644 "$tmp/$1.xml"
}
mk k-nomachine kvm ""
mk k-pc kvm " machine='pc'"
mk q-pc qemu " machine='pc'"

if [ -e /dev/kvm ]; then
    nuv "define $tmp/k-pc.xml; start k-pc" > "$tmp/out" 2>&1 ||
        { echo "FAIL: a kvm guest does not start with /dev/kvm: $(cat "$tmp/out")"; exit 1; }
    nuv "qemu-monitor-command k-pc '{\"execute\":\"query-kvm\"}'" > "$tmp/kvm" 2>&1
    nuv "destroy k-pc" > /dev/null 2>&1
    grep -q '"enabled": *true' "$tmp/kvm" ||
        { echo "FAIL: QEMU does not run under KVM: $(cat "$tmp/kvm")"; exit 1; }
    echo "ok: with /dev/kvm a kvm guest runs under KVM"
    exit 0
fi

expect_nomachine="error: invalid argument: could not get preferred machine for $qemu type=kvm"
expect_pc="error: unsupported configuration: Emulator '$qemu' does not support virt type 'kvm'"

check() {  # WHO NAME OUTPUT-FILE EXPECTED
    if grep -qxF -- "$4" "$3"; then
        ok "$1 refuses $2: $4"
    else
        ko "$1 on $2: wanted '$4', got: $(cat "$3")"
    fi
}

# ---- stock libvirt's QEMU driver says the same (when installed) ----
if [ -e "$stockdrv" ] && [ -x /usr/bin/virsh ]; then
    mkdir -p "$tmp/stock" && chmod 777 "$tmp/stock"
    as_user=()
    [ "$(id -u)" = 0 ] && as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    for n in k-nomachine k-pc; do
        for how in define create; do
            env -i PATH=/usr/bin:/bin HOME="$tmp/stock" "${as_user[@]}" \
                virsh -q -c "qemu:///embed?root=$tmp/stock/root" "$how $tmp/$n.xml" \
                > "$tmp/$n.$how.stock" 2>&1
            [ $n = k-pc ] && want=$expect_pc || want=$expect_nomachine
            check "stock $how" $n "$tmp/$n.$how.stock" "$want"
        done
    done
else
    echo "note: stock libvirt's QEMU driver is not installed: expected errors not re-checked"
fi

# ---- nuvirt ----
for n in k-nomachine k-pc; do
    for how in define create; do
        nuv "$how $tmp/$n.xml" > "$tmp/$n.$how.nuv" 2>&1
        [ $n = k-pc ] && want=$expect_pc || want=$expect_nomachine
        check "nuvirt $how" $n "$tmp/$n.$how.nuv" "$want"
    done
done
if nuv "list --all --name" 2>&1 | grep -q '^k-'; then
    ko "a refused kvm domain was defined"
else
    ok "nothing of the refused domains is defined"
fi
if nuv "define $tmp/q-pc.xml; undefine q-pc" > "$tmp/q.out" 2>&1; then
    ok "the same guest with type='qemu' defines"
else
    ko "type='qemu' refused: $(cat "$tmp/q.out")"
fi

echo "$pass passed, $fail failed"
[ $fail = 0 ]
