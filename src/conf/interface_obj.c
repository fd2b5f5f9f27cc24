/*
 * interface_obj.c: host interface objects and their list.
 */
#include <string.h>

#include "util/locks.h"
#include "conf/interface_obj.h"

struct _nuvInterfaceObjList {
    nuvObjList *objs;
    GMutex backupLock;          /* guards backup; taken after the list's */
    GPtrArray *backup;          /* nuvInterfaceDef *, in order; NULL: none */
};

static void
ifaceObjDispose(nuvObj *base)
{
    nuvInterfaceDefFree(((nuvInterfaceObj *)base)->def);
}

static const nuvObjClass ifaceObjClass = {
    .name = "interface",
    .dispose = ifaceObjDispose,
};

nuvInterfaceObjList *
nuvInterfaceObjListNew(void)
{
    nuvInterfaceObjList *list = g_new0(nuvInterfaceObjList, 1);

    list->objs = nuvObjListNew(NUV_OBJ_LIST_ORDERED);
    g_mutex_init(&list->backupLock);
    return list;
}

void
nuvInterfaceObjListFree(nuvInterfaceObjList *list)
{
    if (!list)
        return;
    nuvObjListFree(list->objs);
    if (list->backup)
        g_ptr_array_unref(list->backup);
    g_mutex_clear(&list->backupLock);
    g_free(list);
}

nuvInterfaceObj *
nuvInterfaceObjListFindByName(nuvInterfaceObjList *list, const char *name)
{
    return (nuvInterfaceObj *)nuvObjListFindByName(list->objs, name);
}

int
nuvInterfaceObjListCountByMAC(nuvInterfaceObjList *list, const char *mac, char **name)
{
    g_autofree nuvObj **objs = NULL;
    size_t n;
    int found = 0;

    nuvObjListReadLock(list->objs);
    objs = nuvObjListPeekAll(list->objs, &n);
    for (size_t i = 0; i < n; i++) {
        const nuvInterfaceDef *def = ((nuvInterfaceObj *)objs[i])->def;
        if (def->mac && g_ascii_strcasecmp(def->mac, mac) == 0 && found++ == 0)
            *name = g_strdup(def->name);
    }
    nuvObjListReadUnlock(list->objs);
    return found;
}

/* With the write lock held: a new inactive interface for *def. */
static nuvInterfaceObj *
insertLocked(nuvInterfaceObjList *list, nuvInterfaceDef **def)
{
    nuvInterfaceObj *obj = g_new0(nuvInterfaceObj, 1);

    nuvObjInit(&obj->parent, &ifaceObjClass);       /* the caller's reference */
    obj->def = g_steal_pointer(def);
    nuvObjListInsert(list->objs, &obj->parent, obj->def->name, NULL);
    return obj;
}

nuvInterfaceObj *
nuvInterfaceObjListAssign(nuvInterfaceObjList *list, nuvInterfaceDef **def)
{
    nuvInterfaceObj *obj;

    nuvObjListWriteLock(list->objs);
    if ((obj = (nuvInterfaceObj *)nuvObjListPeekByName(list->objs, (*def)->name))) {
        nuvInterfaceObjRef(obj);
        nuvInterfaceObjLock(obj);
        nuvInterfaceDefFree(obj->def);
        obj->def = g_steal_pointer(def);
    } else {
        obj = insertLocked(list, def);
        nuvInterfaceObjLock(obj);
    }
    nuvObjListWriteUnlock(list->objs);
    return obj;
}

void
nuvInterfaceObjListRemove(nuvInterfaceObjList *list, nuvInterfaceObj *obj)
{
    nuvObjListRemove(list->objs, &obj->parent);
}

nuvInterfaceObj **
nuvInterfaceObjListCollect(nuvInterfaceObjList *list, size_t *count)
{
    return (nuvInterfaceObj **)nuvObjListCollect(list->objs, count);
}

void
nuvInterfaceObjListFreeArray(nuvInterfaceObj **objs, size_t count)
{
    nuvObjListFreeArray((nuvObj **)objs, count);
}

int
nuvInterfaceObjListBegin(nuvInterfaceObjList *list)
{
    g_autofree nuvObj **objs = NULL;
    size_t n;
    int ret = -1;

    nuvObjListReadLock(list->objs);
    nuvMutexLock(&list->backupLock);
    if (!list->backup) {
        objs = nuvObjListPeekAll(list->objs, &n);
        list->backup = g_ptr_array_new_with_free_func((GDestroyNotify) nuvInterfaceDefFree);
        for (size_t i = 0; i < n; i++)
            g_ptr_array_add(list->backup,
                            nuvInterfaceDefCopy(((nuvInterfaceObj *)objs[i])->def));
        ret = 0;
    }
    nuvMutexUnlock(&list->backupLock);
    nuvObjListReadUnlock(list->objs);
    return ret;
}

int
nuvInterfaceObjListCommit(nuvInterfaceObjList *list)
{
    int ret = -1;

    nuvMutexLock(&list->backupLock);
    if (list->backup) {
        g_clear_pointer(&list->backup, g_ptr_array_unref);
        ret = 0;
    }
    nuvMutexUnlock(&list->backupLock);
    return ret;
}

int
nuvInterfaceObjListRollback(nuvInterfaceObjList *list)
{
    g_autofree nuvObj **objs = NULL;
    g_autoptr(GPtrArray) backup = NULL;
    size_t n;

    nuvObjListWriteLock(list->objs);
    nuvMutexLock(&list->backupLock);
    backup = g_steal_pointer(&list->backup);
    nuvMutexUnlock(&list->backupLock);
    if (!backup) {
        nuvObjListWriteUnlock(list->objs);
        return -1;
    }
    objs = nuvObjListPeekAll(list->objs, &n);
    for (size_t i = 0; i < n; i++)
        nuvObjListRemoveLocked(list->objs, objs[i]);
    for (guint i = 0; i < backup->len; i++) {
        nuvInterfaceDef *def = g_steal_pointer(&g_ptr_array_index(backup, i));
        nuvInterfaceObjUnref(insertLocked(list, &def));
    }
    nuvObjListWriteUnlock(list->objs);
    return 0;
}
