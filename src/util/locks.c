/*
 * locks.c: per-thread count of held locks, and work deferred until the
 * count drops to zero.
 */
#include "util/locks.h"

typedef struct {
    void (*fn)(void *opaque);
    void *opaque;
} nuvDeferred;

_Thread_local unsigned int nuvLocksHeldCount NUV_FAST_TLS;
_Thread_local bool nuvLocksDeferredPending NUV_FAST_TLS;
/* Deferred work of this thread; allocated on first use and freed once
 * run, so a thread that never defers costs nothing and none leaks. */
static _Thread_local GArray *deferred NUV_FAST_TLS;

void
nuvLocksRunDeferred(void)
{
    g_assert(nuvLocksHeldCount == 0);
    /* The deferred functions may take and release locks themselves, and
     * defer more: run until none is left. */
    while (deferred) {
        GArray *run = deferred;
        deferred = NULL;
        nuvLocksDeferredPending = false;
        for (guint i = 0; i < run->len; i++) {
            nuvDeferred *d = &g_array_index(run, nuvDeferred, i);
            d->fn(d->opaque);
        }
        g_array_unref(run);
    }
}

unsigned int
nuvLocksHeld(void)
{
    return nuvLocksHeldCount;
}

void
nuvRunWhenUnlocked(void (*fn)(void *opaque), void *opaque)
{
    nuvDeferred d = { fn, opaque };

    if (nuvLocksHeldCount == 0) {
        fn(opaque);
        return;
    }
    if (!deferred)
        deferred = g_array_new(FALSE, FALSE, sizeof(nuvDeferred));
    g_array_append_val(deferred, d);
    nuvLocksDeferredPending = true;
}
