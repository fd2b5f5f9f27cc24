/*
 * interface_obj.c: the list of host interfaces.
 */
#include <string.h>

#include "conf/interface_obj.h"

static void
objFree(nuvInterfaceObj *obj)
{
    if (!obj)
        return;
    nuvInterfaceDefFree(obj->def);
    g_free(obj);
}

nuvInterfaceObjList *
nuvInterfaceObjListNew(void)
{
    nuvInterfaceObjList *list = g_new0(nuvInterfaceObjList, 1);

    g_mutex_init(&list->lock);
    list->objs = g_ptr_array_new_with_free_func((GDestroyNotify) objFree);
    return list;
}

void
nuvInterfaceObjListFree(nuvInterfaceObjList *list)
{
    if (!list)
        return;
    g_ptr_array_unref(list->objs);
    g_mutex_clear(&list->lock);
    g_free(list);
}

nuvInterfaceObj *
nuvInterfaceObjListFind(nuvInterfaceObjList *list, const char *name)
{
    for (guint i = 0; i < list->objs->len; i++) {
        nuvInterfaceObj *obj = g_ptr_array_index(list->objs, i);
        if (g_strcmp0(obj->def->name, name) == 0)
            return obj;
    }
    return NULL;
}

nuvInterfaceObj *
nuvInterfaceObjListAssign(nuvInterfaceObjList *list, nuvInterfaceDef **def)
{
    nuvInterfaceObj *obj = nuvInterfaceObjListFind(list, (*def)->name);

    if (obj) {
        nuvInterfaceDefFree(obj->def);
        obj->def = g_steal_pointer(def);
        return obj;
    }
    obj = g_new0(nuvInterfaceObj, 1);
    obj->def = g_steal_pointer(def);
    g_ptr_array_add(list->objs, obj);
    return obj;
}

void
nuvInterfaceObjListRemove(nuvInterfaceObjList *list, nuvInterfaceObj *obj)
{
    g_ptr_array_remove(list->objs, obj);
}

GPtrArray *
nuvInterfaceObjListCloneObjs(nuvInterfaceObjList *list)
{
    GPtrArray *copy = g_ptr_array_new_with_free_func((GDestroyNotify) objFree);

    for (guint i = 0; i < list->objs->len; i++) {
        nuvInterfaceObj *obj = g_ptr_array_index(list->objs, i);
        nuvInterfaceObj *c = g_new0(nuvInterfaceObj, 1);
        c->def = nuvInterfaceDefCopy(obj->def);
        g_ptr_array_add(copy, c);
    }
    return copy;
}
