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
volObjFree(nuvStorageVolObj *vol)
{
    if (!vol)
        return;
    nuvStorageVolDefFree(vol->def);
    if (vol->data)
        g_byte_array_unref(vol->data);
    g_free(vol);
}

static void
poolObjDispose(nuvObj *base)
{
    nuvStoragePoolObj *obj = (nuvStoragePoolObj *)base;

    nuvStoragePoolDefFree(obj->def);
    g_ptr_array_unref(obj->volumes);
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
    obj->volumes = g_ptr_array_new_with_free_func((GDestroyNotify) volObjFree);
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

nuvStorageVolObj *
nuvStoragePoolObjFindVol(nuvStoragePoolObj *obj, const char *name)
{
    for (guint i = 0; i < obj->volumes->len; i++) {
        nuvStorageVolObj *vol = g_ptr_array_index(obj->volumes, i);
        if (strcmp(vol->def->name, name) == 0)
            return vol;
    }
    return NULL;
}

nuvStorageVolObj *
nuvStoragePoolObjFindVolByKey(nuvStoragePoolObj *obj, const char *key)
{
    for (guint i = 0; i < obj->volumes->len; i++) {
        nuvStorageVolObj *vol = g_ptr_array_index(obj->volumes, i);
        if (vol->def->key && strcmp(vol->def->key, key) == 0)
            return vol;
    }
    return NULL;
}

nuvStorageVolObj *
nuvStoragePoolObjFindVolByPath(nuvStoragePoolObj *obj, const char *path)
{
    for (guint i = 0; i < obj->volumes->len; i++) {
        nuvStorageVolObj *vol = g_ptr_array_index(obj->volumes, i);
        if (vol->def->path && strcmp(vol->def->path, path) == 0)
            return vol;
    }
    return NULL;
}

nuvStorageVolObj *
nuvStoragePoolObjAddVol(nuvStoragePoolObj *obj, nuvStorageVolDef *def)
{
    nuvStorageVolObj *vol = g_new0(nuvStorageVolObj, 1);

    vol->def = def;
    g_ptr_array_add(obj->volumes, vol);
    return vol;
}

void
nuvStoragePoolObjRemoveVol(nuvStoragePoolObj *obj, nuvStorageVolObj *vol)
{
    g_ptr_array_remove(obj->volumes, vol);
}

void
nuvStoragePoolObjClearVols(nuvStoragePoolObj *obj)
{
    g_ptr_array_set_size(obj->volumes, 0);
}
