# stock-libvirtd.sh: sourced by the compat tests that need a stock libvirtd.
#
# stock_libvirtd_start DIR: start Debian's libvirtd unprivileged (user
# 'nobody', session mode) with everything under DIR and its sockets in
# DIR/run; sets spid (stop it by that PID) and returns 1 when it cannot
# run here (not root, no libvirtd, no 'nobody').
stock_libvirtd_start() {
    local s=$1
    [ -x /usr/sbin/libvirtd ] && id nobody >/dev/null 2>&1 && [ "$(id -u)" = 0 ] || return 1
    mkdir -p "$s/run" "$s/cfg" "$s/home" "$s/cache"
    echo "unix_sock_dir = \"$s/run\"" > "$s/libvirtd.conf"
    chown -R nobody "$s"
    (cd "$s" && exec setpriv --reuid=nobody --regid=nogroup --clear-groups \
        env -i HOME="$s/home" XDG_RUNTIME_DIR="$s/run" XDG_CONFIG_HOME="$s/cfg" \
        XDG_CACHE_HOME="$s/cache" PATH=/usr/bin:/bin \
        /usr/sbin/libvirtd --config "$s/libvirtd.conf" > "$s/log" 2>&1) &
    spid=$!
    for _ in $(seq 200); do [ -S "$s/run/libvirt-sock" ] && break; sleep 0.05; done
    return 0
}
