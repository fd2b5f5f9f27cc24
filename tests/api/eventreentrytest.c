/*
 * eventreentrytest.c: an application's own event loop (virEventRegisterImpl)
 * whose callbacks call back into the API.
 *
 * The library calls the loop implementation from API threads (to arm the
 * event timer when a change queues an event) and from the loop thread (to
 * disarm it while delivering).  If it did so while holding an object lock,
 * the calls made here from inside those callbacks (lookups, info, XML, the
 * list of domains, even define and undefine) would wait on that lock held
 * by their own thread: a deadlock, caught by the watchdog.  Event callbacks
 * call back into the API too.  Worker threads meanwhile change domains and
 * networks so that events are queued from many threads at once.
 */
#include <glib.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#include "testlib.h"

/* The event-callback macros cast between callback types, as applications
 * written for libvirt do. */
#pragma GCC diagnostic ignored "-Wcast-function-type"

#define NWORKERS 4
#define ROUNDS 60
#define WATCHDOG_SECONDS 100

static virConnectPtr conn;

/* ---- a small timer-only event loop of the application's own ---- */

typedef struct {
    int id;
    int interval;               /* ms; -1 disabled */
    gint64 due;                 /* monotonic us */
    virEventTimeoutCallback cb;
    void *opaque;
    virFreeCallback ff;
    bool deleted;
} loopTimer;

static GMutex loopLock;         /* guards everything below */
static GCond loopCond;
static GPtrArray *timers;       /* loopTimer * */
static int nextTimerID = 1;
static bool loopQuit;
static GThread *loopThread;

static gint reentries;          /* API calls made from loop callbacks */
static gint armsFromAPI;        /* arming calls made by API threads */
static gint eventsSeen;
static gint callbackFailures;
static _Thread_local int inReentry;

static loopTimer *
findTimer(int id)
{
    for (guint i = 0; i < timers->len; i++) {
        loopTimer *t = g_ptr_array_index(timers, i);
        if (t->id == id && !t->deleted)
            return t;
    }
    return NULL;
}

/* What a callback of the loop does: call the API, as an application may.
 * Every call here takes the locks a driver method takes (the domain list
 * for reading, a domain object, the list for writing), so a caller that
 * held one of them would deadlock right here. */
static void
reenter(void)
{
    virDomainPtr *doms = NULL;
    virDomainPtr dom;
    virDomainInfo info;
    char name[64];
    char *xml;
    int n;

    if (inReentry)
        return;
    inReentry = 1;
    g_atomic_int_inc(&reentries);

    if ((dom = virDomainLookupByName(conn, "test"))) {
        if (virDomainGetInfo(dom, &info) < 0)
            g_atomic_int_inc(&callbackFailures);
        if (!(xml = virDomainGetXMLDesc(dom, 0)))
            g_atomic_int_inc(&callbackFailures);
        free(xml);
        virDomainFree(dom);
    } else {
        g_atomic_int_inc(&callbackFailures);
    }

    if ((n = virConnectListAllDomains(conn, &doms, 0)) < 0) {
        g_atomic_int_inc(&callbackFailures);
    } else {
        for (int i = 0; i < n; i++) {
            /* A domain undefined meanwhile may be gone: not a failure. */
            virDomainGetInfo(doms[i], &info);
            virDomainFree(doms[i]);
        }
        free(doms);
    }

    /* A change from inside the callback, where the caller is an API thread
     * arming the timer: it queues events of its own.  (The loop thread only
     * reads, so that API threads, not the loop, arm the timer each time.) */
    if (g_thread_self() == loopThread) {
        inReentry = 0;
        return;
    }
    g_snprintf(name, sizeof(name), "reentry-cb-%p", (void *)g_thread_self());
    xml = g_strdup_printf("<domain type='test'><name>%s</name><memory>1024</memory>"
                          "<os><type>hvm</type></os></domain>", name);
    if ((dom = virDomainDefineXML(conn, xml))) {
        if (virDomainUndefine(dom) < 0)
            g_atomic_int_inc(&callbackFailures);
        virDomainFree(dom);
    } else {
        g_atomic_int_inc(&callbackFailures);
    }
    g_free(xml);
    inReentry = 0;
}

static int
loopAddHandle(int fd G_GNUC_UNUSED, int events G_GNUC_UNUSED,
              virEventHandleCallback cb G_GNUC_UNUSED, void *opaque G_GNUC_UNUSED,
              virFreeCallback ff G_GNUC_UNUSED)
{
    return -1;      /* the test driver watches no file descriptor */
}

static void
loopUpdateHandle(int watch G_GNUC_UNUSED, int events G_GNUC_UNUSED)
{
}

static int
loopRemoveHandle(int watch G_GNUC_UNUSED)
{
    return -1;
}

static int
loopAddTimeout(int interval, virEventTimeoutCallback cb, void *opaque, virFreeCallback ff)
{
    loopTimer *t = g_new0(loopTimer, 1);
    int id;

    g_mutex_lock(&loopLock);
    t->id = id = nextTimerID++;
    t->interval = interval;
    t->due = g_get_monotonic_time() + (interval > 0 ? interval * 1000 : 0);
    t->cb = cb;
    t->opaque = opaque;
    t->ff = ff;
    g_ptr_array_add(timers, t);
    g_cond_signal(&loopCond);
    g_mutex_unlock(&loopLock);
    reenter();
    return id;
}

static void
loopUpdateTimeout(int timer, int interval)
{
    loopTimer *t;

    g_mutex_lock(&loopLock);
    if ((t = findTimer(timer))) {
        t->interval = interval;
        t->due = g_get_monotonic_time() + (interval > 0 ? interval * 1000 : 0);
    }
    g_cond_signal(&loopCond);
    g_mutex_unlock(&loopLock);
    if (interval >= 0 && g_thread_self() != loopThread)
        g_atomic_int_inc(&armsFromAPI);
    reenter();
}

static int
loopRemoveTimeout(int timer)
{
    loopTimer *t;
    int ret = -1;

    g_mutex_lock(&loopLock);
    if ((t = findTimer(timer))) {
        t->deleted = true;
        ret = 0;
    }
    g_mutex_unlock(&loopLock);
    return ret;
}

static gpointer
loopRun(gpointer data G_GNUC_UNUSED)
{
    g_mutex_lock(&loopLock);
    while (!loopQuit) {
        gint64 now = g_get_monotonic_time();
        gint64 next = now + 50 * 1000;
        g_autoptr(GPtrArray) fire = g_ptr_array_new();

        for (guint i = 0; i < timers->len; i++) {
            loopTimer *t = g_ptr_array_index(timers, i);
            if (t->deleted || t->interval < 0)
                continue;
            if (t->due <= now) {
                t->due = now + t->interval * 1000;
                g_ptr_array_add(fire, GINT_TO_POINTER(t->id));
                g_ptr_array_add(fire, t);
            } else if (t->due < next) {
                next = t->due;
            }
        }
        if (fire->len == 0) {
            g_cond_wait_until(&loopCond, &loopLock, next);
            continue;
        }
        /* Timers are never freed while the loop runs, so the pointers
         * stay valid with the lock dropped. */
        g_mutex_unlock(&loopLock);
        for (guint i = 0; i < fire->len; i += 2) {
            loopTimer *t = g_ptr_array_index(fire, i + 1);
            t->cb(GPOINTER_TO_INT(g_ptr_array_index(fire, i)), t->opaque);
        }
        g_mutex_lock(&loopLock);
    }
    g_mutex_unlock(&loopLock);
    return NULL;
}

/* ---- event callbacks that call back into the API ---- */

static int
onLifecycle(virConnectPtr c, virDomainPtr dom, int event G_GNUC_UNUSED,
            int detail G_GNUC_UNUSED, void *opaque G_GNUC_UNUSED)
{
    virDomainPtr again;
    virDomainInfo info;
    char *xml;

    g_atomic_int_inc(&eventsSeen);
    /* The domain may be undefined by now; lookups may fail, never hang. */
    if ((again = virDomainLookupByName(c, virDomainGetName(dom)))) {
        virDomainGetInfo(again, &info);
        xml = virDomainGetXMLDesc(again, 0);
        free(xml);
        virDomainFree(again);
    }
    reenter();
    return 0;
}

static void
onNetworkLifecycle(virConnectPtr c, virNetworkPtr net, int event G_GNUC_UNUSED,
                   int detail G_GNUC_UNUSED, void *opaque G_GNUC_UNUSED)
{
    virNetworkPtr again;

    g_atomic_int_inc(&eventsSeen);
    if ((again = virNetworkLookupByName(c, virNetworkGetName(net)))) {
        virNetworkIsActive(again);
        virNetworkFree(again);
    }
}

/* ---- workers: changes that queue events, from many threads ---- */

static gint workerFailures;

static gpointer
worker(gpointer data)
{
    int n = GPOINTER_TO_INT(data);
    g_autofree char *dxml = g_strdup_printf(
        "<domain type='test'><name>reentry-%d</name><memory>1024</memory>"
        "<os><type>hvm</type></os></domain>", n);
    g_autofree char *nxml = g_strdup_printf(
        "<network><name>reentry-net-%d</name><bridge name='rebr%d'/></network>", n, n);
    virDomainPtr dom = virDomainDefineXML(conn, dxml);
    virNetworkPtr net = virNetworkDefineXML(conn, nxml);

    if (!dom || !net) {
        g_atomic_int_inc(&workerFailures);
        return NULL;
    }
    for (int i = 0; i < ROUNDS; i++) {
        if (virDomainCreate(dom) < 0 || virDomainSuspend(dom) < 0 ||
            virDomainResume(dom) < 0 || virDomainDestroy(dom) < 0 ||
            virNetworkCreate(net) < 0 || virNetworkDestroy(net) < 0)
            g_atomic_int_inc(&workerFailures);
    }
    if (virDomainUndefine(dom) < 0 || virNetworkUndefine(net) < 0)
        g_atomic_int_inc(&workerFailures);
    virDomainFree(dom);
    virNetworkFree(net);
    return NULL;
}

static void
watchdog(int sig G_GNUC_UNUSED)
{
    static const char msg[] =
        "deadlock: an event-loop or event callback that calls the API never returned\n";
    if (write(2, msg, sizeof(msg) - 1) < 0) {
        /* nothing more to say */
    }
    _exit(1);
}

static int
testReentrantLoop(void)
{
    GThread *threads[NWORKERS];
    int domCb, netCb;
    gint64 until;

    CHECK((conn = virConnectOpen("test:///default")));
    CHECK((domCb = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                                    VIR_DOMAIN_EVENT_CALLBACK(onLifecycle),
                                                    NULL, NULL)) >= 0);
    CHECK((netCb = virConnectNetworkEventRegisterAny(conn, NULL,
                                                     VIR_NETWORK_EVENT_ID_LIFECYCLE,
                                                     VIR_NETWORK_EVENT_CALLBACK(
                                                         onNetworkLifecycle),
                                                     NULL, NULL)) >= 0);

    for (int i = 0; i < NWORKERS; i++)
        threads[i] = g_thread_new("worker", worker, GINT_TO_POINTER(i));
    for (int i = 0; i < NWORKERS; i++)
        g_thread_join(threads[i]);

    /* Let the loop deliver what is still queued. */
    until = g_get_monotonic_time() + 20 * G_USEC_PER_SEC;
    while (g_get_monotonic_time() < until && g_atomic_int_get(&eventsSeen) < NWORKERS * ROUNDS)
        g_usleep(10 * 1000);

    CHECK(virConnectDomainEventDeregisterAny(conn, domCb) == 0);
    CHECK(virConnectNetworkEventDeregisterAny(conn, netCb) == 0);

    fprintf(stderr, "  %d events delivered, %d arming calls from API threads, "
            "%d re-entries from loop callbacks\n", g_atomic_int_get(&eventsSeen),
            g_atomic_int_get(&armsFromAPI), g_atomic_int_get(&reentries));
    CHECK(g_atomic_int_get(&workerFailures) == 0);
    CHECK(g_atomic_int_get(&callbackFailures) == 0);
    /* The test proves something only if the library did call the loop
     * from API threads, and the callbacks did call back. */
    CHECK(g_atomic_int_get(&armsFromAPI) > 0);
    CHECK(g_atomic_int_get(&reentries) > NWORKERS);
    CHECK(g_atomic_int_get(&eventsSeen) >= NWORKERS * ROUNDS);
    /* A delivery still running in the loop may hold a reference. */
    CHECK(virConnectClose(conn) >= 0);
    conn = NULL;
    return 0;
}

int
main(void)
{
    static const testCase cases[] = {
        { "reentrant-event-loop", testReentrantLoop },
    };
    int ret;

    signal(SIGALRM, watchdog);
    alarm(WATCHDOG_SECONDS);
    timers = g_ptr_array_new_with_free_func(g_free);
    virEventRegisterImpl(loopAddHandle, loopUpdateHandle, loopRemoveHandle,
                         loopAddTimeout, loopUpdateTimeout, loopRemoveTimeout);
    loopThread = g_thread_new("loop", loopRun, NULL);

    ret = testRunAll(cases, G_N_ELEMENTS(cases));

    g_mutex_lock(&loopLock);
    loopQuit = true;
    g_cond_signal(&loopCond);
    g_mutex_unlock(&loopLock);
    g_thread_join(loopThread);
    /* The library is done with its timers: their free callbacks run now. */
    for (guint i = 0; i < timers->len; i++) {
        loopTimer *t = g_ptr_array_index(timers, i);
        if (t->ff)
            t->ff(t->opaque);
    }
    g_ptr_array_unref(timers);
    return ret;
}
