/*
 * storage_driver.h: the host's storage driver, shared by every connection
 * whose hypervisor driver brings no storage table (qemu, lxc).
 *
 * One instance per process, started by nuvStateInitialize() with the
 * daemon's or the embedding application's root.  Pools are kept in a
 * nuvStoragePoolObjList (conf/storage_obj.h); their definitions live in
 * configDir, the running ones are recorded in stateDir so that a restart
 * finds them active again.  What a pool type does on the host (directory,
 * files) is in storage_backend.c; volumes in storage_vol.c; their data
 * through streams in storage_stream.c.
 */
#pragma once

#include <stdbool.h>

#include "driver/driver.h"
#include "driver/event.h"
#include "driver/state.h"
#include "conf/storage_obj.h"

typedef struct _storageDriver storageDriver;
struct _storageDriver {
    bool privileged;
    char *configDir;            /* persistent <pool> documents */
    char *autostartDir;         /* links to those that start with the driver */
    char *stateDir;             /* <pool> documents of the running pools */
    nuvStoragePoolObjList *pools;
    nuvEventState *events;
};

/* The running driver, or NULL with VIR_ERR_OPERATION_INVALID reported.
 * Valid until nuvStateShutdown(), which no API call outlives. */
storageDriver *storageDriverGet(void);

void storagePoolEmitEvent(storageDriver *drv, nuvStoragePoolObj *obj, int type);

/* The pool behind a handle, locked and referenced, or NULL with
 * VIR_ERR_NO_STORAGE_POOL reported; the Active form also requires it to
 * run (VIR_ERR_OPERATION_INVALID). */
nuvStoragePoolObj *storagePoolFromHandle(storageDriver *drv, virStoragePoolPtr pool);
nuvStoragePoolObj *storagePoolActiveFromHandle(storageDriver *drv, virStoragePoolPtr pool);
/* The running pool of a volume handle and the volume in it. */
nuvStoragePoolObj *storageVolFromHandle(storageDriver *drv, virStorageVolPtr vol,
                                        nuvStorageVolObj **out);
/* Active pools, each referenced (not locked), sorted by name. */
GPtrArray *storagePoolsActive(storageDriver *drv);

/* Record the running pool in stateDir, or forget it (errors reported). */
int storagePoolSaveState(storageDriver *drv, nuvStoragePoolObj *obj);
void storagePoolDropState(storageDriver *drv, nuvStoragePoolObj *obj);

extern const nuvStorageDriver storageDriverTable;
extern const nuvStateDriver storageStateDriver;

/* storage_vol.c: the volume slots of the table. */
int storagePoolNumOfVolumes(virStoragePoolPtr pool);
int storagePoolListVolumes(virStoragePoolPtr pool, char **const names, int maxnames);
int storagePoolListAllVolumes(virStoragePoolPtr pool, virStorageVolPtr **vols,
                              unsigned int flags);
virStorageVolPtr storageVolLookupByName(virStoragePoolPtr pool, const char *name);
virStorageVolPtr storageVolLookupByKey(virConnectPtr conn, const char *key);
virStorageVolPtr storageVolLookupByPath(virConnectPtr conn, const char *path);
virStorageVolPtr storageVolCreateXML(virStoragePoolPtr pool, const char *xml,
                                     unsigned int flags);
virStorageVolPtr storageVolCreateXMLFrom(virStoragePoolPtr pool, const char *xml,
                                         virStorageVolPtr clonevol, unsigned int flags);
int storageVolDelete(virStorageVolPtr vol, unsigned int flags);
int storageVolWipe(virStorageVolPtr vol, unsigned int flags);
int storageVolWipePattern(virStorageVolPtr vol, unsigned int algorithm, unsigned int flags);
int storageVolGetInfoFlags(virStorageVolPtr vol, virStorageVolInfoPtr info,
                           unsigned int flags);
char *storageVolGetXMLDesc(virStorageVolPtr vol, unsigned int flags);
char *storageVolGetPath(virStorageVolPtr vol);
int storageVolResize(virStorageVolPtr vol, unsigned long long capacity, unsigned int flags);

/* storage_stream.c */
int storageVolUpload(virStorageVolPtr vol, virStreamPtr st, unsigned long long offset,
                     unsigned long long length, unsigned int flags);
int storageVolDownload(virStorageVolPtr vol, virStreamPtr st, unsigned long long offset,
                       unsigned long long length, unsigned int flags);

/* Registration in the driver registry (from nuvDriversInitialize). */
int storageRegister(void);
