/*
 * nodedev_driver.c: the host's node device driver: its one instance
 * (state driver), the rescan that keeps the device list current and
 * announces changes, and its slots.  The read-only queries over the list
 * are conf's (shared with the test driver).
 *
 * Detaching a PCI device for assignment needs VFIO, which this driver
 * does not drive: those calls say so (VIR_ERR_OPERATION_UNSUPPORTED), as
 * do creating and defining devices (mediated devices need mdevctl).
 */
#include <string.h>

#include "nodedev/nodedev_driver.h"
#include "conf/nodedev_obj.h"
#include "driver/datatypes.h"
#include "driver/driver.h"
#include "driver/event.h"
#include "driver/state.h"
#include "util/error.h"
#include "util/log.h"

#define VIR_FROM_THIS VIR_FROM_NODEDEV

/* How old the device list may be when a call reads it. */
#define RESCAN_INTERVAL_US G_USEC_PER_SEC

typedef struct {
    GMutex scanLock;            /* one rescan at a time; guards scannedAt */
    gint64 scannedAt;
    char *sysfs;                /* immutable */
    nuvNodeDeviceObjList *devs;
    nuvEventState *events;
} nodedevDriver;

static nodedevDriver *theDriver;

/* Read sysfs again and bring the list in line: new devices are added,
 * changed ones replaced, vanished ones dropped, each with its event. */
static void
rescan(nodedevDriver *drv, bool force)
{
    g_autoptr(GPtrArray) docs = NULL;
    g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_autoptr(GPtrArray) events = g_ptr_array_new();
    nuvNodeDeviceObj **objs;
    size_t count;
    gint64 now = g_get_monotonic_time();

    g_mutex_lock(&drv->scanLock);
    if (!force && drv->scannedAt && now - drv->scannedAt < RESCAN_INTERVAL_US) {
        g_mutex_unlock(&drv->scanLock);
        return;
    }
    docs = nodedevSysfsScan(drv->sysfs);
    for (guint i = 0; i < docs->len; i++) {
        g_autoptr(nuvNodeDeviceDef) def =
            nuvNodeDeviceDefParseString(g_ptr_array_index(docs, i),
                                        NUV_NODE_DEVICE_PARSE_EXISTING);
        g_autofree char *newXML = NULL;
        nuvNodeDeviceObj *obj;
        nuvEvent *ev = NULL;

        if (!def) {
            NUV_DEBUG("nodedev: device skipped: %s", nuvErrorCurrent() ?
                      nuvErrorCurrent()->message : "");
            nuvErrorReset();
            continue;
        }
        g_hash_table_add(seen, g_strdup(def->name));
        newXML = nuvNodeDeviceDefFormat(def);
        if ((obj = nuvNodeDeviceObjListFindByName(drv->devs, def->name))) {
            g_autofree char *oldXML = nuvNodeDeviceDefFormat(obj->def);
            bool same = g_strcmp0(oldXML, newXML) == 0;
            nuvNodeDeviceObjEndAPI(&obj);
            if (same)
                continue;
            ev = nuvNodeDeviceEventUpdateNew(def->name);
        } else if (drv->scannedAt) {
            /* the first read finds the devices there, it does not create them */
            ev = nuvNodeDeviceEventLifecycleNew(def->name, VIR_NODE_DEVICE_EVENT_CREATED, 0);
        }
        if (ev)
            g_ptr_array_add(events, ev);
        obj = nuvNodeDeviceObjListAssign(drv->devs, &def);
        nuvNodeDeviceObjEndAPI(&obj);
    }
    objs = nuvNodeDeviceObjListCollect(drv->devs, &count);
    for (size_t i = 0; i < count; i++) {
        nuvNodeDeviceObjLock(objs[i]);
        if (!nuvNodeDeviceObjIsRemoved(objs[i]) &&
            !g_hash_table_contains(seen, objs[i]->def->name)) {
            g_ptr_array_add(events, nuvNodeDeviceEventLifecycleNew(
                                objs[i]->def->name, VIR_NODE_DEVICE_EVENT_DELETED, 0));
            nuvNodeDeviceObjListRemove(drv->devs, objs[i]);
        }
        nuvNodeDeviceObjUnlock(objs[i]);
    }
    nuvNodeDeviceObjListFreeArray(objs, count);
    drv->scannedAt = g_get_monotonic_time();
    g_mutex_unlock(&drv->scanLock);
    for (guint i = 0; i < events->len; i++)
        nuvEventQueue(drv->events, g_ptr_array_index(events, i));
}

/* The running driver with a current list, or NULL (error reported). */
static nodedevDriver *
driverGet(void)
{
    if (!theDriver) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       "the host's node device driver is not running in this process");
        return NULL;
    }
    rescan(theDriver, false);
    return theDriver;
}

/* ---- the state driver ---- */

static nuvStateInitResult
nodedevStateInitialize(bool privileged G_GNUC_UNUSED, const char *root G_GNUC_UNUSED,
                       bool embedded G_GNUC_UNUSED)
{
    nodedevDriver *drv = g_new0(nodedevDriver, 1);

    g_mutex_init(&drv->scanLock);
    drv->sysfs = g_strdup("/sys");
    drv->devs = nuvNodeDeviceObjListNew();
    drv->events = nuvEventStateNew();
    rescan(drv, true);
    theDriver = drv;
    return NUV_STATE_INIT_COMPLETE;
}

static int
nodedevStateShutdown(void)
{
    nodedevDriver *drv = g_steal_pointer(&theDriver);

    if (!drv)
        return 0;
    nuvNodeDeviceObjListFree(drv->devs);
    nuvEventStateFree(drv->events);
    g_mutex_clear(&drv->scanLock);
    g_free(drv->sysfs);
    g_free(drv);
    return 0;
}

static const nuvStateDriver nodedevStateDriver = {
    .name = "nodedev",
    .initialize = nodedevStateInitialize,
    .shutdown = nodedevStateShutdown,
};

/* ---- slots ---- */

static int
nodedevNumOfDevices(virConnectPtr conn G_GNUC_UNUSED, const char *cap, unsigned int flags)
{
    nodedevDriver *drv;
    g_autoptr(GPtrArray) names = NULL;

    nuvCheckFlags(0, -1);
    if (!(drv = driverGet()))
        return -1;
    names = nuvNodeDeviceObjListMatch(drv->devs, cap, 0);
    return names->len;
}

static int
nodedevListDevices(virConnectPtr conn G_GNUC_UNUSED, const char *cap, char **const names,
                   int maxnames, unsigned int flags)
{
    nodedevDriver *drv;
    g_autoptr(GPtrArray) found = NULL;
    int n = 0;

    nuvCheckFlags(0, -1);
    if (!(drv = driverGet()))
        return -1;
    found = nuvNodeDeviceObjListMatch(drv->devs, cap, 0);
    for (; n < maxnames && (guint) n < found->len; n++)
        names[n] = g_strdup(g_ptr_array_index(found, n));
    return n;
}

static int
nodedevConnectListAllNodeDevices(virConnectPtr conn, virNodeDevicePtr **devices,
                                 unsigned int flags)
{
    nodedevDriver *drv;
    g_autoptr(GPtrArray) found = NULL;

    nuvCheckFlags(NUV_NODE_DEVICE_CAP_FILTERS | VIR_CONNECT_LIST_NODE_DEVICES_ACTIVE |
                  VIR_CONNECT_LIST_NODE_DEVICES_INACTIVE, -1);
    if (!(drv = driverGet()))
        return -1;
    /* the host's devices are all active: asking for inactive ones only
     * finds none */
    if ((flags & VIR_CONNECT_LIST_NODE_DEVICES_INACTIVE) &&
        !(flags & VIR_CONNECT_LIST_NODE_DEVICES_ACTIVE))
        found = g_ptr_array_new_with_free_func(g_free);
    else
        found = nuvNodeDeviceObjListMatch(drv->devs, NULL, flags & NUV_NODE_DEVICE_CAP_FILTERS);
    return nuvNodeDeviceHandles(conn, found, devices);
}

static virNodeDevicePtr
nodedevLookupByName(virConnectPtr conn, const char *name)
{
    nodedevDriver *drv;
    nuvNodeDeviceObj *obj;
    virNodeDevicePtr ret;

    if (!(drv = driverGet()) || !(obj = nuvNodeDeviceObjListGet(drv->devs, name, VIR_FROM_THIS)))
        return NULL;
    ret = nuvGetNodeDevice(conn, obj->def->name);
    nuvNodeDeviceObjEndAPI(&obj);
    return ret;
}

static virNodeDevicePtr
nodedevLookupSCSIHostByWWN(virConnectPtr conn, const char *wwnn, const char *wwpn,
                           unsigned int flags)
{
    nodedevDriver *drv;
    g_autofree char *name = NULL;

    nuvCheckFlags(0, NULL);
    if (!(drv = driverGet()) ||
        !(name = nuvNodeDeviceObjListSCSIHostByWWN(drv->devs, wwnn, wwpn, VIR_FROM_THIS)))
        return NULL;
    return nuvGetNodeDevice(conn, name);
}

static char *
nodedevGetXMLDesc(virNodeDevicePtr dev, unsigned int flags)
{
    nodedevDriver *drv;
    nuvNodeDeviceObj *obj;
    char *ret;

    nuvCheckFlags(0, NULL);
    if (!(drv = driverGet()) ||
        !(obj = nuvNodeDeviceObjListGet(drv->devs, dev->name, VIR_FROM_THIS)))
        return NULL;
    ret = nuvNodeDeviceDefFormat(obj->def);
    nuvNodeDeviceObjEndAPI(&obj);
    return ret;
}

static const char *
nodedevGetParent(virNodeDevicePtr dev)
{
    nodedevDriver *drv;

    if (dev->parentName)
        return dev->parentName;
    if (!(drv = driverGet()))
        return NULL;
    return nuvNodeDeviceKeepParent(dev, nuvNodeDeviceObjListParentName(drv->devs, dev->name,
                                                                       VIR_FROM_THIS));
}

static int
nodedevNumOfCaps(virNodeDevicePtr dev)
{
    nodedevDriver *drv = driverGet();
    g_auto(GStrv) caps = drv ? nuvNodeDeviceObjListCaps(drv->devs, dev->name,
                                                        VIR_FROM_THIS) : NULL;

    return caps ? (int) g_strv_length(caps) : -1;
}

static int
nodedevListCaps(virNodeDevicePtr dev, char **const names, int maxnames)
{
    nodedevDriver *drv = driverGet();
    g_auto(GStrv) caps = drv ? nuvNodeDeviceObjListCaps(drv->devs, dev->name,
                                                        VIR_FROM_THIS) : NULL;
    int n = 0;

    if (!caps)
        return -1;
    for (; caps[n] && n < maxnames; n++)
        names[n] = g_strdup(caps[n]);
    return n;
}

/* A device of the host exists, so it is active; none is defined. */
static int
nodedevCheckExists(virNodeDevicePtr dev)
{
    nodedevDriver *drv = driverGet();
    nuvNodeDeviceObj *obj;

    if (!drv || !(obj = nuvNodeDeviceObjListGet(drv->devs, dev->name, VIR_FROM_THIS)))
        return -1;
    nuvNodeDeviceObjEndAPI(&obj);
    return 0;
}

static int
nodedevIsActive(virNodeDevicePtr dev)
{
    return nodedevCheckExists(dev) < 0 ? -1 : 1;
}

static int
nodedevIsPersistent(virNodeDevicePtr dev)
{
    return nodedevCheckExists(dev) < 0 ? -1 : 0;
}

static int
nodedevGetAutostart(virNodeDevicePtr dev, int *autostart)
{
    if (nodedevCheckExists(dev) < 0)
        return -1;
    *autostart = 0;
    return 0;
}

static int
noAssignment(virNodeDevicePtr dev)
{
    if (nodedevCheckExists(dev) < 0)
        return -1;
    nuvReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                   "device '%s' cannot be detached, reattached or reset: this host's node "
                   "device driver does not drive VFIO", dev->name);
    return -1;
}

static int
nodedevDetachFlags(virNodeDevicePtr dev, const char *driverName G_GNUC_UNUSED,
                   unsigned int flags)
{
    nuvCheckFlags(0, -1);
    return noAssignment(dev);
}

static int
nodedevDettach(virNodeDevicePtr dev)
{
    return noAssignment(dev);
}

static int
nodedevReAttach(virNodeDevicePtr dev)
{
    return noAssignment(dev);
}

static int
nodedevReset(virNodeDevicePtr dev)
{
    return noAssignment(dev);
}

static int
nodedevEventRegisterAny(virConnectPtr conn, virNodeDevicePtr dev, int eventID,
                        virConnectNodeDeviceEventGenericCallback cb, void *opaque,
                        virFreeCallback freecb)
{
    nodedevDriver *drv = driverGet();

    if (!drv)
        return -1;
    return nuvEventRegisterNodeDevice(drv->events, conn, dev, eventID, cb, opaque, freecb);
}

static int
nodedevEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    nodedevDriver *drv = driverGet();

    if (!drv)
        return -1;
    return nuvEventDeregister(drv->events, conn, callbackID);
}

static const nuvNodeDeviceDriver nodedevDriverTable = {
    .name = "nodedev",
    .connectListAllNodeDevices = nodedevConnectListAllNodeDevices,          /* 0.10.2 */
    .connectNodeDeviceEventRegisterAny = nodedevEventRegisterAny,           /* 2.2.0 */
    .connectNodeDeviceEventDeregisterAny = nodedevEventDeregisterAny,       /* 2.2.0 */
    .nodeNumOfDevices = nodedevNumOfDevices,                                /* 0.5.0 */
    .nodeListDevices = nodedevListDevices,                                  /* 0.5.0 */
    .nodeDeviceLookupByName = nodedevLookupByName,                          /* 0.5.0 */
    .nodeDeviceLookupSCSIHostByWWN = nodedevLookupSCSIHostByWWN,            /* 1.0.3 */
    .nodeDeviceGetXMLDesc = nodedevGetXMLDesc,                              /* 0.5.0 */
    .nodeDeviceGetParent = nodedevGetParent,                                /* 0.5.0 */
    .nodeDeviceNumOfCaps = nodedevNumOfCaps,                                /* 0.5.0 */
    .nodeDeviceListCaps = nodedevListCaps,                                  /* 0.5.0 */
    .nodeDeviceIsActive = nodedevIsActive,                                  /* 7.3.0 */
    .nodeDeviceIsPersistent = nodedevIsPersistent,                          /* 7.3.0 */
    .nodeDeviceGetAutostart = nodedevGetAutostart,                          /* 7.8.0 */
    .nodeDeviceDetachFlags = nodedevDetachFlags,                            /* 1.0.5 */
    .nodeDeviceDettach = nodedevDettach,                                    /* 0.6.1 */
    .nodeDeviceReAttach = nodedevReAttach,                                  /* 0.6.1 */
    .nodeDeviceReset = nodedevReset,                                        /* 0.6.1 */
};

static const nuvSecondaryDriver nodedevSecondaryDriver = {
    .name = "nodedev",
    .nodedev = &nodedevDriverTable,
};

int
nodedevRegister(void)
{
    if (nuvStateDriverRegister(&nodedevStateDriver) < 0)
        return -1;
    return nuvSecondaryDriverRegister(&nodedevSecondaryDriver);
}
