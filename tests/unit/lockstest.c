/*
 * lockstest.c: the per-thread lock count and work deferred until a thread
 * holds no lock (util/locks.c).
 */
#include <stdio.h>

#include "util/locks.h"

#define CHECK(cond) \
    do { \
        if (!(cond)) { \
            fprintf(stderr, "  %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            return -1; \
        } \
    } while (0)

static GString *trace;

static void
record(void *opaque)
{
    g_string_append(trace, opaque);
}

static GMutex innerLock;

/* A deferred function that takes a lock itself and defers more work. */
static void
recordAndDefer(void *opaque)
{
    g_string_append(trace, opaque);
    nuvMutexLock(&innerLock);
    nuvRunWhenUnlocked(record, (void *)"[nested]");
    g_string_append(trace, "(locked)");
    nuvMutexUnlock(&innerLock);
}

static int
testRunsAtOnceWhenUnlocked(void)
{
    g_string_truncate(trace, 0);
    CHECK(nuvLocksHeld() == 0);
    nuvRunWhenUnlocked(record, (void *)"a");
    CHECK(g_str_equal(trace->str, "a"));
    return 0;
}

static int
testDeferredUntilLastRelease(void)
{
    GMutex m;
    GRWLock rw;

    g_mutex_init(&m);
    g_rw_lock_init(&rw);
    g_string_truncate(trace, 0);

    nuvRWLockRead(&rw);
    nuvMutexLock(&m);
    CHECK(nuvLocksHeld() == 2);
    nuvRunWhenUnlocked(record, (void *)"1");
    nuvRunWhenUnlocked(record, (void *)"2");
    CHECK(trace->len == 0);
    nuvMutexUnlock(&m);
    CHECK(nuvLocksHeld() == 1);
    CHECK(trace->len == 0);          /* still one lock held */
    nuvRWUnlockRead(&rw);
    CHECK(nuvLocksHeld() == 0);
    CHECK(g_str_equal(trace->str, "12"));   /* in request order */

    /* Nothing is left to run twice. */
    nuvRWLockWrite(&rw);
    nuvRWUnlockWrite(&rw);
    CHECK(g_str_equal(trace->str, "12"));

    g_mutex_clear(&m);
    g_rw_lock_clear(&rw);
    return 0;
}

static int
testDeferredMayLockAndDefer(void)
{
    GMutex m;

    g_mutex_init(&m);
    g_string_truncate(trace, 0);
    nuvMutexLock(&m);
    nuvRunWhenUnlocked(recordAndDefer, (void *)"x");
    nuvRunWhenUnlocked(record, (void *)"y");
    nuvMutexUnlock(&m);
    /* x runs, defers [nested] while holding innerLock, which runs as soon
     * as x releases it; then y. */
    CHECK(g_str_equal(trace->str, "x(locked)[nested]y"));
    CHECK(nuvLocksHeld() == 0);
    g_mutex_clear(&m);
    return 0;
}

static gpointer
otherThread(gpointer data)
{
    /* Counts are per thread: this one holds nothing. */
    *(unsigned int *)data = nuvLocksHeld();
    nuvRunWhenUnlocked(record, (void *)"T");
    return NULL;
}

static int
testCountIsPerThread(void)
{
    GMutex m;
    unsigned int seen = 99;

    g_mutex_init(&m);
    g_string_truncate(trace, 0);
    nuvMutexLock(&m);
    g_thread_join(g_thread_new("other", otherThread, &seen));
    CHECK(seen == 0);
    CHECK(g_str_equal(trace->str, "T"));
    nuvMutexUnlock(&m);
    g_mutex_clear(&m);
    return 0;
}

int
main(void)
{
    static const struct {
        const char *name;
        int (*fn)(void);
    } cases[] = {
        { "runs-at-once-when-unlocked", testRunsAtOnceWhenUnlocked },
        { "deferred-until-last-release", testDeferredUntilLastRelease },
        { "deferred-may-lock-and-defer", testDeferredMayLockAndDefer },
        { "count-is-per-thread", testCountIsPerThread },
    };
    int failed = 0;

    trace = g_string_new(NULL);
    g_mutex_init(&innerLock);
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        int ret = cases[i].fn();
        printf("%s %s\n", ret == 0 ? "PASS" : "FAIL", cases[i].name);
        failed += ret != 0;
    }
    g_string_free(trace, TRUE);
    printf("%zu passed, %d failed\n", G_N_ELEMENTS(cases) - failed, failed);
    return failed ? 1 : 0;
}
