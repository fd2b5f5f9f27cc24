/*
 * test_interface.c: host interfaces of the test driver.  Nothing touches
 * the host: an interface is a definition plus an active flag, and a
 * transaction (virInterfaceChangeBegin) is a saved copy of the list that
 * Rollback puts back, as libvirt's test driver keeps it.
 */
#include <string.h>

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
    obj = nuvInterfaceObjListAssign(drv->ifaces, &def);
    obj->active = true;
    nuvInterfaceObjEndAPI(&obj);
    return 0;
}

int
testInterfaceLoadDefault(testDriver *drv)
{
    return testInterfaceLoad(drv, defaultInterfaceXML);
}

/* The object called @name, locked and referenced; NULL (error reported)
 * when there is none. */
static nuvInterfaceObj *
testIfaceLock(testDriver *drv, const char *name)
{
    nuvInterfaceObj *obj;

    if (!(obj = nuvInterfaceObjListFindByName(drv->ifaces, name)))
        nuvReportError(VIR_ERR_NO_INTERFACE, "no interface with matching name '%s'", name);
    return obj;
}

/* The names of the interfaces that are (not) @active, up to @max (-1: no
 * limit), into @names when given; the count. */
static int
listIfaces(virConnectPtr conn, bool active, char **const names, int max)
{
    size_t count;
    nuvInterfaceObj **objs = nuvInterfaceObjListCollect(testDriverOf(conn)->ifaces, &count);
    int n = 0;

    for (size_t i = 0; i < count && (max < 0 || n < max); i++) {
        nuvInterfaceObjLock(objs[i]);
        if (!nuvInterfaceObjIsRemoved(objs[i]) && objs[i]->active == active) {
            if (names)
                names[n] = g_strdup(objs[i]->def->name);
            n++;
        }
        nuvInterfaceObjUnlock(objs[i]);
    }
    nuvInterfaceObjListFreeArray(objs, count);
    return n;
}

static int
countIfaces(virConnectPtr conn, bool active)
{
    return listIfaces(conn, active, NULL, -1);
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
    nuvInterfaceObj **objs;
    size_t count;
    int n;

    nuvCheckFlags(VIR_CONNECT_LIST_INTERFACES_ACTIVE | VIR_CONNECT_LIST_INTERFACES_INACTIVE, -1);

    objs = nuvInterfaceObjListCollect(drv->ifaces, &count);
    for (size_t i = 0; i < count; i++) {
        nuvInterfaceObj *obj = objs[i];
        bool wanted;

        nuvInterfaceObjLock(obj);
        wanted = !nuvInterfaceObjIsRemoved(obj);
        /* both filter bits, or neither, mean every interface */
        if ((flags & VIR_CONNECT_LIST_INTERFACES_ACTIVE) &&
            !(flags & VIR_CONNECT_LIST_INTERFACES_INACTIVE) && !obj->active)
            wanted = false;
        if ((flags & VIR_CONNECT_LIST_INTERFACES_INACTIVE) &&
            !(flags & VIR_CONNECT_LIST_INTERFACES_ACTIVE) && obj->active)
            wanted = false;
        if (wanted)
            g_ptr_array_add(out, ifaces ? nuvGetInterface(conn, obj->def->name, obj->def->mac)
                                        : NULL);
        nuvInterfaceObjUnlock(obj);
    }
    nuvInterfaceObjListFreeArray(objs, count);

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
    nuvInterfaceObjEndAPI(&obj);
    return ret;
}

static virInterfacePtr
testInterfaceLookupByMACString(virConnectPtr conn, const char *mac)
{
    testDriver *drv = testDriverOf(conn);
    g_autofree char *name = NULL;
    int found = nuvInterfaceObjListCountByMAC(drv->ifaces, mac, &name);

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
    nuvInterfaceObjEndAPI(&obj);
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
    nuvInterfaceObjEndAPI(&obj);
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

    obj = nuvInterfaceObjListAssign(drv->ifaces, &def);
    ret = nuvGetInterface(conn, obj->def->name, obj->def->mac);
    nuvInterfaceObjEndAPI(&obj);
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
    nuvInterfaceObjEndAPI(&obj);
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
        nuvInterfaceObjEndAPI(&obj);
        nuvReportError(VIR_ERR_OPERATION_INVALID, NULL);
        return -1;
    }
    obj->active = active;
    nuvInterfaceObjEndAPI(&obj);
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

    /* the saved copy keeps the definitions only: after a rollback every
     * interface is down, as in libvirt */
    if (nuvInterfaceObjListBegin(drv->ifaces) < 0) {
        nuvReportError(VIR_ERR_OPERATION_INVALID,
                       "%s", "there is another transaction running.");
        return -1;
    }
    return 0;
}

static int
testInterfaceChangeCommit(virConnectPtr conn, unsigned int flags)
{
    testDriver *drv = testDriverOf(conn);

    nuvCheckFlags(0, -1);

    if (nuvInterfaceObjListCommit(drv->ifaces) < 0) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       "no transaction running, nothing to be committed.");
        return -1;
    }
    return 0;
}

static int
testInterfaceChangeRollback(virConnectPtr conn, unsigned int flags)
{
    testDriver *drv = testDriverOf(conn);

    nuvCheckFlags(0, -1);

    if (nuvInterfaceObjListRollback(drv->ifaces) < 0) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       "no transaction running, nothing to rollback.");
        return -1;
    }
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
