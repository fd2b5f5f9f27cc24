/*
 * eventloop.c: dispatch to the registered event implementation, and the
 * default implementation on GLib's global default main context.
 *
 * Default implementation, in short:
 *   - every handle or timeout is one nuvEventSource, found by id in a hash
 *     table while it is live; it owns at most one attached GSource (none
 *     while a handle watches no events or a timeout is disabled);
 *   - changing what is watched replaces the GSource: GLib wakes a loop
 *     blocked in another thread whenever a source is attached, which is
 *     what makes cross-thread add/update take effect immediately;
 *   - removal only detaches: the entry leaves the id table at once, but its
 *     ff and its memory are handled by a "reaper" idle source that runs on
 *     the loop thread in a later dispatch.  Callbacks run only on the loop
 *     thread, one after the other, so by the time the reaper runs no
 *     callback of the removed entry is on the stack, whichever thread asked
 *     for the removal.  (Like redis' lazy timer deletion.)
 *   - retired GSources are also unreffed by the reaper, never by the thread
 *     that retired them: dropping the last reference while the loop thread
 *     is dispatching that source has been a GLib race.
 *
 * Locking: nuvEventLock guards every mutable field below and in
 * nuvEventSource.  It is never held while calling into the application,
 * so callbacks and ff may add, update and remove anything, themselves
 * included.  Lock order: nuvEventLock, then GLib's context lock (taken
 * inside g_source_attach/destroy); GLib never calls us with its own held.
 */
#include <limits.h>
#include <glib.h>
#include <glib-unix.h>

#include "util/eventloop.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_EVENT

/* ---- registration ----------------------------------------------------- */

typedef struct _nuvEventImpl nuvEventImpl;
struct _nuvEventImpl {
    virEventAddHandleFunc addHandle;
    virEventUpdateHandleFunc updateHandle;
    virEventRemoveHandleFunc removeHandle;
    virEventAddTimeoutFunc addTimeout;
    virEventUpdateTimeoutFunc updateTimeout;
    virEventRemoveTimeoutFunc removeTimeout;
};

/* Published once with compare-and-exchange and never changed or freed
 * afterwards, so readers need no lock: a loaded pointer stays valid. */
static nuvEventImpl *nuvEventActiveImpl;

static const nuvEventImpl *
nuvEventGetImpl(void)
{
    return g_atomic_pointer_get(&nuvEventActiveImpl);
}


void
nuvEventRegisterImpl(virEventAddHandleFunc addHandle,
                     virEventUpdateHandleFunc updateHandle,
                     virEventRemoveHandleFunc removeHandle,
                     virEventAddTimeoutFunc addTimeout,
                     virEventUpdateTimeoutFunc updateTimeout,
                     virEventRemoveTimeoutFunc removeTimeout)
{
    nuvEventImpl *impl;

    /* Registering nothing leaves the slot free for a real registration. */
    if (!addHandle && !updateHandle && !removeHandle &&
        !addTimeout && !updateTimeout && !removeTimeout)
        return;

    impl = g_new0(nuvEventImpl, 1);
    impl->addHandle = addHandle;
    impl->updateHandle = updateHandle;
    impl->removeHandle = removeHandle;
    impl->addTimeout = addTimeout;
    impl->updateTimeout = updateTimeout;
    impl->removeTimeout = removeTimeout;

    /* Handles already added must keep reaching the loop that owns them,
     * so a second registration is dropped, as libvirt does. */
    if (!g_atomic_pointer_compare_and_exchange(&nuvEventActiveImpl, NULL, impl))
        g_free(impl);
}


bool
nuvEventIsRegistered(void)
{
    const nuvEventImpl *impl = nuvEventGetImpl();

    return impl && impl->addHandle && impl->addTimeout;
}


int
nuvEventRequireImpl(void)
{
    if (!nuvEventIsRegistered()) {
        nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       "An event loop implementation must be registered");
        return -1;
    }
    return 0;
}


int
nuvEventAddHandle(int fd, int events, virEventHandleCallback cb,
                  void *opaque, virFreeCallback ff)
{
    const nuvEventImpl *impl = nuvEventGetImpl();

    if (!impl || !impl->addHandle)
        return -1;
    return impl->addHandle(fd, events, cb, opaque, ff);
}


void
nuvEventUpdateHandle(int watch, int events)
{
    const nuvEventImpl *impl = nuvEventGetImpl();

    if (impl && impl->updateHandle)
        impl->updateHandle(watch, events);
}


int
nuvEventRemoveHandle(int watch)
{
    const nuvEventImpl *impl = nuvEventGetImpl();

    if (!impl || !impl->removeHandle)
        return -1;
    return impl->removeHandle(watch);
}


int
nuvEventAddTimeout(int interval, virEventTimeoutCallback cb,
                   void *opaque, virFreeCallback ff)
{
    const nuvEventImpl *impl = nuvEventGetImpl();

    if (!impl || !impl->addTimeout)
        return -1;
    return impl->addTimeout(interval, cb, opaque, ff);
}


void
nuvEventUpdateTimeout(int timer, int interval)
{
    const nuvEventImpl *impl = nuvEventGetImpl();

    if (impl && impl->updateTimeout)
        impl->updateTimeout(timer, interval);
}


int
nuvEventRemoveTimeout(int timer)
{
    const nuvEventImpl *impl = nuvEventGetImpl();

    if (!impl || !impl->removeTimeout)
        return -1;
    return impl->removeTimeout(timer);
}


/* ---- default implementation ------------------------------------------- */

typedef struct _nuvEventSource nuvEventSource;
struct _nuvEventSource {
    int id;                         /* immutable */
    bool isHandle;                  /* immutable */
    int fd;                         /* immutable; handles only */
    virEventHandleCallback handleCb;    /* immutable; handles only */
    virEventTimeoutCallback timeoutCb;  /* immutable; timeouts only */
    void *opaque;                   /* immutable */
    virFreeCallback ff;             /* immutable */

    int events;                     /* lock; handles: VIR_EVENT_HANDLE_* watched */
    int interval;                   /* lock; timeouts: ms, -1 when disabled */
    GSource *source;                /* lock; the attached GSource or NULL */
    bool removed;                   /* lock */
};

static GMutex nuvEventLock;
static GMainContext *nuvEventContext;     /* immutable after init */
static GHashTable *nuvEventHandles;       /* lock; id -> live nuvEventSource */
static GHashTable *nuvEventTimeouts;      /* lock; id -> live nuvEventSource */
static int nuvEventNextWatch = 1;         /* lock */
static int nuvEventNextTimer = 1;         /* lock */
static GPtrArray *nuvEventDoomed;         /* lock; removed entries awaiting ff */
static GPtrArray *nuvEventRetired;        /* lock; destroyed GSources to unref */
static bool nuvEventReapScheduled;        /* lock */


static GIOCondition
nuvEventToCondition(int events)
{
    GIOCondition cond = 0;

    if (events & VIR_EVENT_HANDLE_READABLE)
        cond |= G_IO_IN;
    if (events & VIR_EVENT_HANDLE_WRITABLE)
        cond |= G_IO_OUT;
    if (events & VIR_EVENT_HANDLE_ERROR)
        cond |= G_IO_ERR;
    if (events & VIR_EVENT_HANDLE_HANGUP)
        cond |= G_IO_HUP;
    return cond;
}


static int
nuvEventFromCondition(GIOCondition cond)
{
    int events = 0;

    if (cond & G_IO_IN)
        events |= VIR_EVENT_HANDLE_READABLE;
    if (cond & G_IO_OUT)
        events |= VIR_EVENT_HANDLE_WRITABLE;
    /* A closed fd shows as NVAL; the API has no such bit, and reporting it
     * as an error lets the owner notice instead of the loop spinning. */
    if (cond & (G_IO_ERR | G_IO_NVAL))
        events |= VIR_EVENT_HANDLE_ERROR;
    if (cond & G_IO_HUP)
        events |= VIR_EVENT_HANDLE_HANGUP;
    return events;
}


static int
nuvEventAllocId(GHashTable *live, int *next)
{
    int id;

    /* Counting up to INT_MAX before wrapping keeps an id from coming back
     * soon; skipping live ids keeps it unique even after a wrap. */
    do {
        id = *next;
        *next = id == INT_MAX ? 1 : id + 1;
    } while (g_hash_table_contains(live, GINT_TO_POINTER(id)));
    return id;
}


static gboolean
nuvEventReap(gpointer data G_GNUC_UNUSED)
{
    g_autoptr(GPtrArray) doomed = NULL;
    g_autoptr(GPtrArray) retired = NULL;
    guint i;

    g_mutex_lock(&nuvEventLock);
    doomed = g_steal_pointer(&nuvEventDoomed);
    retired = g_steal_pointer(&nuvEventRetired);
    nuvEventDoomed = g_ptr_array_new();
    nuvEventRetired = g_ptr_array_new();
    nuvEventReapScheduled = false;
    g_mutex_unlock(&nuvEventLock);

    for (i = 0; i < retired->len; i++)
        g_source_unref(g_ptr_array_index(retired, i));

    for (i = 0; i < doomed->len; i++) {
        nuvEventSource *ev = g_ptr_array_index(doomed, i);

        if (ev->ff)
            ev->ff(ev->opaque);
        g_free(ev);
    }

    return G_SOURCE_REMOVE;
}


/* Caller holds nuvEventLock. */
static void
nuvEventScheduleReap(void)
{
    GSource *idle;

    if (nuvEventReapScheduled)
        return;

    /* Default priority, not idle priority: a 0 ms timeout is ready on every
     * iteration and would starve an idle-priority source forever, and with
     * it every pending ff. */
    idle = g_idle_source_new();
    g_source_set_priority(idle, G_PRIORITY_DEFAULT);
    g_source_set_callback(idle, nuvEventReap, NULL, NULL);
    g_source_attach(idle, nuvEventContext);
    g_source_unref(idle);
    nuvEventReapScheduled = true;
}


/* Caller holds nuvEventLock. */
static void
nuvEventRetireSource(nuvEventSource *ev)
{
    if (!ev->source)
        return;
    g_source_destroy(ev->source);
    g_ptr_array_add(nuvEventRetired, g_steal_pointer(&ev->source));
    nuvEventScheduleReap();
}


static gboolean
nuvEventHandleDispatch(int fd, GIOCondition cond, gpointer data)
{
    nuvEventSource *ev = data;
    virEventHandleCallback cb;
    void *opaque;
    int watch;
    int events;

    g_mutex_lock(&nuvEventLock);
    /* Another thread may have removed or re-armed the handle after GLib
     * decided to dispatch this source; then it is no longer ours to run. */
    if (ev->removed || ev->source != g_main_current_source()) {
        g_mutex_unlock(&nuvEventLock);
        return G_SOURCE_CONTINUE;
    }
    cb = ev->handleCb;
    opaque = ev->opaque;
    watch = ev->id;
    events = nuvEventFromCondition(cond & (nuvEventToCondition(ev->events) |
                                           G_IO_HUP | G_IO_ERR | G_IO_NVAL));
    g_mutex_unlock(&nuvEventLock);

    if (events)
        cb(watch, fd, events, opaque);
    return G_SOURCE_CONTINUE;
}


static gboolean
nuvEventTimeoutDispatch(gpointer data)
{
    nuvEventSource *ev = data;
    virEventTimeoutCallback cb;
    void *opaque;
    int timer;

    g_mutex_lock(&nuvEventLock);
    if (ev->removed || ev->source != g_main_current_source()) {
        g_mutex_unlock(&nuvEventLock);
        return G_SOURCE_CONTINUE;
    }
    cb = ev->timeoutCb;
    opaque = ev->opaque;
    timer = ev->id;
    g_mutex_unlock(&nuvEventLock);

    cb(timer, opaque);
    return G_SOURCE_CONTINUE;
}


/* Caller holds nuvEventLock; ev->source is NULL. */
static void
nuvEventArmHandle(nuvEventSource *ev)
{
    GSource *src;

    if (ev->events == 0)
        return;

    /* Errors and hangups are always watched: poll reports them whatever
     * was asked for, and a reader must learn that its peer went away. */
    src = g_unix_fd_source_new(ev->fd, nuvEventToCondition(ev->events) |
                                       G_IO_HUP | G_IO_ERR);
    g_source_set_callback(src, G_SOURCE_FUNC(nuvEventHandleDispatch), ev, NULL);
    g_source_attach(src, nuvEventContext);
    ev->source = src;
}


/* Caller holds nuvEventLock; ev->source is NULL. */
static void
nuvEventArmTimeout(nuvEventSource *ev)
{
    GSource *src;

    if (ev->interval < 0)
        return;

    /* A 0 ms GLib timeout is due again right after each dispatch, which is
     * exactly "fire on every iteration". */
    src = g_timeout_source_new(ev->interval);
    g_source_set_callback(src, nuvEventTimeoutDispatch, ev, NULL);
    g_source_attach(src, nuvEventContext);
    ev->source = src;
}


static int
nuvEventGLibAddHandle(int fd, int events, virEventHandleCallback cb,
                      void *opaque, virFreeCallback ff)
{
    nuvEventSource *ev;
    int watch;

    if (!cb) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s",
                       "cb in virEventAddHandle must not be NULL");
        return -1;
    }

    ev = g_new0(nuvEventSource, 1);
    ev->isHandle = true;
    ev->fd = fd;
    ev->events = events;
    ev->handleCb = cb;
    ev->opaque = opaque;
    ev->ff = ff;

    g_mutex_lock(&nuvEventLock);
    ev->id = watch = nuvEventAllocId(nuvEventHandles, &nuvEventNextWatch);
    g_hash_table_insert(nuvEventHandles, GINT_TO_POINTER(watch), ev);
    nuvEventArmHandle(ev);
    g_mutex_unlock(&nuvEventLock);

    return watch;
}


static void
nuvEventGLibUpdateHandle(int watch, int events)
{
    nuvEventSource *ev;

    g_mutex_lock(&nuvEventLock);
    ev = g_hash_table_lookup(nuvEventHandles, GINT_TO_POINTER(watch));
    if (ev && ev->events != events) {
        nuvEventRetireSource(ev);
        ev->events = events;
        nuvEventArmHandle(ev);
    }
    g_mutex_unlock(&nuvEventLock);
}


/* Caller holds nuvEventLock. */
static int
nuvEventRemoveLocked(GHashTable *live, int id)
{
    nuvEventSource *ev = g_hash_table_lookup(live, GINT_TO_POINTER(id));

    if (!ev)
        return -1;

    g_hash_table_remove(live, GINT_TO_POINTER(id));
    ev->removed = true;
    nuvEventRetireSource(ev);
    g_ptr_array_add(nuvEventDoomed, ev);
    nuvEventScheduleReap();
    return 0;
}


static int
nuvEventGLibRemoveHandle(int watch)
{
    int ret;

    g_mutex_lock(&nuvEventLock);
    ret = nuvEventRemoveLocked(nuvEventHandles, watch);
    g_mutex_unlock(&nuvEventLock);
    return ret;
}


static int
nuvEventGLibAddTimeout(int interval, virEventTimeoutCallback cb,
                       void *opaque, virFreeCallback ff)
{
    nuvEventSource *ev;
    int timer;

    if (!cb) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s",
                       "cb in virEventAddTimeout must not be NULL");
        return -1;
    }

    ev = g_new0(nuvEventSource, 1);
    ev->interval = interval < 0 ? -1 : interval;
    ev->timeoutCb = cb;
    ev->opaque = opaque;
    ev->ff = ff;

    g_mutex_lock(&nuvEventLock);
    ev->id = timer = nuvEventAllocId(nuvEventTimeouts, &nuvEventNextTimer);
    g_hash_table_insert(nuvEventTimeouts, GINT_TO_POINTER(timer), ev);
    nuvEventArmTimeout(ev);
    g_mutex_unlock(&nuvEventLock);

    return timer;
}


static void
nuvEventGLibUpdateTimeout(int timer, int interval)
{
    nuvEventSource *ev;

    g_mutex_lock(&nuvEventLock);
    ev = g_hash_table_lookup(nuvEventTimeouts, GINT_TO_POINTER(timer));
    /* Re-arming even with an unchanged interval is deliberate: callers use
     * an update to push the next expiry back by a full period. */
    if (ev && !(interval < 0 && ev->interval < 0)) {
        nuvEventRetireSource(ev);
        ev->interval = interval < 0 ? -1 : interval;
        nuvEventArmTimeout(ev);
    }
    g_mutex_unlock(&nuvEventLock);
}


static int
nuvEventGLibRemoveTimeout(int timer)
{
    int ret;

    g_mutex_lock(&nuvEventLock);
    ret = nuvEventRemoveLocked(nuvEventTimeouts, timer);
    g_mutex_unlock(&nuvEventLock);
    return ret;
}


static gpointer
nuvEventGLibInit(gpointer data G_GNUC_UNUSED)
{
    /* libvirt's default loop runs on the global default context, and
     * applications that mix it with their own GLib code rely on that. */
    nuvEventContext = g_main_context_default();
    nuvEventHandles = g_hash_table_new(g_direct_hash, g_direct_equal);
    nuvEventTimeouts = g_hash_table_new(g_direct_hash, g_direct_equal);
    nuvEventDoomed = g_ptr_array_new();
    nuvEventRetired = g_ptr_array_new();

    nuvEventRegisterImpl(nuvEventGLibAddHandle,
                         nuvEventGLibUpdateHandle,
                         nuvEventGLibRemoveHandle,
                         nuvEventGLibAddTimeout,
                         nuvEventGLibUpdateTimeout,
                         nuvEventGLibRemoveTimeout);
    return NULL;
}


void
nuvEventRegisterGLibImpl(void)
{
    static GOnce once = G_ONCE_INIT;

    g_once(&once, nuvEventGLibInit, NULL);
}


int
nuvEventRunOnce(void)
{
    g_main_context_iteration(g_main_context_default(), TRUE);
    return 0;
}
