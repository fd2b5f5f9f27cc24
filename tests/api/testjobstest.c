/*
 * testjobstest.c: the test driver's domain jobs.  A hook the driver calls
 * while a change holds the domain's job, with the domain unlocked (where a
 * real hypervisor waits for its monitor), holds one change there; then a
 * query must answer at once, and a second change must wait until the first
 * ends (it would resume a domain that is not yet paused otherwise, and
 * fail).  Linked with the static libraries, to reach the hook.
 */
#include <glib.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"
#include "test/test_driver.h"

/* Lets the held change go on; guarded by lock. */
static GMutex lock;
static GCond cond;
static bool entered;
static bool released;

static void
holdSuspend(const char *api, void *opaque)
{
    (void)opaque;
    if (strcmp(api, "testDomainSuspend") != 0)
        return;
    g_mutex_lock(&lock);
    entered = true;
    g_cond_broadcast(&cond);
    while (!released)
        g_cond_wait(&cond, &lock);
    g_mutex_unlock(&lock);
}

typedef struct {
    virDomainPtr dom;
    int (*call)(virDomainPtr dom);
    int ret;
    gint done;                  /* atomic */
} callArgs;

static gpointer
runCall(gpointer opaque)
{
    callArgs *a = opaque;

    a->ret = a->call(a->dom);
    g_atomic_int_set(&a->done, 1);
    return NULL;
}

static int
getInfo(virDomainPtr dom)
{
    virDomainInfo info;
    char *xml;

    if (virDomainGetInfo(dom, &info) < 0 || !(xml = virDomainGetXMLDesc(dom, 0)))
        return -1;
    free(xml);
    return info.state;
}

/* Wait up to @ms for @a to finish. */
static bool
finishes(callArgs *a, int ms)
{
    for (int i = 0; i < ms / 10 && !g_atomic_int_get(&a->done); i++)
        g_usleep(10 * 1000);
    return g_atomic_int_get(&a->done);
}

static int
testQueryAndSecondChange(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virDomainPtr dom;
    callArgs suspend = { .call = virDomainSuspend };
    callArgs query = { .call = getInfo };
    callArgs resume = { .call = virDomainResume };
    GThread *t1, *t2, *t3;
    bool held;
    gint64 deadline = g_get_monotonic_time() + 10 * G_USEC_PER_SEC;

    CHECK(conn);
    CHECK((dom = virDomainLookupByName(conn, "test")));
    suspend.dom = query.dom = resume.dom = dom;
    testDriverSetJobHook(holdSuspend, NULL);

    t1 = g_thread_new("suspend", runCall, &suspend);
    g_mutex_lock(&lock);
    while (!entered && g_cond_wait_until(&cond, &lock, deadline))
        ;
    held = entered;
    g_mutex_unlock(&lock);
    CHECK(held);

    /* a query while the change holds the job: answered at once, and the
     * domain still runs (the change has not happened yet) */
    t2 = g_thread_new("query", runCall, &query);
    CHECK(finishes(&query, 5000));
    CHECK(query.ret == VIR_DOMAIN_RUNNING);

    /* a second change waits for the job */
    t3 = g_thread_new("resume", runCall, &resume);
    CHECK(!finishes(&resume, 300));

    g_mutex_lock(&lock);
    released = true;
    g_cond_broadcast(&cond);
    g_mutex_unlock(&lock);
    g_thread_join(t1);
    g_thread_join(t2);
    g_thread_join(t3);
    testDriverSetJobHook(NULL, NULL);

    CHECK(suspend.ret == 0);
    /* it ran after the suspend, so there was a paused domain to resume */
    CHECK(resume.ret == 0);
    CHECK(getInfo(dom) == VIR_DOMAIN_RUNNING);
    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}

int
main(void)
{
    static const testCase cases[] = {
        { "query-and-second-change", testQueryAndSecondChange },
    };

    return testRunAll(cases, G_N_ELEMENTS(cases));
}
