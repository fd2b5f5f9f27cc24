/*
 * storage_driver.c: the storage driver's one instance (state driver:
 * directories, loading, autostart, shutdown), its pool slots and its
 * registration as the shared storage driver.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "storage/storage_driver.h"
#include "storage/storage_backend.h"
#include "util/error.h"
#include "util/file.h"
#include "util/locks.h"
#include "util/log.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_STORAGE

static storageDriver *theDriver;

/* The message of the error just reported, for logging it. */
static const char *
lastMessage(void)
{
    virErrorPtr err = nuvErrorCurrent();
    return err && err->message ? err->message : "unknown error";
}

storageDriver *
storageDriverGet(void)
{
    if (!theDriver)
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       "the host's storage driver is not running in this process");
    return theDriver;
}

void
storagePoolEmitEvent(storageDriver *drv, nuvStoragePoolObj *obj, int type)
{
    nuvEventQueue(drv->events,
                  nuvStoragePoolEventLifecycleNew(obj->def->name, obj->def->uuid, type, 0));
}

/* ---- files ---- */

static char *
configFile(const char *dir, const char *name)
{
    return nuvConfigFilePath(dir, name);
}

static int
writeDef(const char *dir, const nuvStoragePoolDef *def, mode_t mode)
{
    g_autofree char *path = configFile(dir, def->name);
    g_autofree char *xml = nuvStoragePoolDefFormat(def);

    if (nuvDirMake(dir, 0700) < 0)
        return -1;
    return nuvFileWriteAtomic(path, xml, strlen(xml), mode);
}

int
storagePoolSaveState(storageDriver *drv, nuvStoragePoolObj *obj)
{
    return writeDef(drv->stateDir, obj->def, 0600);
}

void
storagePoolDropState(storageDriver *drv, nuvStoragePoolObj *obj)
{
    g_autofree char *path = configFile(drv->stateDir, obj->def->name);
    unlink(path);
}

static int
setAutostartLink(storageDriver *drv, const char *name, bool on)
{
    return nuvAutostartLinkSet(drv->autostartDir, drv->configDir, name, on, 0700,
                               VIR_FROM_THIS);
}

/* Every <pool> document of @dir, parsed; a bad one is logged and skipped
 * so that one broken file does not hide the others. */
static GPtrArray *
readDefs(const char *dir)
{
    GPtrArray *defs = g_ptr_array_new_with_free_func((GDestroyNotify) nuvStoragePoolDefFree);
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *ent;

    if (!d)
        return defs;
    while ((ent = g_dir_read_name(d))) {
        g_autofree char *path = NULL;
        g_autofree char *xml = NULL;
        nuvStoragePoolDef *def;

        if (!g_str_has_suffix(ent, ".xml"))
            continue;
        path = g_build_filename(dir, ent, NULL);
        if (!g_file_get_contents(path, &xml, NULL, NULL))
            continue;
        if (!(def = nuvStoragePoolDefParseString(xml))) {
            NUV_DEBUG("storage: ignoring unreadable pool definition '%s'", path);
            continue;
        }
        if (strlen(def->name) + 4 != strlen(ent) || strncmp(ent, def->name, strlen(def->name))) {
            NUV_DEBUG("storage: '%s' defines pool '%s', not the one its name says", path,
                     def->name);
            nuvStoragePoolDefFree(def);
            continue;
        }
        g_ptr_array_add(defs, def);
    }
    return defs;
}

/* Bring @obj (locked) up: its target must be there; then its volumes are
 * read.  Errors reported. */
static int
poolStart(storageDriver *drv, nuvStoragePoolObj *obj)
{
    const storageBackend *be = storageBackendFor(obj->def->type);

    if (!be)
        return -1;
    if (be->start && be->start(obj) < 0)
        return -1;
    if (be->refresh(obj) < 0)
        goto error;
    obj->active = true;
    if (storagePoolSaveState(drv, obj) < 0) {
        obj->active = false;
        goto error;
    }
    return 0;
 error:
    nuvStoragePoolObjClearVols(obj);
    if (be->stop) {
        virErrorPtr err = nuvErrorPreserve();
        be->stop(obj);
        nuvErrorRestore(&err);
    }
    return -1;
}

static void
poolStop(storageDriver *drv, nuvStoragePoolObj *obj)
{
    const storageBackend *be = storageBackendFor(obj->def->type);

    obj->active = false;
    if (be && be->stop)
        be->stop(obj);
    nuvStoragePoolObjClearVols(obj);
    storagePoolDropState(drv, obj);
}

/* ---- the state driver ---- */

static void
storageDriverFree(storageDriver *drv)
{
    if (!drv)
        return;
    nuvStoragePoolObjListFree(drv->pools);
    nuvEventStateFree(drv->events);
    g_free(drv->configDir);
    g_free(drv->autostartDir);
    g_free(drv->stateDir);
    g_free(drv);
}

static void
loadPools(storageDriver *drv)
{
    g_autoptr(GPtrArray) defs = readDefs(drv->configDir);
    g_autoptr(GPtrArray) running = readDefs(drv->stateDir);

    for (guint i = 0; i < defs->len; i++) {
        nuvStoragePoolDef *def = g_ptr_array_steal_index_fast(defs, 0);
        g_autofree char *link = configFile(drv->autostartDir, def->name);
        nuvStoragePoolObj *obj;

        i--;
        if (storageBackendCheckType(def->type) < 0 ||
            !(obj = nuvStoragePoolObjListAdd(drv->pools, &def))) {
            NUV_DEBUG("storage: pool definition skipped: %s", lastMessage());
            nuvStoragePoolDefFree(def);
            continue;
        }
        obj->persistent = true;
        obj->autostart = access(link, F_OK) == 0;
        nuvStoragePoolObjEndAPI(&obj);
    }
    /* Pools that ran when the driver last stopped run again, transient
     * ones included, as long as their target is still there. */
    for (guint i = 0; i < running->len; i++) {
        nuvStoragePoolDef *def = g_ptr_array_index(running, i);
        nuvStoragePoolObj *obj = nuvStoragePoolObjFindByName(drv->pools, def->name);

        if (!obj) {
            nuvStoragePoolDef *copy = nuvStoragePoolDefCopy(def);
            if (storageBackendCheckType(copy->type) < 0 ||
                !(obj = nuvStoragePoolObjListAdd(drv->pools, &copy))) {
                nuvStoragePoolDefFree(copy);
                continue;
            }
        }
        if (poolStart(drv, obj) < 0) {
            NUV_DEBUG("storage: pool '%s' could not be restarted: %s", obj->def->name,
                     lastMessage());
            storagePoolDropState(drv, obj);
            if (!obj->persistent)
                nuvStoragePoolObjListRemove(drv->pools, obj);
        }
        nuvStoragePoolObjEndAPI(&obj);
    }
}

/* Embedded: everything under the root.  A daemon's --root re-roots the
 * system layout, or stands for HOME (and XDG_RUNTIME_DIR root/run) in
 * the session one, as the QEMU driver's paths do. */
static nuvStateInitResult
storageStateInitialize(bool privileged, const char *root, bool embedded)
{
    storageDriver *drv = g_new0(storageDriver, 1);

    drv->privileged = privileged;
    if (embedded) {
        drv->configDir = g_build_filename(root, "etc", "storage", NULL);
        drv->stateDir = g_build_filename(root, "run", "storage", NULL);
    } else if (privileged) {
        const char *r = root ? root : "/";
        drv->configDir = g_build_filename(r, "etc", "nuvirt", "storage", NULL);
        drv->stateDir = g_build_filename(r, "run", "nuvirt", "storage", NULL);
    } else {
        g_autofree char *config = root ? g_build_filename(root, ".config", NULL)
                                       : g_strdup(g_get_user_config_dir());
        g_autofree char *runtime = root ? g_build_filename(root, "run", NULL)
                                        : g_strdup(g_get_user_runtime_dir());
        drv->configDir = g_build_filename(config, "nuvirt", "storage", NULL);
        drv->stateDir = g_build_filename(runtime, "nuvirt", "storage", "run", NULL);
    }
    drv->autostartDir = g_build_filename(drv->configDir, "autostart", NULL);
    drv->pools = nuvStoragePoolObjListNew();
    drv->events = nuvEventStateNew();
    loadPools(drv);
    theDriver = drv;
    return NUV_STATE_INIT_COMPLETE;
}

/* Start the autostart pools that are not running yet. */
static int
storageStateReconnect(void)
{
    storageDriver *drv = theDriver;
    g_autoptr(GPtrArray) objs = nuvStoragePoolObjListCollect(drv->pools);

    for (guint i = 0; i < objs->len; i++) {
        nuvStoragePoolObj *obj = g_ptr_array_index(objs, i);

        nuvStoragePoolObjLock(obj);
        if (obj->autostart && !obj->active && !nuvStoragePoolObjIsRemoved(obj) &&
            poolStart(drv, obj) < 0)
            NUV_DEBUG("storage: autostart of pool '%s' failed: %s", obj->def->name,
                     lastMessage());
        nuvStoragePoolObjUnlock(obj);
    }
    return 0;
}

static int
storageStateShutdown(void)
{
    storageDriverFree(g_steal_pointer(&theDriver));
    return 0;
}

const nuvStateDriver storageStateDriver = {
    .name = "storage",
    .initialize = storageStateInitialize,
    .reconnect = storageStateReconnect,
    .shutdown = storageStateShutdown,
};

/* ---- finding pools ---- */

nuvStoragePoolObj *
storagePoolFromHandle(storageDriver *drv, virStoragePoolPtr pool)
{
    nuvStoragePoolObj *obj = nuvStoragePoolObjFindByUUID(drv->pools, pool->uuid);
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    if (!obj)
        nuvReportError(VIR_ERR_NO_STORAGE_POOL,
                       "no storage pool with matching uuid '%s' (%s)",
                       nuvUUIDFormat(pool->uuid, uuidstr), pool->name);
    return obj;
}

nuvStoragePoolObj *
storagePoolActiveFromHandle(storageDriver *drv, virStoragePoolPtr pool)
{
    nuvStoragePoolObj *obj = storagePoolFromHandle(drv, pool);

    if (obj && !obj->active) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "storage pool '%s' is not active",
                       obj->def->name);
        nuvStoragePoolObjEndAPI(&obj);
    }
    return obj;
}

nuvStoragePoolObj *
storageVolFromHandle(storageDriver *drv, virStorageVolPtr vol, nuvStorageVolObj **out)
{
    nuvStoragePoolObj *obj = nuvStoragePoolObjFindByName(drv->pools, vol->pool);

    if (!obj) {
        nuvReportError(VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching name '%s'",
                       vol->pool);
        return NULL;
    }
    if (!obj->active) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "storage pool '%s' is not active",
                       obj->def->name);
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

static gint
cmpPoolObj(gconstpointer a, gconstpointer b)
{
    nuvStoragePoolObj *x = *(nuvStoragePoolObj *const *)a;
    nuvStoragePoolObj *y = *(nuvStoragePoolObj *const *)b;
    /* names never change while a pool is listed */
    return strcmp(x->def->name, y->def->name);
}

static bool
poolMatches(nuvStoragePoolObj *obj, unsigned int flags)
{
    unsigned int types = flags & ~(VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE |
                                   VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE |
                                   VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT |
                                   VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT |
                                   VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART |
                                   VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART);
#define GROUP(yes, no, val) \
    if ((flags & ((yes) | (no))) && !((flags & (yes)) && (val)) && !((flags & (no)) && !(val))) \
        return false;
    GROUP(VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE, VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE,
          obj->active)
    GROUP(VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT, VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT,
          obj->persistent)
    GROUP(VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART, VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART,
          obj->autostart)
#undef GROUP
    return !types || (types & nuvStoragePoolTypeListFlag(obj->def->type));
}

/* Pools matching @flags, referenced, sorted by name. */
static GPtrArray *
poolsMatching(storageDriver *drv, unsigned int flags)
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
    g_ptr_array_sort(out, cmpPoolObj);
    return out;
}

GPtrArray *
storagePoolsActive(storageDriver *drv)
{
    return poolsMatching(drv, VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE);
}

static virStoragePoolPtr
poolHandle(virConnectPtr conn, nuvStoragePoolObj *obj)
{
    return nuvGetStoragePool(conn, obj->def->name, obj->def->uuid);
}

/* ---- listing and lookup ---- */

static int
countPools(unsigned int flags)
{
    storageDriver *drv = storageDriverGet();
    g_autoptr(GPtrArray) objs = NULL;

    if (!drv)
        return -1;
    objs = poolsMatching(drv, flags);
    return objs->len;
}

static int
listPoolNames(unsigned int flags, char **const names, int maxnames)
{
    storageDriver *drv = storageDriverGet();
    g_autoptr(GPtrArray) objs = NULL;
    int n = 0;

    if (!drv)
        return -1;
    objs = poolsMatching(drv, flags);
    for (guint i = 0; i < objs->len && n < maxnames; i++) {
        nuvStoragePoolObj *obj = g_ptr_array_index(objs, i);
        nuvStoragePoolObjLock(obj);
        names[n++] = g_strdup(obj->def->name);
        nuvStoragePoolObjUnlock(obj);
    }
    return n;
}

static int
storageConnectNumOfStoragePools(virConnectPtr conn G_GNUC_UNUSED)
{
    return countPools(VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE);
}

static int
storageConnectNumOfDefinedStoragePools(virConnectPtr conn G_GNUC_UNUSED)
{
    return countPools(VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE);
}

static int
storageConnectListStoragePools(virConnectPtr conn G_GNUC_UNUSED, char **const names,
                               int maxnames)
{
    return listPoolNames(VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE, names, maxnames);
}

static int
storageConnectListDefinedStoragePools(virConnectPtr conn G_GNUC_UNUSED, char **const names,
                                      int maxnames)
{
    return listPoolNames(VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE, names, maxnames);
}

static int
storageConnectListAllStoragePools(virConnectPtr conn, virStoragePoolPtr **pools,
                                  unsigned int flags)
{
    storageDriver *drv;
    g_autoptr(GPtrArray) objs = NULL;

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
    if (!(drv = storageDriverGet()))
        return -1;
    objs = poolsMatching(drv, flags);
    if (pools) {
        *pools = g_new0(virStoragePoolPtr, objs->len + 1);
        for (guint i = 0; i < objs->len; i++) {
            nuvStoragePoolObj *obj = g_ptr_array_index(objs, i);
            nuvStoragePoolObjLock(obj);
            (*pools)[i] = poolHandle(conn, obj);
            nuvStoragePoolObjUnlock(obj);
        }
    }
    return objs->len;
}

static virStoragePoolPtr
storagePoolLookupByName(virConnectPtr conn, const char *name)
{
    storageDriver *drv = storageDriverGet();
    nuvStoragePoolObj *obj;
    virStoragePoolPtr ret;

    if (!drv)
        return NULL;
    if (!(obj = nuvStoragePoolObjFindByName(drv->pools, name))) {
        nuvReportError(VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching name '%s'",
                       name);
        return NULL;
    }
    ret = poolHandle(conn, obj);
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

static virStoragePoolPtr
storagePoolLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    storageDriver *drv = storageDriverGet();
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    nuvStoragePoolObj *obj;
    virStoragePoolPtr ret;

    if (!drv)
        return NULL;
    if (!(obj = nuvStoragePoolObjFindByUUID(drv->pools, uuid))) {
        nuvReportError(VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching uuid '%s'",
                       nuvUUIDFormat(uuid, uuidstr));
        return NULL;
    }
    ret = poolHandle(conn, obj);
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

static virStoragePoolPtr
storagePoolLookupByVolume(virStorageVolPtr vol)
{
    return storagePoolLookupByName(vol->conn, vol->pool);
}

static virStoragePoolPtr
storagePoolLookupByTargetPath(virConnectPtr conn, const char *path)
{
    storageDriver *drv = storageDriverGet();
    g_autoptr(GPtrArray) objs = NULL;
    g_autofree char *clean = NULL;
    virStoragePoolPtr ret = NULL;

    if (!drv)
        return NULL;
    objs = storagePoolsActive(drv);
    clean = g_canonicalize_filename(path, "/");
    for (guint i = 0; i < objs->len && !ret; i++) {
        nuvStoragePoolObj *obj = g_ptr_array_index(objs, i);
        nuvStoragePoolObjLock(obj);
        if (obj->active && g_strcmp0(obj->def->targetPath, clean) == 0)
            ret = poolHandle(conn, obj);
        nuvStoragePoolObjUnlock(obj);
    }
    if (!ret)
        nuvReportError(VIR_ERR_NO_STORAGE_POOL,
                       "no storage pool with matching target path '%s'", path);
    return ret;
}

/* ---- definition ---- */

/* Two pools on one directory would each own the other's files. */
static int
checkDuplicateTarget(storageDriver *drv, const nuvStoragePoolDef *def)
{
    g_autoptr(GPtrArray) objs = nuvStoragePoolObjListCollect(drv->pools);
    int ret = 0;

    for (guint i = 0; i < objs->len && ret == 0 && def->targetPath; i++) {
        nuvStoragePoolObj *obj = g_ptr_array_index(objs, i);
        nuvStoragePoolObjLock(obj);
        if (strcmp(obj->def->name, def->name) != 0 &&
            g_strcmp0(obj->def->targetPath, def->targetPath) == 0) {
            nuvReportError(VIR_ERR_OPERATION_FAILED,
                           "Storage source conflict with pool: '%s'", obj->def->name);
            ret = -1;
        }
        nuvStoragePoolObjUnlock(obj);
    }
    return ret;
}

static nuvStoragePoolDef *
parseNewDef(storageDriver *drv, const char *xml)
{
    g_autoptr(nuvStoragePoolDef) def = nuvStoragePoolDefParseString(xml);

    if (!def || storageBackendCheckType(def->type) < 0 ||
        checkDuplicateTarget(drv, def) < 0)
        return NULL;
    return g_steal_pointer(&def);
}

static virStoragePoolPtr
storagePoolDefineXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    storageDriver *drv;
    g_autoptr(nuvStoragePoolDef) def = NULL;
    g_autoptr(nuvStoragePoolDef) saved = NULL;
    nuvStoragePoolObj *obj;
    virStoragePoolPtr ret = NULL;

    nuvCheckFlags(VIR_STORAGE_POOL_DEFINE_VALIDATE, NULL);
    if (!(drv = storageDriverGet()) || !(def = parseNewDef(drv, xml)))
        return NULL;
    saved = nuvStoragePoolDefCopy(def);
    if (writeDef(drv->configDir, saved, 0600) < 0)
        return NULL;
    if (!(obj = nuvStoragePoolObjListAdd(drv->pools, &def)))
        return NULL;
    obj->persistent = true;
    storagePoolEmitEvent(drv, obj, VIR_STORAGE_POOL_EVENT_DEFINED);
    ret = poolHandle(conn, obj);
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

static int
buildFlagsCheck(unsigned int flags)
{
    if ((flags & VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE) &&
        (flags & VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE)) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s",
                       "Flags 'VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE' and "
                       "'VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE' are mutually "
                       "exclusive");
        return -1;
    }
    return 0;
}

static unsigned int
buildFlagsOf(unsigned int createFlags)
{
    unsigned int b = 0;
    if (createFlags & VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE)
        b |= VIR_STORAGE_POOL_BUILD_OVERWRITE;
    if (createFlags & VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE)
        b |= VIR_STORAGE_POOL_BUILD_NO_OVERWRITE;
    return b;
}

static bool
wantsBuild(unsigned int flags)
{
    return flags & (VIR_STORAGE_POOL_CREATE_WITH_BUILD |
                    VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE |
                    VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE);
}

static int
poolBuild(nuvStoragePoolObj *obj, unsigned int flags)
{
    const storageBackend *be = storageBackendFor(obj->def->type);

    if (!be)
        return -1;
    if (!be->build)
        return storageBackendNoSupport(obj->def->type, "be built");
    return be->build(obj, flags);
}

static int
poolRemove(nuvStoragePoolObj *obj, unsigned int flags)
{
    const storageBackend *be = storageBackendFor(obj->def->type);

    if (!be)
        return -1;
    if (!be->remove)
        return storageBackendNoSupport(obj->def->type, "be deleted");
    return be->remove(obj, flags);
}

static virStoragePoolPtr
storagePoolCreateXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    storageDriver *drv;
    g_autoptr(nuvStoragePoolDef) def = NULL;
    nuvStoragePoolObj *obj;
    virStoragePoolPtr ret = NULL;

    nuvCheckFlags(VIR_STORAGE_POOL_CREATE_WITH_BUILD |
                  VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE |
                  VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE, NULL);
    if (buildFlagsCheck(flags) < 0)
        return NULL;
    if (!(drv = storageDriverGet()) || !(def = parseNewDef(drv, xml)))
        return NULL;
    if ((obj = nuvStoragePoolObjFindByUUID(drv->pools, def->uuid)) ||
        (obj = nuvStoragePoolObjFindByName(drv->pools, def->name))) {
        char uuidstr[VIR_UUID_STRING_BUFLEN];
        nuvReportError(VIR_ERR_OPERATION_FAILED, "pool '%s' already exists with uuid %s",
                       obj->def->name, nuvUUIDFormat(obj->def->uuid, uuidstr));
        nuvStoragePoolObjEndAPI(&obj);
        return NULL;
    }
    if (!(obj = nuvStoragePoolObjListAdd(drv->pools, &def)))
        return NULL;
    if ((wantsBuild(flags) && poolBuild(obj, buildFlagsOf(flags)) < 0) ||
        poolStart(drv, obj) < 0) {
        nuvStoragePoolObjListRemove(drv->pools, obj);
        nuvStoragePoolObjEndAPI(&obj);
        return NULL;
    }
    storagePoolEmitEvent(drv, obj, VIR_STORAGE_POOL_EVENT_STARTED);
    ret = poolHandle(conn, obj);
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

static int
storagePoolUndefine(virStoragePoolPtr pool)
{
    storageDriver *drv;
    nuvStoragePoolObj *obj;
    g_autofree char *path = NULL;
    int ret = -1;

    if (!(drv = storageDriverGet()) || !(obj = storagePoolFromHandle(drv, pool)))
        return -1;
    if (obj->active) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "storage pool '%s' is still active",
                       obj->def->name);
        goto cleanup;
    }
    if (!obj->persistent) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "storage pool '%s' is not persistent",
                       obj->def->name);
        goto cleanup;
    }
    path = configFile(drv->configDir, obj->def->name);
    if (unlink(path) < 0 && errno != ENOENT) {
        nuvReportSystemError(errno, "cannot remove config for %s", obj->def->name);
        goto cleanup;
    }
    setAutostartLink(drv, obj->def->name, false);
    storagePoolEmitEvent(drv, obj, VIR_STORAGE_POOL_EVENT_UNDEFINED);
    nuvStoragePoolObjListRemove(drv->pools, obj);
    ret = 0;
 cleanup:
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

static int
storagePoolBuild(virStoragePoolPtr pool, unsigned int flags)
{
    storageDriver *drv;
    nuvStoragePoolObj *obj;
    int ret = -1;

    nuvCheckFlags(VIR_STORAGE_POOL_BUILD_NEW | VIR_STORAGE_POOL_BUILD_REPAIR |
                  VIR_STORAGE_POOL_BUILD_RESIZE | VIR_STORAGE_POOL_BUILD_NO_OVERWRITE |
                  VIR_STORAGE_POOL_BUILD_OVERWRITE, -1);
    nuvExclusiveFlags(VIR_STORAGE_POOL_BUILD_NO_OVERWRITE, VIR_STORAGE_POOL_BUILD_OVERWRITE,
                      -1);
    if (!(drv = storageDriverGet()) || !(obj = storagePoolFromHandle(drv, pool)))
        return -1;
    if (obj->active) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "storage pool '%s' is already active",
                       obj->def->name);
    } else if (poolBuild(obj, flags) == 0) {
        storagePoolEmitEvent(drv, obj, VIR_STORAGE_POOL_EVENT_CREATED);
        ret = 0;
    }
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

static int
storagePoolCreate(virStoragePoolPtr pool, unsigned int flags)
{
    storageDriver *drv;
    nuvStoragePoolObj *obj;
    int ret = -1;

    nuvCheckFlags(VIR_STORAGE_POOL_CREATE_WITH_BUILD |
                  VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE |
                  VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE, -1);
    if (buildFlagsCheck(flags) < 0)
        return -1;
    if (!(drv = storageDriverGet()) || !(obj = storagePoolFromHandle(drv, pool)))
        return -1;
    if (obj->active) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "storage pool '%s' is already active",
                       obj->def->name);
    } else if ((!wantsBuild(flags) || poolBuild(obj, buildFlagsOf(flags)) == 0) &&
               poolStart(drv, obj) == 0) {
        storagePoolEmitEvent(drv, obj, VIR_STORAGE_POOL_EVENT_STARTED);
        ret = 0;
    }
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

static int
storagePoolDestroy(virStoragePoolPtr pool)
{
    storageDriver *drv;
    nuvStoragePoolObj *obj;

    if (!(drv = storageDriverGet()) || !(obj = storagePoolActiveFromHandle(drv, pool)))
        return -1;
    poolStop(drv, obj);
    storagePoolEmitEvent(drv, obj, VIR_STORAGE_POOL_EVENT_STOPPED);
    if (!obj->persistent)
        nuvStoragePoolObjListRemove(drv->pools, obj);
    nuvStoragePoolObjEndAPI(&obj);
    return 0;
}

static int
storagePoolDelete(virStoragePoolPtr pool, unsigned int flags)
{
    storageDriver *drv;
    nuvStoragePoolObj *obj;
    int ret = -1;

    nuvCheckFlags(VIR_STORAGE_POOL_DELETE_NORMAL | VIR_STORAGE_POOL_DELETE_ZEROED, -1);
    if (!(drv = storageDriverGet()) || !(obj = storagePoolFromHandle(drv, pool)))
        return -1;
    if (obj->active) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "storage pool '%s' is still active",
                       obj->def->name);
    } else if (poolRemove(obj, flags) == 0) {
        storagePoolEmitEvent(drv, obj, VIR_STORAGE_POOL_EVENT_DELETED);
        ret = 0;
    }
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

static int
storagePoolRefresh(virStoragePoolPtr pool, unsigned int flags)
{
    storageDriver *drv;
    nuvStoragePoolObj *obj;
    int ret = 0;

    nuvCheckFlags(0, -1);
    if (!(drv = storageDriverGet()) || !(obj = storagePoolActiveFromHandle(drv, pool)))
        return -1;
    if (storageBackendFor(obj->def->type)->refresh(obj) < 0) {
        /* A pool whose directory went away stops, as libvirt's does. */
        virErrorPtr err = nuvErrorPreserve();
        poolStop(drv, obj);
        storagePoolEmitEvent(drv, obj, VIR_STORAGE_POOL_EVENT_STOPPED);
        if (!obj->persistent)
            nuvStoragePoolObjListRemove(drv->pools, obj);
        nuvErrorRestore(&err);
        ret = -1;
    } else {
        nuvEventQueue(drv->events, nuvStoragePoolEventRefreshNew(obj->def->name,
                                                                 obj->def->uuid));
    }
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

static int
storagePoolGetInfo(virStoragePoolPtr pool, virStoragePoolInfoPtr info)
{
    storageDriver *drv;
    nuvStoragePoolObj *obj;

    if (!(drv = storageDriverGet()) || !(obj = storagePoolFromHandle(drv, pool)))
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
storagePoolGetXMLDesc(virStoragePoolPtr pool, unsigned int flags)
{
    storageDriver *drv;
    nuvStoragePoolObj *obj;
    char *ret;

    nuvCheckFlags(VIR_STORAGE_XML_INACTIVE, NULL);
    if (!(drv = storageDriverGet()) || !(obj = storagePoolFromHandle(drv, pool)))
        return NULL;
    ret = nuvStoragePoolDefFormat(obj->def);
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

static int
storagePoolGetAutostart(virStoragePoolPtr pool, int *autostart)
{
    storageDriver *drv;
    nuvStoragePoolObj *obj;

    if (!(drv = storageDriverGet()) || !(obj = storagePoolFromHandle(drv, pool)))
        return -1;
    *autostart = obj->autostart;
    nuvStoragePoolObjEndAPI(&obj);
    return 0;
}

static int
storagePoolSetAutostart(virStoragePoolPtr pool, int autostart)
{
    storageDriver *drv;
    nuvStoragePoolObj *obj;
    int ret = -1;

    if (!(drv = storageDriverGet()) || !(obj = storagePoolFromHandle(drv, pool)))
        return -1;
    if (!obj->persistent) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "cannot set autostart for transient pool");
    } else if (setAutostartLink(drv, obj->def->name, autostart != 0) == 0) {
        obj->autostart = autostart != 0;
        ret = 0;
    }
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

static int
storagePoolIsActive(virStoragePoolPtr pool)
{
    storageDriver *drv;
    nuvStoragePoolObj *obj;
    int ret;

    if (!(drv = storageDriverGet()) || !(obj = storagePoolFromHandle(drv, pool)))
        return -1;
    ret = obj->active;
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

static int
storagePoolIsPersistent(virStoragePoolPtr pool)
{
    storageDriver *drv;
    nuvStoragePoolObj *obj;
    int ret;

    if (!(drv = storageDriverGet()) || !(obj = storagePoolFromHandle(drv, pool)))
        return -1;
    ret = obj->persistent;
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

static char *
storageConnectFindStoragePoolSources(virConnectPtr conn G_GNUC_UNUSED, const char *type,
                                     const char *srcSpec, unsigned int flags)
{
    const storageBackend *be;
    int t = nuvStoragePoolTypeFromString(type);

    nuvCheckFlags(0, NULL);
    if (t < 0) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "unknown storage pool type %s", type);
        return NULL;
    }
    if (!storageDriverGet() || !(be = storageBackendFor(t)))
        return NULL;
    if (!be->findSources) {
        nuvReportError(VIR_ERR_NO_SUPPORT, "pool type '%s' does not support source discovery",
                       type);
        return NULL;
    }
    return be->findSources(srcSpec, flags);
}

static int
storageConnectStoragePoolEventRegisterAny(virConnectPtr conn, virStoragePoolPtr pool,
                                          int eventID,
                                          virConnectStoragePoolEventGenericCallback cb,
                                          void *opaque, virFreeCallback freecb)
{
    storageDriver *drv = storageDriverGet();

    if (!drv)
        return -1;
    return nuvEventRegisterStoragePool(drv->events, conn, pool, eventID, cb, opaque, freecb);
}

static int
storageConnectStoragePoolEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    storageDriver *drv = storageDriverGet();

    if (!drv)
        return -1;
    return nuvEventDeregister(drv->events, conn, callbackID);
}

const nuvStorageDriver storageDriverTable = {
    .name = "storage",
    .connectNumOfStoragePools = storageConnectNumOfStoragePools, /* 0.4.1 */
    .connectListStoragePools = storageConnectListStoragePools, /* 0.4.1 */
    .connectNumOfDefinedStoragePools = storageConnectNumOfDefinedStoragePools, /* 0.4.1 */
    .connectListDefinedStoragePools = storageConnectListDefinedStoragePools, /* 0.4.1 */
    .connectListAllStoragePools = storageConnectListAllStoragePools, /* 0.10.2 */
    .connectStoragePoolEventRegisterAny = storageConnectStoragePoolEventRegisterAny, /* 2.0.0 */
    .connectStoragePoolEventDeregisterAny = storageConnectStoragePoolEventDeregisterAny, /* 2.0.0 */
    .connectFindStoragePoolSources = storageConnectFindStoragePoolSources, /* 0.4.5 */
    .storagePoolLookupByName = storagePoolLookupByName, /* 0.4.1 */
    .storagePoolLookupByUUID = storagePoolLookupByUUID, /* 0.4.1 */
    .storagePoolLookupByVolume = storagePoolLookupByVolume, /* 0.4.1 */
    .storagePoolLookupByTargetPath = storagePoolLookupByTargetPath, /* 4.1.0 */
    .storagePoolCreateXML = storagePoolCreateXML, /* 0.4.1 */
    .storagePoolDefineXML = storagePoolDefineXML, /* 0.4.1 */
    .storagePoolBuild = storagePoolBuild, /* 0.4.1 */
    .storagePoolUndefine = storagePoolUndefine, /* 0.4.1 */
    .storagePoolCreate = storagePoolCreate, /* 0.4.1 */
    .storagePoolDestroy = storagePoolDestroy, /* 0.4.1 */
    .storagePoolDelete = storagePoolDelete, /* 0.4.1 */
    .storagePoolRefresh = storagePoolRefresh, /* 0.4.1 */
    .storagePoolGetInfo = storagePoolGetInfo, /* 0.4.1 */
    .storagePoolGetXMLDesc = storagePoolGetXMLDesc, /* 0.4.1 */
    .storagePoolGetAutostart = storagePoolGetAutostart, /* 0.4.1 */
    .storagePoolSetAutostart = storagePoolSetAutostart, /* 0.4.1 */
    .storagePoolNumOfVolumes = storagePoolNumOfVolumes, /* 0.4.1 */
    .storagePoolListVolumes = storagePoolListVolumes, /* 0.4.1 */
    .storagePoolListAllVolumes = storagePoolListAllVolumes, /* 0.10.2 */
    .storagePoolIsActive = storagePoolIsActive, /* 0.7.3 */
    .storagePoolIsPersistent = storagePoolIsPersistent, /* 0.7.3 */
    .storageVolLookupByName = storageVolLookupByName, /* 0.4.1 */
    .storageVolLookupByKey = storageVolLookupByKey, /* 0.4.1 */
    .storageVolLookupByPath = storageVolLookupByPath, /* 0.4.1 */
    .storageVolCreateXML = storageVolCreateXML, /* 0.4.1 */
    .storageVolCreateXMLFrom = storageVolCreateXMLFrom, /* 0.6.4 */
    .storageVolDelete = storageVolDelete, /* 0.4.1 */
    .storageVolWipe = storageVolWipe, /* 0.8.0 */
    .storageVolWipePattern = storageVolWipePattern, /* 0.9.10 */
    .storageVolGetInfoFlags = storageVolGetInfoFlags, /* 3.0.0 */
    .storageVolGetXMLDesc = storageVolGetXMLDesc, /* 0.4.1 */
    .storageVolGetPath = storageVolGetPath, /* 0.4.1 */
    .storageVolResize = storageVolResize, /* 0.9.10 */
    .storageVolUpload = storageVolUpload, /* 0.9.0 */
    .storageVolDownload = storageVolDownload, /* 0.9.0 */
};

static const nuvSecondaryDriver storageSecondaryDriver = {
    .name = "storage",
    .storage = &storageDriverTable,
};

int
storageRegister(void)
{
    if (nuvStateDriverRegister(&storageStateDriver) < 0)
        return -1;
    return nuvSecondaryDriverRegister(&storageSecondaryDriver);
}
