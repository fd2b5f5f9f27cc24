/*
 * event.c: queueing object events and delivering them to callbacks.
 *
 * Design: one state per driver instance holds the registered callbacks,
 * a queue of pending events and one timeout in the application's event
 * loop.  Queueing (any thread, usually under the object's lock) appends
 * under the state lock; the timeout is armed at 0 ms only once the queueing
 * thread holds no object lock (util/locks.h), because arming calls the
 * application's loop implementation.  The timeout (the loop's thread)
 * disarms itself, takes
 * the whole queue, and calls every matching callback with no lock held.
 * A callback removed while a delivery is running is only marked; it is
 * released (its free callback called, its connection unreferenced) when no
 * delivery uses it any more.
 */
#include <string.h>

#include "driver/event.h"
#include "util/error.h"
#include "util/eventloop.h"
#include "util/locks.h"
#include "util/log.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/* The kind of object an event is about; a callback hears one kind. */
typedef enum {
    NUV_EVENT_DOMAIN,
    NUV_EVENT_NETWORK,
    NUV_EVENT_POOL,
    NUV_EVENT_SECRET,
    NUV_EVENT_NODEDEV,
} nuvEventKind;

struct _nuvEvent {
    nuvEventKind kind;
    int eventID;
    char *name;                     /* the object's name (NULL for secrets) */
    unsigned char uuid[VIR_UUID_BUFLEN];
    int id;                         /* domain id; a secret's usage type */
    int i1, i2;                     /* lifecycle type/detail; metadata type */
    long long ll;                   /* RTC offset */
    char *str;                      /* device alias; metadata namespace; usage id */
    virTypedParameterPtr params;    /* job completed */
    int nparams;
    /* Or: the queuer's own call of the callback with its payload (the
     * remote driver passes the daemon's decoded message on). */
    nuvEventCallFunc call;
    void *payload;
    GDestroyNotify payloadFree;
};

typedef struct {
    int callbackID;
    virConnectPtr conn;             /* referenced while registered */
    nuvEventKind kind;
    int eventID;
    void (*fn)(void);               /* cast to the eventID's signature to call it */
    bool legacy;                    /* virConnectDomainEventRegister's form */
    bool hasFilter;                 /* one object only: by UUID, or name for devices */
    unsigned char uuid[VIR_UUID_BUFLEN];
    char *devName;
    void *opaque;
    virFreeCallback freecb;
    bool deleted;
    int inUse;                      /* deliveries running with it */
} nuvEventCallback;

/* What registration needs to know of each kind. */
static const struct {
    const char *api;                /* the public function, for messages */
    const char *what;               /* the object, for messages */
    nuvHandleMagic magic;
    int errDomain, errCode;         /* an invalid object handle */
    int idLast;                     /* event ids are below this */
} kindInfo[] = {
    [NUV_EVENT_DOMAIN] = { "virConnectDomainEventRegisterAny", "domain", NUV_MAGIC_DOMAIN,
                           VIR_FROM_DOM, VIR_ERR_INVALID_DOMAIN, VIR_DOMAIN_EVENT_ID_LAST },
    [NUV_EVENT_NETWORK] = { "virConnectNetworkEventRegisterAny", "network",
                            NUV_MAGIC_NETWORK, VIR_FROM_NETWORK, VIR_ERR_INVALID_NETWORK,
                            VIR_NETWORK_EVENT_ID_LAST },
    [NUV_EVENT_POOL] = { "virConnectStoragePoolEventRegisterAny", "storage pool",
                         NUV_MAGIC_STORAGE_POOL, VIR_FROM_STORAGE,
                         VIR_ERR_INVALID_STORAGE_POOL, VIR_STORAGE_POOL_EVENT_ID_LAST },
    [NUV_EVENT_SECRET] = { "virConnectSecretEventRegisterAny", "secret", NUV_MAGIC_SECRET,
                           VIR_FROM_SECRET, VIR_ERR_INVALID_SECRET, VIR_SECRET_EVENT_ID_LAST },
    [NUV_EVENT_NODEDEV] = { "virConnectNodeDeviceEventRegisterAny", "node device",
                            NUV_MAGIC_NODE_DEVICE, VIR_FROM_NODEDEV,
                            VIR_ERR_INVALID_NODE_DEVICE, VIR_NODE_DEVICE_EVENT_ID_LAST },
};

struct _nuvEventState {
    GMutex lock;                    /* guards everything below */
    GPtrArray *callbacks;           /* nuvEventCallback * */
    GQueue queue;                   /* nuvEvent * */
    int timer;                      /* -1 until the first registration */
    bool armed;                     /* the timer is (or is about to be) set to fire */
    int nextID;
};

static void
eventFree(nuvEvent *ev)
{
    if (!ev)
        return;
    g_free(ev->name);
    g_free(ev->str);
    virTypedParamsFree(ev->params, ev->nparams);
    if (ev->payloadFree)
        ev->payloadFree(ev->payload);
    g_free(ev);
}

static void
callbackRelease(nuvEventCallback *cb)
{
    if (cb->freecb)
        cb->freecb(cb->opaque);
    nuvHandleUnref(cb->conn);
    g_free(cb->devName);
    g_free(cb);
}

nuvEventState *
nuvEventStateNew(void)
{
    nuvEventState *state = g_new0(nuvEventState, 1);
    g_mutex_init(&state->lock);
    state->callbacks = g_ptr_array_new();
    g_queue_init(&state->queue);
    state->timer = -1;
    state->nextID = 1;
    return state;
}

void
nuvEventStateFree(nuvEventState *state)
{
    if (!state)
        return;
    if (state->timer >= 0)
        nuvEventRemoveTimeout(state->timer);
    /* Callbacks hold their connection, so none can be left when the last
     * connection of a driver instance is gone; only events can be. */
    for (guint i = 0; i < state->callbacks->len; i++)
        callbackRelease(g_ptr_array_index(state->callbacks, i));
    g_ptr_array_unref(state->callbacks);
    g_queue_clear_full(&state->queue, (GDestroyNotify) eventFree);
    g_mutex_clear(&state->lock);
    g_free(state);
}

/* Callback signatures, by what they pass besides (conn, object, ...,
 * opaque).  Every kind's generic form is (conn, object, opaque). */
typedef void (*cbGeneric)(virConnectPtr, void *, void *);
typedef int (*cbTypeDetail)(virConnectPtr, void *, int, int, void *);
typedef void (*cbLongLong)(virConnectPtr, void *, long long, void *);
typedef void (*cbString)(virConnectPtr, void *, const char *, void *);
typedef void (*cbIntString)(virConnectPtr, void *, int, const char *, void *);
typedef void (*cbStringIntInt)(virConnectPtr, void *, const char *, int, int, void *);
typedef void (*cbParams)(virConnectPtr, void *, virTypedParameterPtr, int, void *);

/* A new handle on the event's object, for @conn. */
static void *
eventObject(virConnectPtr conn, const nuvEvent *ev)
{
    switch (ev->kind) {
    case NUV_EVENT_DOMAIN:
        return nuvGetDomain(conn, ev->name, ev->uuid, ev->id);
    case NUV_EVENT_NETWORK:
        return nuvGetNetwork(conn, ev->name, ev->uuid);
    case NUV_EVENT_POOL:
        return nuvGetStoragePool(conn, ev->name, ev->uuid);
    case NUV_EVENT_SECRET:
        return nuvGetSecret(conn, ev->uuid, ev->id, ev->str);
    case NUV_EVENT_NODEDEV:
        return nuvGetNodeDevice(conn, ev->name);
    }
    g_assert_not_reached();
    return NULL;
}

static void
dispatchOne(nuvEventCallback *cb, nuvEvent *ev)
{
    void *obj = eventObject(cb->conn, ev);
    bool typeDetail = cb->legacy;

    if (ev->call) {
        ev->call(cb->fn, cb->conn, obj, ev->payload, cb->opaque);
        nuvHandleUnref(obj);
        return;
    }

    /* Every kind numbers its lifecycle event 0, and it carries a type and
     * a detail; the domain kind has more shapes. */
    if (ev->eventID == 0)
        typeDetail = true;
    if (typeDetail) {
        ((cbTypeDetail) cb->fn)(cb->conn, obj, ev->i1, ev->i2, cb->opaque);
    } else if (ev->kind != NUV_EVENT_DOMAIN) {
        ((cbGeneric) cb->fn)(cb->conn, obj, cb->opaque);
    } else {
        switch (ev->eventID) {
        case VIR_DOMAIN_EVENT_ID_RTC_CHANGE:
            ((cbLongLong) cb->fn)(cb->conn, obj, ev->ll, cb->opaque);
            break;
        case VIR_DOMAIN_EVENT_ID_DEVICE_ADDED:
        case VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED:
            ((cbString) cb->fn)(cb->conn, obj, ev->str, cb->opaque);
            break;
        case VIR_DOMAIN_EVENT_ID_METADATA_CHANGE:
            ((cbIntString) cb->fn)(cb->conn, obj, ev->i1, ev->str, cb->opaque);
            break;
        case VIR_DOMAIN_EVENT_ID_BLOCK_JOB:
        case VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2:
            ((cbStringIntInt) cb->fn)(cb->conn, obj, ev->str, ev->i1, ev->i2, cb->opaque);
            break;
        case VIR_DOMAIN_EVENT_ID_JOB_COMPLETED:
            ((cbParams) cb->fn)(cb->conn, obj, ev->params, ev->nparams, cb->opaque);
            break;
        default:
            ((cbGeneric) cb->fn)(cb->conn, obj, cb->opaque);
            break;
        }
    }
    nuvHandleUnref(obj);
}

static bool
callbackWants(const nuvEventCallback *cb, const nuvEvent *ev)
{
    if (cb->deleted || cb->kind != ev->kind || cb->eventID != ev->eventID)
        return false;
    if (!cb->hasFilter)
        return true;
    /* node devices have no UUID: a callback for one device matches by name */
    if (cb->kind == NUV_EVENT_NODEDEV)
        return g_strcmp0(cb->devName, ev->name) == 0;
    return memcmp(cb->uuid, ev->uuid, VIR_UUID_BUFLEN) == 0;
}

static void
flushTimer(int timer, void *opaque)
{
    nuvEventState *state = opaque;
    g_autoptr(GPtrArray) cbs = NULL;
    g_autoptr(GPtrArray) dead = g_ptr_array_new();
    GQueue events = G_QUEUE_INIT;
    nuvEvent *ev;

    /* Disarm before taking the queue: an event queued after this point
     * either is taken below or arms the timer again. */
    nuvEventUpdateTimeout(timer, -1);

    g_mutex_lock(&state->lock);
    state->armed = false;
    events = state->queue;
    g_queue_init(&state->queue);
    cbs = g_ptr_array_new();
    for (guint i = 0; i < state->callbacks->len; i++) {
        nuvEventCallback *cb = g_ptr_array_index(state->callbacks, i);
        cb->inUse++;
        g_ptr_array_add(cbs, cb);
    }
    g_mutex_unlock(&state->lock);

    while ((ev = g_queue_pop_head(&events))) {
        for (guint i = 0; i < cbs->len; i++) {
            nuvEventCallback *cb = g_ptr_array_index(cbs, i);
            bool wants;
            g_mutex_lock(&state->lock);
            wants = callbackWants(cb, ev);
            g_mutex_unlock(&state->lock);
            if (wants)
                dispatchOne(cb, ev);
        }
        eventFree(ev);
    }

    g_mutex_lock(&state->lock);
    for (guint i = 0; i < cbs->len; i++) {
        nuvEventCallback *cb = g_ptr_array_index(cbs, i);
        if (--cb->inUse == 0 && cb->deleted) {
            g_ptr_array_remove(state->callbacks, cb);
            g_ptr_array_add(dead, cb);
        }
    }
    g_mutex_unlock(&state->lock);
    for (guint i = 0; i < dead->len; i++)
        callbackRelease(g_ptr_array_index(dead, i));
}

/* The timeout is created with the first callback: only then is an event
 * loop needed, and libvirt fails registration without one. */
static int
ensureTimer(nuvEventState *state)
{
    int timer;

    g_mutex_lock(&state->lock);
    timer = state->timer;
    g_mutex_unlock(&state->lock);
    if (timer >= 0)
        return 0;

    if (!nuvEventIsRegistered()) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       "could not initialize domain event timer: no event loop is registered");
        return -1;
    }
    if ((timer = nuvEventAddTimeout(-1, flushTimer, state, NULL)) < 0) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR,
                       "%s", "could not initialize domain event timer");
        return -1;
    }
    g_mutex_lock(&state->lock);
    if (state->timer < 0) {
        state->timer = timer;
        timer = -1;
    }
    g_mutex_unlock(&state->lock);
    if (timer >= 0)
        nuvEventRemoveTimeout(timer);   /* another thread got there first */
    return 0;
}

static int
addCallback(nuvEventState *state, nuvEventCallback *cb)
{
    int id;

    if (ensureTimer(state) < 0) {
        g_free(cb);
        return -1;
    }
    nuvHandleRef(cb->conn);
    g_mutex_lock(&state->lock);
    id = cb->callbackID = state->nextID++;
    g_ptr_array_add(state->callbacks, cb);
    g_mutex_unlock(&state->lock);
    return id;
}

/* The name (for messages) and the UUID filter of a valid object handle. */
static const char *
objectIdentity(nuvEventKind kind, const void *obj, const unsigned char **uuid)
{
    switch (kind) {
    case NUV_EVENT_DOMAIN:
        *uuid = ((virDomainPtr) obj)->uuid;
        return ((virDomainPtr) obj)->name;
    case NUV_EVENT_NETWORK:
        *uuid = ((virNetworkPtr) obj)->uuid;
        return ((virNetworkPtr) obj)->name;
    case NUV_EVENT_POOL:
        *uuid = ((virStoragePoolPtr) obj)->uuid;
        return ((virStoragePoolPtr) obj)->name;
    case NUV_EVENT_SECRET:
        *uuid = ((virSecretPtr) obj)->uuid;
        return ((virSecretPtr) obj)->usageID;
    case NUV_EVENT_NODEDEV:
        *uuid = NULL;
        return ((virNodeDevicePtr) obj)->name;
    }
    g_assert_not_reached();
    return NULL;
}

/* Check what libvirt's RegisterAny entry points check, then register.
 * @obj (optional) limits the callback to one object of @kind. */
static int
registerCallback(nuvEventState *state, virConnectPtr conn, nuvEventKind kind,
                 const void *obj, int eventID, void (*fn)(void), bool legacy,
                 void *opaque, virFreeCallback freecb)
{
    nuvEventCallback *rec;
    const char *name = NULL;
    const unsigned char *uuid = NULL;

    if (obj) {
        if (!nuvHandleIsValid(obj, kindInfo[kind].magic)) {
            nuvReportErrorFrom(kindInfo[kind].errDomain, kindInfo[kind].errCode,
                               "%s", kindInfo[kind].api);
            return -1;
        }
        name = objectIdentity(kind, obj, &uuid);
        /* Every object handle keeps its connection right after its header. */
        if (*(virConnectPtr const *)((const char *)obj + sizeof(nuvHandle)) != conn) {
            nuvReportErrorRaw(VIR_ERR_INVALID_ARG, "%s '%s' in %s must match connection",
                              kindInfo[kind].what, NUV_STR(name), kindInfo[kind].api);
            return -1;
        }
    }
    if (eventID < 0 || eventID >= kindInfo[kind].idLast) {
        nuvReportErrorRaw(VIR_ERR_INVALID_ARG, "eventID in %s must be less than %d",
                          kindInfo[kind].api, kindInfo[kind].idLast);
        return -1;
    }

    rec = g_new0(nuvEventCallback, 1);
    rec->conn = conn;
    rec->kind = kind;
    rec->eventID = eventID;
    rec->fn = fn;
    rec->legacy = legacy;
    rec->opaque = opaque;
    rec->freecb = freecb;
    if (obj) {
        rec->hasFilter = true;
        if (uuid)
            memcpy(rec->uuid, uuid, VIR_UUID_BUFLEN);
        else
            rec->devName = g_strdup(name);
    }
    return addCallback(state, rec);
}

int
nuvEventRegisterDomain(nuvEventState *state, virConnectPtr conn, virDomainPtr dom,
                       int eventID, virConnectDomainEventGenericCallback cb,
                       void *opaque, virFreeCallback freecb)
{
    return registerCallback(state, conn, NUV_EVENT_DOMAIN, dom, eventID,
                            (void (*)(void)) cb, false, opaque, freecb);
}

int
nuvEventRegisterNetwork(nuvEventState *state, virConnectPtr conn, virNetworkPtr net,
                        int eventID, virConnectNetworkEventGenericCallback cb,
                        void *opaque, virFreeCallback freecb)
{
    return registerCallback(state, conn, NUV_EVENT_NETWORK, net, eventID,
                            (void (*)(void)) cb, false, opaque, freecb);
}

int
nuvEventRegisterStoragePool(nuvEventState *state, virConnectPtr conn, virStoragePoolPtr pool,
                            int eventID, virConnectStoragePoolEventGenericCallback cb,
                            void *opaque, virFreeCallback freecb)
{
    return registerCallback(state, conn, NUV_EVENT_POOL, pool, eventID,
                            (void (*)(void)) cb, false, opaque, freecb);
}

int
nuvEventRegisterSecret(nuvEventState *state, virConnectPtr conn, virSecretPtr secret,
                       int eventID, virConnectSecretEventGenericCallback cb,
                       void *opaque, virFreeCallback freecb)
{
    return registerCallback(state, conn, NUV_EVENT_SECRET, secret, eventID,
                            (void (*)(void)) cb, false, opaque, freecb);
}

int
nuvEventRegisterNodeDevice(nuvEventState *state, virConnectPtr conn, virNodeDevicePtr dev,
                           int eventID, virConnectNodeDeviceEventGenericCallback cb,
                           void *opaque, virFreeCallback freecb)
{
    return registerCallback(state, conn, NUV_EVENT_NODEDEV, dev, eventID,
                            (void (*)(void)) cb, false, opaque, freecb);
}

/* The old form's callbacks are told apart by their function. */
static nuvEventCallback *
findLegacy(nuvEventState *state, virConnectPtr conn, virConnectDomainEventCallback cbfn)
{
    for (guint i = 0; i < state->callbacks->len; i++) {
        nuvEventCallback *cb = g_ptr_array_index(state->callbacks, i);
        if (!cb->deleted && cb->legacy && cb->conn == conn &&
            cb->fn == (void (*)(void)) cbfn)
            return cb;
    }
    return NULL;
}

int
nuvEventRegisterDomainLegacy(nuvEventState *state, virConnectPtr conn,
                             virConnectDomainEventCallback cb,
                             void *opaque, virFreeCallback freecb)
{
    bool tracked;

    g_mutex_lock(&state->lock);
    tracked = findLegacy(state, conn, cb) != NULL;
    g_mutex_unlock(&state->lock);
    if (tracked) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s", "event callback already tracked");
        return -1;
    }
    return registerCallback(state, conn, NUV_EVENT_DOMAIN, NULL,
                            VIR_DOMAIN_EVENT_ID_LIFECYCLE, (void (*)(void)) cb, true,
                            opaque, freecb) < 0 ? -1 : 0;
}

/* Mark @cb deleted; return it if it can be released now. */
static nuvEventCallback *
markDeleted(nuvEventState *state, nuvEventCallback *cb)
{
    cb->deleted = true;
    if (cb->inUse)
        return NULL;
    g_ptr_array_remove(state->callbacks, cb);
    return cb;
}

int
nuvEventDeregister(nuvEventState *state, virConnectPtr conn, int callbackID)
{
    nuvEventCallback *dead = NULL;
    bool found = false;

    g_mutex_lock(&state->lock);
    for (guint i = 0; i < state->callbacks->len; i++) {
        nuvEventCallback *cb = g_ptr_array_index(state->callbacks, i);
        if (!cb->deleted && cb->conn == conn && cb->callbackID == callbackID) {
            dead = markDeleted(state, cb);
            found = true;
            break;
        }
    }
    g_mutex_unlock(&state->lock);
    if (!found) {
        nuvReportError(VIR_ERR_INVALID_ARG, "could not find event callback %d for deletion",
                       callbackID);
        return -1;
    }
    if (dead)
        callbackRelease(dead);
    return 0;
}

int
nuvEventDeregisterDomainLegacy(nuvEventState *state, virConnectPtr conn,
                               virConnectDomainEventCallback cbfn)
{
    nuvEventCallback *cb;
    nuvEventCallback *dead = NULL;

    g_mutex_lock(&state->lock);
    if ((cb = findLegacy(state, conn, cbfn)))
        dead = markDeleted(state, cb);
    g_mutex_unlock(&state->lock);
    if (!cb) {
        nuvReportError(VIR_ERR_INVALID_ARG,
                       "%s", "could not find event callback for deletion");
        return -1;
    }
    if (dead)
        callbackRelease(dead);
    return 0;
}

void
nuvEventDeregisterConnection(nuvEventState *state, virConnectPtr conn)
{
    g_autoptr(GPtrArray) dead = g_ptr_array_new();

    g_mutex_lock(&state->lock);
    for (guint i = state->callbacks->len; i > 0; i--) {
        nuvEventCallback *cb = g_ptr_array_index(state->callbacks, i - 1);
        nuvEventCallback *now;
        if (cb->deleted || cb->conn != conn)
            continue;
        if ((now = markDeleted(state, cb)))
            g_ptr_array_add(dead, now);
    }
    g_mutex_unlock(&state->lock);
    for (guint i = 0; i < dead->len; i++)
        callbackRelease(g_ptr_array_index(dead, i));
}

static void
armTimer(void *opaque)
{
    nuvEventUpdateTimeout(GPOINTER_TO_INT(opaque), 0);
}

void
nuvEventQueue(nuvEventState *state, nuvEvent *event)
{
    int timer;
    bool arm;

    if (!event)
        return;
    g_mutex_lock(&state->lock);
    if (state->callbacks->len == 0 || state->timer < 0) {
        g_mutex_unlock(&state->lock);
        eventFree(event);
        return;
    }
    g_queue_push_tail(&state->queue, event);
    timer = state->timer;
    arm = !state->armed;
    state->armed = true;
    g_mutex_unlock(&state->lock);
    /* Arming calls the application's event loop, whose callbacks may call
     * back into the API: never while this thread holds an object lock. */
    if (arm)
        nuvRunWhenUnlocked(armTimer, GINT_TO_POINTER(timer));
}

static nuvEvent *
eventNew(nuvEventKind kind, int eventID, const char *name, const unsigned char *uuid, int id)
{
    nuvEvent *ev = g_new0(nuvEvent, 1);
    ev->kind = kind;
    ev->eventID = eventID;
    ev->name = g_strdup(name);
    memcpy(ev->uuid, uuid, VIR_UUID_BUFLEN);
    ev->id = id;
    return ev;
}

nuvEvent *
nuvDomainEventLifecycleNew(const char *name, const unsigned char *uuid, int id,
                           int type, int detail)
{
    nuvEvent *ev = eventNew(NUV_EVENT_DOMAIN, VIR_DOMAIN_EVENT_ID_LIFECYCLE, name, uuid, id);
    ev->i1 = type;
    ev->i2 = detail;
    return ev;
}

nuvEvent *
nuvDomainEventPayloadNew(int eventID, const char *name, const unsigned char *uuid, int id,
                         nuvEventCallFunc call, void *payload, GDestroyNotify payloadFree)
{
    nuvEvent *ev = eventNew(NUV_EVENT_DOMAIN, eventID, name, uuid, id);
    ev->call = call;
    ev->payload = payload;
    ev->payloadFree = payloadFree;
    return ev;
}

nuvEvent *
nuvDomainEventRebootNew(const char *name, const unsigned char *uuid, int id)
{
    return eventNew(NUV_EVENT_DOMAIN, VIR_DOMAIN_EVENT_ID_REBOOT, name, uuid, id);
}

nuvEvent *
nuvDomainEventRTCChangeNew(const char *name, const unsigned char *uuid, int id,
                           long long offset)
{
    nuvEvent *ev = eventNew(NUV_EVENT_DOMAIN, VIR_DOMAIN_EVENT_ID_RTC_CHANGE, name, uuid, id);
    ev->ll = offset;
    return ev;
}

nuvEvent *
nuvDomainEventDeviceAddedNew(const char *name, const unsigned char *uuid, int id,
                             const char *devAlias)
{
    nuvEvent *ev = eventNew(NUV_EVENT_DOMAIN, VIR_DOMAIN_EVENT_ID_DEVICE_ADDED, name, uuid, id);
    ev->str = g_strdup(devAlias);
    return ev;
}

nuvEvent *
nuvDomainEventDeviceRemovedNew(const char *name, const unsigned char *uuid, int id,
                               const char *devAlias)
{
    nuvEvent *ev = eventNew(NUV_EVENT_DOMAIN, VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED, name, uuid, id);
    ev->str = g_strdup(devAlias);
    return ev;
}

nuvEvent *
nuvDomainEventMetadataChangeNew(const char *name, const unsigned char *uuid, int id,
                                int type, const char *nsuri)
{
    nuvEvent *ev = eventNew(NUV_EVENT_DOMAIN, VIR_DOMAIN_EVENT_ID_METADATA_CHANGE, name, uuid, id);
    ev->i1 = type;
    ev->str = g_strdup(nsuri);
    return ev;
}

nuvEvent *
nuvDomainEventBlockJobNew(const char *name, const unsigned char *uuid, int id, int eventID,
                          const char *disk, int type, int status)
{
    nuvEvent *ev = eventNew(NUV_EVENT_DOMAIN, eventID, name, uuid, id);
    ev->str = g_strdup(disk);
    ev->i1 = type;
    ev->i2 = status;
    return ev;
}

nuvEvent *
nuvDomainEventJobCompletedNew(const char *name, const unsigned char *uuid, int id,
                              virTypedParameterPtr params, int nparams)
{
    nuvEvent *ev = eventNew(NUV_EVENT_DOMAIN, VIR_DOMAIN_EVENT_ID_JOB_COMPLETED, name, uuid, id);
    ev->params = params;
    ev->nparams = nparams;
    return ev;
}

nuvEvent *
nuvNetworkEventLifecycleNew(const char *name, const unsigned char *uuid, int type, int detail)
{
    nuvEvent *ev = eventNew(NUV_EVENT_NETWORK, VIR_NETWORK_EVENT_ID_LIFECYCLE, name, uuid, -1);
    ev->i1 = type;
    ev->i2 = detail;
    return ev;
}

nuvEvent *
nuvStoragePoolEventLifecycleNew(const char *name, const unsigned char *uuid, int type,
                                int detail)
{
    nuvEvent *ev = eventNew(NUV_EVENT_POOL, VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE, name, uuid,
                            -1);
    ev->i1 = type;
    ev->i2 = detail;
    return ev;
}

nuvEvent *
nuvStoragePoolEventRefreshNew(const char *name, const unsigned char *uuid)
{
    return eventNew(NUV_EVENT_POOL, VIR_STORAGE_POOL_EVENT_ID_REFRESH, name, uuid, -1);
}

static nuvEvent *
secretEventNew(int eventID, const unsigned char *uuid, int usageType, const char *usageID)
{
    nuvEvent *ev = eventNew(NUV_EVENT_SECRET, eventID, NULL, uuid, usageType);

    ev->str = g_strdup(usageID);
    return ev;
}

nuvEvent *
nuvSecretEventLifecycleNew(const unsigned char *uuid, int usageType, const char *usageID,
                           int type, int detail)
{
    nuvEvent *ev = secretEventNew(VIR_SECRET_EVENT_ID_LIFECYCLE, uuid, usageType, usageID);
    ev->i1 = type;
    ev->i2 = detail;
    return ev;
}

nuvEvent *
nuvSecretEventValueChangedNew(const unsigned char *uuid, int usageType, const char *usageID)
{
    return secretEventNew(VIR_SECRET_EVENT_ID_VALUE_CHANGED, uuid, usageType, usageID);
}

static nuvEvent *
nodeDeviceEventNew(int eventID, const char *name)
{
    static const unsigned char noUUID[VIR_UUID_BUFLEN];
    return eventNew(NUV_EVENT_NODEDEV, eventID, name, noUUID, -1);
}

nuvEvent *
nuvNodeDeviceEventLifecycleNew(const char *name, int type, int detail)
{
    nuvEvent *ev = nodeDeviceEventNew(VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE, name);
    ev->i1 = type;
    ev->i2 = detail;
    return ev;
}

nuvEvent *
nuvNodeDeviceEventUpdateNew(const char *name)
{
    return nodeDeviceEventNew(VIR_NODE_DEVICE_EVENT_ID_UPDATE, name);
}
