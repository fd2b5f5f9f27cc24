/*
 * nodedev_obj.c: the list of node devices.
 */
#include "conf/nodedev_obj.h"

nuvNodeDeviceObjList *
nuvNodeDeviceObjListNew(void)
{
    nuvNodeDeviceObjList *list = g_new0(nuvNodeDeviceObjList, 1);

    g_mutex_init(&list->lock);
    list->defs = g_ptr_array_new_with_free_func((GDestroyNotify) nuvNodeDeviceDefFree);
    return list;
}

void
nuvNodeDeviceObjListFree(nuvNodeDeviceObjList *list)
{
    if (!list)
        return;
    g_ptr_array_unref(list->defs);
    g_mutex_clear(&list->lock);
    g_free(list);
}

nuvNodeDeviceDef *
nuvNodeDeviceObjListFind(nuvNodeDeviceObjList *list, const char *name)
{
    for (guint i = 0; i < list->defs->len; i++) {
        nuvNodeDeviceDef *def = g_ptr_array_index(list->defs, i);
        if (g_strcmp0(def->name, name) == 0)
            return def;
    }
    return NULL;
}

nuvNodeDeviceDef *
nuvNodeDeviceObjListAssign(nuvNodeDeviceObjList *list, nuvNodeDeviceDef **def)
{
    for (guint i = 0; i < list->defs->len; i++) {
        nuvNodeDeviceDef *cur = g_ptr_array_index(list->defs, i);
        if (g_strcmp0(cur->name, (*def)->name) == 0) {
            nuvNodeDeviceDefFree(cur);
            g_ptr_array_index(list->defs, i) = *def;
            return g_steal_pointer(def);
        }
    }
    g_ptr_array_add(list->defs, *def);
    return g_steal_pointer(def);
}

void
nuvNodeDeviceObjListRemove(nuvNodeDeviceObjList *list, nuvNodeDeviceDef *def)
{
    g_ptr_array_remove(list->defs, def);
}
