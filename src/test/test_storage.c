/*
 * test_storage.c: storage pools and volumes of the test driver, kept in
 * memory, with libvirt's test-driver semantics (every pool reports 100 GiB,
 * volumes live at <pool target>/<name>) plus volume contents: uploads and
 * downloads go through an in-process stream, and an upload only reaches
 * the volume when its stream finishes.
 */
#include <string.h>

#include "test/test_private.h"
#include "conf/storage_obj.h"
#include "util/error.h"
#include "util/eventloop.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_TEST

/* What every pool of the test driver reports, as libvirt's does. */
#define TEST_POOL_CAPACITY (100ULL * 1024 * 1024 * 1024)
#define TEST_POOL_ALLOCATION 0ULL

/* Volume contents are kept in memory: this bounds one volume's data. */
#define TEST_VOL_DATA_MAX (256ULL * 1024 * 1024)

static const char defaultPoolXML[] =
    "<pool type='dir'>"
    "  <name>default-pool</name>"
    "  <uuid>dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566</uuid>"
    "  <target>"
    "    <path>/default-pool</path>"
    "  </target>"
    "</pool>";

static void
poolSetDefaults(nuvStoragePoolDef *def)
{
    def->capacity = TEST_POOL_CAPACITY;
    def->allocation = TEST_POOL_ALLOCATION;
    def->available = TEST_POOL_CAPACITY - TEST_POOL_ALLOCATION;
}

static void
emitPoolEvent(testDriver *drv, nuvStoragePoolObj *obj, int type)
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
    poolSetDefaults(def);
    if (!(obj = nuvStoragePoolObjListAdd(drv->pools, &def)))
        return -1;
    obj->active = true;
    obj->persistent = true;
    nuvStoragePoolObjEndAPI(&obj);
    return 0;
}

/* ---- pools ---- */

static nuvStoragePoolObj *
poolFromHandle(virStoragePoolPtr pool)
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

static int
checkPoolActive(nuvStoragePoolObj *obj)
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
static nuvStoragePoolObj *
activePool(virStoragePoolPtr pool)
{
    nuvStoragePoolObj *obj = poolFromHandle(pool);

    if (obj && checkPoolActive(obj) < 0)
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
static GPtrArray *
poolsMatching(testDriver *drv, unsigned int flags)
{
    g_autoptr(GPtrArray) all = nuvStoragePoolObjListCollect(drv->pools);
    GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify) nuvStoragePoolObjUnref);

    for (guint i = 0; i < all->len; i++) {
        nuvStoragePoolObj *obj = g_ptr_array_index(all, i);
        bool keep;

        g_mutex_lock(&obj->lock);
        keep = !obj->removed && poolMatches(obj, flags);
        g_mutex_unlock(&obj->lock);
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
    g_autoptr(GPtrArray) objs = poolsMatching(testDriverOf(conn), flags);
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
    g_autoptr(GPtrArray) objs = poolsMatching(testDriverOf(conn), flags);
    g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func(g_free);
    int n = 0;

    for (guint i = 0; i < objs->len; i++) {
        nuvStoragePoolObj *obj = g_ptr_array_index(objs, i);
        g_mutex_lock(&obj->lock);
        g_ptr_array_add(found, g_strdup(obj->def->name));
        g_mutex_unlock(&obj->lock);
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

    objs = poolsMatching(testDriverOf(conn), flags);
    if (!pools)
        return objs->len;
    handles = g_ptr_array_new();
    for (guint i = 0; i < objs->len; i++) {
        nuvStoragePoolObj *obj = g_ptr_array_index(objs, i);
        g_mutex_lock(&obj->lock);
        g_ptr_array_add(handles, poolHandle(conn, obj));
        g_mutex_unlock(&obj->lock);
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
    g_autoptr(GPtrArray) objs = poolsMatching(testDriverOf(conn),
                                              VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE);
    g_autofree char *clean = g_canonicalize_filename(path, "/");
    virStoragePoolPtr ret = NULL;

    for (guint i = 0; i < objs->len && !ret; i++) {
        nuvStoragePoolObj *obj = g_ptr_array_index(objs, i);
        g_mutex_lock(&obj->lock);
        if (obj->active && obj->def->targetPath &&
            strcmp(obj->def->targetPath, clean) == 0)
            ret = poolHandle(conn, obj);
        g_mutex_unlock(&obj->lock);
    }
    if (!ret)
        nuvReportError(VIR_ERR_NO_STORAGE_POOL,
                       "no storage pool with matching target path '%s'", path);
    return ret;
}

/* Another pool with the same local target is the one conflict libvirt's
 * test driver can see between definitions. */
static int
checkDuplicateSource(testDriver *drv, const nuvStoragePoolDef *def)
{
    g_autoptr(GPtrArray) objs = nuvStoragePoolObjListCollect(drv->pools);
    int ret = 0;

    if (!def->targetPath)
        return 0;
    for (guint i = 0; i < objs->len && ret == 0; i++) {
        nuvStoragePoolObj *obj = g_ptr_array_index(objs, i);
        g_mutex_lock(&obj->lock);
        if (strcmp(obj->def->name, def->name) != 0 && obj->def->type == def->type &&
            obj->def->targetPath && strcmp(obj->def->targetPath, def->targetPath) == 0) {
            nuvErrorReportFull(VIR_FROM_STORAGE, VIR_ERR_OPERATION_FAILED, __FILE__, __func__,
                               __LINE__, "Storage source conflict with pool: '%s'",
                               obj->def->name);
            ret = -1;
        }
        g_mutex_unlock(&obj->lock);
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
    poolSetDefaults(def);
    if (checkDuplicateSource(drv, def) < 0)
        return NULL;
    if (!(obj = nuvStoragePoolObjListAdd(drv->pools, &def)))
        return NULL;
    obj->persistent = true;
    emitPoolEvent(drv, obj, VIR_STORAGE_POOL_EVENT_DEFINED);
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
    poolSetDefaults(def);
    if ((obj = nuvStoragePoolObjFindByUUID(drv->pools, def->uuid)) ||
        (obj = nuvStoragePoolObjFindByName(drv->pools, def->name))) {
        char uuidstr[VIR_UUID_STRING_BUFLEN];
        nuvErrorReportFull(VIR_FROM_STORAGE, VIR_ERR_OPERATION_FAILED, __FILE__, __func__,
                           __LINE__, "pool '%s' already exists with uuid %s", obj->def->name,
                           nuvUUIDFormat(obj->def->uuid, uuidstr));
        nuvStoragePoolObjEndAPI(&obj);
        return NULL;
    }
    if (checkDuplicateSource(drv, def) < 0)
        return NULL;
    if (!(obj = nuvStoragePoolObjListAdd(drv->pools, &def)))
        return NULL;
    obj->active = true;
    emitPoolEvent(drv, obj, VIR_STORAGE_POOL_EVENT_STARTED);
    ret = poolHandle(conn, obj);
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

static int
testStoragePoolUndefine(virStoragePoolPtr pool)
{
    testDriver *drv = testDriverOf(pool->conn);
    nuvStoragePoolObj *obj = poolFromHandle(pool);

    if (!obj)
        return -1;
    if (checkPoolInactive(obj) < 0) {
        nuvStoragePoolObjEndAPI(&obj);
        return -1;
    }
    emitPoolEvent(drv, obj, VIR_STORAGE_POOL_EVENT_UNDEFINED);
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

    if (!(obj = poolFromHandle(pool)))
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

    if (!(obj = poolFromHandle(pool)))
        return -1;
    if (checkPoolInactive(obj) == 0) {
        obj->active = true;
        emitPoolEvent(testDriverOf(pool->conn), obj, VIR_STORAGE_POOL_EVENT_STARTED);
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

    if (!(obj = poolFromHandle(pool)))
        return -1;
    if (checkPoolActive(obj) < 0) {
        nuvStoragePoolObjEndAPI(&obj);
        return -1;
    }
    obj->active = false;
    emitPoolEvent(drv, obj, VIR_STORAGE_POOL_EVENT_STOPPED);
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

    if (!(obj = poolFromHandle(pool)))
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
    if (!(obj = activePool(pool)))
        return -1;
    nuvEventQueue(testDriverOf(pool->conn)->events,
                  nuvStoragePoolEventRefreshNew(obj->def->name, obj->def->uuid));
    nuvStoragePoolObjEndAPI(&obj);
    return 0;
}

static int
testStoragePoolGetInfo(virStoragePoolPtr pool, virStoragePoolInfoPtr info)
{
    nuvStoragePoolObj *obj = poolFromHandle(pool);

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
    if (!(obj = poolFromHandle(pool)))
        return NULL;
    ret = nuvStoragePoolDefFormat(obj->def);
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

static int
testStoragePoolGetAutostart(virStoragePoolPtr pool, int *autostart)
{
    nuvStoragePoolObj *obj = poolFromHandle(pool);

    if (!obj)
        return -1;
    *autostart = obj->persistent && obj->autostart;
    nuvStoragePoolObjEndAPI(&obj);
    return 0;
}

static int
testStoragePoolSetAutostart(virStoragePoolPtr pool, int autostart)
{
    nuvStoragePoolObj *obj = poolFromHandle(pool);
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

/* ---- volumes ---- */

static virStorageVolPtr
volHandle(virConnectPtr conn, nuvStoragePoolObj *obj, nuvStorageVolObj *vol)
{
    return nuvGetStorageVol(conn, obj->def->name, vol->def->name, vol->def->key);
}

static int
testStoragePoolNumOfVolumes(virStoragePoolPtr pool)
{
    nuvStoragePoolObj *obj = activePool(pool);
    int ret;

    if (!obj)
        return -1;
    ret = obj->volumes->len;
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

static int
testStoragePoolListVolumes(virStoragePoolPtr pool, char **const names, int maxnames)
{
    nuvStoragePoolObj *obj = activePool(pool);
    int n = 0;

    if (!obj)
        return -1;
    for (guint i = 0; i < obj->volumes->len && n < maxnames; i++) {
        nuvStorageVolObj *vol = g_ptr_array_index(obj->volumes, i);
        names[n++] = g_strdup(vol->def->name);
    }
    nuvStoragePoolObjEndAPI(&obj);
    return n;
}

static int
testStoragePoolListAllVolumes(virStoragePoolPtr pool, virStorageVolPtr **vols,
                              unsigned int flags)
{
    nuvStoragePoolObj *obj;
    int n;

    nuvCheckFlags(0, -1);
    if (!(obj = poolFromHandle(pool)))
        return -1;
    if (!obj->active) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s", "storage pool is not active");
        nuvStoragePoolObjEndAPI(&obj);
        return -1;
    }
    n = obj->volumes->len;
    if (vols) {
        *vols = g_new0(virStorageVolPtr, n + 1);
        for (int i = 0; i < n; i++)
            (*vols)[i] = volHandle(pool->conn, obj, g_ptr_array_index(obj->volumes, i));
    }
    nuvStoragePoolObjEndAPI(&obj);
    return n;
}

/* The active pool of a volume handle, and the volume in it. */
static nuvStoragePoolObj *
volFromHandle(virStorageVolPtr vol, nuvStorageVolObj **out)
{
    nuvStoragePoolObj *obj = nuvStoragePoolObjFindByName(testDriverOf(vol->conn)->pools,
                                                         vol->pool);

    if (!obj) {
        nuvReportError(VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching name '%s'",
                       vol->pool);
        return NULL;
    }
    if (checkPoolActive(obj) < 0) {
        nuvStoragePoolObjEndAPI(&obj);
        return NULL;
    }
    if (!(*out = nuvStoragePoolObjFindVol(obj, vol->name))) {
        nuvReportError(VIR_ERR_NO_STORAGE_VOL, "no storage vol with matching name '%s'",
                       vol->name);
        nuvStoragePoolObjEndAPI(&obj);
        return NULL;
    }
    return obj;
}

static virStorageVolPtr
testStorageVolLookupByName(virStoragePoolPtr pool, const char *name)
{
    nuvStoragePoolObj *obj = activePool(pool);
    nuvStorageVolObj *vol;
    virStorageVolPtr ret = NULL;

    if (!obj)
        return NULL;
    if (!(vol = nuvStoragePoolObjFindVol(obj, name)))
        nuvReportError(VIR_ERR_NO_STORAGE_VOL, "no storage vol with matching name '%s'", name);
    else
        ret = volHandle(pool->conn, obj, vol);
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

static virStorageVolPtr
volLookupAcross(virConnectPtr conn, const char *what, bool byKey)
{
    g_autoptr(GPtrArray) objs = poolsMatching(testDriverOf(conn),
                                              VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE);
    virStorageVolPtr ret = NULL;

    /* When several pools hold a match, the one whose pool name sorts
     * first wins, so that the answer does not depend on hash order. */
    for (guint i = 0; i < objs->len; i++) {
        nuvStoragePoolObj *obj = g_ptr_array_index(objs, i);
        nuvStorageVolObj *vol;

        g_mutex_lock(&obj->lock);
        if (obj->active && !obj->removed &&
            (!ret || strcmp(obj->def->name, ret->pool) < 0)) {
            vol = byKey ? nuvStoragePoolObjFindVolByKey(obj, what)
                        : nuvStoragePoolObjFindVolByPath(obj, what);
            if (vol) {
                if (ret)
                    nuvHandleUnref(ret);
                ret = volHandle(conn, obj, vol);
            }
        }
        g_mutex_unlock(&obj->lock);
    }
    if (!ret)
        nuvReportError(VIR_ERR_NO_STORAGE_VOL, "no storage vol with matching %s '%s'",
                       byKey ? "key" : "path", what);
    return ret;
}

static virStorageVolPtr
testStorageVolLookupByKey(virConnectPtr conn, const char *key)
{
    return volLookupAcross(conn, key, true);
}

static virStorageVolPtr
testStorageVolLookupByPath(virConnectPtr conn, const char *path)
{
    return volLookupAcross(conn, path, false);
}

/* Where a volume of @pool called @name lives: under the pool's target.
 * A pool without a local target (rbd, gluster, ...) gives the text stock
 * libvirt's test driver prints there, "(null)/NAME", so that scripts see
 * the same paths and keys. */
static char *
volDefaultPath(const nuvStoragePoolDef *pool, const char *name)
{
    return g_strdup_printf("%s/%s", pool->targetPath ? pool->targetPath : "(null)", name);
}

/* Check a new volume against its pool and place it there (pool locked). */
static virStorageVolPtr
addVolume(virConnectPtr conn, nuvStoragePoolObj *obj, nuvStorageVolDef **def,
          const GByteArray *data)
{
    nuvStorageVolObj *vol;

    if (nuvStoragePoolObjFindVol(obj, (*def)->name)) {
        nuvReportError(VIR_ERR_OPERATION_FAILED, "%s", "storage vol already exists");
        return NULL;
    }
    if (obj->def->allocation + (*def)->allocation > obj->def->capacity) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR,
                       "Not enough free space in pool for volume '%s'", (*def)->name);
        return NULL;
    }
    g_free((*def)->path);
    g_free((*def)->key);
    (*def)->path = volDefaultPath(obj->def, (*def)->name);
    (*def)->key = g_strdup((*def)->path);
    obj->def->allocation += (*def)->allocation;
    obj->def->available = obj->def->capacity - obj->def->allocation;
    vol = nuvStoragePoolObjAddVol(obj, g_steal_pointer(def));
    if (data && data->len) {
        guint len = MIN((unsigned long long)data->len, vol->def->capacity);
        vol->data = g_byte_array_sized_new(len);
        g_byte_array_append(vol->data, data->data, len);
    }
    return volHandle(conn, obj, vol);
}

/* ---- pools of a node file ---- */

/* The raw text of a <key> or <target><path> as the volume XML gives it;
 * NULL when absent or empty, as libvirt reads them. */
static char *
volGivenText(const nuvXNode *parent, const char *name)
{
    const nuvXNode *n = nuvXNodeChild(parent, name);

    if (!n || !n->text || !*n->text)
        return NULL;
    return g_strdup(n->text);
}

/* libvirt fails on a volume that clashes with another of its pool (by
 * name, key or path) without setting an error, so clients see code 1;
 * we keep the code and say what happened. */
static int
nodeVolCheckUnique(nuvStoragePoolObj *obj, const nuvStorageVolDef *def)
{
    const char *what = NULL;

    if (nuvStoragePoolObjFindVol(obj, def->name))
        what = "name";
    else if (nuvStoragePoolObjFindVolByKey(obj, def->key))
        what = "key";
    else if (nuvStoragePoolObjFindVolByPath(obj, def->path))
        what = "path";
    if (what) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR,
                       "volume '%s' of storage pool '%s' has the %s of another volume",
                       def->name, obj->def->name, what);
        return -1;
    }
    return 0;
}

/* One volume of a node file's pool (pool locked): the key and path the
 * XML gives are kept, missing ones filled as the test driver fills them,
 * and the pool's allocation grows by the volume's without a capacity
 * check (libvirt lets a node file overcommit its pool). */
static int
nodeVolLoad(nuvStoragePoolObj *obj, const char *xml)
{
    g_autoptr(nuvStorageVolDef) def = NULL;

    if (!(def = nuvStorageVolDefParseString(obj->def->type, xml)))
        return -1;
    g_free(def->key);
    g_free(def->path);
    def->key = volGivenText(def->tree, "key");
    def->path = volGivenText(nuvXNodeChild(def->tree, "target"), "path");
    if (!def->path)
        def->path = volDefaultPath(obj->def, def->name);
    if (!def->key)
        def->key = g_strdup(def->path);
    if (nodeVolCheckUnique(obj, def) < 0)
        return -1;
    obj->def->allocation += def->allocation;
    obj->def->available = obj->def->capacity - obj->def->allocation;
    nuvStoragePoolObjAddVol(obj, g_steal_pointer(&def));
    return 0;
}

int
testStorageLoadNodePools(testDriver *drv)
{
    for (guint i = 0; i < drv->nodePools->len; i++) {
        testNodePool *np = g_ptr_array_index(drv->nodePools, i);
        g_autoptr(nuvStoragePoolDef) def = NULL;
        nuvStoragePoolObj *obj;

        if (!(def = nuvStoragePoolDefParseString(np->xml)) ||
            checkDuplicateSource(drv, def) < 0 ||
            !(obj = nuvStoragePoolObjListAdd(drv->pools, &def)))
            return -1;
        /* A pool listed again (same name and UUID) takes the new
         * definition and fresh sizes: its earlier volumes stay, but its
         * allocation counts only the volumes listed from here on. */
        poolSetDefaults(obj->def);
        obj->active = true;
        obj->persistent = true;
        for (guint j = 0; j < np->volumes->len; j++) {
            if (nodeVolLoad(obj, g_ptr_array_index(np->volumes, j)) < 0) {
                nuvStoragePoolObjEndAPI(&obj);
                return -1;
            }
        }
        nuvStoragePoolObjEndAPI(&obj);
    }
    return 0;
}

static virStorageVolPtr
testStorageVolCreateXML(virStoragePoolPtr pool, const char *xml, unsigned int flags)
{
    g_autoptr(nuvStorageVolDef) def = NULL;
    nuvStoragePoolObj *obj;
    virStorageVolPtr ret;

    nuvCheckFlags(VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA |
                  VIR_STORAGE_VOL_CREATE_REFLINK |
                  VIR_STORAGE_VOL_CREATE_VALIDATE, NULL);
    if (!(obj = activePool(pool)))
        return NULL;
    if (!(def = nuvStorageVolDefParseString(obj->def->type, xml))) {
        nuvStoragePoolObjEndAPI(&obj);
        return NULL;
    }
    ret = addVolume(pool->conn, obj, &def, NULL);
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

static virStorageVolPtr
testStorageVolCreateXMLFrom(virStoragePoolPtr pool, const char *xml,
                            virStorageVolPtr clonevol, unsigned int flags)
{
    g_autoptr(nuvStorageVolDef) def = NULL;
    g_autoptr(GByteArray) data = NULL;
    nuvStoragePoolObj *obj;
    nuvStorageVolObj *orig;
    virStorageVolPtr ret = NULL;

    nuvCheckFlags(VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA |
                  VIR_STORAGE_VOL_CREATE_REFLINK |
                  VIR_STORAGE_VOL_CREATE_VALIDATE, NULL);
    if (!nuvHandleIsValid(clonevol, NUV_MAGIC_STORAGE_VOL)) {
        nuvReportError(VIR_ERR_INVALID_STORAGE_VOL, "%s", "invalid storage volume pointer");
        return NULL;
    }

    /* Copy the source's data first: it may be in another pool, and two
     * pool locks are never held at once. */
    if (strcmp(clonevol->pool, pool->name) != 0) {
        nuvStoragePoolObj *src = volFromHandle(clonevol, &orig);
        if (!src)
            return NULL;
        if (orig->data)
            data = g_byte_array_ref(orig->data);
        nuvStoragePoolObjEndAPI(&src);
        orig = NULL;
    }

    if (!(obj = activePool(pool)))
        return NULL;
    if (!(def = nuvStorageVolDefParseString(obj->def->type, xml)))
        goto cleanup;
    if (nuvStoragePoolObjFindVol(obj, def->name)) {
        nuvReportError(VIR_ERR_OPERATION_FAILED, "%s", "storage vol already exists");
        goto cleanup;
    }
    if (strcmp(clonevol->pool, pool->name) == 0) {
        if (!(orig = nuvStoragePoolObjFindVol(obj, clonevol->name))) {
            nuvReportError(VIR_ERR_NO_STORAGE_VOL, "no storage vol with matching name '%s'",
                           clonevol->name);
            goto cleanup;
        }
        if (orig->data)
            data = g_byte_array_ref(orig->data);
    }
    ret = addVolume(pool->conn, obj, &def, data);

 cleanup:
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

static int
testStorageVolDelete(virStorageVolPtr vol, unsigned int flags)
{
    nuvStorageVolObj *v;
    nuvStoragePoolObj *obj;

    nuvCheckFlags(VIR_STORAGE_VOL_DELETE_ZEROED | VIR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS, -1);
    if (!(obj = volFromHandle(vol, &v)))
        return -1;
    obj->def->allocation -= MIN(obj->def->allocation, v->def->allocation);
    obj->def->available = obj->def->capacity - obj->def->allocation;
    nuvStoragePoolObjRemoveVol(obj, v);
    nuvStoragePoolObjEndAPI(&obj);
    return 0;
}

static int
volTypeForPool(int poolType)
{
    switch (poolType) {
    case NUV_STORAGE_POOL_DIR:
    case NUV_STORAGE_POOL_FS:
    case NUV_STORAGE_POOL_NETFS:
    case NUV_STORAGE_POOL_VSTORAGE:
        return VIR_STORAGE_VOL_FILE;
    case NUV_STORAGE_POOL_RBD:
    case NUV_STORAGE_POOL_SHEEPDOG:
    case NUV_STORAGE_POOL_GLUSTER:
    case NUV_STORAGE_POOL_ISCSI_DIRECT:
        return VIR_STORAGE_VOL_NETWORK;
    default:
        return VIR_STORAGE_VOL_BLOCK;
    }
}

static int
testStorageVolGetInfoFlags(virStorageVolPtr vol, virStorageVolInfoPtr info, unsigned int flags)
{
    nuvStorageVolObj *v;
    nuvStoragePoolObj *obj;

    nuvCheckFlags(VIR_STORAGE_VOL_GET_PHYSICAL, -1);
    if (!(obj = volFromHandle(vol, &v)))
        return -1;
    memset(info, 0, sizeof(*info));
    info->type = volTypeForPool(obj->def->type);
    info->capacity = v->def->capacity;
    info->allocation = v->def->allocation;
    nuvStoragePoolObjEndAPI(&obj);
    return 0;
}

static int
testStorageVolGetInfo(virStorageVolPtr vol, virStorageVolInfoPtr info)
{
    return testStorageVolGetInfoFlags(vol, info, 0);
}

static char *
testStorageVolGetXMLDesc(virStorageVolPtr vol, unsigned int flags)
{
    nuvStorageVolObj *v;
    nuvStoragePoolObj *obj;
    char *ret;

    nuvCheckFlags(0, NULL);
    if (!(obj = volFromHandle(vol, &v)))
        return NULL;
    ret = nuvStorageVolDefFormat(v->def);
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

static char *
testStorageVolGetPath(virStorageVolPtr vol)
{
    nuvStorageVolObj *v;
    nuvStoragePoolObj *obj;
    char *ret;

    if (!(obj = volFromHandle(vol, &v)))
        return NULL;
    ret = g_strdup(v->def->path);
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

static int
testStorageVolResize(virStorageVolPtr vol, unsigned long long capacity, unsigned int flags)
{
    nuvStorageVolObj *v;
    nuvStoragePoolObj *obj;
    unsigned long long newAlloc;
    int ret = -1;

    nuvCheckFlags(VIR_STORAGE_VOL_RESIZE_ALLOCATE | VIR_STORAGE_VOL_RESIZE_DELTA |
                  VIR_STORAGE_VOL_RESIZE_SHRINK, -1);
    if (!(obj = volFromHandle(vol, &v)))
        return -1;

    if (flags & VIR_STORAGE_VOL_RESIZE_DELTA) {
        if (flags & VIR_STORAGE_VOL_RESIZE_SHRINK) {
            if (capacity > v->def->capacity) {
                nuvReportError(VIR_ERR_INVALID_ARG, "%s",
                               "can't shrink capacity below zero");
                goto cleanup;
            }
            capacity = v->def->capacity - capacity;
        } else {
            capacity += v->def->capacity;
        }
    }
    if (capacity < v->def->capacity && !(flags & VIR_STORAGE_VOL_RESIZE_SHRINK)) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s",
                       "Can't shrink capacity below current capacity unless shrink flag "
                       "explicitly specified");
        goto cleanup;
    }
    if (capacity < v->def->allocation) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s",
                       "can't shrink capacity below existing allocation");
        goto cleanup;
    }
    newAlloc = (flags & VIR_STORAGE_VOL_RESIZE_ALLOCATE) ? capacity : v->def->allocation;
    if (newAlloc > v->def->allocation &&
        newAlloc - v->def->allocation > obj->def->available) {
        nuvReportError(VIR_ERR_OPERATION_FAILED,
                       "Not enough space left in storage pool");
        goto cleanup;
    }
    obj->def->allocation += newAlloc - v->def->allocation;
    obj->def->available = obj->def->capacity - obj->def->allocation;
    v->def->allocation = newAlloc;
    v->def->capacity = capacity;
    if (v->data && v->data->len > capacity)
        g_byte_array_set_size(v->data, capacity);
    ret = 0;

 cleanup:
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

static int
testStorageVolWipePattern(virStorageVolPtr vol, unsigned int algorithm, unsigned int flags)
{
    nuvStorageVolObj *v;
    nuvStoragePoolObj *obj;

    nuvCheckFlags(0, -1);
    if (algorithm >= VIR_STORAGE_VOL_WIPE_ALG_LAST) {
        nuvReportError(VIR_ERR_INVALID_ARG, "wiping algorithm %d not supported", algorithm);
        return -1;
    }
    if (!(obj = volFromHandle(vol, &v)))
        return -1;
    /* Every algorithm leaves data nobody can read back; zeros model that. */
    if (v->data) {
        g_byte_array_unref(v->data);
        v->data = NULL;
    }
    nuvStoragePoolObjEndAPI(&obj);
    return 0;
}

static int
testStorageVolWipe(virStorageVolPtr vol, unsigned int flags)
{
    return testStorageVolWipePattern(vol, VIR_STORAGE_VOL_WIPE_ALG_ZERO, flags);
}

/* ---- volume data through streams ---- */

/* One upload or download.  An upload collects its bytes here and writes
 * them into the volume only at Finish, so an aborted or failed upload
 * leaves the volume untouched; a download holds a copy of the range. */
typedef struct {
    GMutex lock;                /* guards everything below */
    testDriver *drv;            /* the driver outlives its connections' streams */
    bool upload;
    char *pool;
    char *vol;
    unsigned long long offset;
    unsigned long long length;  /* 0: up to the end (download), any (upload) */
    GByteArray *buf;
    gsize pos;                  /* download: next byte to hand out */
    bool closed;                /* finished or aborted */
    /* Event callback registered by the application. */
    int timer;                  /* -1 when none */
    int events;
    virStreamEventCallback cb;
    void *opaque;
    virFreeCallback ff;
} testStream;

static void
streamDropCallback(testStream *ts)
{
    int timer;
    virFreeCallback ff;
    void *opaque;

    g_mutex_lock(&ts->lock);
    timer = ts->timer;
    ff = ts->ff;
    opaque = ts->opaque;
    ts->timer = -1;
    ts->cb = NULL;
    ts->ff = NULL;
    ts->opaque = NULL;
    g_mutex_unlock(&ts->lock);
    if (timer >= 0)
        nuvEventRemoveTimeout(timer);
    if (ff)
        ff(opaque);
}

static void
testStreamFree(void *opaque)
{
    testStream *ts = opaque;

    if (!ts)
        return;
    streamDropCallback(ts);
    g_byte_array_unref(ts->buf);
    g_free(ts->pool);
    g_free(ts->vol);
    g_mutex_clear(&ts->lock);
    g_free(ts);
}

static testStream *
streamPriv(virStreamPtr st)
{
    return st->privateData;
}

static int
testStreamSend(virStreamPtr st, const char *data, size_t nbytes)
{
    testStream *ts = streamPriv(st);
    int ret = -1;

    g_mutex_lock(&ts->lock);
    if (!ts->upload) {
        nuvErrorReportFull(VIR_FROM_STREAMS, VIR_ERR_OPERATION_INVALID, __FILE__, __func__,
                           __LINE__, "%s", "stream is not open for writing");
    } else if (ts->closed) {
        nuvErrorReportFull(VIR_FROM_STREAMS, VIR_ERR_OPERATION_INVALID, __FILE__, __func__,
                           __LINE__, "%s", "stream is closed");
    } else if (nbytes > INT_MAX ||
               (ts->length && ts->buf->len + nbytes > ts->length) ||
               ts->offset + ts->buf->len + nbytes > TEST_VOL_DATA_MAX) {
        nuvErrorReportFull(VIR_FROM_STREAMS, VIR_ERR_OPERATION_FAILED, __FILE__, __func__,
                           __LINE__, "%s", "too much data for the volume");
    } else {
        g_byte_array_append(ts->buf, (const guint8 *)data, nbytes);
        ret = nbytes;
    }
    g_mutex_unlock(&ts->lock);
    return ret;
}

static int
testStreamSendHole(virStreamPtr st, long long length, unsigned int flags)
{
    testStream *ts = streamPriv(st);
    g_autofree char *zeros = NULL;
    long long done = 0;

    nuvCheckFlags(0, -1);
    if (length < 0) {
        nuvErrorReportFull(VIR_FROM_STREAMS, VIR_ERR_INVALID_ARG, __FILE__, __func__,
                           __LINE__, "%s", "negative hole length");
        return -1;
    }
    (void) ts;
    zeros = g_malloc0(64 * 1024);
    while (done < length) {
        size_t n = MIN((long long)(64 * 1024), length - done);
        if (testStreamSend(st, zeros, n) < 0)
            return -1;
        done += n;
    }
    return 0;
}

static int
testStreamRecvFlags(virStreamPtr st, char *data, size_t nbytes, unsigned int flags)
{
    testStream *ts = streamPriv(st);
    int ret = -1;

    nuvCheckFlags(VIR_STREAM_RECV_STOP_AT_HOLE, -1);
    g_mutex_lock(&ts->lock);
    if (ts->upload) {
        nuvErrorReportFull(VIR_FROM_STREAMS, VIR_ERR_OPERATION_INVALID, __FILE__, __func__,
                           __LINE__, "%s", "stream is not open for reading");
    } else if (ts->closed) {
        nuvErrorReportFull(VIR_FROM_STREAMS, VIR_ERR_OPERATION_INVALID, __FILE__, __func__,
                           __LINE__, "%s", "stream is closed");
    } else {
        size_t n = MIN(nbytes, (size_t)(ts->buf->len - ts->pos));
        n = MIN(n, (size_t)INT_MAX);
        if (n)
            memcpy(data, ts->buf->data + ts->pos, n);
        ts->pos += n;
        ret = n;
    }
    g_mutex_unlock(&ts->lock);
    return ret;
}

static int
testStreamRecv(virStreamPtr st, char *data, size_t nbytes)
{
    return testStreamRecvFlags(st, data, nbytes, 0);
}

static int
testStreamRecvHole(virStreamPtr st, long long *length, unsigned int flags)
{
    nuvCheckFlags(0, -1);
    (void) st;
    /* Data is always handed out as data: there is never a hole to skip. */
    *length = 0;
    return 0;
}

/* Write the staged bytes into the volume, if it is still there. */
static int
streamCommit(testStream *ts)
{
    nuvStoragePoolObj *obj = nuvStoragePoolObjFindByName(ts->drv->pools, ts->pool);
    nuvStorageVolObj *vol;
    unsigned long long end = ts->offset + ts->buf->len;

    if (!obj) {
        nuvReportError(VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching name '%s'",
                       ts->pool);
        return -1;
    }
    if (checkPoolActive(obj) < 0 || !(vol = nuvStoragePoolObjFindVol(obj, ts->vol))) {
        if (obj->active)
            nuvReportError(VIR_ERR_NO_STORAGE_VOL, "no storage vol with matching name '%s'",
                           ts->vol);
        nuvStoragePoolObjEndAPI(&obj);
        return -1;
    }
    if (end > vol->def->capacity) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s", "data does not fit in the volume");
        nuvStoragePoolObjEndAPI(&obj);
        return -1;
    }
    if (!vol->data)
        vol->data = g_byte_array_new();
    if (vol->data->len < end) {
        guint old = vol->data->len;
        /* set_size leaves the new bytes undefined: zero the gap. */
        g_byte_array_set_size(vol->data, end);
        memset(vol->data->data + old, 0, end - old);
    }
    if (ts->buf->len)   /* an empty array may have no storage at all */
        memcpy(vol->data->data + ts->offset, ts->buf->data, ts->buf->len);
    nuvStoragePoolObjEndAPI(&obj);
    return 0;
}

static int
testStreamFinish(virStreamPtr st)
{
    testStream *ts = streamPriv(st);
    int ret = 0;

    g_mutex_lock(&ts->lock);
    if (ts->closed) {
        g_mutex_unlock(&ts->lock);
        nuvErrorReportFull(VIR_FROM_STREAMS, VIR_ERR_OPERATION_INVALID, __FILE__, __func__,
                           __LINE__, "%s", "stream is closed");
        return -1;
    }
    ts->closed = true;
    if (ts->upload)
        ret = streamCommit(ts);
    g_mutex_unlock(&ts->lock);
    streamDropCallback(ts);
    return ret;
}

static int
testStreamAbort(virStreamPtr st)
{
    testStream *ts = streamPriv(st);

    g_mutex_lock(&ts->lock);
    ts->closed = true;
    g_byte_array_set_size(ts->buf, 0);
    g_mutex_unlock(&ts->lock);
    streamDropCallback(ts);
    return 0;
}

/* An in-memory stream is always ready: the callback runs on every loop
 * iteration while the application asks for events. */
static void
streamTimerFire(int timer G_GNUC_UNUSED, void *opaque)
{
    virStreamPtr st = opaque;
    testStream *ts = streamPriv(st);
    virStreamEventCallback cb;
    void *cbopaque;
    int events;

    g_mutex_lock(&ts->lock);
    cb = ts->cb;
    cbopaque = ts->opaque;
    events = ts->events & (ts->upload ? VIR_STREAM_EVENT_WRITABLE : VIR_STREAM_EVENT_READABLE);
    if (ts->closed)
        events = VIR_STREAM_EVENT_HANGUP;
    g_mutex_unlock(&ts->lock);
    if (cb && events)
        cb(st, events, cbopaque);
}

static void
streamTimerFree(void *opaque)
{
    nuvHandleUnref(opaque);
}

static int
testStreamEventAddCallback(virStreamPtr st, int events, virStreamEventCallback cb,
                           void *opaque, virFreeCallback ff)
{
    testStream *ts = streamPriv(st);
    int timer;

    g_mutex_lock(&ts->lock);
    if (ts->cb) {
        g_mutex_unlock(&ts->lock);
        nuvErrorReportFull(VIR_FROM_STREAMS, VIR_ERR_INTERNAL_ERROR, __FILE__, __func__,
                           __LINE__, "%s", "stream already has a callback registered");
        return -1;
    }
    g_mutex_unlock(&ts->lock);
    if (nuvEventRequireImpl() < 0)
        return -1;
    nuvHandleRef(st);
    if ((timer = nuvEventAddTimeout(events ? 0 : -1, streamTimerFire, st,
                                    streamTimerFree)) < 0) {
        nuvHandleUnref(st);
        nuvErrorReportFull(VIR_FROM_STREAMS, VIR_ERR_INTERNAL_ERROR, __FILE__, __func__,
                           __LINE__, "%s", "cannot register file watch on stream");
        return -1;
    }
    g_mutex_lock(&ts->lock);
    ts->timer = timer;
    ts->events = events;
    ts->cb = cb;
    ts->opaque = opaque;
    ts->ff = ff;
    g_mutex_unlock(&ts->lock);
    return 0;
}

static int
testStreamEventUpdateCallback(virStreamPtr st, int events)
{
    testStream *ts = streamPriv(st);
    int timer;

    g_mutex_lock(&ts->lock);
    if (!ts->cb) {
        g_mutex_unlock(&ts->lock);
        nuvErrorReportFull(VIR_FROM_STREAMS, VIR_ERR_INTERNAL_ERROR, __FILE__, __func__,
                           __LINE__, "%s", "stream does not have a callback registered");
        return -1;
    }
    ts->events = events;
    timer = ts->timer;
    g_mutex_unlock(&ts->lock);
    nuvEventUpdateTimeout(timer, events ? 0 : -1);
    return 0;
}

static int
testStreamEventRemoveCallback(virStreamPtr st)
{
    testStream *ts = streamPriv(st);
    bool has;

    g_mutex_lock(&ts->lock);
    has = ts->cb != NULL;
    g_mutex_unlock(&ts->lock);
    if (!has) {
        nuvErrorReportFull(VIR_FROM_STREAMS, VIR_ERR_INTERNAL_ERROR, __FILE__, __func__,
                           __LINE__, "%s", "stream does not have a callback registered");
        return -1;
    }
    streamDropCallback(ts);
    return 0;
}

static const nuvStreamDriver testStreamDriver = {
    .name = "test",
    .streamSend = testStreamSend,
    .streamSendHole = testStreamSendHole,
    .streamRecv = testStreamRecv,
    .streamRecvFlags = testStreamRecvFlags,
    .streamRecvHole = testStreamRecvHole,
    .streamFinish = testStreamFinish,
    .streamAbort = testStreamAbort,
    .streamEventAddCallback = testStreamEventAddCallback,
    .streamEventUpdateCallback = testStreamEventUpdateCallback,
    .streamEventRemoveCallback = testStreamEventRemoveCallback,
};

static int
streamAttach(virStorageVolPtr vol, virStreamPtr st, testStream *ts)
{
    if (!nuvHandleIsValid(st, NUV_MAGIC_STREAM)) {
        nuvErrorReportFull(VIR_FROM_STREAMS, VIR_ERR_INVALID_STREAM, __FILE__, __func__,
                           __LINE__, "%s", "invalid stream pointer");
        return -1;
    }
    if (st->conn != vol->conn) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s",
                       "stream and volume belong to different connections");
        return -1;
    }
    if (st->driver) {
        nuvErrorReportFull(VIR_FROM_STREAMS, VIR_ERR_OPERATION_INVALID, __FILE__, __func__,
                           __LINE__, "%s", "stream is already in use");
        return -1;
    }
    ts->timer = -1;
    ts->drv = testDriverOf(vol->conn);
    st->privateData = ts;
    st->privateFree = testStreamFree;
    st->driver = &testStreamDriver;
    return 0;
}

static int
testStorageVolUpload(virStorageVolPtr vol, virStreamPtr st, unsigned long long offset,
                     unsigned long long length, unsigned int flags)
{
    nuvStorageVolObj *v;
    nuvStoragePoolObj *obj;
    testStream *ts;

    nuvCheckFlags(VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM, -1);
    if (!(obj = volFromHandle(vol, &v)))
        return -1;
    if (offset > v->def->capacity || (length && length > v->def->capacity - offset)) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s", "upload range is beyond the volume's end");
        nuvStoragePoolObjEndAPI(&obj);
        return -1;
    }
    nuvStoragePoolObjEndAPI(&obj);

    ts = g_new0(testStream, 1);
    g_mutex_init(&ts->lock);
    ts->upload = true;
    ts->pool = g_strdup(vol->pool);
    ts->vol = g_strdup(vol->name);
    ts->offset = offset;
    ts->length = length;
    ts->buf = g_byte_array_new();
    if (streamAttach(vol, st, ts) < 0) {
        testStreamFree(ts);
        return -1;
    }
    return 0;
}

static int
testStorageVolDownload(virStorageVolPtr vol, virStreamPtr st, unsigned long long offset,
                       unsigned long long length, unsigned int flags)
{
    nuvStorageVolObj *v;
    nuvStoragePoolObj *obj;
    testStream *ts;
    unsigned long long end;
    unsigned long long have;

    nuvCheckFlags(VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM, -1);
    if (!(obj = volFromHandle(vol, &v)))
        return -1;
    if (offset > v->def->capacity) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s", "download offset is beyond the volume's end");
        nuvStoragePoolObjEndAPI(&obj);
        return -1;
    }
    /* Bytes never written read as zeros, but only as far as something was
     * written or the range asks: a huge empty volume costs nothing. */
    have = v->data ? v->data->len : 0;
    end = length ? MIN(offset + length, v->def->capacity) : MAX(have, offset);
    if (end - offset > TEST_VOL_DATA_MAX) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s", "download range is too large");
        nuvStoragePoolObjEndAPI(&obj);
        return -1;
    }
    ts = g_new0(testStream, 1);
    g_mutex_init(&ts->lock);
    ts->pool = g_strdup(vol->pool);
    ts->vol = g_strdup(vol->name);
    ts->offset = offset;
    ts->length = length;
    ts->buf = g_byte_array_sized_new(end - offset);
    g_byte_array_set_size(ts->buf, end - offset);
    if (end > offset)
        memset(ts->buf->data, 0, end - offset);
    if (offset < have)
        memcpy(ts->buf->data, v->data->data + offset, MIN(have, end) - offset);
    nuvStoragePoolObjEndAPI(&obj);

    if (streamAttach(vol, st, ts) < 0) {
        testStreamFree(ts);
        return -1;
    }
    return 0;
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
    .storageVolGetInfo = testStorageVolGetInfo, /* 0.5.0 */
    .storageVolGetInfoFlags = testStorageVolGetInfoFlags, /* 3.0.0 */
    .storageVolGetXMLDesc = testStorageVolGetXMLDesc, /* 0.5.0 */
    .storageVolGetPath = testStorageVolGetPath, /* 0.5.0 */
    .storageVolResize = testStorageVolResize, /* nuvirt */
    .storageVolUpload = testStorageVolUpload, /* nuvirt */
    .storageVolDownload = testStorageVolDownload, /* nuvirt */
};
