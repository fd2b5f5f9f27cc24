/*
 * checks.c: the routine checks every public entry point makes.
 */
#include <limits.h>
#include "api/api-internal.h"

#define VIR_FROM_THIS VIR_FROM_NONE

#define DEFINE_CHECK(fn, type, magic, errdomain, code) \
    bool \
    fn(type handle, const char *func) \
    { \
        if (nuvHandleIsValid(handle, magic)) \
            return true; \
        nuvReportErrorFrom(errdomain, code, "%s", func); \
        return false; \
    }

DEFINE_CHECK(nuvApiCheckConnect, virConnectPtr, NUV_MAGIC_CONNECT,
             VIR_FROM_DOMAIN, VIR_ERR_INVALID_CONN)
DEFINE_CHECK(nuvApiCheckDomain, virDomainPtr, NUV_MAGIC_DOMAIN,
             VIR_FROM_DOM, VIR_ERR_INVALID_DOMAIN)
DEFINE_CHECK(nuvApiCheckNetwork, virNetworkPtr, NUV_MAGIC_NETWORK,
             VIR_FROM_NETWORK, VIR_ERR_INVALID_NETWORK)
DEFINE_CHECK(nuvApiCheckNetworkPort, virNetworkPortPtr, NUV_MAGIC_NETWORK_PORT,
             VIR_FROM_NETWORK, VIR_ERR_INVALID_NETWORK_PORT)
DEFINE_CHECK(nuvApiCheckStoragePool, virStoragePoolPtr, NUV_MAGIC_STORAGE_POOL,
             VIR_FROM_STORAGE, VIR_ERR_INVALID_STORAGE_POOL)
DEFINE_CHECK(nuvApiCheckStorageVol, virStorageVolPtr, NUV_MAGIC_STORAGE_VOL,
             VIR_FROM_STORAGE, VIR_ERR_INVALID_STORAGE_VOL)
DEFINE_CHECK(nuvApiCheckSecret, virSecretPtr, NUV_MAGIC_SECRET,
             VIR_FROM_SECRET, VIR_ERR_INVALID_SECRET)
DEFINE_CHECK(nuvApiCheckInterface, virInterfacePtr, NUV_MAGIC_INTERFACE,
             VIR_FROM_INTERFACE, VIR_ERR_INVALID_INTERFACE)
DEFINE_CHECK(nuvApiCheckNodeDevice, virNodeDevicePtr, NUV_MAGIC_NODE_DEVICE,
             VIR_FROM_NODEDEV, VIR_ERR_INVALID_NODE_DEVICE)
DEFINE_CHECK(nuvApiCheckNWFilter, virNWFilterPtr, NUV_MAGIC_NWFILTER,
             VIR_FROM_NWFILTER, VIR_ERR_INVALID_NWFILTER)
DEFINE_CHECK(nuvApiCheckNWFilterBinding, virNWFilterBindingPtr, NUV_MAGIC_NWFILTER_BINDING,
             VIR_FROM_NWFILTER, VIR_ERR_INVALID_NWFILTER_BINDING)
DEFINE_CHECK(nuvApiCheckDomainSnapshot, virDomainSnapshotPtr, NUV_MAGIC_DOMAIN_SNAPSHOT,
             VIR_FROM_DOMAIN_SNAPSHOT, VIR_ERR_INVALID_DOMAIN_SNAPSHOT)
DEFINE_CHECK(nuvApiCheckDomainCheckpoint, virDomainCheckpointPtr, NUV_MAGIC_DOMAIN_CHECKPOINT,
             VIR_FROM_DOMAIN_CHECKPOINT, VIR_ERR_INVALID_DOMAIN_CHECKPOINT)
DEFINE_CHECK(nuvApiCheckStream, virStreamPtr, NUV_MAGIC_STREAM,
             VIR_FROM_STREAMS, VIR_ERR_INVALID_STREAM)

bool
nuvApiCheckWritable(virConnectPtr conn, int errdomain, const char *func)
{
    if (!(conn->flags & VIR_CONNECT_RO))
        return true;
    nuvReportErrorFrom(errdomain, VIR_ERR_OPERATION_DENIED,
                       "read only access prevents %s", func);
    return false;
}

void
nuvApiNullArg(int errdomain, const char *argname, const char *func)
{
    nuvReportErrorRawFrom(errdomain, VIR_ERR_INVALID_ARG,
                          "%s in %s must not be NULL", argname, func);
}

void
nuvApiZeroArg(int errdomain, const char *argname, const char *func)
{
    nuvReportErrorRawFrom(errdomain, VIR_ERR_INVALID_ARG,
                          "%s in %s must not be zero", argname, func);
}

void
nuvApiNegativeArg(int errdomain, const char *argname, const char *func)
{
    nuvReportErrorRawFrom(errdomain, VIR_ERR_INVALID_ARG,
                          "%s in %s must be zero or greater", argname, func);
}

/* A memory size in KiB is accepted while its byte count fits a long long,
 * libvirt's bound for every memory argument of the API. */
bool
nuvApiCheckKiB(int errdomain, unsigned long long kib)
{
    if (kib < LLONG_MAX / 1024)
        return true;
    nuvReportErrorFrom(errdomain, VIR_ERR_OVERFLOW, "input too large: %llu", kib);
    return false;
}

void
nuvApiUnsupported(int errdomain, const char *func)
{
    nuvReportErrorFrom(errdomain, VIR_ERR_NO_SUPPORT, "%s", func);
}
