/*
 * threadstest.c: many threads on one connection.  8 threads each make
 * 10,000 mixed calls (lookups, info, XML, define/undefine, start/stop,
 * suspend/resume, listing) against test:///default; the state must be
 * consistent at the end and nothing may crash or leak (run under ASan).
 */
#include <stdlib.h>
#include <glib.h>

#include "testlib.h"

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
    int ok;

    virSetErrorFunc(NULL, quiet);
    if (!(conn = virConnectOpen("test:///default")))
        return 1;
    for (int i = 0; i < THREADS; i++)
        threads[i] = g_thread_new("worker", worker, GINT_TO_POINTER(i));
    for (int i = 0; i < THREADS; i++)
        g_thread_join(threads[i]);

    ok = failures == 0 && virConnectListAllDomains(conn, NULL, 0) == 1 &&
         virConnectNumOfDomains(conn) == 1;
    printf("%d threads x %d calls: %d unexpected failures, %d domains left\n",
           THREADS, CALLS, failures, virConnectListAllDomains(conn, NULL, 0));
    virConnectClose(conn);
    printf("%d passed, %d failed\n", ok ? 1 : 0, ok ? 0 : 1);
    return ok ? 0 : 1;
}
