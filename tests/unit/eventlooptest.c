/*
 * eventlooptest.c: the public event-loop API, default and custom
 * implementations.
 *
 * Registration is once per process, so the custom-implementation case runs
 * in a forked child before anything else (and before any thread exists);
 * every other case uses the default implementation in this process.
 *
 * Only the exported API is used, so the program runs against libnuvirt.so
 * (or stock libvirt, as a check of the test itself).
 */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib.h>

#include "libvirt/libvirt.h"
#include "libvirt/virterror.h"

#define CHECK(cond) \
    do { \
        if (!(cond)) { \
            fprintf(stderr, "  %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            return -1; \
        } \
    } while (0)


/* Milliseconds on the monotonic clock. */
static gint64
nowMs(void)
{
    return g_get_monotonic_time() / 1000;
}


/* Let pending removals finish (the default loop frees them on a later
 * iteration) so each case starts from a quiet loop. */
static void
drainLoop(void)
{
    int i;

    for (i = 0; i < 20 && g_main_context_pending(NULL); i++)
        g_main_context_iteration(NULL, FALSE);
}


/* ---- shared callbacks --------------------------------------------------- */

typedef struct {
    int calls;
    int lastWatch;
    int lastFd;
    int lastEvents;
    int freed;
    bool inCallback;
    bool freedInsideCallback;
    bool removeSelf;
} Record;

static void
recordHandle(int watch, int fd, int events, void *opaque)
{
    Record *r = opaque;

    r->inCallback = true;
    r->calls++;
    r->lastWatch = watch;
    r->lastFd = fd;
    r->lastEvents = events;
    if (r->removeSelf)
        virEventRemoveHandle(watch);
    r->inCallback = false;
}

static void
recordTimeout(int timer, void *opaque)
{
    Record *r = opaque;

    r->inCallback = true;
    r->calls++;
    r->lastWatch = timer;
    if (r->removeSelf)
        virEventRemoveTimeout(timer);
    r->inCallback = false;
}

static void
recordFree(void *opaque)
{
    Record *r = opaque;

    if (r->inCallback)
        r->freedInsideCallback = true;
    r->freed++;
}


/* ---- custom implementation (runs in a child) ---------------------------- */

static struct {
    int addHandle, updateHandle, removeHandle;
    int addTimeout, updateTimeout, removeTimeout;
    int lastFd, lastEvents, lastId, lastInterval;
    void *lastOpaque;
    virFreeCallback lastFf;
} custom;

static int
customAddHandle(int fd, int events, virEventHandleCallback cb,
                void *opaque, virFreeCallback ff)
{
    custom.addHandle++;
    custom.lastFd = fd;
    custom.lastEvents = events;
    custom.lastOpaque = opaque;
    custom.lastFf = ff;
    return 4242;
}

static void
customUpdateHandle(int watch, int events)
{
    custom.updateHandle++;
    custom.lastId = watch;
    custom.lastEvents = events;
}

static int
customRemoveHandle(int watch)
{
    custom.removeHandle++;
    custom.lastId = watch;
    return 0;
}

static int
customAddTimeout(int interval, virEventTimeoutCallback cb,
                 void *opaque, virFreeCallback ff)
{
    custom.addTimeout++;
    custom.lastInterval = interval;
    custom.lastOpaque = opaque;
    custom.lastFf = ff;
    return 77;
}

static void
customUpdateTimeout(int timer, int interval)
{
    custom.updateTimeout++;
    custom.lastId = timer;
    custom.lastInterval = interval;
}

static int
customRemoveTimeout(int timer)
{
    custom.removeTimeout++;
    custom.lastId = timer;
    return 0;
}

static void
dummyHandle(int watch, int fd, int events, void *opaque)
{
}

static void
dummyTimeout(int timer, void *opaque)
{
}

static int
testCustomImpl(void)
{
    Record rec = { 0 };

    /* Nothing registered yet: calls fail quietly. */
    CHECK(virEventAddHandle(0, VIR_EVENT_HANDLE_READABLE, dummyHandle, NULL, NULL) == -1);
    CHECK(virEventAddTimeout(10, dummyTimeout, NULL, NULL) == -1);
    CHECK(virEventRemoveHandle(1) == -1);
    CHECK(virEventRemoveTimeout(1) == -1);
    virEventUpdateHandle(1, 0);
    virEventUpdateTimeout(1, 0);

    /* An all-NULL registration registers nothing. */
    virEventRegisterImpl(NULL, NULL, NULL, NULL, NULL, NULL);
    CHECK(virEventAddTimeout(10, dummyTimeout, NULL, NULL) == -1);

    virEventRegisterImpl(customAddHandle, customUpdateHandle, customRemoveHandle,
                         customAddTimeout, customUpdateTimeout, customRemoveTimeout);

    CHECK(virEventAddHandle(7, VIR_EVENT_HANDLE_WRITABLE, dummyHandle, &rec,
                            recordFree) == 4242);
    CHECK(custom.addHandle == 1 && custom.lastFd == 7);
    CHECK(custom.lastEvents == VIR_EVENT_HANDLE_WRITABLE);
    CHECK(custom.lastOpaque == &rec && custom.lastFf == recordFree);
    virEventUpdateHandle(4242, VIR_EVENT_HANDLE_READABLE);
    CHECK(custom.updateHandle == 1 && custom.lastId == 4242);
    CHECK(custom.lastEvents == VIR_EVENT_HANDLE_READABLE);
    CHECK(virEventRemoveHandle(4242) == 0);
    CHECK(custom.removeHandle == 1 && custom.lastId == 4242);

    CHECK(virEventAddTimeout(-1, dummyTimeout, &rec, recordFree) == 77);
    CHECK(custom.addTimeout == 1 && custom.lastInterval == -1);
    virEventUpdateTimeout(77, 250);
    CHECK(custom.updateTimeout == 1 && custom.lastInterval == 250);
    CHECK(virEventRemoveTimeout(77) == 0);
    CHECK(custom.removeTimeout == 1 && custom.lastId == 77);

    CHECK(virEventAddTimeout(0, dummyTimeout, NULL, NULL) == 77);
    CHECK(custom.addTimeout == 2);

    /* The first registration wins: neither a second custom one nor the
     * default one replaces it. */
    virEventRegisterImpl(customAddHandle, NULL, NULL, NULL, NULL, NULL);
    CHECK(virEventRegisterDefaultImpl() == 0);
    CHECK(virEventAddTimeout(5, dummyTimeout, NULL, NULL) == 77);
    CHECK(custom.addTimeout == 3);
    CHECK(virEventRemoveHandle(12) == 0 && custom.removeHandle == 2);

    /* The implementation owns ff; the dispatch layer never calls it. */
    CHECK(rec.freed == 0);
    return 0;
}

static int
runInChild(int (*fn)(void))
{
    int status;
    pid_t pid;

    fflush(NULL);
    pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0)
        _exit(fn() == 0 ? 0 : 1);
    if (waitpid(pid, &status, 0) != pid)
        return -1;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static int
testCustomImplChild(void)
{
    return runInChild(testCustomImpl);
}


/* ---- default implementation --------------------------------------------- */

static int
testRegisterDefault(void)
{
    CHECK(virEventAddTimeout(0, dummyTimeout, NULL, NULL) == -1);
    CHECK(virEventRegisterDefaultImpl() == 0);
    CHECK(virEventRegisterDefaultImpl() == 0);   /* again: harmless */
    return 0;
}


/* Run the loop until *calls reaches want or deadline ms pass. */
static void
runUntil(const int *calls, int want, int deadline)
{
    gint64 end = nowMs() + deadline;
    int guard = virEventAddTimeout(deadline, dummyTimeout, NULL, NULL);

    while (*calls < want && nowMs() < end)
        virEventRunDefaultImpl();
    virEventRemoveTimeout(guard);
}

static int
testPipeReadable(void)
{
    Record rec = { 0 };
    int fds[2];
    int watch;
    char c;

    CHECK(pipe(fds) == 0);
    watch = virEventAddHandle(fds[0], VIR_EVENT_HANDLE_READABLE, recordHandle,
                              &rec, recordFree);
    CHECK(watch > 0);

    /* Nothing to read: one quiet iteration driven by a short timeout. */
    runUntil(&rec.calls, 1, 30);
    CHECK(rec.calls == 0);

    CHECK(write(fds[1], "x", 1) == 1);
    runUntil(&rec.calls, 1, 1000);
    CHECK(rec.calls == 1);
    CHECK(rec.lastWatch == watch);
    CHECK(rec.lastFd == fds[0]);
    CHECK(rec.lastEvents == VIR_EVENT_HANDLE_READABLE);

    /* Level-triggered: unread data fires again. */
    runUntil(&rec.calls, 2, 1000);
    CHECK(rec.calls == 2);

    /* Watching nothing silences it without removing it. */
    virEventUpdateHandle(watch, 0);
    runUntil(&rec.calls, 3, 30);
    CHECK(rec.calls == 2);
    virEventUpdateHandle(watch, VIR_EVENT_HANDLE_READABLE);
    runUntil(&rec.calls, 3, 1000);
    CHECK(rec.calls == 3);
    CHECK(read(fds[0], &c, 1) == 1);

    CHECK(virEventRemoveHandle(watch) == 0);
    drainLoop();
    CHECK(rec.freed == 1);
    close(fds[0]);
    close(fds[1]);
    return 0;
}

static int
testSocketWritable(void)
{
    Record rec = { 0 };
    int sv[2];
    int watch;

    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
    watch = virEventAddHandle(sv[0], VIR_EVENT_HANDLE_WRITABLE, recordHandle,
                              &rec, NULL);
    CHECK(watch > 0);
    runUntil(&rec.calls, 1, 1000);
    CHECK(rec.calls == 1);
    CHECK(rec.lastEvents == VIR_EVENT_HANDLE_WRITABLE);
    CHECK(virEventRemoveHandle(watch) == 0);
    drainLoop();
    close(sv[0]);
    close(sv[1]);
    return 0;
}

static int
testHangup(void)
{
    Record rec = { 0 };
    int fds[2];
    int watch;

    CHECK(pipe(fds) == 0);
    watch = virEventAddHandle(fds[0], VIR_EVENT_HANDLE_READABLE, recordHandle,
                              &rec, NULL);
    CHECK(watch > 0);
    /* The writer goes away: reported even though only READABLE was asked. */
    close(fds[1]);
    runUntil(&rec.calls, 1, 1000);
    CHECK(rec.calls == 1);
    CHECK(rec.lastEvents & VIR_EVENT_HANDLE_HANGUP);
    CHECK(virEventRemoveHandle(watch) == 0);
    drainLoop();
    close(fds[0]);
    return 0;
}

static int
testTimeoutPeriodic(void)
{
    Record rec = { 0 };
    gint64 start;
    int timer;
    int stop = 0;

    timer = virEventAddTimeout(20, recordTimeout, &rec, NULL);
    CHECK(timer > 0);
    start = nowMs();
    runUntil(&stop, 1, 210);
    CHECK(virEventRemoveTimeout(timer) == 0);
    drainLoop();
    /* About 10 in 210 ms; GLib counts each period from the last dispatch,
     * so allow for drift on a loaded machine but not for a runaway. */
    if (rec.calls < 5 || rec.calls > 11)
        fprintf(stderr, "  %d calls in %" G_GINT64_FORMAT " ms\n",
                rec.calls, nowMs() - start);
    CHECK(rec.calls >= 5 && rec.calls <= 11);
    CHECK(rec.lastWatch == timer);
    return 0;
}

static int
testTimeoutZero(void)
{
    Record rec = { 0 };
    int timer;
    int i;

    timer = virEventAddTimeout(0, recordTimeout, &rec, NULL);
    CHECK(timer > 0);
    for (i = 0; i < 10; i++)
        CHECK(virEventRunDefaultImpl() == 0);
    CHECK(rec.calls == 10);
    CHECK(virEventRemoveTimeout(timer) == 0);
    drainLoop();
    return 0;
}

static int
testTimeoutDisabled(void)
{
    Record rec = { 0 };
    int stop = 0;
    int timer;

    timer = virEventAddTimeout(-1, recordTimeout, &rec, NULL);
    CHECK(timer > 0);
    runUntil(&stop, 1, 60);
    CHECK(rec.calls == 0);

    /* Enable, then disable again from inside the loop's view. */
    virEventUpdateTimeout(timer, 0);
    CHECK(virEventRunDefaultImpl() == 0);
    CHECK(rec.calls == 1);
    virEventUpdateTimeout(timer, -1);
    runUntil(&stop, 1, 40);
    CHECK(rec.calls == 1);

    CHECK(virEventRemoveTimeout(timer) == 0);
    drainLoop();
    return 0;
}

static int
testRemoveSelf(void)
{
    Record trec = { .removeSelf = true };
    Record hrec = { .removeSelf = true };
    int stop = 0;
    int fds[2];
    int timer;
    int watch;

    CHECK(pipe(fds) == 0);
    CHECK(write(fds[1], "x", 1) == 1);
    timer = virEventAddTimeout(0, recordTimeout, &trec, recordFree);
    watch = virEventAddHandle(fds[0], VIR_EVENT_HANDLE_READABLE, recordHandle,
                              &hrec, recordFree);
    CHECK(timer > 0 && watch > 0);

    runUntil(&stop, 1, 60);
    CHECK(trec.calls == 1);
    CHECK(hrec.calls == 1);
    CHECK(trec.freed == 1 && !trec.freedInsideCallback);
    CHECK(hrec.freed == 1 && !hrec.freedInsideCallback);

    /* Already gone. */
    CHECK(virEventRemoveTimeout(timer) == -1);
    CHECK(virEventRemoveHandle(watch) == -1);
    close(fds[0]);
    close(fds[1]);
    return 0;
}


/* A callback that removes another entry and adds a new one. */
typedef struct {
    int victim;
    int added;
    Record victimRec;
    Record addedRec;
} Juggle;

static void
juggleTimeout(int timer, void *opaque)
{
    Juggle *j = opaque;

    if (j->victim > 0) {
        virEventRemoveTimeout(j->victim);
        j->victim = 0;
        j->added = virEventAddTimeout(0, recordTimeout, &j->addedRec, recordFree);
        virEventRemoveTimeout(timer);
    }
}

static int
testRemoveOthers(void)
{
    Juggle j = { 0 };
    int stop = 0;
    int first;

    /* The victim is due in the same iteration as the juggler; whichever
     * runs first, the victim must not run once removed. */
    j.victim = virEventAddTimeout(0, recordTimeout, &j.victimRec, recordFree);
    first = virEventAddTimeout(0, juggleTimeout, &j, NULL);
    CHECK(j.victim > 0 && first > 0);

    runUntil(&stop, 1, 50);
    CHECK(j.victimRec.calls <= 1);
    CHECK(j.victimRec.freed == 1);
    CHECK(j.added > 0 && j.added != first);
    CHECK(j.addedRec.calls >= 2);
    CHECK(virEventRemoveTimeout(j.added) == 0);
    drainLoop();
    CHECK(j.addedRec.freed == 1);
    return 0;
}

static int
testFreeOnceAfterRemoval(void)
{
    Record trec = { 0 };
    Record hrec = { 0 };
    int stop = 0;
    int fds[2];
    int timer;
    int watch;
    int i;

    CHECK(pipe(fds) == 0);
    timer = virEventAddTimeout(1000, recordTimeout, &trec, recordFree);
    watch = virEventAddHandle(fds[0], VIR_EVENT_HANDLE_READABLE, recordHandle,
                              &hrec, recordFree);
    CHECK(timer > 0 && watch > 0);

    CHECK(virEventRemoveTimeout(timer) == 0);
    CHECK(virEventRemoveHandle(watch) == 0);
    /* Never from inside the remove call. */
    CHECK(trec.freed == 0 && hrec.freed == 0);

    /* Removed ids are dead: updates are ignored, removals fail, and the
     * data written now never reaches the callback. */
    virEventUpdateTimeout(timer, 0);
    virEventUpdateHandle(watch, VIR_EVENT_HANDLE_READABLE);
    CHECK(virEventRemoveTimeout(timer) == -1);
    CHECK(virEventRemoveHandle(watch) == -1);
    CHECK(write(fds[1], "x", 1) == 1);

    for (i = 0; i < 3; i++)
        runUntil(&stop, 1, 10);
    CHECK(trec.freed == 1 && hrec.freed == 1);
    CHECK(trec.calls == 0 && hrec.calls == 0);

    /* Ids are not handed out again right away. */
    i = virEventAddTimeout(-1, recordTimeout, &trec, NULL);
    CHECK(i > 0 && i != timer);
    CHECK(virEventRemoveTimeout(i) == 0);
    i = virEventAddHandle(fds[0], 0, recordHandle, &hrec, NULL);
    CHECK(i > 0 && i != watch);
    CHECK(virEventRemoveHandle(i) == 0);
    drainLoop();
    CHECK(trec.freed == 1 && hrec.freed == 1);

    close(fds[0]);
    close(fds[1]);
    return 0;
}


typedef struct {
    int timer;          /* when > 0: update this one instead of adding */
    Record rec;
} WakeData;

static gpointer
wakeThread(gpointer opaque)
{
    WakeData *w = opaque;

    g_usleep(100 * 1000);
    if (w->timer > 0)
        virEventUpdateTimeout(w->timer, 0);
    else
        w->timer = virEventAddTimeout(0, recordTimeout, &w->rec, NULL);
    return NULL;
}

static int
wakeCase(WakeData *w)
{
    GThread *thread;
    gint64 start;
    int guard;

    drainLoop();
    /* The guard only bounds the test if the wake-up is lost: the loop
     * must return long before it. */
    guard = virEventAddTimeout(3000, dummyTimeout, NULL, NULL);
    thread = g_thread_new("eventlooptest-wake", wakeThread, w);
    start = nowMs();
    while (w->rec.calls == 0 && nowMs() - start < 4000)
        virEventRunDefaultImpl();
    g_thread_join(thread);
    virEventRemoveTimeout(guard);

    CHECK(w->rec.calls >= 1);
    CHECK(nowMs() - start < 1500);
    CHECK(w->rec.lastWatch == w->timer);
    CHECK(virEventRemoveTimeout(w->timer) == 0);
    drainLoop();
    return 0;
}

static int
testAddFromThreadWakes(void)
{
    WakeData w = { 0 };

    return wakeCase(&w);
}

static int
testUpdateFromThreadWakes(void)
{
    WakeData w = { 0 };

    w.timer = virEventAddTimeout(-1, recordTimeout, &w.rec, NULL);
    CHECK(w.timer > 0);
    return wakeCase(&w);
}

static int
testNullCallback(void)
{
    int timer;

    CHECK(virEventAddTimeout(0, NULL, NULL, NULL) == -1);
    CHECK(virGetLastErrorCode() == VIR_ERR_INVALID_ARG);
    CHECK(virEventAddHandle(0, VIR_EVENT_HANDLE_READABLE, NULL, NULL, NULL) == -1);
    /* The run call starts with a clean error, as libvirt's does. */
    timer = virEventAddTimeout(0, dummyTimeout, NULL, NULL);
    CHECK(virEventRunDefaultImpl() == 0);
    CHECK(virGetLastError() == NULL);
    CHECK(virEventRemoveTimeout(timer) == 0);
    drainLoop();
    return 0;
}


static const struct {
    const char *name;
    int (*fn)(void);
} cases[] = {
    { "custom implementation receives the calls", testCustomImplChild },
    { "register default implementation", testRegisterDefault },
    { "pipe readable fires with the right events", testPipeReadable },
    { "socket writable", testSocketWritable },
    { "hangup", testHangup },
    { "periodic timeout count within a window", testTimeoutPeriodic },
    { "0 ms timeout fires on each iteration", testTimeoutZero },
    { "disabled timeout never fires", testTimeoutDisabled },
    { "remove self from inside the callback", testRemoveSelf },
    { "callback removes and adds others", testRemoveOthers },
    { "ff called exactly once after removal", testFreeOnceAfterRemoval },
    { "add from another thread wakes a blocked run", testAddFromThreadWakes },
    { "update from another thread wakes a blocked run", testUpdateFromThreadWakes },
    { "NULL callback rejected", testNullCallback },
};


int
main(void)
{
    const char *only = g_getenv("NUV_TEST_ONLY");
    size_t i;
    int failed = 0;

    /* A lost wake-up would block forever; fail instead. */
    alarm(20);

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        int rc;

        /* NUV_TEST_ONLY=text runs the cases whose name contains text (the
         * default implementation is registered whenever case 2 is skipped). */
        if (only && !strstr(cases[i].name, only)) {
            if (cases[i].fn == testRegisterDefault)
                virEventRegisterDefaultImpl();
            continue;
        }
        rc = cases[i].fn();

        printf("%s %zu - %s\n", rc == 0 ? "ok" : "not ok", i + 1, cases[i].name);
        if (rc != 0)
            failed++;
    }
    printf("1..%zu\n", G_N_ELEMENTS(cases));
    return failed ? 1 : 0;
}
