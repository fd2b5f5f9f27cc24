/*
 * handles.c: public functions that only touch a handle: reference counts
 * and the identity (name, UUID, parent) the handle carries itself.
 */
#include <string.h>

#include "api/api-internal.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/* virXRef / virXFree for one handle kind. */
#define DEFINE_REF_FREE(Kind, type, check) \
    int \
    vir##Kind##Ref(type handle) \
    { \
        nuvErrorReset(); \
        if (!check(handle, __func__)) { \
            virDispatchError(NULL); \
            return -1; \
        } \
        nuvHandleRef(handle); \
        return 0; \
    } \
    int \
    vir##Kind##Free(type handle) \
    { \
        nuvErrorReset(); \
        if (!check(handle, __func__)) { \
            virDispatchError(NULL); \
            return -1; \
        } \
        nuvHandleUnref(handle); \
        return 0; \
    }

/* A getter of a field the handle holds: fails only for a bad handle. */
#define DEFINE_GETTER(fn, rettype, type, check, failval, expr) \
    rettype \
    fn(type handle) \
    { \
        nuvErrorReset(); \
        if (!check(handle, __func__)) { \
            virDispatchError(NULL); \
            return failval; \
        } \
        return expr; \
    }

#define DEFINE_UUID_GETTERS(Kind, type, check) \
    int \
    vir##Kind##GetUUID(type handle, unsigned char *uuid) \
    { \
        nuvErrorReset(); \
        if (!check(handle, __func__)) { \
            virDispatchError(NULL); \
            return -1; \
        } \
        if (!uuid) { \
            nuvApiNullArg(VIR_FROM_NONE, "uuid", __func__); \
            virDispatchError(NULL); \
            return -1; \
        } \
        memcpy(uuid, handle->uuid, VIR_UUID_BUFLEN); \
        return 0; \
    } \
    int \
    vir##Kind##GetUUIDString(type handle, char *buf) \
    { \
        nuvErrorReset(); \
        if (!check(handle, __func__)) { \
            virDispatchError(NULL); \
            return -1; \
        } \
        if (!buf) { \
            nuvApiNullArg(VIR_FROM_NONE, "buf", __func__); \
            virDispatchError(NULL); \
            return -1; \
        } \
        nuvUUIDFormat(handle->uuid, buf); \
        return 0; \
    }

DEFINE_REF_FREE(Domain, virDomainPtr, nuvApiCheckDomain)
DEFINE_GETTER(virDomainGetName, const char *, virDomainPtr, nuvApiCheckDomain, NULL, handle->name)
DEFINE_GETTER(virDomainGetConnect, virConnectPtr, virDomainPtr, nuvApiCheckDomain, NULL,
              handle->conn)
DEFINE_GETTER(virDomainGetID, unsigned int, virDomainPtr, nuvApiCheckDomain, (unsigned int)-1,
              (unsigned int)handle->id)
DEFINE_UUID_GETTERS(Domain, virDomainPtr, nuvApiCheckDomain)

DEFINE_REF_FREE(Network, virNetworkPtr, nuvApiCheckNetwork)
DEFINE_GETTER(virNetworkGetName, const char *, virNetworkPtr, nuvApiCheckNetwork, NULL,
              handle->name)
DEFINE_GETTER(virNetworkGetConnect, virConnectPtr, virNetworkPtr, nuvApiCheckNetwork, NULL,
              handle->conn)
DEFINE_UUID_GETTERS(Network, virNetworkPtr, nuvApiCheckNetwork)

DEFINE_REF_FREE(NetworkPort, virNetworkPortPtr, nuvApiCheckNetworkPort)
DEFINE_GETTER(virNetworkPortGetNetwork, virNetworkPtr, virNetworkPortPtr,
              nuvApiCheckNetworkPort, NULL, handle->net)
DEFINE_UUID_GETTERS(NetworkPort, virNetworkPortPtr, nuvApiCheckNetworkPort)

DEFINE_REF_FREE(StoragePool, virStoragePoolPtr, nuvApiCheckStoragePool)
DEFINE_GETTER(virStoragePoolGetName, const char *, virStoragePoolPtr, nuvApiCheckStoragePool,
              NULL, handle->name)
DEFINE_GETTER(virStoragePoolGetConnect, virConnectPtr, virStoragePoolPtr,
              nuvApiCheckStoragePool, NULL, handle->conn)
DEFINE_UUID_GETTERS(StoragePool, virStoragePoolPtr, nuvApiCheckStoragePool)

DEFINE_REF_FREE(StorageVol, virStorageVolPtr, nuvApiCheckStorageVol)
DEFINE_GETTER(virStorageVolGetName, const char *, virStorageVolPtr, nuvApiCheckStorageVol,
              NULL, handle->name)
DEFINE_GETTER(virStorageVolGetKey, const char *, virStorageVolPtr, nuvApiCheckStorageVol,
              NULL, handle->key)
DEFINE_GETTER(virStorageVolGetConnect, virConnectPtr, virStorageVolPtr, nuvApiCheckStorageVol,
              NULL, handle->conn)

DEFINE_REF_FREE(Secret, virSecretPtr, nuvApiCheckSecret)
DEFINE_GETTER(virSecretGetConnect, virConnectPtr, virSecretPtr, nuvApiCheckSecret, NULL,
              handle->conn)
DEFINE_GETTER(virSecretGetUsageType, int, virSecretPtr, nuvApiCheckSecret, -1,
              handle->usageType)
DEFINE_GETTER(virSecretGetUsageID, const char *, virSecretPtr, nuvApiCheckSecret, NULL,
              handle->usageID)
DEFINE_UUID_GETTERS(Secret, virSecretPtr, nuvApiCheckSecret)

DEFINE_REF_FREE(Interface, virInterfacePtr, nuvApiCheckInterface)
DEFINE_GETTER(virInterfaceGetName, const char *, virInterfacePtr, nuvApiCheckInterface, NULL,
              handle->name)
DEFINE_GETTER(virInterfaceGetMACString, const char *, virInterfacePtr, nuvApiCheckInterface,
              NULL, handle->mac)
DEFINE_GETTER(virInterfaceGetConnect, virConnectPtr, virInterfacePtr, nuvApiCheckInterface,
              NULL, handle->conn)

DEFINE_REF_FREE(NodeDevice, virNodeDevicePtr, nuvApiCheckNodeDevice)
DEFINE_GETTER(virNodeDeviceGetName, const char *, virNodeDevicePtr, nuvApiCheckNodeDevice,
              NULL, handle->name)

DEFINE_REF_FREE(NWFilter, virNWFilterPtr, nuvApiCheckNWFilter)
DEFINE_GETTER(virNWFilterGetName, const char *, virNWFilterPtr, nuvApiCheckNWFilter, NULL,
              handle->name)
DEFINE_UUID_GETTERS(NWFilter, virNWFilterPtr, nuvApiCheckNWFilter)

DEFINE_REF_FREE(NWFilterBinding, virNWFilterBindingPtr, nuvApiCheckNWFilterBinding)
DEFINE_GETTER(virNWFilterBindingGetPortDev, const char *, virNWFilterBindingPtr,
              nuvApiCheckNWFilterBinding, NULL, handle->portdev)
DEFINE_GETTER(virNWFilterBindingGetFilterName, const char *, virNWFilterBindingPtr,
              nuvApiCheckNWFilterBinding, NULL, handle->filtername)

DEFINE_REF_FREE(DomainSnapshot, virDomainSnapshotPtr, nuvApiCheckDomainSnapshot)
DEFINE_GETTER(virDomainSnapshotGetName, const char *, virDomainSnapshotPtr,
              nuvApiCheckDomainSnapshot, NULL, handle->name)
DEFINE_GETTER(virDomainSnapshotGetDomain, virDomainPtr, virDomainSnapshotPtr,
              nuvApiCheckDomainSnapshot, NULL, handle->domain)
DEFINE_GETTER(virDomainSnapshotGetConnect, virConnectPtr, virDomainSnapshotPtr,
              nuvApiCheckDomainSnapshot, NULL, handle->domain->conn)

DEFINE_REF_FREE(DomainCheckpoint, virDomainCheckpointPtr, nuvApiCheckDomainCheckpoint)
DEFINE_GETTER(virDomainCheckpointGetName, const char *, virDomainCheckpointPtr,
              nuvApiCheckDomainCheckpoint, NULL, handle->name)
DEFINE_GETTER(virDomainCheckpointGetDomain, virDomainPtr, virDomainCheckpointPtr,
              nuvApiCheckDomainCheckpoint, NULL, handle->domain)
DEFINE_GETTER(virDomainCheckpointGetConnect, virConnectPtr, virDomainCheckpointPtr,
              nuvApiCheckDomainCheckpoint, NULL, handle->domain->conn)

/* Structures the API hands out for the caller to free. */
void
virDomainFSInfoFree(virDomainFSInfoPtr info)
{
    if (!info)
        return;
    g_free(info->mountpoint);
    g_free(info->name);
    g_free(info->fstype);
    for (size_t i = 0; i < info->ndevAlias; i++)
        g_free(info->devAlias[i]);
    g_free(info->devAlias);
    g_free(info);
}

void
virDomainIOThreadInfoFree(virDomainIOThreadInfoPtr info)
{
    if (!info)
        return;
    g_free(info->cpumap);
    g_free(info);
}

void
virDomainInterfaceFree(virDomainInterfacePtr iface)
{
    if (!iface)
        return;
    g_free(iface->name);
    g_free(iface->hwaddr);
    for (unsigned int i = 0; i < iface->naddrs; i++)
        g_free(iface->addrs[i].addr);
    g_free(iface->addrs);
    g_free(iface);
}

void
virNetworkDHCPLeaseFree(virNetworkDHCPLeasePtr lease)
{
    if (!lease)
        return;
    g_free(lease->iface);
    g_free(lease->mac);
    g_free(lease->iaid);
    g_free(lease->ipaddr);
    g_free(lease->hostname);
    g_free(lease->clientid);
    g_free(lease);
}

void
virDomainStatsRecordListFree(virDomainStatsRecordPtr *stats)
{
    if (!stats)
        return;
    for (size_t i = 0; stats[i]; i++) {
        virDomainFree(stats[i]->dom);
        virTypedParamsFree(stats[i]->params, stats[i]->nparams);
        g_free(stats[i]);
    }
    g_free(stats);
}
