/*
 * test_nodedev.c: node devices of the test driver.  The devices are
 * definitions only; creating one is the vHBA mock of libvirt's test
 * driver (a copy of scsi_host11 renamed scsi_host12 with the requested
 * FC names), and anything that needs real hardware (detach, reset,
 * persistent definitions) is left unsupported, as stock leaves it.
 */
#include <string.h>

#include "util/locks.h"
#include "test/test_private.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_TEST

/* The devices of test:///default: the host and three FC HBAs. */
static const char *const defaultDevicesXML[] = {
    "<device>"
    "  <name>computer</name>"
    "  <capability type='system'>"
    "    <hardware>"
    "      <vendor>Libvirt</vendor>"
    "      <version>Test driver</version>"
    "      <serial>123456</serial>"
    "      <uuid>11111111-2222-3333-4444-555555555555</uuid>"
    "    </hardware>"
    "    <firmware>"
    "      <vendor>Libvirt</vendor>"
    "      <version>Test Driver</version>"
    "      <release_date>01/22/2007</release_date>"
    "    </firmware>"
    "  </capability>"
    "</device>",
    "<device>"
    "  <name>scsi_host1</name>"
    "  <parent>computer</parent>"
    "  <capability type='scsi_host'>"
    "    <host>1</host>"
    "    <unique_id>0</unique_id>"
    "    <capability type='fc_host'>"
    "      <wwnn>2000000012341234</wwnn>"
    "      <wwpn>1000000012341234</wwpn>"
    "      <fabric_wwn>2000000043214321</fabric_wwn>"
    "    </capability>"
    "    <capability type='vport_ops'>"
    "      <max_vports>127</max_vports>"
    "      <vports>1</vports>"
    "    </capability>"
    "  </capability>"
    "</device>",
    "<device>"
    "  <name>scsi_host2</name>"
    "  <parent>computer</parent>"
    "  <capability type='scsi_host'>"
    "    <host>2</host>"
    "    <unique_id>1</unique_id>"
    "    <capability type='fc_host'>"
    "      <wwnn>2000000056785678</wwnn>"
    "      <wwpn>1000000056785678</wwpn>"
    "      <fabric_wwn>2000000087658765</fabric_wwn>"
    "    </capability>"
    "    <capability type='vport_ops'>"
    "      <max_vports>127</max_vports>"
    "      <vports>0</vports>"
    "    </capability>"
    "  </capability>"
    "</device>",
    "<device>"
    "  <name>scsi_host11</name>"
    "  <parent>scsi_host1</parent>"
    "  <capability type='scsi_host'>"
    "    <host>11</host>"
    "    <unique_id>10</unique_id>"
    "    <capability type='fc_host'>"
    "      <wwnn>2000000034563456</wwnn>"
    "      <wwpn>1000000034563456</wwpn>"
    "      <fabric_wwn>2000000043214321</fabric_wwn>"
    "    </capability>"
    "  </capability>"
    "</device>",
};

/* virConnectListAllNodeDevices' capability filter bits, in flag order. */
static const char *const capFlagNames[] = {
    "system", "pci", "usb_device", "usb", "net", "scsi_host", "scsi_target", "scsi",
    "storage", "fc_host", "vports", "scsi_generic", "drm", "mdev_types", "mdev", "ccw",
    "css", "vdpa", "ap_card", "ap_queue", "ap_matrix", "vpd",
};
#define CAP_FILTERS ((1U << G_N_ELEMENTS(capFlagNames)) - 1)

int
testNodeDeviceLoad(testDriver *drv, const char *xml)
{
    g_autoptr(nuvNodeDeviceDef) def = NULL;

    if (!(def = nuvNodeDeviceDefParseString(xml, NUV_NODE_DEVICE_PARSE_EXISTING)))
        return -1;
    nuvMutexLock(&drv->devs->lock);
    nuvNodeDeviceObjListAssign(drv->devs, &def);
    nuvMutexUnlock(&drv->devs->lock);
    return 0;
}

int
testNodeDeviceLoadDefault(testDriver *drv)
{
    for (size_t i = 0; i < G_N_ELEMENTS(defaultDevicesXML); i++) {
        if (testNodeDeviceLoad(drv, defaultDevicesXML[i]) < 0)
            return -1;
    }
    return 0;
}

/* The device called @name with the list locked; NULL (unlocked, error
 * reported) when there is none. */
static nuvNodeDeviceDef *
testDevLock(testDriver *drv, const char *name)
{
    nuvNodeDeviceDef *def;

    nuvMutexLock(&drv->devs->lock);
    if (!(def = nuvNodeDeviceObjListFind(drv->devs, name))) {
        nuvMutexUnlock(&drv->devs->lock);
        nuvReportError(VIR_ERR_NO_NODE_DEVICE,
                       "no node device with matching name '%s'", name);
    }
    return def;
}

static void
testDevUnlock(testDriver *drv)
{
    nuvMutexUnlock(&drv->devs->lock);
}

static int
testNodeNumOfDevices(virConnectPtr conn, const char *cap, unsigned int flags)
{
    testDriver *drv = testDriverOf(conn);
    int n = 0;

    nuvCheckFlags(0, -1);

    nuvMutexLock(&drv->devs->lock);
    for (guint i = 0; i < drv->devs->defs->len; i++) {
        if (!cap || nuvNodeDeviceDefHasCap(g_ptr_array_index(drv->devs->defs, i), cap))
            n++;
    }
    nuvMutexUnlock(&drv->devs->lock);
    return n;
}

static int
testNodeListDevices(virConnectPtr conn, const char *cap, char **const names, int maxnames,
                    unsigned int flags)
{
    testDriver *drv = testDriverOf(conn);
    int n = 0;

    nuvCheckFlags(0, -1);

    nuvMutexLock(&drv->devs->lock);
    for (guint i = 0; i < drv->devs->defs->len && n < maxnames; i++) {
        nuvNodeDeviceDef *def = g_ptr_array_index(drv->devs->defs, i);
        if (!cap || nuvNodeDeviceDefHasCap(def, cap))
            names[n++] = g_strdup(def->name);
    }
    nuvMutexUnlock(&drv->devs->lock);
    return n;
}

static bool
matchesCapFilter(const nuvNodeDeviceDef *def, unsigned int flags)
{
    if (!(flags & CAP_FILTERS))
        return true;
    for (size_t i = 0; i < G_N_ELEMENTS(capFlagNames); i++) {
        if ((flags & (1U << i)) && nuvNodeDeviceDefHasCap(def, capFlagNames[i]))
            return true;
    }
    return false;
}

static int
testConnectListAllNodeDevices(virConnectPtr conn, virNodeDevicePtr **devices,
                              unsigned int flags)
{
    testDriver *drv = testDriverOf(conn);
    g_autoptr(GPtrArray) out = g_ptr_array_new();
    int n;

    /* stock's test driver takes the capability filters only, not
     * ACTIVE/INACTIVE (so virsh nodedev-list fails on it, as here) */
    nuvCheckFlags(CAP_FILTERS, -1);

    nuvMutexLock(&drv->devs->lock);
    for (guint i = 0; i < drv->devs->defs->len; i++) {
        nuvNodeDeviceDef *def = g_ptr_array_index(drv->devs->defs, i);
        if (matchesCapFilter(def, flags))
            g_ptr_array_add(out, devices ? nuvGetNodeDevice(conn, def->name) : NULL);
    }
    nuvMutexUnlock(&drv->devs->lock);

    n = out->len;
    if (devices) {
        g_ptr_array_add(out, NULL);
        *devices = (virNodeDevicePtr *) g_ptr_array_steal(out, NULL);
    }
    return n;
}

static virNodeDevicePtr
testNodeDeviceLookupByName(virConnectPtr conn, const char *name)
{
    testDriver *drv = testDriverOf(conn);
    nuvNodeDeviceDef *def;
    virNodeDevicePtr ret;

    if (!(def = testDevLock(drv, name)))
        return NULL;
    ret = nuvGetNodeDevice(conn, def->name);
    testDevUnlock(drv);
    return ret;
}

static const char *
childText(nuvXNode *node, const char *name)
{
    nuvXNode *child = node ? nuvXNodeChild(node, name) : NULL;
    return child ? child->text : NULL;
}

/* The SCSI host whose fc_host capability has both names (libvirt's test
 * driver lacks this lookup; the data to answer it is all here). */
static virNodeDevicePtr
testNodeDeviceLookupSCSIHostByWWN(virConnectPtr conn, const char *wwnn, const char *wwpn,
                                  unsigned int flags)
{
    testDriver *drv = testDriverOf(conn);
    virNodeDevicePtr ret = NULL;

    nuvCheckFlags(0, NULL);
    nuvMutexLock(&drv->devs->lock);
    for (guint i = 0; i < drv->devs->defs->len && !ret; i++) {
        nuvNodeDeviceDef *def = g_ptr_array_index(drv->devs->defs, i);
        nuvXNode *fc = nuvNodeDeviceDefFCHost(def);

        if (fc && g_strcmp0(childText(fc, "wwnn"), wwnn) == 0 &&
            g_strcmp0(childText(fc, "wwpn"), wwpn) == 0)
            ret = nuvGetNodeDevice(conn, def->name);
    }
    nuvMutexUnlock(&drv->devs->lock);
    if (!ret)
        nuvReportError(VIR_ERR_NO_NODE_DEVICE,
                       "no node device with matching wwnn '%s' and wwpn '%s'", wwnn, wwpn);
    return ret;
}

static char *
testNodeDeviceGetXMLDesc(virNodeDevicePtr dev, unsigned int flags)
{
    testDriver *drv = testDriverOf(dev->conn);
    nuvNodeDeviceDef *def;
    char *ret;

    nuvCheckFlags(0, NULL);

    if (!(def = testDevLock(drv, dev->name)))
        return NULL;
    ret = nuvNodeDeviceDefFormat(def);
    testDevUnlock(drv);
    return ret;
}

/* The entry point hands out the name kept in the handle, so the handle
 * owns it; it is set once and never changes. */
static const char *
testNodeDeviceGetParent(virNodeDevicePtr dev)
{
    testDriver *drv = testDriverOf(dev->conn);
    nuvNodeDeviceDef *def;
    g_autofree char *parent = NULL;

    if (dev->parentName)
        return dev->parentName;
    if (!(def = testDevLock(drv, dev->name)))
        return NULL;
    parent = g_strdup(def->parent);
    testDevUnlock(drv);
    if (!parent) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "no parent for this device");
        return NULL;
    }
    if (!g_atomic_pointer_compare_and_exchange(&dev->parentName, NULL, parent))
        return dev->parentName;
    return g_steal_pointer(&parent);
}

static int
testNodeDeviceNumOfCaps(virNodeDevicePtr dev)
{
    testDriver *drv = testDriverOf(dev->conn);
    nuvNodeDeviceDef *def;
    g_auto(GStrv) caps = NULL;

    if (!(def = testDevLock(drv, dev->name)))
        return -1;
    caps = nuvNodeDeviceDefCaps(def);
    testDevUnlock(drv);
    return g_strv_length(caps);
}

static int
testNodeDeviceListCaps(virNodeDevicePtr dev, char **const names, int maxnames)
{
    testDriver *drv = testDriverOf(dev->conn);
    nuvNodeDeviceDef *def;
    g_auto(GStrv) caps = NULL;
    int n = 0;

    if (!(def = testDevLock(drv, dev->name)))
        return -1;
    caps = nuvNodeDeviceDefCaps(def);
    testDevUnlock(drv);
    for (; caps[n] && n < maxnames; n++)
        names[n] = g_strdup(caps[n]);
    return n;
}

/* libvirt's check that a vHBA has a parent able to hold it: the named
 * parent, or any vport-capable host.  Called with the list locked. */
static int
checkParentHost(testDriver *drv, const char *parent)
{
    nuvNodeDeviceDef *p;

    if (!parent) {
        for (guint i = 0; i < drv->devs->defs->len; i++) {
            if (nuvNodeDeviceDefHasCap(g_ptr_array_index(drv->devs->defs, i), "vports"))
                return 0;
        }
        nuvReportErrorFrom(VIR_FROM_NODEDEV, VIR_ERR_INTERNAL_ERROR,
                           "%s", "Could not find any vport capable device");
        return -1;
    }
    if (!(p = nuvNodeDeviceObjListFind(drv->devs, parent))) {
        nuvReportErrorFrom(VIR_FROM_NODEDEV, VIR_ERR_INTERNAL_ERROR,
                           "Could not find parent device for '%s'", parent);
        return -1;
    }
    if (!nuvNodeDeviceDefHasCap(p, "vports")) {
        nuvReportErrorFrom(VIR_FROM_NODEDEV, VIR_ERR_INTERNAL_ERROR,
                           "Parent device %s is not capable of vport operations",
                           parent);
        return -1;
    }
    return 0;
}

/* The vHBA mock: scsi_host11 copied as scsi_host12 with the FC names
 * asked for.  Called with the list locked; the event is returned. */
static nuvEvent *
createVportLocked(testDriver *drv, const char *wwnn, const char *wwpn)
{
    nuvNodeDeviceDef *src = nuvNodeDeviceObjListFind(drv->devs, "scsi_host11");
    g_autoptr(nuvNodeDeviceDef) def = NULL;
    nuvXNode *fc;

    if (!src) {
        nuvReportError(VIR_ERR_NO_NODE_DEVICE, "no node device with matching name '%s'",
                       "scsi_host11");
        return NULL;
    }
    def = nuvNodeDeviceDefCopy(src);
    nuvNodeDeviceDefSetName(def, "scsi_host12");
    if ((fc = nuvNodeDeviceDefFCHost(def))) {
        nuvXNodeSetText(nuvXNodeEnsureChild(fc, "wwnn"), wwnn);
        nuvXNodeSetText(nuvXNodeEnsureChild(fc, "wwpn"), wwpn);
    }
    nuvNodeDeviceObjListAssign(drv->devs, &def);
    return nuvNodeDeviceEventLifecycleNew("scsi_host12", VIR_NODE_DEVICE_EVENT_CREATED, 0);
}

int
testNodeDeviceCreateVport(testDriver *drv, const char *wwnn, const char *wwpn)
{
    nuvEvent *event;

    nuvMutexLock(&drv->devs->lock);
    event = createVportLocked(drv, wwnn, wwpn);
    nuvMutexUnlock(&drv->devs->lock);
    if (!event)
        return -1;
    nuvEventQueue(drv->events, event);
    return 0;
}

int
testNodeDeviceDestroyVport(testDriver *drv)
{
    nuvNodeDeviceDef *def;

    if (!(def = testDevLock(drv, "scsi_host12")))
        return -1;
    nuvNodeDeviceObjListRemove(drv->devs, def);
    testDevUnlock(drv);
    nuvEventQueue(drv->events,
                  nuvNodeDeviceEventLifecycleNew("scsi_host12", VIR_NODE_DEVICE_EVENT_DELETED, 0));
    return 0;
}

static virNodeDevicePtr
testNodeDeviceCreateXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    testDriver *drv = testDriverOf(conn);
    g_autoptr(nuvNodeDeviceDef) def = NULL;
    nuvXNode *fc;
    g_autofree char *wwnn = NULL;
    g_autofree char *wwpn = NULL;
    nuvEvent *event;
    virNodeDevicePtr ret;

    nuvCheckFlags(VIR_NODE_DEVICE_CREATE_XML_VALIDATE, NULL);

    if (!(def = nuvNodeDeviceDefParseString(xml, NUV_NODE_DEVICE_PARSE_CREATE)))
        return NULL;
    if (!(fc = nuvNodeDeviceDefFCHost(def))) {
        nuvReportErrorFrom(VIR_FROM_NODEDEV, VIR_ERR_INVALID_ARG,
                           "%s", "Device is not a fibre channel HBA");
        return NULL;
    }
    if (nuvXNodeChild(fc, "wwnn") && nuvXNodeChild(fc, "wwnn")->text)
        wwnn = g_strstrip(g_strdup(nuvXNodeChild(fc, "wwnn")->text));
    if (nuvXNodeChild(fc, "wwpn") && nuvXNodeChild(fc, "wwpn")->text)
        wwpn = g_strstrip(g_strdup(nuvXNodeChild(fc, "wwpn")->text));
    if (!wwnn || !wwpn) {
        nuvReportErrorFrom(VIR_FROM_NODEDEV, VIR_ERR_INTERNAL_ERROR,
                           "no WWNN or WWPN supplied for '%s'", def->name);
        return NULL;
    }

    nuvMutexLock(&drv->devs->lock);
    if (checkParentHost(drv, def->parent) < 0 ||
        !(event = createVportLocked(drv, wwnn, wwpn))) {
        nuvMutexUnlock(&drv->devs->lock);
        return NULL;
    }
    nuvMutexUnlock(&drv->devs->lock);
    nuvEventQueue(drv->events, event);

    ret = nuvGetNodeDevice(conn, "scsi_host12");
    /* the handle's parent is the one the caller asked for, as in libvirt */
    if (ret && !ret->parentName)
        ret->parentName = g_strdup(def->parent);
    return ret;
}

static int
testNodeDeviceDestroy(virNodeDevicePtr dev)
{
    testDriver *drv = testDriverOf(dev->conn);
    nuvNodeDeviceDef *def;

    if (!(def = testDevLock(drv, dev->name)))
        return -1;
    /* Stock reports a device that is no vHBA, or whose parent is gone, but
     * still answers success and keeps the device; callers rely on the 0. */
    if (!nuvNodeDeviceDefFCHost(def)) {
        testDevUnlock(drv);
        nuvReportErrorFrom(VIR_FROM_NODEDEV, VIR_ERR_INVALID_ARG,
                           "%s", "Device is not a fibre channel HBA");
        return 0;
    }
    if (!def->parent || !nuvNodeDeviceObjListFind(drv->devs, def->parent)) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "cannot find parent '%s' definition",
                       def->parent ? def->parent : "(null)");
        testDevUnlock(drv);
        return 0;
    }
    nuvNodeDeviceObjListRemove(drv->devs, def);
    testDevUnlock(drv);
    nuvEventQueue(drv->events,
                  nuvNodeDeviceEventLifecycleNew(dev->name, VIR_NODE_DEVICE_EVENT_DELETED, 0));
    return 0;
}

static int
testConnectNodeDeviceEventRegisterAny(virConnectPtr conn, virNodeDevicePtr dev, int eventID,
                                      virConnectNodeDeviceEventGenericCallback cb,
                                      void *opaque, virFreeCallback freecb)
{
    return nuvEventRegisterNodeDevice(testDriverOf(conn)->events, conn, dev, eventID, cb,
                                      opaque, freecb);
}

static int
testConnectNodeDeviceEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    return nuvEventDeregister(testDriverOf(conn)->events, conn, callbackID);
}

const nuvNodeDeviceDriver testNodeDeviceDriver = {
    .name = "Test",
    .connectListAllNodeDevices = testConnectListAllNodeDevices,                 /* 0.10.2 */
    .connectNodeDeviceEventRegisterAny = testConnectNodeDeviceEventRegisterAny, /* 2.2.0 */
    .connectNodeDeviceEventDeregisterAny = testConnectNodeDeviceEventDeregisterAny, /* 2.2.0 */
    .nodeNumOfDevices = testNodeNumOfDevices,                                   /* 0.7.2 */
    .nodeListDevices = testNodeListDevices,                                     /* 0.7.2 */
    .nodeDeviceLookupByName = testNodeDeviceLookupByName,                       /* 0.7.2 */
    .nodeDeviceLookupSCSIHostByWWN = testNodeDeviceLookupSCSIHostByWWN,         /* nuvirt */
    .nodeDeviceGetXMLDesc = testNodeDeviceGetXMLDesc,                           /* 0.7.2 */
    .nodeDeviceGetParent = testNodeDeviceGetParent,                             /* 0.7.2 */
    .nodeDeviceNumOfCaps = testNodeDeviceNumOfCaps,                             /* 0.7.2 */
    .nodeDeviceListCaps = testNodeDeviceListCaps,                               /* 0.7.2 */
    .nodeDeviceCreateXML = testNodeDeviceCreateXML,                             /* 0.7.3 */
    .nodeDeviceDestroy = testNodeDeviceDestroy,                                 /* 0.7.3 */
};
