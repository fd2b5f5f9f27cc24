/*
 * storage_obj.c: storage pools, their volumes, and their list (a
 * nuvObjList indexed by name and UUID).
 */
#include <string.h>

#include "util/locks.h"
#include "conf/storage_obj.h"
#include "util/error.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_STORAGE

struct _nuvStoragePoolObjList {
    nuvObjList *objs;
};

static void
volObjDispose(nuvObj *base)
{
    nuvStorageVolObj *vol = (nuvStorageVolObj *)base;

    nuvStorageVolDefFree(vol->def);
    if (vol->data)
        g_byte_array_unref(vol->data);
}

static const nuvObjClass volObjClass = {
    .name = "storage volume",
    .dispose = volObjDispose,
};

static void
poolObjDispose(nuvObj *base)
{
    nuvStoragePoolObj *obj = (nuvStoragePoolObj *)base;

    nuvStoragePoolDefFree(obj->def);
    nuvObjListFree(obj->volumes);
}

static const nuvObjClass poolObjClass = {
    .name = "storage pool",
    .dispose = poolObjDispose,
};

nuvStoragePoolObjList *
nuvStoragePoolObjListNew(void)
{
    nuvStoragePoolObjList *list = g_new0(nuvStoragePoolObjList, 1);
    list->objs = nuvObjListNew(NUV_OBJ_LIST_BY_UUID);
    return list;
}

void
nuvStoragePoolObjListFree(nuvStoragePoolObjList *list)
{
    if (!list)
        return;
    nuvObjListFree(list->objs);
    g_free(list);
}

nuvStoragePoolObj *
nuvStoragePoolObjFindByName(nuvStoragePoolObjList *list, const char *name)
{
    return (nuvStoragePoolObj *)nuvObjListFindByName(list->objs, name);
}

nuvStoragePoolObj *
nuvStoragePoolObjFindByUUID(nuvStoragePoolObjList *list, const unsigned char *uuid)
{
    return (nuvStoragePoolObj *)nuvObjListFindByUUID(list->objs, uuid);
}

nuvStoragePoolObj *
nuvStoragePoolObjListAdd(nuvStoragePoolObjList *list, nuvStoragePoolDef **def)
{
    nuvStoragePoolObj *obj;
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    nuvObjListWriteLock(list->objs);
    if ((obj = (nuvStoragePoolObj *)nuvObjListPeekByUUID(list->objs, (*def)->uuid))) {
        if (strcmp(obj->def->name, (*def)->name) != 0) {
            nuvReportError(VIR_ERR_OPERATION_FAILED,
                           "pool '%s' is already defined with uuid %s",
                           obj->def->name, nuvUUIDFormat(obj->def->uuid, uuidstr));
            nuvObjListWriteUnlock(list->objs);
            return NULL;
        }
        nuvStoragePoolObjRef(obj);
        nuvStoragePoolObjLock(obj);
        nuvObjListWriteUnlock(list->objs);
        /* Redefinition keeps the sizes the pool reports. */
        (*def)->capacity = obj->def->capacity;
        (*def)->allocation = obj->def->allocation;
        (*def)->available = obj->def->available;
        nuvStoragePoolDefFree(obj->def);
        obj->def = g_steal_pointer(def);
        return obj;
    }
    if ((obj = (nuvStoragePoolObj *)nuvObjListPeekByName(list->objs, (*def)->name))) {
        nuvReportError(VIR_ERR_OPERATION_FAILED, "pool '%s' already exists with uuid %s",
                       (*def)->name, nuvUUIDFormat(obj->def->uuid, uuidstr));
        nuvObjListWriteUnlock(list->objs);
        return NULL;
    }

    obj = g_new0(nuvStoragePoolObj, 1);
    nuvObjInit(&obj->parent, &poolObjClass);        /* the caller's reference */
    obj->volumes = nuvObjListNew(NUV_OBJ_LIST_ORDERED | NUV_OBJ_LIST_EXTRA_KEYS);
    obj->def = g_steal_pointer(def);
    nuvObjListInsert(list->objs, &obj->parent, obj->def->name, obj->def->uuid);
    nuvStoragePoolObjLock(obj);
    nuvObjListWriteUnlock(list->objs);
    return obj;
}

void
nuvStoragePoolObjListRemove(nuvStoragePoolObjList *list, nuvStoragePoolObj *obj)
{
    if (!obj->parent.removing)
        nuvObjListRemove(list->objs, &obj->parent);
}

GPtrArray *
nuvStoragePoolObjListCollect(nuvStoragePoolObjList *list)
{
    size_t n;
    nuvObj **objs = nuvObjListCollect(list->objs, &n);
    GPtrArray *all = g_ptr_array_new_full(n, (GDestroyNotify) nuvObjUnref);

    for (size_t i = 0; i < n; i++)
        g_ptr_array_add(all, objs[i]);      /* the references move over */
    g_free(objs);
    return all;
}

/* The volume lookups run under the pool's lock, which guards every change
 * to its volume list: the list's own lock is taken only because its
 * functions expect it. */
nuvStorageVolObj *
nuvStoragePoolObjFindVol(nuvStoragePoolObj *obj, const char *name)
{
    nuvObj *vol;

    nuvObjListReadLock(obj->volumes);
    vol = nuvObjListPeekByName(obj->volumes, name);
    nuvObjListReadUnlock(obj->volumes);
    return (nuvStorageVolObj *)vol;
}

/* The volume list's extra indexes (object_list.h): a volume's key and
 * its path, so that the lookups by either cost one hash, not a walk. */
enum { VOL_INDEX_KEY, VOL_INDEX_PATH };

static nuvStorageVolObj *
findVolByIndex(nuvStoragePoolObj *obj, int which, const char *what)
{
    nuvObj *vol;

    nuvObjListReadLock(obj->volumes);
    vol = nuvObjListPeekByKey(obj->volumes, which, what);
    nuvObjListReadUnlock(obj->volumes);
    return (nuvStorageVolObj *)vol;
}

nuvStorageVolObj *
nuvStoragePoolObjFindVolByKey(nuvStoragePoolObj *obj, const char *key)
{
    return findVolByIndex(obj, VOL_INDEX_KEY, key);
}

nuvStorageVolObj *
nuvStoragePoolObjFindVolByPath(nuvStoragePoolObj *obj, const char *path)
{
    return findVolByIndex(obj, VOL_INDEX_PATH, path);
}

/* With the volume list's write lock held. */
static void
indexVol(nuvStoragePoolObj *obj, nuvStorageVolObj *vol)
{
    nuvObjListSetKey(obj->volumes, &vol->parent, VOL_INDEX_KEY, vol->def ? vol->def->key : NULL);
    nuvObjListSetKey(obj->volumes, &vol->parent, VOL_INDEX_PATH, vol->def ? vol->def->path : NULL);
}

void
nuvStoragePoolObjSetVolDef(nuvStoragePoolObj *obj, nuvStorageVolObj *vol, nuvStorageVolDef *def)
{
    nuvObjListWriteLock(obj->volumes);
    nuvStorageVolDefFree(vol->def);
    vol->def = def;
    indexVol(obj, vol);
    nuvObjListWriteUnlock(obj->volumes);
}

nuvStorageVolObj **
nuvStoragePoolObjPeekVols(nuvStoragePoolObj *obj, size_t *count)
{
    nuvObj **all;

    nuvObjListReadLock(obj->volumes);
    all = nuvObjListPeekAll(obj->volumes, count);
    nuvObjListReadUnlock(obj->volumes);
    return (nuvStorageVolObj **)all;
}

size_t
nuvStoragePoolObjVolCount(nuvStoragePoolObj *obj)
{
    return nuvObjListCount(obj->volumes);
}

int
nuvStoragePoolObjListVolNames(nuvStoragePoolObj *obj, char **const names, int maxnames)
{
    g_autofree nuvStorageVolObj **all = NULL;
    size_t count;
    int n = 0;

    all = nuvStoragePoolObjPeekVols(obj, &count);
    for (size_t i = 0; i < count && n < maxnames; i++)
        names[n++] = g_strdup(all[i]->def->name);
    return n;
}

nuvStorageVolObj *
nuvStoragePoolObjAddVol(nuvStoragePoolObj *obj, nuvStorageVolDef *def)
{
    nuvStorageVolObj *vol = g_new0(nuvStorageVolObj, 1);

    nuvObjInit(&vol->parent, &volObjClass);
    vol->def = def;
    nuvObjListWriteLock(obj->volumes);
    nuvObjListInsert(obj->volumes, &vol->parent, def->name, NULL);
    indexVol(obj, vol);
    nuvObjListWriteUnlock(obj->volumes);
    /* the list's reference is the only one: it owns the volume */
    nuvObjUnref(&vol->parent);
    return vol;
}

void
nuvStoragePoolObjRemoveVol(nuvStoragePoolObj *obj, nuvStorageVolObj *vol)
{
    nuvObjListWriteLock(obj->volumes);
    nuvObjListRemoveLocked(obj->volumes, &vol->parent);
    nuvObjListWriteUnlock(obj->volumes);
}

void
nuvStoragePoolObjClearVols(nuvStoragePoolObj *obj)
{
    nuvObjListRemoveAll(obj->volumes);
}
