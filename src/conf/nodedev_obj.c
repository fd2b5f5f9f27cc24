/*
 * nodedev_obj.c: node device objects and their list.
 */
#include "conf/nodedev_obj.h"

struct _nuvNodeDeviceObjList {
    nuvObjList *objs;
};

static void
devObjDispose(nuvObj *base)
{
    nuvNodeDeviceDefFree(((nuvNodeDeviceObj *)base)->def);
}

static const nuvObjClass devObjClass = {
    .name = "node device",
    .dispose = devObjDispose,
};

nuvNodeDeviceObjList *
nuvNodeDeviceObjListNew(void)
{
    nuvNodeDeviceObjList *list = g_new0(nuvNodeDeviceObjList, 1);

    list->objs = nuvObjListNew(NUV_OBJ_LIST_ORDERED);
    return list;
}

void
nuvNodeDeviceObjListFree(nuvNodeDeviceObjList *list)
{
    if (!list)
        return;
    nuvObjListFree(list->objs);
    g_free(list);
}

nuvNodeDeviceObj *
nuvNodeDeviceObjListFindByName(nuvNodeDeviceObjList *list, const char *name)
{
    return (nuvNodeDeviceObj *)nuvObjListFindByName(list->objs, name);
}

static bool
hasCap(nuvObj *obj, void *cap)
{
    return nuvNodeDeviceDefHasCap(((nuvNodeDeviceObj *)obj)->def, cap);
}

nuvNodeDeviceObj *
nuvNodeDeviceObjListFindByCap(nuvNodeDeviceObjList *list, const char *cap)
{
    return (nuvNodeDeviceObj *)nuvObjListFindMatch(list->objs, hasCap, (void *)cap);
}

nuvNodeDeviceObj *
nuvNodeDeviceObjListAssign(nuvNodeDeviceObjList *list, nuvNodeDeviceDef **def)
{
    nuvNodeDeviceObj *obj;

    nuvObjListWriteLock(list->objs);
    if ((obj = (nuvNodeDeviceObj *)nuvObjListPeekByName(list->objs, (*def)->name))) {
        nuvNodeDeviceObjRef(obj);
        nuvNodeDeviceObjLock(obj);
        nuvNodeDeviceDefFree(obj->def);
        obj->def = g_steal_pointer(def);
    } else {
        obj = g_new0(nuvNodeDeviceObj, 1);
        nuvObjInit(&obj->parent, &devObjClass);     /* the caller's reference */
        obj->def = g_steal_pointer(def);
        nuvObjListInsert(list->objs, &obj->parent, obj->def->name, NULL);
        nuvNodeDeviceObjLock(obj);
    }
    nuvObjListWriteUnlock(list->objs);
    return obj;
}

void
nuvNodeDeviceObjListRemove(nuvNodeDeviceObjList *list, nuvNodeDeviceObj *obj)
{
    nuvObjListRemove(list->objs, &obj->parent);
}

nuvNodeDeviceObj **
nuvNodeDeviceObjListCollect(nuvNodeDeviceObjList *list, size_t *count)
{
    return (nuvNodeDeviceObj **)nuvObjListCollect(list->objs, count);
}

void
nuvNodeDeviceObjListFreeArray(nuvNodeDeviceObj **objs, size_t count)
{
    nuvObjListFreeArray((nuvObj **)objs, count);
}
