# Reference counting: many calls leave RSS flat, no binding objects behind
# (gc), and the connection's reference count where it was.
import gc
import sys


def rss_kib():
    with open('/proc/self/statm') as f:
        return int(f.read().split()[1]) * 4


def live(libvirt):
    kinds = (libvirt.virDomain, libvirt.virConnect)
    return sum(1 for o in gc.get_objects() if isinstance(o, kinds))


def run(n, fn):
    for _ in range(n):
        fn()
    gc.collect()


def check_flat(libvirt, conn, fn, n, slack_kib=2048):
    run(n // 10, fn)                       # warm up caches and arenas
    objs, refs, rss = live(libvirt), sys.getrefcount(conn), rss_kib()
    run(n, fn)
    grown = rss_kib() - rss
    assert live(libvirt) == objs
    assert sys.getrefcount(conn) == refs
    assert grown < slack_kib, f'RSS grew by {grown} KiB over {n} calls'


def test_lookup_and_info(libvirt, conn):
    def once():
        conn.lookupByName('test').info()
    check_flat(libvirt, conn, once, 100_000)


def test_list_all_domains_and_xml(libvirt, conn):
    dom = conn.lookupByName('test')

    def once():
        assert len(conn.listAllDomains()) >= 1
        dom.XMLDesc(0)
    check_flat(libvirt, conn, once, 20_000)


def test_stats_and_typed_params(libvirt, conn):
    dom = conn.lookupByName('test')

    def once():
        conn.getAllDomainStats()
        dom.schedulerParameters()
        dom.setSchedulerParameters({'weight': 50})
        dom.blockStatsFlags('vda')
    check_flat(libvirt, conn, once, 10_000)


def test_event_register_deregister(libvirt, event_loop, conn):
    def cb(*args):
        pass

    def once():
        cid = conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, cb, None)
        conn.domainEventDeregisterAny(cid)
        cid = conn.networkEventRegisterAny(None, libvirt.VIR_NETWORK_EVENT_ID_LIFECYCLE, cb, None)
        conn.networkEventDeregisterAny(cid)
    cbrefs = sys.getrefcount(cb)
    check_flat(libvirt, conn, once, 20_000)
    assert sys.getrefcount(cb) == cbrefs


def test_errors_do_not_leak(libvirt, conn):
    # Through a Python error handler, which must not leak either.
    seen = []
    libvirt.registerErrorHandler(lambda ctx, err: ctx.append(err[0]) if not ctx else None, seen)

    def once():
        try:
            conn.lookupByName('no-such-domain')
        except libvirt.libvirtError:
            pass
    try:
        check_flat(libvirt, conn, once, 20_000)
    finally:
        libvirt.registerErrorHandler(None, None)
    assert seen == [libvirt.VIR_ERR_NO_DOMAIN]


def test_open_close(libvirt, conn):
    def once():
        c = libvirt.open('test:///default')
        c.lookupByName('test').name()
        c.close()
    check_flat(libvirt, conn, once, 5_000)
