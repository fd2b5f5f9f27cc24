/*
 * threadstest.c: many threads on one connection.  8 threads each make
 * 10,000 mixed calls (lookups, info, XML, define/undefine, start/stop,
 * suspend/resume, listing) against test:///default; the state must be
 * consistent at the end and nothing may crash or leak (run under ASan).
 */
#include <stdlib.h>
#include <glib.h>

#include "testlib.h"

#pragma GCC diagnostic ignored "-Wcast-function-type"

#define THREADS 8
#define CALLS 10000

static virConnectPtr conn;
static gint failures;

static gpointer
worker(gpointer data)
{
    int me = GPOINTER_TO_INT(data);
    g_autofree char *name = g_strdup_printf("thr%d", me);
    g_autofree char *xml = g_strdup_printf("<domain type='test'><name>%s</name>"
                                           "<memory>1024</memory><os><type>hvm</type></os>"
                                           "</domain>", name);
    int calls = 0;

    while (calls < CALLS) {
        virDomainPtr dom = virDomainDefineXML(conn, xml);
        virDomainPtr shared;
        virDomainPtr *doms = NULL;
        virDomainInfo info;
        char *desc;
        int n;

        calls++;
        if (!dom) {
            g_atomic_int_inc(&failures);
            continue;
        }
        if (virDomainCreate(dom) < 0 || virDomainSuspend(dom) < 0 ||
            virDomainResume(dom) < 0 || virDomainGetInfo(dom, &info) < 0 ||
            info.state != VIR_DOMAIN_RUNNING)
            g_atomic_int_inc(&failures);
        calls += 4;

        /* The shared domain: read it while others do too. */
        if ((shared = virDomainLookupByName(conn, "test"))) {
            if (virDomainGetInfo(shared, &info) < 0)
                g_atomic_int_inc(&failures);
            if ((desc = virDomainGetXMLDesc(shared, 0)))
                free(desc);
            else
                g_atomic_int_inc(&failures);
            virDomainFree(shared);
        } else {
            g_atomic_int_inc(&failures);
        }
        calls += 3;

        n = virConnectListAllDomains(conn, &doms, 0);
        if (n < 1)
            g_atomic_int_inc(&failures);
        for (int i = 0; i < n; i++)
            virDomainFree(doms[i]);
        free(doms);
        /* Another thread's domain may vanish under us: errors are fine,
         * crashes are not. */
        if ((shared = virDomainLookupByName(conn, me % 2 ? "thr0" : "thr1"))) {
            virDomainGetState(shared, &n, NULL, 0);
            virDomainFree(shared);
        }
        calls += 2;

        if (virDomainDestroy(dom) < 0 || virDomainUndefine(dom) < 0)
            g_atomic_int_inc(&failures);
        calls += 2;
        virDomainFree(dom);
    }
    return NULL;
}

/* Other object kinds at the same time: networks, pools with volumes, and
 * event callbacks coming and going. */
static void
lifecycleCb(virConnectPtr c, virNetworkPtr net, int event, int detail, void *opaque)
{
    (void)c; (void)net; (void)event; (void)detail; (void)opaque;
}

static gpointer
otherWorker(gpointer data)
{
    int me = GPOINTER_TO_INT(data);
    g_autofree char *netXML = g_strdup_printf(
        "<network><name>tnet%d</name><bridge name='tbr%d'/>"
        "<ip address='10.%d.0.1' netmask='255.255.255.0'/></network>", me, me, me);
    g_autofree char *poolXML = g_strdup_printf(
        "<pool type='dir'><name>tpool%d</name><target><path>/tpool%d</path></target></pool>",
        me, me);

    for (int i = 0; i < 1000; i++) {
        virNetworkPtr net = virNetworkDefineXML(conn, netXML);
        virStoragePoolPtr pool = virStoragePoolCreateXML(conn, poolXML, 0);
        virStorageVolPtr vol = NULL;
        int cb = virConnectNetworkEventRegisterAny(conn, NULL, VIR_NETWORK_EVENT_ID_LIFECYCLE,
                                                   VIR_NETWORK_EVENT_CALLBACK(lifecycleCb),
                                                   NULL, NULL);

        if (!net || !pool || cb < 0 || virNetworkCreate(net) < 0) {
            g_atomic_int_inc(&failures);
        } else {
            vol = virStorageVolCreateXML(pool, "<volume><name>v</name>"
                                               "<capacity>1024</capacity></volume>", 0);
            if (!vol || virNetworkDestroy(net) < 0)
                g_atomic_int_inc(&failures);
        }
        if (vol) {
            virStorageVolDelete(vol, 0);
            virStorageVolFree(vol);
        }
        if (cb >= 0)
            virConnectNetworkEventDeregisterAny(conn, cb);
        if (pool) {
            virStoragePoolDestroy(pool);
            virStoragePoolFree(pool);
        }
        if (net) {
            virNetworkUndefine(net);
            virNetworkFree(net);
        }
    }
    return NULL;
}

static void
quiet(void *opaque, virErrorPtr err)
{
    (void)opaque;
    (void)err;
}

int
main(void)
{
    GThread *threads[THREADS];
    GThread *others[4];
    int ok;

    virSetErrorFunc(NULL, quiet);
    /* Event callbacks need an event loop; nothing runs it here, so events
     * only queue up, which is what a busy application sees too. */
    virEventRegisterDefaultImpl();
    if (!(conn = virConnectOpen("test:///default")))
        return 1;
    for (int i = 0; i < THREADS; i++)
        threads[i] = g_thread_new("worker", worker, GINT_TO_POINTER(i));
    for (int i = 0; i < (int)G_N_ELEMENTS(others); i++)
        others[i] = g_thread_new("other", otherWorker, GINT_TO_POINTER(i));
    for (int i = 0; i < THREADS; i++)
        g_thread_join(threads[i]);
    for (int i = 0; i < (int)G_N_ELEMENTS(others); i++)
        g_thread_join(others[i]);

    ok = failures == 0 && virConnectListAllDomains(conn, NULL, 0) == 1 &&
         virConnectNumOfDomains(conn) == 1 &&
         virConnectListAllNetworks(conn, NULL, 0) == 1 &&
         virConnectListAllStoragePools(conn, NULL, 0) == 1;
    printf("%d threads x %d calls: %d unexpected failures, %d domains left\n",
           THREADS, CALLS, failures, virConnectListAllDomains(conn, NULL, 0));
    virConnectClose(conn);
    printf("%d passed, %d failed\n", ok ? 1 : 0, ok ? 0 : 1);
    return ok ? 0 : 1;
}
