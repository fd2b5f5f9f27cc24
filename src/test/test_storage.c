/*
 * test_storage.c: the test driver's storage pools, and its storage driver
 * table (volumes: test_storage_vol.c; their data through streams:
 * test_storage_stream.c; pools of a node file: test_storage_nodefile.c).
 */
#include <string.h>

#include "util/locks.h"
#include "test/test_private.h"
#include "test/test_storage.h"
#include "conf/storage_obj.h"
#include "util/error.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_TEST

/* What every pool of the test driver reports, as libvirt's does. */
#define TEST_POOL_CAPACITY (100ULL * 1024 * 1024 * 1024)
#define TEST_POOL_ALLOCATION 0ULL

static const char defaultPoolXML[] =
    "<pool type='dir'>"
    "  <name>default-pool</name>"
    "  <uuid>dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566</uuid>"
    "  <target>"
    "    <path>/default-pool</path>"
    "  </target>"
    "</pool>";

void
testStoragePoolSetDefaults(nuvStoragePoolDef *def)
{
    def->capacity = TEST_POOL_CAPACITY;
    def->allocation = TEST_POOL_ALLOCATION;
    def->available = TEST_POOL_CAPACITY - TEST_POOL_ALLOCATION;
}

static void
testStoragePoolEmitEvent(testDriver *drv, nuvStoragePoolObj *obj, int type)
{
    nuvEventQueue(drv->events,
                  nuvStoragePoolEventLifecycleNew(obj->def->name, obj->def->uuid, type, 0));
}

int
testStorageLoadDefault(testDriver *drv)
{
    g_autoptr(nuvStoragePoolDef) def = NULL;
    nuvStoragePoolObj *obj;

    if (!(def = nuvStoragePoolDefParseString(defaultPoolXML)))
        return -1;
    testStoragePoolSetDefaults(def);
    if (!(obj = nuvStoragePoolObjListAdd(drv->pools, &def)))
        return -1;
    obj->active = true;
    obj->persistent = true;
    nuvStoragePoolObjEndAPI(&obj);
    return 0;
}

/* ---- pools ---- */

nuvStoragePoolObj *
testStoragePoolFromHandle(virStoragePoolPtr pool)
{
    nuvStoragePoolObj *obj = nuvStoragePoolObjFindByName(testDriverOf(pool->conn)->pools,
                                                         pool->name);
    if (!obj)
        nuvReportError(VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching name '%s'",
                       pool->name);
    return obj;
}

static nuvStoragePoolObj *
poolFromHandleByUUID(virStoragePoolPtr pool)
{
    nuvStoragePoolObj *obj = nuvStoragePoolObjFindByUUID(testDriverOf(pool->conn)->pools,
                                                         pool->uuid);
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    if (!obj)
        nuvReportError(VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching uuid '%s'",
                       nuvUUIDFormat(pool->uuid, uuidstr));
    return obj;
}

int
testStoragePoolCheckActive(nuvStoragePoolObj *obj)
{
    if (!obj->active) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "storage pool '%s' is not active",
                       obj->def->name);
        return -1;
    }
    return 0;
}

static int
checkPoolInactive(nuvStoragePoolObj *obj)
{
    if (obj->active) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "storage pool '%s' is active",
                       obj->def->name);
        return -1;
    }
    return 0;
}

/* The active pool behind a handle, or NULL with the error reported. */
nuvStoragePoolObj *
testStorageActivePool(virStoragePoolPtr pool)
{
    nuvStoragePoolObj *obj = testStoragePoolFromHandle(pool);

    if (obj && testStoragePoolCheckActive(obj) < 0)
        nuvStoragePoolObjEndAPI(&obj);
    return obj;
}

static virStoragePoolPtr
poolHandle(virConnectPtr conn, nuvStoragePoolObj *obj)
{
    return nuvGetStoragePool(conn, obj->def->name, obj->def->uuid);
}

static bool
poolMatches(nuvStoragePoolObj *obj, unsigned int flags)
{
    unsigned int types = flags & (VIR_CONNECT_LIST_STORAGE_POOLS_DIR |
                                  VIR_CONNECT_LIST_STORAGE_POOLS_FS |
                                  VIR_CONNECT_LIST_STORAGE_POOLS_NETFS |
                                  VIR_CONNECT_LIST_STORAGE_POOLS_LOGICAL |
                                  VIR_CONNECT_LIST_STORAGE_POOLS_DISK |
                                  VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI |
                                  VIR_CONNECT_LIST_STORAGE_POOLS_SCSI |
                                  VIR_CONNECT_LIST_STORAGE_POOLS_MPATH |
                                  VIR_CONNECT_LIST_STORAGE_POOLS_RBD |
                                  VIR_CONNECT_LIST_STORAGE_POOLS_SHEEPDOG |
                                  VIR_CONNECT_LIST_STORAGE_POOLS_GLUSTER |
                                  VIR_CONNECT_LIST_STORAGE_POOLS_ZFS |
                                  VIR_CONNECT_LIST_STORAGE_POOLS_VSTORAGE |
                                  VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI_DIRECT);

    /* Each group (state, persistence, autostart, type) filters only when
     * exactly some of its flags are given, as in libvirt. */
    if ((flags & (VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE |
                  VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE)) &&
        !((flags & VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE) && obj->active) &&
        !((flags & VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE) && !obj->active))
        return false;
    if ((flags & (VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT |
                  VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT)) &&
        !((flags & VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT) && obj->persistent) &&
        !((flags & VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT) && !obj->persistent))
        return false;
    if ((flags & (VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART |
                  VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART)) &&
        !((flags & VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART) && obj->autostart) &&
        !((flags & VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART) && !obj->autostart))
        return false;
    if (types && !(types & nuvStoragePoolTypeListFlag(obj->def->type)))
        return false;
    return true;
}

/* Pools matching @flags, each locked in turn: names or handles, sorted by
 * name so that listings are stable. */
GPtrArray *
testStoragePoolsMatching(testDriver *drv, unsigned int flags)
{
    g_autoptr(GPtrArray) all = nuvStoragePoolObjListCollect(drv->pools);
    GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify) nuvStoragePoolObjUnref);

    for (guint i = 0; i < all->len; i++) {
        nuvStoragePoolObj *obj = g_ptr_array_index(all, i);
        bool keep;

        nuvStoragePoolObjLock(obj);
        keep = !nuvStoragePoolObjIsRemoved(obj) && poolMatches(obj, flags);
        nuvStoragePoolObjUnlock(obj);
        if (keep) {
            nuvStoragePoolObjRef(obj);
            g_ptr_array_add(out, obj);
        }
    }
    return out;
}

static int
countPools(virConnectPtr conn, unsigned int flags)
{
    g_autoptr(GPtrArray) objs = testStoragePoolsMatching(testDriverOf(conn), flags);
    return objs->len;
}

static gint
cmpStr(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
listPoolNames(virConnectPtr conn, unsigned int flags, char **const names, int maxnames)
{
    g_autoptr(GPtrArray) objs = testStoragePoolsMatching(testDriverOf(conn), flags);
    g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func(g_free);
    int n = 0;

    for (guint i = 0; i < objs->len; i++) {
        nuvStoragePoolObj *obj = g_ptr_array_index(objs, i);
        nuvStoragePoolObjLock(obj);
        g_ptr_array_add(found, g_strdup(obj->def->name));
        nuvStoragePoolObjUnlock(obj);
    }
    g_ptr_array_sort(found, cmpStr);
    for (guint i = 0; i < found->len && n < maxnames; i++)
        names[n++] = g_strdup(g_ptr_array_index(found, i));
    return n;
}

static int
testConnectNumOfStoragePools(virConnectPtr conn)
{
    return countPools(conn, VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE);
}

static int
testConnectNumOfDefinedStoragePools(virConnectPtr conn)
{
    return countPools(conn, VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE);
}

static int
testConnectListStoragePools(virConnectPtr conn, char **const names, int maxnames)
{
    return listPoolNames(conn, VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE, names, maxnames);
}

static int
testConnectListDefinedStoragePools(virConnectPtr conn, char **const names, int maxnames)
{
    return listPoolNames(conn, VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE, names, maxnames);
}

static gint
cmpPoolHandle(gconstpointer a, gconstpointer b)
{
    return strcmp((*(virStoragePoolPtr const *)a)->name, (*(virStoragePoolPtr const *)b)->name);
}

static int
testConnectListAllStoragePools(virConnectPtr conn, virStoragePoolPtr **pools,
                               unsigned int flags)
{
    g_autoptr(GPtrArray) objs = NULL;
    GPtrArray *handles;
    int n;

    nuvCheckFlags(VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE |
                  VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE |
                  VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT |
                  VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT |
                  VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART |
                  VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART |
                  VIR_CONNECT_LIST_STORAGE_POOLS_DIR |
                  VIR_CONNECT_LIST_STORAGE_POOLS_FS |
                  VIR_CONNECT_LIST_STORAGE_POOLS_NETFS |
                  VIR_CONNECT_LIST_STORAGE_POOLS_LOGICAL |
                  VIR_CONNECT_LIST_STORAGE_POOLS_DISK |
                  VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI |
                  VIR_CONNECT_LIST_STORAGE_POOLS_SCSI |
                  VIR_CONNECT_LIST_STORAGE_POOLS_MPATH |
                  VIR_CONNECT_LIST_STORAGE_POOLS_RBD |
                  VIR_CONNECT_LIST_STORAGE_POOLS_SHEEPDOG |
                  VIR_CONNECT_LIST_STORAGE_POOLS_GLUSTER |
                  VIR_CONNECT_LIST_STORAGE_POOLS_ZFS |
                  VIR_CONNECT_LIST_STORAGE_POOLS_VSTORAGE |
                  VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI_DIRECT, -1);

    objs = testStoragePoolsMatching(testDriverOf(conn), flags);
    if (!pools)
        return objs->len;
    handles = g_ptr_array_new();
    for (guint i = 0; i < objs->len; i++) {
        nuvStoragePoolObj *obj = g_ptr_array_index(objs, i);
        nuvStoragePoolObjLock(obj);
        g_ptr_array_add(handles, poolHandle(conn, obj));
        nuvStoragePoolObjUnlock(obj);
    }
    g_ptr_array_sort(handles, cmpPoolHandle);
    n = handles->len;
    g_ptr_array_add(handles, NULL);
    *pools = (virStoragePoolPtr *)g_ptr_array_free(handles, FALSE);
    return n;
}

static virStoragePoolPtr
testStoragePoolLookupByName(virConnectPtr conn, const char *name)
{
    nuvStoragePoolObj *obj = nuvStoragePoolObjFindByName(testDriverOf(conn)->pools, name);
    virStoragePoolPtr ret;

    if (!obj) {
        nuvReportError(VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching name '%s'",
                       name);
        return NULL;
    }
    ret = poolHandle(conn, obj);
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

static virStoragePoolPtr
testStoragePoolLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    nuvStoragePoolObj *obj = nuvStoragePoolObjFindByUUID(testDriverOf(conn)->pools, uuid);
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    virStoragePoolPtr ret;

    if (!obj) {
        nuvReportError(VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching uuid '%s'",
                       nuvUUIDFormat(uuid, uuidstr));
        return NULL;
    }
    ret = poolHandle(conn, obj);
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

static virStoragePoolPtr
testStoragePoolLookupByVolume(virStorageVolPtr vol)
{
    return testStoragePoolLookupByName(vol->conn, vol->pool);
}

static virStoragePoolPtr
testStoragePoolLookupByTargetPath(virConnectPtr conn, const char *path)
{
    g_autoptr(GPtrArray) objs = testStoragePoolsMatching(testDriverOf(conn),
                                              VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE);
    g_autofree char *clean = g_canonicalize_filename(path, "/");
    virStoragePoolPtr ret = NULL;

    for (guint i = 0; i < objs->len && !ret; i++) {
        nuvStoragePoolObj *obj = g_ptr_array_index(objs, i);
        nuvStoragePoolObjLock(obj);
        if (obj->active && obj->def->targetPath &&
            strcmp(obj->def->targetPath, clean) == 0)
            ret = poolHandle(conn, obj);
        nuvStoragePoolObjUnlock(obj);
    }
    if (!ret)
        nuvReportError(VIR_ERR_NO_STORAGE_POOL,
                       "no storage pool with matching target path '%s'", path);
    return ret;
}

/* Another pool with the same local target is the one conflict libvirt's
 * test driver can see between definitions. */
int
testStoragePoolCheckDuplicateSource(testDriver *drv, const nuvStoragePoolDef *def)
{
    g_autoptr(GPtrArray) objs = nuvStoragePoolObjListCollect(drv->pools);
    int ret = 0;

    if (!def->targetPath)
        return 0;
    for (guint i = 0; i < objs->len && ret == 0; i++) {
        nuvStoragePoolObj *obj = g_ptr_array_index(objs, i);
        nuvStoragePoolObjLock(obj);
        if (strcmp(obj->def->name, def->name) != 0 && obj->def->type == def->type &&
            obj->def->targetPath && strcmp(obj->def->targetPath, def->targetPath) == 0) {
            nuvReportErrorFrom(VIR_FROM_STORAGE, VIR_ERR_OPERATION_FAILED,
                               "Storage source conflict with pool: '%s'",
                               obj->def->name);
            ret = -1;
        }
        nuvStoragePoolObjUnlock(obj);
    }
    return ret;
}

static virStoragePoolPtr
testStoragePoolDefineXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    testDriver *drv = testDriverOf(conn);
    g_autoptr(nuvStoragePoolDef) def = NULL;
    nuvStoragePoolObj *obj;
    virStoragePoolPtr ret;

    nuvCheckFlags(VIR_STORAGE_POOL_DEFINE_VALIDATE, NULL);

    if (!(def = nuvStoragePoolDefParseString(xml)))
        return NULL;
    testStoragePoolSetDefaults(def);
    if (testStoragePoolCheckDuplicateSource(drv, def) < 0)
        return NULL;
    if (!(obj = nuvStoragePoolObjListAdd(drv->pools, &def)))
        return NULL;
    obj->persistent = true;
    testStoragePoolEmitEvent(drv, obj, VIR_STORAGE_POOL_EVENT_DEFINED);
    ret = poolHandle(conn, obj);
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

static virStoragePoolPtr
testStoragePoolCreateXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    testDriver *drv = testDriverOf(conn);
    g_autoptr(nuvStoragePoolDef) def = NULL;
    nuvStoragePoolObj *obj;
    virStoragePoolPtr ret;

    nuvCheckFlags(VIR_STORAGE_POOL_CREATE_WITH_BUILD |
                  VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE |
                  VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE, NULL);
    nuvExclusiveFlags(VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE,
                      VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE, NULL);

    if (!(def = nuvStoragePoolDefParseString(xml)))
        return NULL;
    testStoragePoolSetDefaults(def);
    if ((obj = nuvStoragePoolObjFindByUUID(drv->pools, def->uuid)) ||
        (obj = nuvStoragePoolObjFindByName(drv->pools, def->name))) {
        char uuidstr[VIR_UUID_STRING_BUFLEN];
        nuvReportErrorFrom(VIR_FROM_STORAGE, VIR_ERR_OPERATION_FAILED,
                           "pool '%s' already exists with uuid %s", obj->def->name,
                           nuvUUIDFormat(obj->def->uuid, uuidstr));
        nuvStoragePoolObjEndAPI(&obj);
        return NULL;
    }
    if (testStoragePoolCheckDuplicateSource(drv, def) < 0)
        return NULL;
    if (!(obj = nuvStoragePoolObjListAdd(drv->pools, &def)))
        return NULL;
    obj->active = true;
    testStoragePoolEmitEvent(drv, obj, VIR_STORAGE_POOL_EVENT_STARTED);
    ret = poolHandle(conn, obj);
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

static int
testStoragePoolUndefine(virStoragePoolPtr pool)
{
    testDriver *drv = testDriverOf(pool->conn);
    nuvStoragePoolObj *obj = testStoragePoolFromHandle(pool);

    if (!obj)
        return -1;
    if (checkPoolInactive(obj) < 0) {
        nuvStoragePoolObjEndAPI(&obj);
        return -1;
    }
    testStoragePoolEmitEvent(drv, obj, VIR_STORAGE_POOL_EVENT_UNDEFINED);
    nuvStoragePoolObjListRemove(drv->pools, obj);
    nuvStoragePoolObjEndAPI(&obj);
    return 0;
}

static int
testStoragePoolBuild(virStoragePoolPtr pool, unsigned int flags)
{
    nuvStoragePoolObj *obj;
    int ret = -1;

    nuvCheckFlags(VIR_STORAGE_POOL_BUILD_NEW | VIR_STORAGE_POOL_BUILD_REPAIR |
                  VIR_STORAGE_POOL_BUILD_RESIZE | VIR_STORAGE_POOL_BUILD_NO_OVERWRITE |
                  VIR_STORAGE_POOL_BUILD_OVERWRITE, -1);

    if (!(obj = testStoragePoolFromHandle(pool)))
        return -1;
    if (checkPoolInactive(obj) == 0) {
        nuvEventQueue(testDriverOf(pool->conn)->events,
                      nuvStoragePoolEventLifecycleNew(obj->def->name, obj->def->uuid,
                                                      VIR_STORAGE_POOL_EVENT_CREATED, 0));
        ret = 0;
    }
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

static int
testStoragePoolCreate(virStoragePoolPtr pool, unsigned int flags)
{
    nuvStoragePoolObj *obj;
    int ret = -1;

    nuvCheckFlags(VIR_STORAGE_POOL_CREATE_WITH_BUILD |
                  VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE |
                  VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE, -1);
    nuvExclusiveFlags(VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE,
                      VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE, -1);

    if (!(obj = testStoragePoolFromHandle(pool)))
        return -1;
    if (checkPoolInactive(obj) == 0) {
        obj->active = true;
        testStoragePoolEmitEvent(testDriverOf(pool->conn), obj, VIR_STORAGE_POOL_EVENT_STARTED);
        ret = 0;
    }
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

static int
testStoragePoolDestroy(virStoragePoolPtr pool)
{
    testDriver *drv = testDriverOf(pool->conn);
    nuvStoragePoolObj *obj;

    if (!(obj = testStoragePoolFromHandle(pool)))
        return -1;
    if (testStoragePoolCheckActive(obj) < 0) {
        nuvStoragePoolObjEndAPI(&obj);
        return -1;
    }
    obj->active = false;
    testStoragePoolEmitEvent(drv, obj, VIR_STORAGE_POOL_EVENT_STOPPED);
    if (!obj->persistent)
        nuvStoragePoolObjListRemove(drv->pools, obj);
    nuvStoragePoolObjEndAPI(&obj);
    return 0;
}

static int
testStoragePoolDelete(virStoragePoolPtr pool, unsigned int flags)
{
    nuvStoragePoolObj *obj;
    int ret = -1;

    nuvCheckFlags(VIR_STORAGE_POOL_DELETE_NORMAL | VIR_STORAGE_POOL_DELETE_ZEROED, -1);

    if (!(obj = testStoragePoolFromHandle(pool)))
        return -1;
    if (checkPoolInactive(obj) == 0) {
        nuvEventQueue(testDriverOf(pool->conn)->events,
                      nuvStoragePoolEventLifecycleNew(obj->def->name, obj->def->uuid,
                                                      VIR_STORAGE_POOL_EVENT_DELETED, 0));
        ret = 0;
    }
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

static int
testStoragePoolRefresh(virStoragePoolPtr pool, unsigned int flags)
{
    nuvStoragePoolObj *obj;

    nuvCheckFlags(0, -1);
    if (!(obj = testStorageActivePool(pool)))
        return -1;
    nuvEventQueue(testDriverOf(pool->conn)->events,
                  nuvStoragePoolEventRefreshNew(obj->def->name, obj->def->uuid));
    nuvStoragePoolObjEndAPI(&obj);
    return 0;
}

static int
testStoragePoolGetInfo(virStoragePoolPtr pool, virStoragePoolInfoPtr info)
{
    nuvStoragePoolObj *obj = testStoragePoolFromHandle(pool);

    if (!obj)
        return -1;
    memset(info, 0, sizeof(*info));
    info->state = obj->active ? VIR_STORAGE_POOL_RUNNING : VIR_STORAGE_POOL_INACTIVE;
    info->capacity = obj->def->capacity;
    info->allocation = obj->def->allocation;
    info->available = obj->def->available;
    nuvStoragePoolObjEndAPI(&obj);
    return 0;
}

static char *
testStoragePoolGetXMLDesc(virStoragePoolPtr pool, unsigned int flags)
{
    nuvStoragePoolObj *obj;
    char *ret;

    nuvCheckFlags(VIR_STORAGE_XML_INACTIVE, NULL);
    if (!(obj = testStoragePoolFromHandle(pool)))
        return NULL;
    ret = nuvStoragePoolDefFormat(obj->def);
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

static int
testStoragePoolGetAutostart(virStoragePoolPtr pool, int *autostart)
{
    nuvStoragePoolObj *obj = testStoragePoolFromHandle(pool);

    if (!obj)
        return -1;
    *autostart = obj->persistent && obj->autostart;
    nuvStoragePoolObjEndAPI(&obj);
    return 0;
}

static int
testStoragePoolSetAutostart(virStoragePoolPtr pool, int autostart)
{
    nuvStoragePoolObj *obj = testStoragePoolFromHandle(pool);
    int ret = -1;

    if (!obj)
        return -1;
    if (!obj->persistent) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s", "pool has no config file");
    } else {
        obj->autostart = autostart != 0;
        ret = 0;
    }
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

static int
testStoragePoolIsActive(virStoragePoolPtr pool)
{
    nuvStoragePoolObj *obj = poolFromHandleByUUID(pool);
    int ret;

    if (!obj)
        return -1;
    ret = obj->active;
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

static int
testStoragePoolIsPersistent(virStoragePoolPtr pool)
{
    nuvStoragePoolObj *obj = poolFromHandleByUUID(pool);
    int ret;

    if (!obj)
        return -1;
    ret = obj->persistent;
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}


static int
testConnectStoragePoolEventRegisterAny(virConnectPtr conn, virStoragePoolPtr pool,
                                       int eventID,
                                       virConnectStoragePoolEventGenericCallback cb,
                                       void *opaque, virFreeCallback freecb)
{
    return nuvEventRegisterStoragePool(testDriverOf(conn)->events, conn, pool, eventID, cb,
                                       opaque, freecb);
}

static int
testConnectStoragePoolEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    return nuvEventDeregister(testDriverOf(conn)->events, conn, callbackID);
}

const nuvStorageDriver testStorageDriver = {
    .name = "Test",
    .connectNumOfStoragePools = testConnectNumOfStoragePools, /* 0.5.0 */
    .connectListStoragePools = testConnectListStoragePools, /* 0.5.0 */
    .connectNumOfDefinedStoragePools = testConnectNumOfDefinedStoragePools, /* 0.5.0 */
    .connectListDefinedStoragePools = testConnectListDefinedStoragePools, /* 0.5.0 */
    .connectListAllStoragePools = testConnectListAllStoragePools, /* 0.10.2 */
    .connectStoragePoolEventRegisterAny = testConnectStoragePoolEventRegisterAny, /* 2.0.0 */
    .connectStoragePoolEventDeregisterAny = testConnectStoragePoolEventDeregisterAny, /* 2.0.0 */
    .storagePoolLookupByName = testStoragePoolLookupByName, /* 0.5.0 */
    .storagePoolLookupByUUID = testStoragePoolLookupByUUID, /* 0.5.0 */
    .storagePoolLookupByVolume = testStoragePoolLookupByVolume, /* 0.5.0 */
    .storagePoolLookupByTargetPath = testStoragePoolLookupByTargetPath, /* nuvirt */
    .storagePoolCreateXML = testStoragePoolCreateXML, /* 0.5.0 */
    .storagePoolDefineXML = testStoragePoolDefineXML, /* 0.5.0 */
    .storagePoolBuild = testStoragePoolBuild, /* 0.5.0 */
    .storagePoolUndefine = testStoragePoolUndefine, /* 0.5.0 */
    .storagePoolCreate = testStoragePoolCreate, /* 0.5.0 */
    .storagePoolDestroy = testStoragePoolDestroy, /* 0.5.0 */
    .storagePoolDelete = testStoragePoolDelete, /* 0.5.0 */
    .storagePoolRefresh = testStoragePoolRefresh, /* 0.5.0 */
    .storagePoolGetInfo = testStoragePoolGetInfo, /* 0.5.0 */
    .storagePoolGetXMLDesc = testStoragePoolGetXMLDesc, /* 0.5.0 */
    .storagePoolGetAutostart = testStoragePoolGetAutostart, /* 0.5.0 */
    .storagePoolSetAutostart = testStoragePoolSetAutostart, /* 0.5.0 */
    .storagePoolNumOfVolumes = testStoragePoolNumOfVolumes, /* 0.5.0 */
    .storagePoolListVolumes = testStoragePoolListVolumes, /* 0.5.0 */
    .storagePoolListAllVolumes = testStoragePoolListAllVolumes, /* 0.10.2 */
    .storagePoolIsActive = testStoragePoolIsActive, /* 0.7.3 */
    .storagePoolIsPersistent = testStoragePoolIsPersistent, /* 0.7.3 */
    .storageVolLookupByName = testStorageVolLookupByName, /* 0.5.0 */
    .storageVolLookupByKey = testStorageVolLookupByKey, /* 0.5.0 */
    .storageVolLookupByPath = testStorageVolLookupByPath, /* 0.5.0 */
    .storageVolCreateXML = testStorageVolCreateXML, /* 0.5.0 */
    .storageVolCreateXMLFrom = testStorageVolCreateXMLFrom, /* 0.6.4 */
    .storageVolDelete = testStorageVolDelete, /* 0.5.0 */
    .storageVolWipe = testStorageVolWipe, /* nuvirt */
    .storageVolWipePattern = testStorageVolWipePattern, /* nuvirt */
    .storageVolGetInfoFlags = testStorageVolGetInfoFlags, /* 3.0.0 */
    .storageVolGetXMLDesc = testStorageVolGetXMLDesc, /* 0.5.0 */
    .storageVolGetPath = testStorageVolGetPath, /* 0.5.0 */
    .storageVolResize = testStorageVolResize, /* nuvirt */
    .storageVolUpload = testStorageVolUpload, /* nuvirt */
    .storageVolDownload = testStorageVolDownload, /* nuvirt */
};
