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
#include "util/error.h"
#include "util/typedparam.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

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


/* ---- typed parameters ---- */

void
remoteSerializeTypedParams(virTypedParameterPtr params, int nparams,
                           nuvRemoteTypedParam **out, uint32_t *nout)
{
    nuvRemoteTypedParam *v = g_new0(nuvRemoteTypedParam, nparams ? nparams : 1);
    uint32_t n = 0;

    for (int i = 0; i < nparams; i++) {
        nuvRemoteTypedParam *p = &v[n];

        /* A driver leaves unfilled slots with no name: skip them. */
        if (!params[i].field[0])
            continue;
        p->field = g_strdup(params[i].field);
        p->value.type = params[i].type;
        switch (params[i].type) {
        case VIR_TYPED_PARAM_INT: p->value.u.i = params[i].value.i; break;
        case VIR_TYPED_PARAM_UINT: p->value.u.ui = params[i].value.ui; break;
        case VIR_TYPED_PARAM_LLONG: p->value.u.l = params[i].value.l; break;
        case VIR_TYPED_PARAM_ULLONG: p->value.u.ul = params[i].value.ul; break;
        case VIR_TYPED_PARAM_DOUBLE: p->value.u.d = params[i].value.d; break;
        case VIR_TYPED_PARAM_BOOLEAN: p->value.u.b = params[i].value.b; break;
        case VIR_TYPED_PARAM_STRING:
            p->value.u.s = g_strdup(params[i].value.s ? params[i].value.s : "");
            break;
        default:
            g_clear_pointer(&p->field, g_free);
            continue;
        }
        n++;
    }
    *out = v;
    *nout = n;
}

int
remoteDeserializeTypedParams(const nuvRemoteTypedParam *in, uint32_t nin,
                             virTypedParameterPtr *params, int *nparams)
{
    virTypedParameterPtr p = g_new0(virTypedParameter, nin ? nin : 1);

    for (uint32_t i = 0; i < nin; i++) {
        if (g_strlcpy(p[i].field, in[i].field, VIR_TYPED_PARAM_FIELD_LENGTH) >=
            VIR_TYPED_PARAM_FIELD_LENGTH) {
            nuvReportError(VIR_ERR_INVALID_ARG, "parameter name '%s' too long", in[i].field);
            goto error;
        }
        p[i].type = in[i].value.type;
        switch (in[i].value.type) {
        case VIR_TYPED_PARAM_INT: p[i].value.i = in[i].value.u.i; break;
        case VIR_TYPED_PARAM_UINT: p[i].value.ui = in[i].value.u.ui; break;
        case VIR_TYPED_PARAM_LLONG: p[i].value.l = in[i].value.u.l; break;
        case VIR_TYPED_PARAM_ULLONG: p[i].value.ul = in[i].value.u.ul; break;
        case VIR_TYPED_PARAM_DOUBLE: p[i].value.d = in[i].value.u.d; break;
        case VIR_TYPED_PARAM_BOOLEAN: p[i].value.b = !!in[i].value.u.b; break;
        case VIR_TYPED_PARAM_STRING: p[i].value.s = g_strdup(in[i].value.u.s); break;
        default:
            nuvReportError(VIR_ERR_RPC, "unknown parameter type %d", in[i].value.type);
            goto error;
        }
    }
    *params = p;
    *nparams = nin;
    return 0;

 error:
    nuvTypedParamsFree(p, nin);
    return -1;
}

int
remoteCopyTypedParams(const nuvRemoteTypedParam *in, uint32_t nin,
                      virTypedParameterPtr params, int *nparams)
{
    virTypedParameterPtr tmp = NULL;
    int n = 0;

    if (nin > (uint32_t)*nparams) {
        nuvReportError(VIR_ERR_RPC, "the daemon returned %u parameters for %d slots",
                       nin, *nparams);
        return -1;
    }
    if (remoteDeserializeTypedParams(in, nin, &tmp, &n) < 0)
        return -1;
    /* The caller's array takes the values (and owns their strings now). */
    memcpy(params, tmp, sizeof(*tmp) * n);
    g_free(tmp);
    *nparams = n;
    return 0;
}

void
remoteCopyChars(char *dst, size_t size, const char *src, uint32_t n)
{
    size_t len = n < size ? n : size - 1;

    memcpy(dst, src, len);
    dst[len] = '\0';
}
