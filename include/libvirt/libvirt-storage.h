/*
 * libvirt-storage.h: storage pools and volumes
 *
 * Part of nuvirt's public interface, which is source and binary compatible
 * with libvirt 9.0: names, values, types and layouts must not change.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_STORAGE_H
# define LIBVIRT_STORAGE_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "libvirt-storage.h is a part of libvirt.h: include <libvirt/libvirt.h>"
# endif

/* ---- constants and helper macros ---- */


# define VIR_STORAGE_POOL_EVENT_CALLBACK(cb) \
    ((virConnectStoragePoolEventGenericCallback)(cb))

/* ---- enumerations ---- */

/* virConnectListAllStoragePoolsFlags: since 0.10.2 */
typedef enum {
    VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE     = 1 << 0, /* since 0.10.2 */
    VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE       = 1 << 1, /* since 0.10.2 */
    VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT   = 1 << 2, /* since 0.10.2 */
    VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT    = 1 << 3, /* since 0.10.2 */
    VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART    = 1 << 4, /* since 0.10.2 */
    VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART = 1 << 5, /* since 0.10.2 */
    VIR_CONNECT_LIST_STORAGE_POOLS_DIR          = 1 << 6, /* since 0.10.2 */
    VIR_CONNECT_LIST_STORAGE_POOLS_FS           = 1 << 7, /* since 0.10.2 */
    VIR_CONNECT_LIST_STORAGE_POOLS_NETFS        = 1 << 8, /* since 0.10.2 */
    VIR_CONNECT_LIST_STORAGE_POOLS_LOGICAL      = 1 << 9, /* since 0.10.2 */
    VIR_CONNECT_LIST_STORAGE_POOLS_DISK         = 1 << 10, /* since 0.10.2 */
    VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI        = 1 << 11, /* since 0.10.2 */
    VIR_CONNECT_LIST_STORAGE_POOLS_SCSI         = 1 << 12, /* since 0.10.2 */
    VIR_CONNECT_LIST_STORAGE_POOLS_MPATH        = 1 << 13, /* since 0.10.2 */
    VIR_CONNECT_LIST_STORAGE_POOLS_RBD          = 1 << 14, /* since 0.10.2 */
    VIR_CONNECT_LIST_STORAGE_POOLS_SHEEPDOG     = 1 << 15, /* since 0.10.2 */
    VIR_CONNECT_LIST_STORAGE_POOLS_GLUSTER      = 1 << 16, /* since 1.2.1 */
    VIR_CONNECT_LIST_STORAGE_POOLS_ZFS          = 1 << 17, /* since 1.2.8 */
    VIR_CONNECT_LIST_STORAGE_POOLS_VSTORAGE     = 1 << 18, /* since 3.1.0 */
    VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI_DIRECT = 1 << 19, /* since 5.6.0 */
} virConnectListAllStoragePoolsFlags;

/* virStoragePoolBuildFlags: since 0.4.1 */
typedef enum {
    VIR_STORAGE_POOL_BUILD_NEW          = 0, /* since 0.4.1 */
    VIR_STORAGE_POOL_BUILD_REPAIR       = 1 << 0, /* since 0.4.1 */
    VIR_STORAGE_POOL_BUILD_RESIZE       = 1 << 1, /* since 0.4.1 */
    VIR_STORAGE_POOL_BUILD_NO_OVERWRITE = 1 << 2, /* since 0.9.5 */
    VIR_STORAGE_POOL_BUILD_OVERWRITE    = 1 << 3, /* since 0.9.5 */
} virStoragePoolBuildFlags;

/* virStoragePoolCreateFlags: since 1.3.1 */
typedef enum {
    VIR_STORAGE_POOL_CREATE_NORMAL                  = 0, /* since 1.3.1 */
    VIR_STORAGE_POOL_CREATE_WITH_BUILD              = 1 << 0, /* since 1.3.1 */
    VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE    = 1 << 1, /* since 1.3.1 */
    VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE = 1 << 2, /* since 1.3.1 */
} virStoragePoolCreateFlags;

/* virStoragePoolDefineFlags: since 7.7.0 */
typedef enum {
    VIR_STORAGE_POOL_DEFINE_VALIDATE = 1 << 0, /* since 7.7.0 */
} virStoragePoolDefineFlags;

/* virStoragePoolDeleteFlags: since 0.4.1 */
typedef enum {
    VIR_STORAGE_POOL_DELETE_NORMAL = 0, /* since 0.4.1 */
    VIR_STORAGE_POOL_DELETE_ZEROED = 1 << 0, /* since 0.4.1 */
} virStoragePoolDeleteFlags;

/* virStoragePoolEventID: since 2.0.0 */
typedef enum {
    VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE = 0, /* since 2.0.0 */
    VIR_STORAGE_POOL_EVENT_ID_REFRESH   = 1, /* since 2.0.0 */

# ifdef VIR_ENUM_SENTINELS
    VIR_STORAGE_POOL_EVENT_ID_LAST      = 2,
# endif
} virStoragePoolEventID;

/* virStoragePoolEventLifecycleType: since 2.0.0 */
typedef enum {
    VIR_STORAGE_POOL_EVENT_DEFINED   = 0, /* since 2.0.0 */
    VIR_STORAGE_POOL_EVENT_UNDEFINED = 1, /* since 2.0.0 */
    VIR_STORAGE_POOL_EVENT_STARTED   = 2, /* since 2.0.0 */
    VIR_STORAGE_POOL_EVENT_STOPPED   = 3, /* since 2.0.0 */
    VIR_STORAGE_POOL_EVENT_CREATED   = 4, /* since 3.8.0 */
    VIR_STORAGE_POOL_EVENT_DELETED   = 5, /* since 3.8.0 */

# ifdef VIR_ENUM_SENTINELS
    VIR_STORAGE_POOL_EVENT_LAST      = 6,
# endif
} virStoragePoolEventLifecycleType;

/* virStoragePoolState: since 0.4.1 */
typedef enum {
    VIR_STORAGE_POOL_INACTIVE     = 0, /* since 0.4.1 */
    VIR_STORAGE_POOL_BUILDING     = 1, /* since 0.4.1 */
    VIR_STORAGE_POOL_RUNNING      = 2, /* since 0.4.1 */
    VIR_STORAGE_POOL_DEGRADED     = 3, /* since 0.4.1 */
    VIR_STORAGE_POOL_INACCESSIBLE = 4, /* since 0.8.2 */

# ifdef VIR_ENUM_SENTINELS
    VIR_STORAGE_POOL_STATE_LAST   = 5,
# endif
} virStoragePoolState;

/* virStorageVolCreateFlags: since 1.0.1 */
typedef enum {
    VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA = 1 << 0, /* since 1.0.1 */
    VIR_STORAGE_VOL_CREATE_REFLINK           = 1 << 1, /* since 1.2.13 */
    VIR_STORAGE_VOL_CREATE_VALIDATE          = 1 << 2, /* since 8.10.0 */
} virStorageVolCreateFlags;

/* virStorageVolDeleteFlags: since 0.4.1 */
typedef enum {
    VIR_STORAGE_VOL_DELETE_NORMAL         = 0, /* since 0.4.1 */
    VIR_STORAGE_VOL_DELETE_ZEROED         = 1 << 0, /* since 0.4.1 */
    VIR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS = 1 << 1, /* since 1.2.21 */
} virStorageVolDeleteFlags;

/* virStorageVolDownloadFlags: since 3.4.0 */
typedef enum {
    VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM = 1 << 0, /* since 3.4.0 */
} virStorageVolDownloadFlags;

/* virStorageVolInfoFlags: since 3.0.0 */
typedef enum {
    VIR_STORAGE_VOL_USE_ALLOCATION = 0, /* since 3.0.0 */
    VIR_STORAGE_VOL_GET_PHYSICAL   = 1 << 0, /* since 3.0.0 */
} virStorageVolInfoFlags;

/* virStorageVolResizeFlags: since 0.9.10 */
typedef enum {
    VIR_STORAGE_VOL_RESIZE_ALLOCATE = 1 << 0, /* since 0.9.10 */
    VIR_STORAGE_VOL_RESIZE_DELTA    = 1 << 1, /* since 0.9.10 */
    VIR_STORAGE_VOL_RESIZE_SHRINK   = 1 << 2, /* since 0.9.10 */
} virStorageVolResizeFlags;

/* virStorageVolType: since 0.4.1 */
typedef enum {
    VIR_STORAGE_VOL_FILE    = 0, /* since 0.4.1 */
    VIR_STORAGE_VOL_BLOCK   = 1, /* since 0.4.1 */
    VIR_STORAGE_VOL_DIR     = 2, /* since 0.9.5 */
    VIR_STORAGE_VOL_NETWORK = 3, /* since 0.9.13 */
    VIR_STORAGE_VOL_NETDIR  = 4, /* since 1.2.0 */
    VIR_STORAGE_VOL_PLOOP   = 5, /* since 1.3.4 */

# ifdef VIR_ENUM_SENTINELS
    VIR_STORAGE_VOL_LAST    = 6,
# endif
} virStorageVolType;

/* virStorageVolUploadFlags: since 3.4.0 */
typedef enum {
    VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM = 1 << 0, /* since 3.4.0 */
} virStorageVolUploadFlags;

/* virStorageVolWipeAlgorithm: since 0.9.10 */
typedef enum {
    VIR_STORAGE_VOL_WIPE_ALG_ZERO       = 0, /* since 0.9.10 */
    VIR_STORAGE_VOL_WIPE_ALG_NNSA       = 1, /* since 0.9.10 */
    VIR_STORAGE_VOL_WIPE_ALG_DOD        = 2, /* since 0.9.10 */
    VIR_STORAGE_VOL_WIPE_ALG_BSI        = 3, /* since 0.9.10 */
    VIR_STORAGE_VOL_WIPE_ALG_GUTMANN    = 4, /* since 0.9.10 */
    VIR_STORAGE_VOL_WIPE_ALG_SCHNEIER   = 5, /* since 0.9.10 */
    VIR_STORAGE_VOL_WIPE_ALG_PFITZNER7  = 6, /* since 0.9.10 */
    VIR_STORAGE_VOL_WIPE_ALG_PFITZNER33 = 7, /* since 0.9.10 */
    VIR_STORAGE_VOL_WIPE_ALG_RANDOM     = 8, /* since 0.9.10 */
    VIR_STORAGE_VOL_WIPE_ALG_TRIM       = 9, /* since 1.3.2 */

# ifdef VIR_ENUM_SENTINELS
    VIR_STORAGE_VOL_WIPE_ALG_LAST       = 10,
# endif
} virStorageVolWipeAlgorithm;

/* virStorageXMLFlags: since 0.9.13 */
typedef enum {
    VIR_STORAGE_XML_INACTIVE = 1 << 0, /* since 0.9.13 */
} virStorageXMLFlags;

/* ---- object and record types ---- */

typedef struct _virStoragePool virStoragePool; /* since 0.4.1 */
typedef struct _virStoragePoolInfo virStoragePoolInfo; /* since 0.4.1 */
typedef struct _virStorageVol virStorageVol; /* since 0.4.1 */
typedef struct _virStorageVolInfo virStorageVolInfo; /* since 0.4.1 */

typedef virStoragePoolInfo *virStoragePoolInfoPtr;
typedef virStoragePool *virStoragePoolPtr;
typedef virStorageVolInfo *virStorageVolInfoPtr;
typedef virStorageVol *virStorageVolPtr;

/* ---- callback types ---- */

/* since 2.0.0 */
typedef void (*virConnectStoragePoolEventGenericCallback)(
    virConnectPtr conn, virStoragePoolPtr pool, void *opaque);

/* since 2.0.0 */
typedef void (*virConnectStoragePoolEventLifecycleCallback)(
    virConnectPtr conn, virStoragePoolPtr pool, int event, int detail,
    void *opaque);

/* ---- record layouts (part of the ABI: never reorder) ---- */

struct _virStoragePoolInfo {
    int state;
    unsigned long long capacity;
    unsigned long long allocation;
    unsigned long long available;
};

struct _virStorageVolInfo {
    int type;
    unsigned long long capacity;
    unsigned long long allocation;
};

/* ---- functions ---- */

char *virConnectFindStoragePoolSources(virConnectPtr conn, const char *type,
                                       const char *srcSpec,
                                       unsigned int flags);
char *virConnectGetStoragePoolCapabilities(virConnectPtr conn,
                                           unsigned int flags);
int virConnectListAllStoragePools(virConnectPtr conn,
                                  virStoragePoolPtr **pools,
                                  unsigned int flags);
int virConnectListDefinedStoragePools(virConnectPtr conn, char ** const names,
                                      int maxnames);
int virConnectListStoragePools(virConnectPtr conn, char ** const names,
                               int maxnames);
int virConnectNumOfDefinedStoragePools(virConnectPtr conn);
int virConnectNumOfStoragePools(virConnectPtr conn);
int virConnectStoragePoolEventDeregisterAny(virConnectPtr conn,
                                            int callbackID);
int virConnectStoragePoolEventRegisterAny(
    virConnectPtr conn, virStoragePoolPtr pool, int eventID,
    virConnectStoragePoolEventGenericCallback cb, void *opaque,
    virFreeCallback freecb);
int virStoragePoolBuild(virStoragePoolPtr pool, unsigned int flags);
int virStoragePoolCreate(virStoragePoolPtr pool, unsigned int flags);
virStoragePoolPtr virStoragePoolCreateXML(virConnectPtr conn,
                                          const char *xmlDesc,
                                          unsigned int flags);
virStoragePoolPtr virStoragePoolDefineXML(virConnectPtr conn, const char *xml,
                                          unsigned int flags);
int virStoragePoolDelete(virStoragePoolPtr pool, unsigned int flags);
int virStoragePoolDestroy(virStoragePoolPtr pool);
int virStoragePoolFree(virStoragePoolPtr pool);
int virStoragePoolGetAutostart(virStoragePoolPtr pool, int *autostart);
virConnectPtr virStoragePoolGetConnect(virStoragePoolPtr pool);
int virStoragePoolGetInfo(virStoragePoolPtr pool, virStoragePoolInfoPtr info);
const char *virStoragePoolGetName(virStoragePoolPtr pool);
int virStoragePoolGetUUID(virStoragePoolPtr pool, unsigned char *uuid);
int virStoragePoolGetUUIDString(virStoragePoolPtr pool, char *buf);
char *virStoragePoolGetXMLDesc(virStoragePoolPtr pool, unsigned int flags);
int virStoragePoolIsActive(virStoragePoolPtr pool);
int virStoragePoolIsPersistent(virStoragePoolPtr pool);
int virStoragePoolListAllVolumes(virStoragePoolPtr pool,
                                 virStorageVolPtr **vols, unsigned int flags);
int virStoragePoolListVolumes(virStoragePoolPtr pool, char ** const names,
                              int maxnames);
virStoragePoolPtr virStoragePoolLookupByName(virConnectPtr conn,
                                             const char *name);
virStoragePoolPtr virStoragePoolLookupByTargetPath(virConnectPtr conn,
                                                   const char *path);
virStoragePoolPtr virStoragePoolLookupByUUID(virConnectPtr conn,
                                             const unsigned char *uuid);
virStoragePoolPtr virStoragePoolLookupByUUIDString(virConnectPtr conn,
                                                   const char *uuidstr);
virStoragePoolPtr virStoragePoolLookupByVolume(virStorageVolPtr vol);
int virStoragePoolNumOfVolumes(virStoragePoolPtr pool);
int virStoragePoolRef(virStoragePoolPtr pool);
int virStoragePoolRefresh(virStoragePoolPtr pool, unsigned int flags);
int virStoragePoolSetAutostart(virStoragePoolPtr pool, int autostart);
int virStoragePoolUndefine(virStoragePoolPtr pool);
virStorageVolPtr virStorageVolCreateXML(virStoragePoolPtr pool,
                                        const char *xmlDesc,
                                        unsigned int flags);
virStorageVolPtr virStorageVolCreateXMLFrom(virStoragePoolPtr pool,
                                            const char *xmlDesc,
                                            virStorageVolPtr clonevol,
                                            unsigned int flags);
int virStorageVolDelete(virStorageVolPtr vol, unsigned int flags);
int virStorageVolDownload(virStorageVolPtr vol, virStreamPtr stream,
                          unsigned long long offset, unsigned long long length,
                          unsigned int flags);
int virStorageVolFree(virStorageVolPtr vol);
virConnectPtr virStorageVolGetConnect(virStorageVolPtr vol);
int virStorageVolGetInfo(virStorageVolPtr vol, virStorageVolInfoPtr info);
int virStorageVolGetInfoFlags(virStorageVolPtr vol, virStorageVolInfoPtr info,
                              unsigned int flags);
const char *virStorageVolGetKey(virStorageVolPtr vol);
const char *virStorageVolGetName(virStorageVolPtr vol);
char *virStorageVolGetPath(virStorageVolPtr vol);
char *virStorageVolGetXMLDesc(virStorageVolPtr vol, unsigned int flags);
virStorageVolPtr virStorageVolLookupByKey(virConnectPtr conn, const char *key);
virStorageVolPtr virStorageVolLookupByName(virStoragePoolPtr pool,
                                           const char *name);
virStorageVolPtr virStorageVolLookupByPath(virConnectPtr conn,
                                           const char *path);
int virStorageVolRef(virStorageVolPtr vol);
int virStorageVolResize(virStorageVolPtr vol, unsigned long long capacity,
                        unsigned int flags);
int virStorageVolUpload(virStorageVolPtr vol, virStreamPtr stream,
                        unsigned long long offset, unsigned long long length,
                        unsigned int flags);
int virStorageVolWipe(virStorageVolPtr vol, unsigned int flags);
int virStorageVolWipePattern(virStorageVolPtr vol, unsigned int algorithm,
                             unsigned int flags);

#endif /* LIBVIRT_STORAGE_H */
