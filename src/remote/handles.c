/*
 * handles.c: remote wire structures <-> public handles, shared by the
 * daemon's dispatchers and the remote driver.  Get* build a handle on a
 * connection without a lookup (as libvirt's virGetDomain does: the driver
 * checks existence when the handle is used); Make* fill a wire structure
 * with copies of a handle's identity.
 */
#include <string.h>

#include "remote/handles.h"
#include "driver/datatypes.h"

virDomainPtr
remoteGetDomain(virConnectPtr conn, const nuvRemoteDomain *d)
{
    return nuvGetDomain(conn, d->name, d->uuid, d->id);
}

virNetworkPtr
remoteGetNetwork(virConnectPtr conn, const nuvRemoteNetwork *n)
{
    return nuvGetNetwork(conn, n->name, n->uuid);
}

virNetworkPortPtr
remoteGetNetworkPort(virConnectPtr conn, const nuvRemoteNetworkPort *p)
{
    virNetworkPtr net = remoteGetNetwork(conn, &p->net);
    virNetworkPortPtr port;

    if (!net)
        return NULL;
    port = nuvGetNetworkPort(net, p->uuid);
    nuvHandleUnref(net);
    return port;
}

virNWFilterPtr
remoteGetNwfilter(virConnectPtr conn, const nuvRemoteNwfilter *f)
{
    return nuvGetNWFilter(conn, f->name, f->uuid);
}

virNWFilterBindingPtr
remoteGetNwfilterBinding(virConnectPtr conn, const nuvRemoteNwfilterBinding *b)
{
    return nuvGetNWFilterBinding(conn, b->portdev, b->filtername);
}

virInterfacePtr
remoteGetInterface(virConnectPtr conn, const nuvRemoteInterface *i)
{
    return nuvGetInterface(conn, i->name, i->mac);
}

virStoragePoolPtr
remoteGetStoragePool(virConnectPtr conn, const nuvRemoteStoragePool *p)
{
    return nuvGetStoragePool(conn, p->name, p->uuid);
}

virStorageVolPtr
remoteGetStorageVol(virConnectPtr conn, const nuvRemoteStorageVol *v)
{
    return nuvGetStorageVol(conn, v->pool, v->name, v->key);
}

virNodeDevicePtr
remoteGetNodeDevice(virConnectPtr conn, const nuvRemoteNodeDevice *d)
{
    return nuvGetNodeDevice(conn, d->name);
}

virNodeDevicePtr
remoteGetNodeDeviceByName(virConnectPtr conn, const char *name)
{
    return nuvGetNodeDevice(conn, name);
}

virSecretPtr
remoteGetSecret(virConnectPtr conn, const nuvRemoteSecret *s)
{
    return nuvGetSecret(conn, s->uuid, s->usageType, s->usageID);
}

virDomainSnapshotPtr
remoteGetDomainSnapshot(virConnectPtr conn, const nuvRemoteDomainSnapshot *s)
{
    virDomainPtr dom = remoteGetDomain(conn, &s->dom);
    virDomainSnapshotPtr snap;

    if (!dom)
        return NULL;
    snap = nuvGetDomainSnapshot(dom, s->name);
    nuvHandleUnref(dom);
    return snap;
}

virDomainCheckpointPtr
remoteGetDomainCheckpoint(virConnectPtr conn, const nuvRemoteDomainCheckpoint *c)
{
    virDomainPtr dom = remoteGetDomain(conn, &c->dom);
    virDomainCheckpointPtr cp;

    if (!dom)
        return NULL;
    cp = nuvGetDomainCheckpoint(dom, c->name);
    nuvHandleUnref(dom);
    return cp;
}

void
remoteMakeDomain(nuvRemoteDomain *d, virDomainPtr dom)
{
    d->name = g_strdup(dom->name);
    memcpy(d->uuid, dom->uuid, VIR_UUID_BUFLEN);
    d->id = dom->id;
}

void
remoteMakeNetwork(nuvRemoteNetwork *n, virNetworkPtr net)
{
    n->name = g_strdup(net->name);
    memcpy(n->uuid, net->uuid, VIR_UUID_BUFLEN);
}

void
remoteMakeNetworkPort(nuvRemoteNetworkPort *p, virNetworkPortPtr port)
{
    remoteMakeNetwork(&p->net, port->net);
    memcpy(p->uuid, port->uuid, VIR_UUID_BUFLEN);
}

void
remoteMakeNwfilter(nuvRemoteNwfilter *f, virNWFilterPtr filter)
{
    f->name = g_strdup(filter->name);
    memcpy(f->uuid, filter->uuid, VIR_UUID_BUFLEN);
}

void
remoteMakeNwfilterBinding(nuvRemoteNwfilterBinding *b, virNWFilterBindingPtr binding)
{
    b->portdev = g_strdup(binding->portdev);
    b->filtername = g_strdup(binding->filtername);
}

void
remoteMakeInterface(nuvRemoteInterface *i, virInterfacePtr iface)
{
    i->name = g_strdup(iface->name);
    i->mac = g_strdup(iface->mac ? iface->mac : "");
}

void
remoteMakeStoragePool(nuvRemoteStoragePool *p, virStoragePoolPtr pool)
{
    p->name = g_strdup(pool->name);
    memcpy(p->uuid, pool->uuid, VIR_UUID_BUFLEN);
}

void
remoteMakeStorageVol(nuvRemoteStorageVol *v, virStorageVolPtr vol)
{
    v->pool = g_strdup(vol->pool);
    v->name = g_strdup(vol->name);
    v->key = g_strdup(vol->key);
}

void
remoteMakeNodeDevice(nuvRemoteNodeDevice *d, virNodeDevicePtr dev)
{
    d->name = g_strdup(dev->name);
}

void
remoteMakeSecret(nuvRemoteSecret *s, virSecretPtr secret)
{
    memcpy(s->uuid, secret->uuid, VIR_UUID_BUFLEN);
    s->usageType = secret->usageType;
    s->usageID = g_strdup(secret->usageID ? secret->usageID : "");
}

void
remoteMakeDomainSnapshot(nuvRemoteDomainSnapshot *s, virDomainSnapshotPtr snap)
{
    s->name = g_strdup(snap->name);
    remoteMakeDomain(&s->dom, snap->domain);
}

void
remoteMakeDomainCheckpoint(nuvRemoteDomainCheckpoint *c, virDomainCheckpointPtr cp)
{
    c->name = g_strdup(cp->name);
    remoteMakeDomain(&c->dom, cp->domain);
}

