/*
 * test_storage.h: what the files of the test driver's storage share.
 */
#pragma once

#include "test/test_private.h"
#include "conf/storage_obj.h"

/* Pools (test_storage.c).  The lookups return the pool locked and
 * referenced, or NULL with libvirt's error reported. */
void testStoragePoolSetDefaults(nuvStoragePoolDef *def);
nuvStoragePoolObj *testStoragePoolFromHandle(virStoragePoolPtr pool);
int testStoragePoolCheckActive(nuvStoragePoolObj *obj);
nuvStoragePoolObj *testStorageActivePool(virStoragePoolPtr pool);
GPtrArray *testStoragePoolsMatching(testDriver *drv, unsigned int flags);
int testStoragePoolCheckDuplicateSource(testDriver *drv, const nuvStoragePoolDef *def);

/* Volumes (test_storage_vol.c). */
nuvStoragePoolObj *testStorageVolFromHandle(virStorageVolPtr vol, nuvStorageVolObj **out);
char *testStorageVolDefaultPath(const nuvStoragePoolDef *pool, const char *name);
int testStoragePoolNumOfVolumes(virStoragePoolPtr pool);
int testStoragePoolListVolumes(virStoragePoolPtr pool, char **const names, int maxnames);
int testStoragePoolListAllVolumes(virStoragePoolPtr pool, virStorageVolPtr **vols, unsigned int flags);
virStorageVolPtr testStorageVolLookupByName(virStoragePoolPtr pool, const char *name);
virStorageVolPtr testStorageVolLookupByKey(virConnectPtr conn, const char *key);
virStorageVolPtr testStorageVolLookupByPath(virConnectPtr conn, const char *path);
virStorageVolPtr testStorageVolCreateXML(virStoragePoolPtr pool, const char *xml, unsigned int flags);
virStorageVolPtr testStorageVolCreateXMLFrom(virStoragePoolPtr pool, const char *xml, virStorageVolPtr clonevol, unsigned int flags);
int testStorageVolDelete(virStorageVolPtr vol, unsigned int flags);
int testStorageVolGetInfoFlags(virStorageVolPtr vol, virStorageVolInfoPtr info, unsigned int flags);
char *testStorageVolGetXMLDesc(virStorageVolPtr vol, unsigned int flags);
char *testStorageVolGetPath(virStorageVolPtr vol);
int testStorageVolResize(virStorageVolPtr vol, unsigned long long capacity, unsigned int flags);
int testStorageVolWipePattern(virStorageVolPtr vol, unsigned int algorithm, unsigned int flags);
int testStorageVolWipe(virStorageVolPtr vol, unsigned int flags);

/* Volume data through streams (test_storage_stream.c). */
int testStorageVolUpload(virStorageVolPtr vol, virStreamPtr st, unsigned long long offset, unsigned long long length, unsigned int flags);
int testStorageVolDownload(virStorageVolPtr vol, virStreamPtr st, unsigned long long offset, unsigned long long length, unsigned int flags);
