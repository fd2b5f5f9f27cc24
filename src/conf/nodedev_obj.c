/*
 * nodedev_obj.c: node device objects and their list.
 */
#include "conf/nodedev_obj.h"
#include "util/error.h"

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

/* ---- shared queries ---- */

/* The capability words in the order of the VIR_CONNECT_LIST_NODE_DEVICES_CAP_* bits. */
static const char *const capFlagNames[] = {
    "system", "pci", "usb_device", "usb", "net", "scsi_host", "scsi_target", "scsi",
    "storage", "fc_host", "vports", "scsi_generic", "drm", "mdev_types", "mdev", "ccw",
    "css", "vdpa", "ap_card", "ap_queue", "ap_matrix", "vpd",
};
G_STATIC_ASSERT(NUV_NODE_DEVICE_CAP_FILTERS == (1U << G_N_ELEMENTS(capFlagNames)) - 1);

nuvNodeDeviceObj *
nuvNodeDeviceObjListGet(nuvNodeDeviceObjList *list, const char *name, int errDomain)
{
    nuvNodeDeviceObj *obj = nuvNodeDeviceObjListFindByName(list, name);

    if (!obj)
        nuvReportErrorFrom(errDomain, VIR_ERR_NO_NODE_DEVICE,
                           "no node device with matching name '%s'", name);
    return obj;
}

static bool
matchesCapFlags(const nuvNodeDeviceDef *def, unsigned int flags)
{
    if (!(flags & NUV_NODE_DEVICE_CAP_FILTERS))
        return true;
    for (size_t i = 0; i < G_N_ELEMENTS(capFlagNames); i++) {
        if ((flags & (1U << i)) && nuvNodeDeviceDefHasCap(def, capFlagNames[i]))
            return true;
    }
    return false;
}

GPtrArray *
nuvNodeDeviceObjListMatch(nuvNodeDeviceObjList *list, const char *cap, unsigned int capFlags)
{
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    size_t count;
    nuvNodeDeviceObj **objs = nuvNodeDeviceObjListCollect(list, &count);

    for (size_t i = 0; i < count; i++) {
        nuvNodeDeviceObjLock(objs[i]);
        if (!nuvNodeDeviceObjIsRemoved(objs[i]) &&
            (!cap || nuvNodeDeviceDefHasCap(objs[i]->def, cap)) &&
            matchesCapFlags(objs[i]->def, capFlags))
            g_ptr_array_add(names, g_strdup(objs[i]->def->name));
        nuvNodeDeviceObjUnlock(objs[i]);
    }
    nuvNodeDeviceObjListFreeArray(objs, count);
    return names;
}

static const char *
childText(nuvXNode *node, const char *name)
{
    nuvXNode *child = node ? nuvXNodeChild(node, name) : NULL;
    return child ? child->text : NULL;
}

char *
nuvNodeDeviceObjListSCSIHostByWWN(nuvNodeDeviceObjList *list, const char *wwnn,
                                  const char *wwpn, int errDomain)
{
    char *ret = NULL;
    size_t count;
    nuvNodeDeviceObj **objs = nuvNodeDeviceObjListCollect(list, &count);

    for (size_t i = 0; i < count && !ret; i++) {
        nuvXNode *fc;

        nuvNodeDeviceObjLock(objs[i]);
        fc = nuvNodeDeviceObjIsRemoved(objs[i]) ? NULL : nuvNodeDeviceDefFCHost(objs[i]->def);
        if (fc && g_strcmp0(childText(fc, "wwnn"), wwnn) == 0 &&
            g_strcmp0(childText(fc, "wwpn"), wwpn) == 0)
            ret = g_strdup(objs[i]->def->name);
        nuvNodeDeviceObjUnlock(objs[i]);
    }
    nuvNodeDeviceObjListFreeArray(objs, count);
    if (!ret)
        nuvReportErrorFrom(errDomain, VIR_ERR_NO_NODE_DEVICE,
                           "no node device with matching wwnn '%s' and wwpn '%s'", wwnn, wwpn);
    return ret;
}

GStrv
nuvNodeDeviceObjListCaps(nuvNodeDeviceObjList *list, const char *name, int errDomain)
{
    nuvNodeDeviceObj *obj = nuvNodeDeviceObjListGet(list, name, errDomain);
    GStrv caps;

    if (!obj)
        return NULL;
    caps = nuvNodeDeviceDefCaps(obj->def);
    nuvNodeDeviceObjEndAPI(&obj);
    return caps;
}

char *
nuvNodeDeviceObjListParentName(nuvNodeDeviceObjList *list, const char *name, int errDomain)
{
    nuvNodeDeviceObj *obj = nuvNodeDeviceObjListGet(list, name, errDomain);
    char *parent;

    if (!obj)
        return NULL;
    parent = g_strdup(obj->def->parent);
    nuvNodeDeviceObjEndAPI(&obj);
    if (!parent)
        nuvReportErrorFrom(errDomain, VIR_ERR_INTERNAL_ERROR, "%s", "no parent for this device");
    return parent;
}
