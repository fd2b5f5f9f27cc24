/*
 * event.c: queueing object events and delivering them to callbacks.
 *
 * Design: one state per driver instance holds the registered callbacks,
 * a queue of pending events and one timeout in the application's event
 * loop.  Queueing (any thread) appends under the state lock and arms the
 * timeout at 0 ms; the timeout (the loop's thread) disarms itself, takes
 * the whole queue, and calls every matching callback with no lock held.
 * A callback removed while a delivery is running is only marked; it is
 * released (its free callback called, its connection unreferenced) when no
 * delivery uses it any more.
 */
#include <string.h>

#include "driver/event.h"
#include "util/error.h"
#include "util/eventloop.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_NONE

struct _nuvEvent {
    bool network;                   /* a network event, else a domain one */
    bool pool;                      /* a storage pool event */
    bool secret;                    /* a secret event: id is the usage type, str the usage id */
    bool nodedev;                   /* a node device event: name is the device */
    int eventID;
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    int id;
    int i1, i2;                     /* lifecycle type/detail; metadata type */
    long long ll;                   /* RTC offset */
    char *str;                      /* device alias; metadata namespace */
    virTypedParameterPtr params;    /* job completed */
    int nparams;
};

typedef struct {
    int callbackID;
    virConnectPtr conn;             /* referenced while registered */
    int eventID;
    bool hasDom;
    unsigned char uuid[VIR_UUID_BUFLEN];
    virConnectDomainEventGenericCallback cb;
    virConnectDomainEventCallback legacyCb;
    bool network;                   /* wants network events, else domain ones */
    virConnectNetworkEventGenericCallback netCb;
    bool pool;                      /* wants storage pool events */
    virConnectStoragePoolEventGenericCallback poolCb;
    bool secret;                    /* wants secret events */
    virConnectSecretEventGenericCallback secretCb;
    bool nodedev;                   /* wants node device events */
    virConnectNodeDeviceEventGenericCallback nodedevCb;
    char *devName;                  /* node device callbacks: the one device, or NULL */
    void *opaque;
    virFreeCallback freecb;
    bool deleted;
    int inUse;                      /* deliveries running with it */
} nuvEventCallback;

struct _nuvEventState {
    GMutex lock;                    /* guards everything below */
    GPtrArray *callbacks;           /* nuvEventCallback * */
    GQueue queue;                   /* nuvEvent * */
    int timer;                      /* -1 until the first registration */
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

static void
dispatchNetwork(nuvEventCallback *cb, nuvEvent *ev)
{
    virNetworkPtr net = nuvGetNetwork(cb->conn, ev->name, ev->uuid);

    if (ev->eventID == VIR_NETWORK_EVENT_ID_LIFECYCLE)
        ((virConnectNetworkEventLifecycleCallback)(void (*)(void)) cb->netCb)(
            cb->conn, net, ev->i1, ev->i2, cb->opaque);
    nuvHandleUnref(net);
}

static void
dispatchPool(nuvEventCallback *cb, nuvEvent *ev)
{
    virStoragePoolPtr pool = nuvGetStoragePool(cb->conn, ev->name, ev->uuid);

    if (ev->eventID == VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE)
        ((virConnectStoragePoolEventLifecycleCallback)(void (*)(void)) cb->poolCb)(
            cb->conn, pool, ev->i1, ev->i2, cb->opaque);
    else if (ev->eventID == VIR_STORAGE_POOL_EVENT_ID_REFRESH)
        cb->poolCb(cb->conn, pool, cb->opaque);
    nuvHandleUnref(pool);
}

static void
dispatchSecret(nuvEventCallback *cb, nuvEvent *ev)
{
    virSecretPtr secret = nuvGetSecret(cb->conn, ev->uuid, ev->id, ev->str);

    if (ev->eventID == VIR_SECRET_EVENT_ID_LIFECYCLE)
        ((virConnectSecretEventLifecycleCallback)(void (*)(void)) cb->secretCb)(
            cb->conn, secret, ev->i1, ev->i2, cb->opaque);
    else if (ev->eventID == VIR_SECRET_EVENT_ID_VALUE_CHANGED)
        cb->secretCb(cb->conn, secret, cb->opaque);
    nuvHandleUnref(secret);
}

static void
dispatchNodeDevice(nuvEventCallback *cb, nuvEvent *ev)
{
    virNodeDevicePtr dev = nuvGetNodeDevice(cb->conn, ev->name);

    if (ev->eventID == VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE)
        ((virConnectNodeDeviceEventLifecycleCallback)(void (*)(void)) cb->nodedevCb)(
            cb->conn, dev, ev->i1, ev->i2, cb->opaque);
    else if (ev->eventID == VIR_NODE_DEVICE_EVENT_ID_UPDATE)
        cb->nodedevCb(cb->conn, dev, cb->opaque);
    nuvHandleUnref(dev);
}

static void
dispatchOne(nuvEventCallback *cb, nuvEvent *ev)
{
    virDomainPtr dom;

    if (ev->network) {
        dispatchNetwork(cb, ev);
        return;
    }
    if (ev->pool) {
        dispatchPool(cb, ev);
        return;
    }
    if (ev->secret) {
        dispatchSecret(cb, ev);
        return;
    }
    if (ev->nodedev) {
        dispatchNodeDevice(cb, ev);
        return;
    }
    dom = nuvGetDomain(cb->conn, ev->name, ev->uuid, ev->id);

    if (cb->legacyCb) {
        cb->legacyCb(cb->conn, dom, ev->i1, ev->i2, cb->opaque);
        nuvHandleUnref(dom);
        return;
    }
    switch (ev->eventID) {
    case VIR_DOMAIN_EVENT_ID_LIFECYCLE:
        ((virConnectDomainEventCallback)(void (*)(void)) cb->cb)(cb->conn, dom, ev->i1, ev->i2,
                                                                 cb->opaque);
        break;
    case VIR_DOMAIN_EVENT_ID_REBOOT:
        cb->cb(cb->conn, dom, cb->opaque);
        break;
    case VIR_DOMAIN_EVENT_ID_RTC_CHANGE:
        ((virConnectDomainEventRTCChangeCallback)(void (*)(void)) cb->cb)(cb->conn, dom, ev->ll,
                                                                          cb->opaque);
        break;
    case VIR_DOMAIN_EVENT_ID_DEVICE_ADDED:
    case VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED:
        ((virConnectDomainEventDeviceAddedCallback)(void (*)(void)) cb->cb)(cb->conn, dom,
                                                                            ev->str, cb->opaque);
        break;
    case VIR_DOMAIN_EVENT_ID_METADATA_CHANGE:
        ((virConnectDomainEventMetadataChangeCallback)(void (*)(void)) cb->cb)(
            cb->conn, dom, ev->i1, ev->str, cb->opaque);
        break;
    case VIR_DOMAIN_EVENT_ID_JOB_COMPLETED:
        ((virConnectDomainEventJobCompletedCallback)(void (*)(void)) cb->cb)(
            cb->conn, dom, ev->params, ev->nparams, cb->opaque);
        break;
    default:
        break;
    }
    nuvHandleUnref(dom);
}

static bool
callbackWants(const nuvEventCallback *cb, const nuvEvent *ev)
{
    if (cb->deleted || cb->network != ev->network || cb->pool != ev->pool ||
        cb->secret != ev->secret || cb->nodedev != ev->nodedev ||
        cb->eventID != ev->eventID)
        return false;
    /* node devices have no UUID: a callback for one device matches by name */
    if (cb->nodedev)
        return !cb->devName || g_strcmp0(cb->devName, ev->name) == 0;
    return !cb->hasDom || memcmp(cb->uuid, ev->uuid, VIR_UUID_BUFLEN) == 0;
}

static void
flushTimer(int timer, void *opaque)
{
    nuvEventState *state = opaque;
    g_autoptr(GPtrArray) cbs = NULL;
    g_autoptr(GPtrArray) dead = g_ptr_array_new();
    GQueue events = G_QUEUE_INIT;
    nuvEvent *ev;

    nuvEventUpdateTimeout(timer, -1);

    g_mutex_lock(&state->lock);
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
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "could not initialize domain event timer");
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

int
nuvEventRegisterDomain(nuvEventState *state, virConnectPtr conn, virDomainPtr dom,
                       int eventID, virConnectDomainEventGenericCallback cb,
                       void *opaque, virFreeCallback freecb)
{
    nuvEventCallback *rec;

    if (eventID < 0 || eventID >= VIR_DOMAIN_EVENT_ID_LAST) {
        nuvReportErrorRaw(VIR_ERR_INVALID_ARG,
                          "eventID in virConnectDomainEventRegisterAny must be less than %d",
                          VIR_DOMAIN_EVENT_ID_LAST);
        return -1;
    }
    if (dom && dom->conn != conn) {
        nuvReportErrorRaw(VIR_ERR_INVALID_ARG, "%s",
                          "domain 'dom' in virConnectDomainEventRegisterAny must match "
                          "connection 'conn'");
        return -1;
    }
    rec = g_new0(nuvEventCallback, 1);
    rec->conn = conn;
    rec->eventID = eventID;
    rec->cb = cb;
    rec->opaque = opaque;
    rec->freecb = freecb;
    if (dom) {
        rec->hasDom = true;
        memcpy(rec->uuid, dom->uuid, VIR_UUID_BUFLEN);
    }
    return addCallback(state, rec);
}

int
nuvEventRegisterNetwork(nuvEventState *state, virConnectPtr conn, virNetworkPtr net,
                        int eventID, virConnectNetworkEventGenericCallback cb,
                        void *opaque, virFreeCallback freecb)
{
    nuvEventCallback *rec;

    if (net && !nuvHandleIsValid(net, NUV_MAGIC_NETWORK)) {
        nuvErrorReportFull(VIR_FROM_NETWORK, VIR_ERR_INVALID_NETWORK, __FILE__, __func__,
                           __LINE__, "%s", "virConnectNetworkEventRegisterAny");
        return -1;
    }
    if (net && net->conn != conn) {
        nuvReportErrorRaw(VIR_ERR_INVALID_ARG,
                          "network '%s' in virConnectNetworkEventRegisterAny must match "
                          "connection", net->name);
        return -1;
    }
    if (eventID < 0) {
        nuvReportErrorRaw(VIR_ERR_INVALID_ARG,
                          "eventID in virConnectNetworkEventRegisterAny must be zero or "
                          "greater");
        return -1;
    }
    if (eventID >= VIR_NETWORK_EVENT_ID_LAST) {
        nuvReportErrorRaw(VIR_ERR_INVALID_ARG,
                          "eventID in virConnectNetworkEventRegisterAny must be less than %d",
                          VIR_NETWORK_EVENT_ID_LAST);
        return -1;
    }
    rec = g_new0(nuvEventCallback, 1);
    rec->conn = conn;
    rec->network = true;
    rec->eventID = eventID;
    rec->netCb = cb;
    rec->opaque = opaque;
    rec->freecb = freecb;
    if (net) {
        rec->hasDom = true;
        memcpy(rec->uuid, net->uuid, VIR_UUID_BUFLEN);
    }
    return addCallback(state, rec);
}

int
nuvEventRegisterStoragePool(nuvEventState *state, virConnectPtr conn, virStoragePoolPtr pool,
                            int eventID, virConnectStoragePoolEventGenericCallback cb,
                            void *opaque, virFreeCallback freecb)
{
    nuvEventCallback *rec;

    if (pool && !nuvHandleIsValid(pool, NUV_MAGIC_STORAGE_POOL)) {
        nuvErrorReportFull(VIR_FROM_STORAGE, VIR_ERR_INVALID_STORAGE_POOL, __FILE__, __func__,
                           __LINE__, "%s", "virConnectStoragePoolEventRegisterAny");
        return -1;
    }
    if (pool && pool->conn != conn) {
        nuvReportErrorRaw(VIR_ERR_INVALID_ARG,
                          "storage pool '%s' in virConnectStoragePoolEventRegisterAny must "
                          "match connection", pool->name);
        return -1;
    }
    if (eventID < 0 || eventID >= VIR_STORAGE_POOL_EVENT_ID_LAST) {
        nuvReportErrorRaw(VIR_ERR_INVALID_ARG,
                          "eventID in virConnectStoragePoolEventRegisterAny must be less "
                          "than %d", VIR_STORAGE_POOL_EVENT_ID_LAST);
        return -1;
    }
    rec = g_new0(nuvEventCallback, 1);
    rec->conn = conn;
    rec->pool = true;
    rec->eventID = eventID;
    rec->poolCb = cb;
    rec->opaque = opaque;
    rec->freecb = freecb;
    if (pool) {
        rec->hasDom = true;
        memcpy(rec->uuid, pool->uuid, VIR_UUID_BUFLEN);
    }
    return addCallback(state, rec);
}

int
nuvEventRegisterSecret(nuvEventState *state, virConnectPtr conn, virSecretPtr secret,
                       int eventID, virConnectSecretEventGenericCallback cb,
                       void *opaque, virFreeCallback freecb)
{
    nuvEventCallback *rec;

    if (secret && !nuvHandleIsValid(secret, NUV_MAGIC_SECRET)) {
        nuvErrorReportFull(VIR_FROM_SECRET, VIR_ERR_INVALID_SECRET, __FILE__, __func__,
                           __LINE__, "%s", "virConnectSecretEventRegisterAny");
        return -1;
    }
    if (secret && secret->conn != conn) {
        char uuidstr[VIR_UUID_STRING_BUFLEN];
        nuvReportErrorRaw(VIR_ERR_INVALID_ARG,
                          "secret '%s' in virConnectSecretEventRegisterAny must match "
                          "connection", nuvUUIDFormat(secret->uuid, uuidstr));
        return -1;
    }
    if (eventID < 0 || eventID >= VIR_SECRET_EVENT_ID_LAST) {
        nuvReportErrorRaw(VIR_ERR_INVALID_ARG,
                          "eventID in virConnectSecretEventRegisterAny must be less than %d",
                          VIR_SECRET_EVENT_ID_LAST);
        return -1;
    }
    rec = g_new0(nuvEventCallback, 1);
    rec->conn = conn;
    rec->secret = true;
    rec->eventID = eventID;
    rec->secretCb = cb;
    rec->opaque = opaque;
    rec->freecb = freecb;
    if (secret) {
        rec->hasDom = true;
        memcpy(rec->uuid, secret->uuid, VIR_UUID_BUFLEN);
    }
    return addCallback(state, rec);
}

int
nuvEventRegisterNodeDevice(nuvEventState *state, virConnectPtr conn, virNodeDevicePtr dev,
                           int eventID, virConnectNodeDeviceEventGenericCallback cb,
                           void *opaque, virFreeCallback freecb)
{
    nuvEventCallback *rec;

    if (dev && !nuvHandleIsValid(dev, NUV_MAGIC_NODE_DEVICE)) {
        nuvErrorReportFull(VIR_FROM_NODEDEV, VIR_ERR_INVALID_NODE_DEVICE, __FILE__, __func__,
                           __LINE__, "%s", "virConnectNodeDeviceEventRegisterAny");
        return -1;
    }
    if (dev && dev->conn != conn) {
        nuvReportErrorRaw(VIR_ERR_INVALID_ARG,
                          "node device '%s' in virConnectNodeDeviceEventRegisterAny must "
                          "match connection", dev->name);
        return -1;
    }
    if (eventID < 0 || eventID >= VIR_NODE_DEVICE_EVENT_ID_LAST) {
        nuvReportErrorRaw(VIR_ERR_INVALID_ARG,
                          "eventID in virConnectNodeDeviceEventRegisterAny must be less than %d",
                          VIR_NODE_DEVICE_EVENT_ID_LAST);
        return -1;
    }
    rec = g_new0(nuvEventCallback, 1);
    rec->conn = conn;
    rec->nodedev = true;
    rec->eventID = eventID;
    rec->nodedevCb = cb;
    rec->opaque = opaque;
    rec->freecb = freecb;
    rec->devName = dev ? g_strdup(dev->name) : NULL;
    return addCallback(state, rec);
}

int
nuvEventRegisterDomainLegacy(nuvEventState *state, virConnectPtr conn,
                             virConnectDomainEventCallback cb,
                             void *opaque, virFreeCallback freecb)
{
    nuvEventCallback *rec;

    g_mutex_lock(&state->lock);
    for (guint i = 0; i < state->callbacks->len; i++) {
        nuvEventCallback *other = g_ptr_array_index(state->callbacks, i);
        if (!other->deleted && other->conn == conn && other->legacyCb == cb) {
            g_mutex_unlock(&state->lock);
            nuvReportError(VIR_ERR_INVALID_ARG, "%s", "event callback already tracked");
            return -1;
        }
    }
    g_mutex_unlock(&state->lock);

    rec = g_new0(nuvEventCallback, 1);
    rec->conn = conn;
    rec->eventID = VIR_DOMAIN_EVENT_ID_LIFECYCLE;
    rec->legacyCb = cb;
    rec->opaque = opaque;
    rec->freecb = freecb;
    return addCallback(state, rec) < 0 ? -1 : 0;
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
    nuvEventCallback *dead = NULL;
    bool found = false;

    g_mutex_lock(&state->lock);
    for (guint i = 0; i < state->callbacks->len; i++) {
        nuvEventCallback *cb = g_ptr_array_index(state->callbacks, i);
        if (!cb->deleted && cb->conn == conn && cb->legacyCb == cbfn) {
            dead = markDeleted(state, cb);
            found = true;
            break;
        }
    }
    g_mutex_unlock(&state->lock);
    if (!found) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s", "could not find event callback for deletion");
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

void
nuvEventQueue(nuvEventState *state, nuvEvent *event)
{
    int timer;

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
    g_mutex_unlock(&state->lock);
    nuvEventUpdateTimeout(timer, 0);
}

static nuvEvent *
domainEventNew(int eventID, const char *name, const unsigned char *uuid, int id)
{
    nuvEvent *ev = g_new0(nuvEvent, 1);
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
    nuvEvent *ev = domainEventNew(VIR_DOMAIN_EVENT_ID_LIFECYCLE, name, uuid, id);
    ev->i1 = type;
    ev->i2 = detail;
    return ev;
}

nuvEvent *
nuvDomainEventRebootNew(const char *name, const unsigned char *uuid, int id)
{
    return domainEventNew(VIR_DOMAIN_EVENT_ID_REBOOT, name, uuid, id);
}

nuvEvent *
nuvDomainEventRTCChangeNew(const char *name, const unsigned char *uuid, int id,
                           long long offset)
{
    nuvEvent *ev = domainEventNew(VIR_DOMAIN_EVENT_ID_RTC_CHANGE, name, uuid, id);
    ev->ll = offset;
    return ev;
}

nuvEvent *
nuvDomainEventDeviceAddedNew(const char *name, const unsigned char *uuid, int id,
                             const char *devAlias)
{
    nuvEvent *ev = domainEventNew(VIR_DOMAIN_EVENT_ID_DEVICE_ADDED, name, uuid, id);
    ev->str = g_strdup(devAlias);
    return ev;
}

nuvEvent *
nuvDomainEventDeviceRemovedNew(const char *name, const unsigned char *uuid, int id,
                               const char *devAlias)
{
    nuvEvent *ev = domainEventNew(VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED, name, uuid, id);
    ev->str = g_strdup(devAlias);
    return ev;
}

nuvEvent *
nuvDomainEventMetadataChangeNew(const char *name, const unsigned char *uuid, int id,
                                int type, const char *nsuri)
{
    nuvEvent *ev = domainEventNew(VIR_DOMAIN_EVENT_ID_METADATA_CHANGE, name, uuid, id);
    ev->i1 = type;
    ev->str = g_strdup(nsuri);
    return ev;
}

nuvEvent *
nuvDomainEventJobCompletedNew(const char *name, const unsigned char *uuid, int id,
                              virTypedParameterPtr params, int nparams)
{
    nuvEvent *ev = domainEventNew(VIR_DOMAIN_EVENT_ID_JOB_COMPLETED, name, uuid, id);
    ev->params = params;
    ev->nparams = nparams;
    return ev;
}

nuvEvent *
nuvNetworkEventLifecycleNew(const char *name, const unsigned char *uuid, int type, int detail)
{
    nuvEvent *ev = domainEventNew(VIR_NETWORK_EVENT_ID_LIFECYCLE, name, uuid, -1);
    ev->network = true;
    ev->i1 = type;
    ev->i2 = detail;
    return ev;
}

nuvEvent *
nuvStoragePoolEventLifecycleNew(const char *name, const unsigned char *uuid, int type,
                                int detail)
{
    nuvEvent *ev = domainEventNew(VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE, name, uuid, -1);
    ev->pool = true;
    ev->i1 = type;
    ev->i2 = detail;
    return ev;
}

nuvEvent *
nuvStoragePoolEventRefreshNew(const char *name, const unsigned char *uuid)
{
    nuvEvent *ev = domainEventNew(VIR_STORAGE_POOL_EVENT_ID_REFRESH, name, uuid, -1);
    ev->pool = true;
    return ev;
}

static nuvEvent *
secretEventNew(int eventID, const unsigned char *uuid, int usageType, const char *usageID)
{
    nuvEvent *ev = domainEventNew(eventID, NULL, uuid, usageType);
    ev->secret = true;
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
    nuvEvent *ev = domainEventNew(eventID, name, noUUID, -1);

    ev->nodedev = true;
    return ev;
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
