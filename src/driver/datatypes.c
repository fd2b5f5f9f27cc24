/*
 * datatypes.c: creation, reference counting and release of public handles.
 */
#include <string.h>

#include "driver/datatypes.h"
#include "driver/driver.h"
#include "util/error.h"
#include "util/uri.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/* nuvHandleIsValid finds the connection of most handle kinds right after
 * the header; keep those structs laid out that way. */
#define CONN_FOLLOWS_HEADER(type) \
    G_STATIC_ASSERT(G_STRUCT_OFFSET(struct type, conn) == sizeof(nuvHandle))
CONN_FOLLOWS_HEADER(_virDomain);
CONN_FOLLOWS_HEADER(_virNetwork);
CONN_FOLLOWS_HEADER(_virStoragePool);
CONN_FOLLOWS_HEADER(_virStorageVol);
CONN_FOLLOWS_HEADER(_virSecret);
CONN_FOLLOWS_HEADER(_virInterface);
CONN_FOLLOWS_HEADER(_virNodeDevice);
CONN_FOLLOWS_HEADER(_virNWFilter);
CONN_FOLLOWS_HEADER(_virNWFilterBinding);
CONN_FOLLOWS_HEADER(_virStream);

static void *
handleNew(size_t size, nuvHandleMagic magic)
{
    nuvHandle *h = g_malloc0(size);
    h->magic = magic;
    h->refs = 1;
    return h;
}

virConnectPtr
nuvGetConnect(void)
{
    virConnectPtr conn = handleNew(sizeof(*conn), NUV_MAGIC_CONNECT);
    g_mutex_init(&conn->lock);
    return conn;
}

static void
connectDispose(virConnectPtr conn)
{
    if (conn->driver && conn->driver->connectClose)
        conn->driver->connectClose(conn);
    g_free(conn->composedDriver);
    if (conn->closeFreeCb)
        conn->closeFreeCb(conn->closeOpaque);
    nuvErrorClear(&conn->err);
    nuvURIFree(conn->parsedURI);
    g_free(conn->uri);
    g_mutex_clear(&conn->lock);
}

virDomainPtr
nuvGetDomain(virConnectPtr conn, const char *name, const unsigned char *uuid, int id)
{
    virDomainPtr dom = handleNew(sizeof(*dom), NUV_MAGIC_DOMAIN);
    nuvHandleRef(conn);
    dom->conn = conn;
    dom->name = g_strdup(name);
    memcpy(dom->uuid, uuid, VIR_UUID_BUFLEN);
    dom->id = id;
    return dom;
}

virNetworkPtr
nuvGetNetwork(virConnectPtr conn, const char *name, const unsigned char *uuid)
{
    virNetworkPtr net = handleNew(sizeof(*net), NUV_MAGIC_NETWORK);
    nuvHandleRef(conn);
    net->conn = conn;
    net->name = g_strdup(name);
    memcpy(net->uuid, uuid, VIR_UUID_BUFLEN);
    return net;
}

virNetworkPortPtr
nuvGetNetworkPort(virNetworkPtr net, const unsigned char *uuid)
{
    virNetworkPortPtr port = handleNew(sizeof(*port), NUV_MAGIC_NETWORK_PORT);
    nuvHandleRef(net);
    port->net = net;
    memcpy(port->uuid, uuid, VIR_UUID_BUFLEN);
    return port;
}

virStoragePoolPtr
nuvGetStoragePool(virConnectPtr conn, const char *name, const unsigned char *uuid)
{
    virStoragePoolPtr pool = handleNew(sizeof(*pool), NUV_MAGIC_STORAGE_POOL);
    nuvHandleRef(conn);
    pool->conn = conn;
    pool->name = g_strdup(name);
    memcpy(pool->uuid, uuid, VIR_UUID_BUFLEN);
    return pool;
}

virStorageVolPtr
nuvGetStorageVol(virConnectPtr conn, const char *pool, const char *name, const char *key)
{
    virStorageVolPtr vol = handleNew(sizeof(*vol), NUV_MAGIC_STORAGE_VOL);
    nuvHandleRef(conn);
    vol->conn = conn;
    vol->pool = g_strdup(pool);
    vol->name = g_strdup(name);
    vol->key = g_strdup(key);
    return vol;
}

virSecretPtr
nuvGetSecret(virConnectPtr conn, const unsigned char *uuid, int usageType, const char *usageID)
{
    virSecretPtr sec = handleNew(sizeof(*sec), NUV_MAGIC_SECRET);
    nuvHandleRef(conn);
    sec->conn = conn;
    memcpy(sec->uuid, uuid, VIR_UUID_BUFLEN);
    sec->usageType = usageType;
    sec->usageID = g_strdup(usageID);
    return sec;
}

virInterfacePtr
nuvGetInterface(virConnectPtr conn, const char *name, const char *mac)
{
    virInterfacePtr iface = handleNew(sizeof(*iface), NUV_MAGIC_INTERFACE);
    nuvHandleRef(conn);
    iface->conn = conn;
    iface->name = g_strdup(name);
    /* An interface without a MAC address reports "", as libvirt's does. */
    iface->mac = g_strdup(mac ? mac : "");
    return iface;
}

virNodeDevicePtr
nuvGetNodeDevice(virConnectPtr conn, const char *name)
{
    virNodeDevicePtr dev = handleNew(sizeof(*dev), NUV_MAGIC_NODE_DEVICE);
    nuvHandleRef(conn);
    dev->conn = conn;
    dev->name = g_strdup(name);
    return dev;
}

virNWFilterPtr
nuvGetNWFilter(virConnectPtr conn, const char *name, const unsigned char *uuid)
{
    virNWFilterPtr filter = handleNew(sizeof(*filter), NUV_MAGIC_NWFILTER);
    nuvHandleRef(conn);
    filter->conn = conn;
    filter->name = g_strdup(name);
    memcpy(filter->uuid, uuid, VIR_UUID_BUFLEN);
    return filter;
}

virNWFilterBindingPtr
nuvGetNWFilterBinding(virConnectPtr conn, const char *portdev, const char *filtername)
{
    virNWFilterBindingPtr binding = handleNew(sizeof(*binding), NUV_MAGIC_NWFILTER_BINDING);
    nuvHandleRef(conn);
    binding->conn = conn;
    binding->portdev = g_strdup(portdev);
    binding->filtername = g_strdup(filtername);
    return binding;
}

virDomainSnapshotPtr
nuvGetDomainSnapshot(virDomainPtr domain, const char *name)
{
    virDomainSnapshotPtr snap = handleNew(sizeof(*snap), NUV_MAGIC_DOMAIN_SNAPSHOT);
    nuvHandleRef(domain);
    snap->domain = domain;
    snap->name = g_strdup(name);
    return snap;
}

virDomainCheckpointPtr
nuvGetDomainCheckpoint(virDomainPtr domain, const char *name)
{
    virDomainCheckpointPtr cp = handleNew(sizeof(*cp), NUV_MAGIC_DOMAIN_CHECKPOINT);
    nuvHandleRef(domain);
    cp->domain = domain;
    cp->name = g_strdup(name);
    return cp;
}

virStreamPtr
nuvGetStream(virConnectPtr conn, unsigned int flags)
{
    virStreamPtr st = handleNew(sizeof(*st), NUV_MAGIC_STREAM);
    nuvHandleRef(conn);
    st->conn = conn;
    st->flags = flags;
    return st;
}

void
nuvHandleRef(void *handle)
{
    g_atomic_int_inc(&((nuvHandle *)handle)->refs);
}

/* Release what a handle owns, and return the parent handle it referenced
 * (to be unreferenced in turn), if any. */
static void *
handleDispose(nuvHandle *h)
{
    switch ((nuvHandleMagic)h->magic) {
    case NUV_MAGIC_CONNECT:
        connectDispose((virConnectPtr)h);
        return NULL;
    case NUV_MAGIC_DOMAIN: {
        virDomainPtr d = (virDomainPtr)h;
        g_free(d->name);
        return d->conn;
    }
    case NUV_MAGIC_NETWORK: {
        virNetworkPtr n = (virNetworkPtr)h;
        g_free(n->name);
        return n->conn;
    }
    case NUV_MAGIC_NETWORK_PORT:
        return ((virNetworkPortPtr)h)->net;
    case NUV_MAGIC_STORAGE_POOL: {
        virStoragePoolPtr p = (virStoragePoolPtr)h;
        g_free(p->name);
        return p->conn;
    }
    case NUV_MAGIC_STORAGE_VOL: {
        virStorageVolPtr v = (virStorageVolPtr)h;
        g_free(v->pool);
        g_free(v->name);
        g_free(v->key);
        return v->conn;
    }
    case NUV_MAGIC_SECRET: {
        virSecretPtr s = (virSecretPtr)h;
        g_free(s->usageID);
        return s->conn;
    }
    case NUV_MAGIC_INTERFACE: {
        virInterfacePtr i = (virInterfacePtr)h;
        g_free(i->name);
        g_free(i->mac);
        return i->conn;
    }
    case NUV_MAGIC_NODE_DEVICE: {
        virNodeDevicePtr d = (virNodeDevicePtr)h;
        g_free(d->name);
        g_free(d->parentName);
        return d->conn;
    }
    case NUV_MAGIC_NWFILTER: {
        virNWFilterPtr f = (virNWFilterPtr)h;
        g_free(f->name);
        return f->conn;
    }
    case NUV_MAGIC_NWFILTER_BINDING: {
        virNWFilterBindingPtr b = (virNWFilterBindingPtr)h;
        g_free(b->portdev);
        g_free(b->filtername);
        return b->conn;
    }
    case NUV_MAGIC_DOMAIN_SNAPSHOT: {
        virDomainSnapshotPtr s = (virDomainSnapshotPtr)h;
        g_free(s->name);
        return s->domain;
    }
    case NUV_MAGIC_DOMAIN_CHECKPOINT: {
        virDomainCheckpointPtr c = (virDomainCheckpointPtr)h;
        g_free(c->name);
        return c->domain;
    }
    case NUV_MAGIC_STREAM: {
        virStreamPtr st = (virStreamPtr)h;
        if (st->privateFree)
            st->privateFree(st->privateData);
        return st->conn;
    }
    case NUV_MAGIC_DEAD:
        break;
    }
    g_assert_not_reached();
    return NULL;
}

int
nuvHandleUnref(void *handle)
{
    nuvHandle *h = handle;

    while (h) {
        void *parent;
        int left = g_atomic_int_add(&h->refs, -1) - 1;
        if (left > 0)
            return h == handle ? left : 0;
        parent = handleDispose(h);
        h->magic = NUV_MAGIC_DEAD;
        g_free(h);
        h = parent;
    }
    return 0;
}

bool
nuvHandleIsValid(const void *handle, nuvHandleMagic magic)
{
    const nuvHandle *h = handle;
    virConnectPtr conn = NULL;

    if (!h || h->magic != magic || g_atomic_int_get(&h->refs) <= 0)
        return false;
    switch (magic) {
    case NUV_MAGIC_CONNECT:
        return true;
    case NUV_MAGIC_NETWORK_PORT:
        return nuvHandleIsValid(((virNetworkPortPtr)h)->net, NUV_MAGIC_NETWORK);
    case NUV_MAGIC_DOMAIN_SNAPSHOT:
        return nuvHandleIsValid(((virDomainSnapshotPtr)h)->domain, NUV_MAGIC_DOMAIN);
    case NUV_MAGIC_DOMAIN_CHECKPOINT:
        return nuvHandleIsValid(((virDomainCheckpointPtr)h)->domain, NUV_MAGIC_DOMAIN);
    default:
        /* Every other handle keeps its connection right after the header. */
        conn = *(virConnectPtr const *)((const char *)h + sizeof(nuvHandle));
        break;
    }
    return nuvHandleIsValid(conn, NUV_MAGIC_CONNECT);
}

const char *
nuvNodeDeviceKeepParent(virNodeDevicePtr dev, char *parent)
{
    if (!parent)
        return NULL;
    /* set once, never changed: a racing caller's copy is dropped */
    if (!g_atomic_pointer_compare_and_exchange(&dev->parentName, NULL, parent))
        g_free(parent);
    return dev->parentName;
}

int
nuvNodeDeviceHandles(virConnectPtr conn, const GPtrArray *names, virNodeDevicePtr **devices)
{
    if (devices) {
        *devices = g_new0(virNodeDevicePtr, names->len + 1);
        for (guint i = 0; i < names->len; i++)
            (*devices)[i] = nuvGetNodeDevice(conn, g_ptr_array_index(names, i));
    }
    return names->len;
}
