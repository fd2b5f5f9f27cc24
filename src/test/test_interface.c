/*
 * test_interface.c: host interfaces of the test driver.  Nothing touches
 * the host: an interface is a definition plus an active flag, and a
 * transaction (virInterfaceChangeBegin) is a saved copy of the list that
 * Rollback puts back, as libvirt's test driver keeps it.
 */
#include <string.h>

#include "util/locks.h"
#include "test/test_private.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_TEST

/* The interface test:///default starts with, up. */
static const char defaultInterfaceXML[] =
    "<interface type='ethernet' name='eth1'>"
    "  <start mode='onboot'/>"
    "  <mac address='aa:bb:cc:dd:ee:ff'/>"
    "  <mtu size='1492'/>"
    "  <protocol family='ipv4'>"
    "    <ip address='192.168.0.5' prefix='24'/>"
    "    <route gateway='192.168.0.1'/>"
    "  </protocol>"
    "</interface>";

int
testInterfaceLoad(testDriver *drv, const char *xml)
{
    g_autoptr(nuvInterfaceDef) def = NULL;
    nuvInterfaceObj *obj;

    if (!(def = nuvInterfaceDefParseString(xml, 0)))
        return -1;
    nuvMutexLock(&drv->ifaces->lock);
    obj = nuvInterfaceObjListAssign(drv->ifaces, &def);
    obj->active = true;
    nuvMutexUnlock(&drv->ifaces->lock);
    return 0;
}

int
testInterfaceLoadDefault(testDriver *drv)
{
    return testInterfaceLoad(drv, defaultInterfaceXML);
}

/* The object called @name, with the list locked; NULL (list unlocked,
 * error reported) when there is none. */
static nuvInterfaceObj *
testIfaceLock(testDriver *drv, const char *name)
{
    nuvInterfaceObj *obj;

    nuvMutexLock(&drv->ifaces->lock);
    if (!(obj = nuvInterfaceObjListFind(drv->ifaces, name))) {
        nuvMutexUnlock(&drv->ifaces->lock);
        nuvReportError(VIR_ERR_NO_INTERFACE, "no interface with matching name '%s'", name);
    }
    return obj;
}

static void
testIfaceUnlock(testDriver *drv)
{
    nuvMutexUnlock(&drv->ifaces->lock);
}

static int
countIfaces(virConnectPtr conn, bool active)
{
    testDriver *drv = testDriverOf(conn);
    int n = 0;

    nuvMutexLock(&drv->ifaces->lock);
    for (guint i = 0; i < drv->ifaces->objs->len; i++) {
        nuvInterfaceObj *obj = g_ptr_array_index(drv->ifaces->objs, i);
        if (obj->active == active)
            n++;
    }
    nuvMutexUnlock(&drv->ifaces->lock);
    return n;
}

static int
listIfaces(virConnectPtr conn, bool active, char **const names, int maxnames)
{
    testDriver *drv = testDriverOf(conn);
    int n = 0;

    nuvMutexLock(&drv->ifaces->lock);
    for (guint i = 0; i < drv->ifaces->objs->len && n < maxnames; i++) {
        nuvInterfaceObj *obj = g_ptr_array_index(drv->ifaces->objs, i);
        if (obj->active == active)
            names[n++] = g_strdup(obj->def->name);
    }
    nuvMutexUnlock(&drv->ifaces->lock);
    return n;
}

static int
testConnectNumOfInterfaces(virConnectPtr conn)
{
    return countIfaces(conn, true);
}

static int
testConnectNumOfDefinedInterfaces(virConnectPtr conn)
{
    return countIfaces(conn, false);
}

static int
testConnectListInterfaces(virConnectPtr conn, char **const names, int maxnames)
{
    return listIfaces(conn, true, names, maxnames);
}

static int
testConnectListDefinedInterfaces(virConnectPtr conn, char **const names, int maxnames)
{
    return listIfaces(conn, false, names, maxnames);
}

static int
testConnectListAllInterfaces(virConnectPtr conn, virInterfacePtr **ifaces,
                             unsigned int flags)
{
    testDriver *drv = testDriverOf(conn);
    g_autoptr(GPtrArray) out = g_ptr_array_new();
    int n;

    nuvCheckFlags(VIR_CONNECT_LIST_INTERFACES_ACTIVE | VIR_CONNECT_LIST_INTERFACES_INACTIVE, -1);

    nuvMutexLock(&drv->ifaces->lock);
    for (guint i = 0; i < drv->ifaces->objs->len; i++) {
        nuvInterfaceObj *obj = g_ptr_array_index(drv->ifaces->objs, i);
        /* both filter bits, or neither, mean every interface */
        if ((flags & VIR_CONNECT_LIST_INTERFACES_ACTIVE) &&
            !(flags & VIR_CONNECT_LIST_INTERFACES_INACTIVE) && !obj->active)
            continue;
        if ((flags & VIR_CONNECT_LIST_INTERFACES_INACTIVE) &&
            !(flags & VIR_CONNECT_LIST_INTERFACES_ACTIVE) && obj->active)
            continue;
        g_ptr_array_add(out, ifaces ? nuvGetInterface(conn, obj->def->name, obj->def->mac)
                                    : NULL);
    }
    nuvMutexUnlock(&drv->ifaces->lock);

    n = out->len;
    if (ifaces) {
        g_ptr_array_add(out, NULL);
        *ifaces = (virInterfacePtr *) g_ptr_array_steal(out, NULL);
    }
    return n;
}

static virInterfacePtr
testInterfaceLookupByName(virConnectPtr conn, const char *name)
{
    testDriver *drv = testDriverOf(conn);
    nuvInterfaceObj *obj;
    virInterfacePtr ret;

    if (!(obj = testIfaceLock(drv, name)))
        return NULL;
    ret = nuvGetInterface(conn, obj->def->name, obj->def->mac);
    testIfaceUnlock(drv);
    return ret;
}

static virInterfacePtr
testInterfaceLookupByMACString(virConnectPtr conn, const char *mac)
{
    testDriver *drv = testDriverOf(conn);
    g_autofree char *name = NULL;
    int found = 0;

    nuvMutexLock(&drv->ifaces->lock);
    for (guint i = 0; i < drv->ifaces->objs->len; i++) {
        nuvInterfaceObj *obj = g_ptr_array_index(drv->ifaces->objs, i);
        if (obj->def->mac && g_ascii_strcasecmp(obj->def->mac, mac) == 0) {
            if (found++ == 0)
                name = g_strdup(obj->def->name);
        }
    }
    nuvMutexUnlock(&drv->ifaces->lock);

    if (found == 0) {
        nuvReportError(VIR_ERR_NO_INTERFACE, "no interface with matching mac '%s'", mac);
        return NULL;
    }
    if (found > 1) {
        nuvReportError(VIR_ERR_MULTIPLE_INTERFACES, NULL);
        return NULL;
    }
    /* the handle carries the MAC as the caller spelled it, as in libvirt */
    return nuvGetInterface(conn, name, mac);
}

static int
testInterfaceIsActive(virInterfacePtr iface)
{
    testDriver *drv = testDriverOf(iface->conn);
    nuvInterfaceObj *obj;
    int ret;

    if (!(obj = testIfaceLock(drv, iface->name)))
        return -1;
    ret = obj->active ? 1 : 0;
    testIfaceUnlock(drv);
    return ret;
}

static char *
testInterfaceGetXMLDesc(virInterfacePtr iface, unsigned int flags)
{
    testDriver *drv = testDriverOf(iface->conn);
    nuvInterfaceObj *obj;
    char *ret;

    /* libvirt's test driver takes no flags here, not even INACTIVE */
    nuvCheckFlags(0, NULL);

    if (!(obj = testIfaceLock(drv, iface->name)))
        return NULL;
    ret = nuvInterfaceDefFormat(obj->def);
    testIfaceUnlock(drv);
    return ret;
}

static virInterfacePtr
testInterfaceDefineXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    testDriver *drv = testDriverOf(conn);
    g_autoptr(nuvInterfaceDef) def = NULL;
    nuvInterfaceObj *obj;
    virInterfacePtr ret;

    nuvCheckFlags(VIR_INTERFACE_DEFINE_VALIDATE, NULL);

    if (strlen(xml) > NUV_TEST_IFACE_XML_MAX) {
        nuvReportErrorFrom(VIR_FROM_INTERFACE, VIR_ERR_XML_ERROR,
                           "interface XML of %zu bytes exceeds the limit of %d bytes",
                           strlen(xml), NUV_TEST_IFACE_XML_MAX);
        return NULL;
    }
    if (!(def = nuvInterfaceDefParseString(xml, (flags & VIR_INTERFACE_DEFINE_VALIDATE) ?
                                           NUV_INTERFACE_DEF_PARSE_VALIDATE : 0)))
        return NULL;

    nuvMutexLock(&drv->ifaces->lock);
    obj = nuvInterfaceObjListAssign(drv->ifaces, &def);
    ret = nuvGetInterface(conn, obj->def->name, obj->def->mac);
    nuvMutexUnlock(&drv->ifaces->lock);
    return ret;
}

static int
testInterfaceUndefine(virInterfacePtr iface)
{
    testDriver *drv = testDriverOf(iface->conn);
    nuvInterfaceObj *obj;

    /* libvirt removes a running interface as readily as a stopped one */
    if (!(obj = testIfaceLock(drv, iface->name)))
        return -1;
    nuvInterfaceObjListRemove(drv->ifaces, obj);
    testIfaceUnlock(drv);
    return 0;
}

static int
setActive(virInterfacePtr iface, bool active)
{
    testDriver *drv = testDriverOf(iface->conn);
    nuvInterfaceObj *obj;

    if (!(obj = testIfaceLock(drv, iface->name)))
        return -1;
    if (obj->active == active) {
        testIfaceUnlock(drv);
        nuvReportError(VIR_ERR_OPERATION_INVALID, NULL);
        return -1;
    }
    obj->active = active;
    testIfaceUnlock(drv);
    return 0;
}

static int
testInterfaceCreate(virInterfacePtr iface, unsigned int flags)
{
    nuvCheckFlags(0, -1);
    return setActive(iface, true);
}

static int
testInterfaceDestroy(virInterfacePtr iface, unsigned int flags)
{
    nuvCheckFlags(0, -1);
    return setActive(iface, false);
}

static int
testInterfaceChangeBegin(virConnectPtr conn, unsigned int flags)
{
    testDriver *drv = testDriverOf(conn);

    nuvCheckFlags(0, -1);

    nuvMutexLock(&drv->ifaces->lock);
    if (drv->ifaceBackup) {
        nuvMutexUnlock(&drv->ifaces->lock);
        nuvReportError(VIR_ERR_OPERATION_INVALID,
                       "%s", "there is another transaction running.");
        return -1;
    }
    /* the saved copy keeps the definitions only: after a rollback every
     * interface is down, as in libvirt */
    drv->ifaceBackup = nuvInterfaceObjListCloneObjs(drv->ifaces);
    nuvMutexUnlock(&drv->ifaces->lock);
    return 0;
}

static int
testInterfaceChangeCommit(virConnectPtr conn, unsigned int flags)
{
    testDriver *drv = testDriverOf(conn);

    nuvCheckFlags(0, -1);

    nuvMutexLock(&drv->ifaces->lock);
    if (!drv->ifaceBackup) {
        nuvMutexUnlock(&drv->ifaces->lock);
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       "no transaction running, nothing to be committed.");
        return -1;
    }
    g_clear_pointer(&drv->ifaceBackup, g_ptr_array_unref);
    nuvMutexUnlock(&drv->ifaces->lock);
    return 0;
}

static int
testInterfaceChangeRollback(virConnectPtr conn, unsigned int flags)
{
    testDriver *drv = testDriverOf(conn);

    nuvCheckFlags(0, -1);

    nuvMutexLock(&drv->ifaces->lock);
    if (!drv->ifaceBackup) {
        nuvMutexUnlock(&drv->ifaces->lock);
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       "no transaction running, nothing to rollback.");
        return -1;
    }
    g_ptr_array_unref(drv->ifaces->objs);
    drv->ifaces->objs = g_steal_pointer(&drv->ifaceBackup);
    nuvMutexUnlock(&drv->ifaces->lock);
    return 0;
}

const nuvInterfaceDriver testInterfaceDriver = {
    .connectNumOfInterfaces = testConnectNumOfInterfaces,               /* 0.7.0 */
    .connectListInterfaces = testConnectListInterfaces,                 /* 0.7.0 */
    .connectNumOfDefinedInterfaces = testConnectNumOfDefinedInterfaces, /* 0.7.0 */
    .connectListDefinedInterfaces = testConnectListDefinedInterfaces,   /* 0.7.0 */
    .connectListAllInterfaces = testConnectListAllInterfaces,           /* 0.10.2 */
    .interfaceLookupByName = testInterfaceLookupByName,                 /* 0.7.0 */
    .interfaceLookupByMACString = testInterfaceLookupByMACString,       /* 0.7.0 */
    .interfaceGetXMLDesc = testInterfaceGetXMLDesc,                     /* 0.7.0 */
    .interfaceDefineXML = testInterfaceDefineXML,                       /* 0.7.0 */
    .interfaceUndefine = testInterfaceUndefine,                         /* 0.7.0 */
    .interfaceCreate = testInterfaceCreate,                             /* 0.7.0 */
    .interfaceDestroy = testInterfaceDestroy,                           /* 0.7.0 */
    .interfaceIsActive = testInterfaceIsActive,                         /* 0.7.3 */
    .interfaceChangeBegin = testInterfaceChangeBegin,                   /* 0.9.2 */
    .interfaceChangeCommit = testInterfaceChangeCommit,                 /* 0.9.2 */
    .interfaceChangeRollback = testInterfaceChangeRollback,             /* 0.9.2 */
};
