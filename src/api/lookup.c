/*
 * lookup.c: lookups by UUID string.  The string is parsed here, once for
 * every driver, and the lookup goes to the driver's by-UUID slot.
 */
#include "api/api-internal.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/* Check the connection and the string, parse it; false (error reported)
 * when the call cannot go on. */
static bool
parseLookupUUID(virConnectPtr conn, const char *uuidstr, unsigned char *uuid,
                int errdomain, const char *func)
{
    if (!nuvApiCheckConnect(conn, func))
        return false;
    if (!uuidstr) {
        nuvApiNullArg(errdomain, "uuidstr", func);
        return false;
    }
    if (nuvUUIDParse(uuidstr, uuid) < 0) {
        nuvReportErrorRawFrom(errdomain, VIR_ERR_INVALID_ARG, "%s", "Invalid UUID");
        return false;
    }
    return true;
}

#define DEFINE_LOOKUP_BY_UUID_STRING(fn, rettype, table, slot, errdomain) \
    rettype \
    fn(virConnectPtr conn, const char *uuidstr) \
    { \
        unsigned char uuid[VIR_UUID_BUFLEN]; \
        rettype ret; \
        nuvErrorReset(); \
        if (!parseLookupUUID(conn, uuidstr, uuid, errdomain, __func__)) \
            goto error; \
        if (!conn->driver->table || !conn->driver->table->slot) { \
            nuvApiUnsupported(errdomain, __func__); \
            goto error; \
        } \
        if (!(ret = conn->driver->table->slot(conn, uuid))) \
            goto error; \
        return ret; \
     error: \
        virDispatchError(nuvHandleIsValid(conn, NUV_MAGIC_CONNECT) ? conn : NULL); \
        return NULL; \
    }

DEFINE_LOOKUP_BY_UUID_STRING(virDomainLookupByUUIDString, virDomainPtr, hypervisor,
                             domainLookupByUUID, VIR_FROM_DOMAIN)
DEFINE_LOOKUP_BY_UUID_STRING(virNetworkLookupByUUIDString, virNetworkPtr, network,
                             networkLookupByUUID, VIR_FROM_NETWORK)
DEFINE_LOOKUP_BY_UUID_STRING(virStoragePoolLookupByUUIDString, virStoragePoolPtr, storage,
                             storagePoolLookupByUUID, VIR_FROM_STORAGE)
DEFINE_LOOKUP_BY_UUID_STRING(virSecretLookupByUUIDString, virSecretPtr, secret,
                             secretLookupByUUID, VIR_FROM_SECRET)
DEFINE_LOOKUP_BY_UUID_STRING(virNWFilterLookupByUUIDString, virNWFilterPtr, nwfilter,
                             nwfilterLookupByUUID, VIR_FROM_NWFILTER)

virNetworkPortPtr
virNetworkPortLookupByUUIDString(virNetworkPtr net, const char *uuidstr)
{
    unsigned char uuid[VIR_UUID_BUFLEN];
    virNetworkPortPtr ret;

    nuvErrorReset();
    if (!nuvApiCheckNetwork(net, __func__))
        goto error;
    if (!parseLookupUUID(net->conn, uuidstr, uuid, VIR_FROM_NETWORK, __func__))
        goto error;
    if (!net->conn->driver->network || !net->conn->driver->network->networkPortLookupByUUID) {
        nuvApiUnsupported(VIR_FROM_NETWORK, __func__);
        goto error;
    }
    if (!(ret = net->conn->driver->network->networkPortLookupByUUID(net, uuid)))
        goto error;
    return ret;

 error:
    virDispatchError(nuvHandleIsValid(net, NUV_MAGIC_NETWORK) ? net->conn : NULL);
    return NULL;
}
