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
int
testNodeDeviceLoad(testDriver *drv, const char *xml)
{
    g_autoptr(nuvNodeDeviceDef) def = NULL;
    nuvNodeDeviceObj *obj;

    if (!(def = nuvNodeDeviceDefParseString(xml, NUV_NODE_DEVICE_PARSE_EXISTING)))
        return -1;
    obj = nuvNodeDeviceObjListAssign(drv->devs, &def);
    nuvNodeDeviceObjEndAPI(&obj);
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

static nuvNodeDeviceObj *
testDevLock(testDriver *drv, const char *name)
{
    return nuvNodeDeviceObjListGet(drv->devs, name, VIR_FROM_THIS);
}

/* The names of the devices with the capability @cap (NULL: every device),
 * up to @max (-1: no limit), into @names when given; the count. */
static int
listDevices(testDriver *drv, const char *cap, char **const names, int max)
{
    g_autoptr(GPtrArray) found = nuvNodeDeviceObjListMatch(drv->devs, cap, 0);
    int n = 0;

    if (!names)
        return found->len;
    for (; (guint) n < found->len && (max < 0 || n < max); n++)
        names[n] = g_strdup(g_ptr_array_index(found, n));
    return n;
}

static int
testNodeNumOfDevices(virConnectPtr conn, const char *cap, unsigned int flags)
{
    nuvCheckFlags(0, -1);

    return listDevices(testDriverOf(conn), cap, NULL, -1);
}

static int
testNodeListDevices(virConnectPtr conn, const char *cap, char **const names, int maxnames,
                    unsigned int flags)
{
    nuvCheckFlags(0, -1);

    return listDevices(testDriverOf(conn), cap, names, maxnames);
}

static int
testConnectListAllNodeDevices(virConnectPtr conn, virNodeDevicePtr **devices,
                              unsigned int flags)
{
    g_autoptr(GPtrArray) found = NULL;

    /* stock's test driver takes the capability filters only, not
     * ACTIVE/INACTIVE (so virsh nodedev-list fails on it, as here) */
    nuvCheckFlags(NUV_NODE_DEVICE_CAP_FILTERS, -1);

    found = nuvNodeDeviceObjListMatch(testDriverOf(conn)->devs, NULL, flags);
    return nuvNodeDeviceHandles(conn, found, devices);
}

static virNodeDevicePtr
testNodeDeviceLookupByName(virConnectPtr conn, const char *name)
{
    nuvNodeDeviceObj *obj;
    virNodeDevicePtr ret;

    if (!(obj = testDevLock(testDriverOf(conn), name)))
        return NULL;
    ret = nuvGetNodeDevice(conn, obj->def->name);
    nuvNodeDeviceObjEndAPI(&obj);
    return ret;
}

/* The SCSI host whose fc_host capability has both names (libvirt's test
 * driver lacks this lookup; the data to answer it is all here). */
static virNodeDevicePtr
testNodeDeviceLookupSCSIHostByWWN(virConnectPtr conn, const char *wwnn, const char *wwpn,
                                  unsigned int flags)
{
    g_autofree char *name = NULL;

    nuvCheckFlags(0, NULL);
    if (!(name = nuvNodeDeviceObjListSCSIHostByWWN(testDriverOf(conn)->devs, wwnn, wwpn,
                                                   VIR_FROM_THIS)))
        return NULL;
    return nuvGetNodeDevice(conn, name);
}

static char *
testNodeDeviceGetXMLDesc(virNodeDevicePtr dev, unsigned int flags)
{
    nuvNodeDeviceObj *obj;
    char *ret;

    nuvCheckFlags(0, NULL);

    if (!(obj = testDevLock(testDriverOf(dev->conn), dev->name)))
        return NULL;
    ret = nuvNodeDeviceDefFormat(obj->def);
    nuvNodeDeviceObjEndAPI(&obj);
    return ret;
}

static const char *
testNodeDeviceGetParent(virNodeDevicePtr dev)
{
    if (dev->parentName)
        return dev->parentName;
    return nuvNodeDeviceKeepParent(dev, nuvNodeDeviceObjListParentName(
                                            testDriverOf(dev->conn)->devs, dev->name,
                                            VIR_FROM_THIS));
}

/* The capability names of @dev's device, NULL (error reported) when gone. */
static GStrv
devCaps(virNodeDevicePtr dev)
{
    return nuvNodeDeviceObjListCaps(testDriverOf(dev->conn)->devs, dev->name, VIR_FROM_THIS);
}

static int
testNodeDeviceNumOfCaps(virNodeDevicePtr dev)
{
    g_auto(GStrv) caps = devCaps(dev);

    return caps ? (int) g_strv_length(caps) : -1;
}

static int
testNodeDeviceListCaps(virNodeDevicePtr dev, char **const names, int maxnames)
{
    g_auto(GStrv) caps = devCaps(dev);
    int n = 0;

    if (!caps)
        return -1;
    for (; caps[n] && n < maxnames; n++)
        names[n] = g_strdup(caps[n]);
    return n;
}

/* libvirt's check that a vHBA has a parent able to hold it: the named
 * parent, or any vport-capable host. */
static int
checkParentHost(testDriver *drv, const char *parent)
{
    nuvNodeDeviceObj *p;
    bool capable;

    if (!parent) {
        if ((p = nuvNodeDeviceObjListFindByCap(drv->devs, "vports"))) {
            nuvNodeDeviceObjEndAPI(&p);
            return 0;
        }
        nuvReportErrorFrom(VIR_FROM_NODEDEV, VIR_ERR_INTERNAL_ERROR,
                           "%s", "Could not find any vport capable device");
        return -1;
    }
    if (!(p = nuvNodeDeviceObjListFindByName(drv->devs, parent))) {
        nuvReportErrorFrom(VIR_FROM_NODEDEV, VIR_ERR_INTERNAL_ERROR,
                           "Could not find parent device for '%s'", parent);
        return -1;
    }
    capable = nuvNodeDeviceDefHasCap(p->def, "vports");
    nuvNodeDeviceObjEndAPI(&p);
    if (!capable) {
        nuvReportErrorFrom(VIR_FROM_NODEDEV, VIR_ERR_INTERNAL_ERROR,
                           "Parent device %s is not capable of vport operations",
                           parent);
        return -1;
    }
    return 0;
}

int
testNodeDeviceCreateVport(testDriver *drv, const char *wwnn, const char *wwpn)
{
    nuvNodeDeviceObj *obj;
    g_autoptr(nuvNodeDeviceDef) def = NULL;
    nuvXNode *fc;

    /* the vHBA mock: scsi_host11 copied as scsi_host12 with the FC names
     * asked for */
    if (!(obj = testDevLock(drv, "scsi_host11")))
        return -1;
    def = nuvNodeDeviceDefCopy(obj->def);
    nuvNodeDeviceObjEndAPI(&obj);
    nuvNodeDeviceDefSetName(def, "scsi_host12");
    if ((fc = nuvNodeDeviceDefFCHost(def))) {
        nuvXNodeSetText(nuvXNodeEnsureChild(fc, "wwnn"), wwnn);
        nuvXNodeSetText(nuvXNodeEnsureChild(fc, "wwpn"), wwpn);
    }
    obj = nuvNodeDeviceObjListAssign(drv->devs, &def);
    nuvNodeDeviceObjEndAPI(&obj);
    nuvEventQueue(drv->events,
                  nuvNodeDeviceEventLifecycleNew("scsi_host12", VIR_NODE_DEVICE_EVENT_CREATED, 0));
    return 0;
}

int
testNodeDeviceDestroyVport(testDriver *drv)
{
    nuvNodeDeviceObj *obj;

    if (!(obj = testDevLock(drv, "scsi_host12")))
        return -1;
    nuvNodeDeviceObjListRemove(drv->devs, obj);
    nuvNodeDeviceObjEndAPI(&obj);
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

    if (checkParentHost(drv, def->parent) < 0 ||
        testNodeDeviceCreateVport(drv, wwnn, wwpn) < 0)
        return NULL;

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
    nuvNodeDeviceObj *obj, *parent = NULL;
    g_autofree char *parentName = NULL;
    bool parentFound;

    if (!(obj = testDevLock(drv, dev->name)))
        return -1;
    /* Stock reports a device that is no vHBA, or whose parent is gone, but
     * still answers success and keeps the device; callers rely on the 0. */
    if (!nuvNodeDeviceDefFCHost(obj->def)) {
        nuvNodeDeviceObjEndAPI(&obj);
        nuvReportErrorFrom(VIR_FROM_NODEDEV, VIR_ERR_INVALID_ARG,
                           "%s", "Device is not a fibre channel HBA");
        return 0;
    }
    /* the parent is looked up with the device unlocked: list before object */
    parentName = g_strdup(obj->def->parent);
    nuvNodeDeviceObjUnlock(obj);
    if (parentName)
        parent = nuvNodeDeviceObjListFindByName(drv->devs, parentName);
    parentFound = parent != NULL;
    nuvNodeDeviceObjEndAPI(&parent);
    nuvNodeDeviceObjLock(obj);
    if (!parentFound) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "cannot find parent '%s' definition",
                       parentName ? parentName : "(null)");
        nuvNodeDeviceObjEndAPI(&obj);
        return 0;
    }
    if (nuvNodeDeviceObjIsRemoved(obj)) {
        nuvNodeDeviceObjEndAPI(&obj);
        nuvReportError(VIR_ERR_NO_NODE_DEVICE,
                       "no node device with matching name '%s'", dev->name);
        return -1;
    }
    nuvNodeDeviceObjListRemove(drv->devs, obj);
    nuvNodeDeviceObjEndAPI(&obj);
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
