/*
 * test_network.c: virtual networks of the test driver.  Nothing is set up
 * on the host: a network is a definition plus an active/persistent/
 * autostart state, with libvirt's state rules and lifecycle events.
 * Methods have the domain files' shape: check flags, find the object
 * (locked, referenced), check its state, change it, release it, and only
 * then queue the event.
 */
#include <string.h>

#include "test/test_private.h"
#include "test/test_network.h"
#include "util/error.h"
#include "util/uuid.h"
#include "util/typedparam.h"

#define VIR_FROM_THIS VIR_FROM_TEST

/* Largest definition accepted, as for every document read from outside. */
#define TEST_NET_XML_MAX (10 * 1024 * 1024)

/* The network that test:///default starts with, running. */
static const char defaultNetworkXML[] =
    "<network>"
    "  <name>default</name>"
    "  <uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid>"
    "  <bridge name='virbr0'/>"
    "  <forward/>"
    "  <ip address='192.168.122.1' netmask='255.255.255.0'>"
    "    <dhcp>"
    "      <range start='192.168.122.2' end='192.168.122.254'/>"
    "    </dhcp>"
    "  </ip>"
    "</network>";


static nuvNetworkDef *
testNetParseDef(const char *xml, unsigned int parseFlags)
{
    if (strlen(xml) > TEST_NET_XML_MAX) {
        nuvReportErrorFrom(VIR_FROM_NETWORK, VIR_ERR_XML_ERROR,
                           "network XML of %zu bytes exceeds the limit of %d bytes",
                           strlen(xml), TEST_NET_XML_MAX);
        return NULL;
    }
    return nuvNetworkDefParseString(xml, parseFlags);
}

/* Add @xml as a running, persistent network (the default state and node
 * files have their networks up from the start). */
int
testNetworkLoad(testDriver *drv, const char *xml)
{
    g_autoptr(nuvNetworkDef) def = NULL;
    nuvNetworkObj *obj;

    if (!(def = nuvNetworkDefParseString(xml, 0)))
        return -1;
    if (!(obj = nuvNetworkObjListAdd(drv->networks, &def, 0)))
        return -1;
    obj->persistent = true;
    obj->active = true;
    nuvNetworkObjEndAPI(&obj);
    return 0;
}

int
testNetworkLoadDefault(testDriver *drv)
{
    return testNetworkLoad(drv, defaultNetworkXML);
}

/* The object behind a handle; libvirt's test driver finds it by name. */
nuvNetworkObj *
testNetObjFromNetwork(virNetworkPtr net)
{
    nuvNetworkObj *obj = nuvNetworkObjListFindByName(testDriverOf(net->conn)->networks,
                                                     net->name);

    if (!obj)
        nuvReportError(VIR_ERR_NO_NETWORK, "no network with matching name '%s'", net->name);
    return obj;
}

static virNetworkPtr
testNetHandle(virConnectPtr conn, nuvNetworkObj *obj)
{
    return nuvGetNetwork(conn, obj->def->name, obj->def->uuid);
}

static nuvEvent *
testNetEvent(nuvNetworkObj *obj, int type)
{
    return nuvNetworkEventLifecycleNew(obj->def->name, obj->def->uuid, type, 0);
}

/* ---- lookups and lists ---- */

static virNetworkPtr
testNetworkLookupByName(virConnectPtr conn, const char *name)
{
    nuvNetworkObj *obj = nuvNetworkObjListFindByName(testDriverOf(conn)->networks, name);
    virNetworkPtr net;

    if (!obj) {
        nuvReportError(VIR_ERR_NO_NETWORK, "no network with matching name '%s'", name);
        return NULL;
    }
    net = testNetHandle(conn, obj);
    nuvNetworkObjEndAPI(&obj);
    return net;
}

static virNetworkPtr
testNetworkLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    nuvNetworkObj *obj = nuvNetworkObjListFindByUUID(testDriverOf(conn)->networks, uuid);
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    virNetworkPtr net;

    if (!obj) {
        nuvReportError(VIR_ERR_NO_NETWORK, "no network with matching uuid '%s'",
                       nuvUUIDFormat(uuid, uuidstr));
        return NULL;
    }
    net = testNetHandle(conn, obj);
    nuvNetworkObjEndAPI(&obj);
    return net;
}

#define LIST_ALL_FLAGS (VIR_CONNECT_LIST_NETWORKS_ACTIVE | VIR_CONNECT_LIST_NETWORKS_INACTIVE | \
                        VIR_CONNECT_LIST_NETWORKS_PERSISTENT | \
                        VIR_CONNECT_LIST_NETWORKS_TRANSIENT | \
                        VIR_CONNECT_LIST_NETWORKS_AUTOSTART | \
                        VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART)

/* One filter group: both or neither of its flags means "any". */
static bool
matchesFilter(nuvNetworkObj *obj, unsigned int flags)
{
    return nuvFilterGroupMatches(flags, VIR_CONNECT_LIST_NETWORKS_ACTIVE,
                                 VIR_CONNECT_LIST_NETWORKS_INACTIVE, obj->active) &&
           nuvFilterGroupMatches(flags, VIR_CONNECT_LIST_NETWORKS_PERSISTENT,
                                 VIR_CONNECT_LIST_NETWORKS_TRANSIENT, obj->persistent) &&
           nuvFilterGroupMatches(flags, VIR_CONNECT_LIST_NETWORKS_AUTOSTART,
                                 VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART, obj->autostart);
}

static int
testConnectListAllNetworks(virConnectPtr conn, virNetworkPtr **nets, unsigned int flags)
{
    size_t count, n = 0;
    nuvNetworkObj **objs;
    virNetworkPtr *out = NULL;

    nuvCheckFlags(LIST_ALL_FLAGS, -1);

    objs = nuvNetworkObjListCollect(testDriverOf(conn)->networks, &count);
    if (nets)
        out = g_new0(virNetworkPtr, count + 1);
    for (size_t i = 0; i < count; i++) {
        nuvNetworkObj *obj = objs[i];
        nuvNetworkObjLock(obj);
        if (!nuvNetworkObjIsRemoved(obj) && matchesFilter(obj, flags)) {
            if (out)
                out[n] = testNetHandle(conn, obj);
            n++;
        }
        nuvNetworkObjUnlock(obj);
    }
    nuvNetworkObjListFreeArray(objs, count);
    if (nets)
        *nets = out;
    return (int) n;
}

static int
listNames(virConnectPtr conn, bool active, char **const names, int maxnames)
{
    size_t count;
    nuvNetworkObj **objs = nuvNetworkObjListCollect(testDriverOf(conn)->networks, &count);
    int n = 0;

    for (size_t i = 0; i < count; i++) {
        nuvNetworkObj *obj = objs[i];
        nuvNetworkObjLock(obj);
        if (!nuvNetworkObjIsRemoved(obj) && obj->active == active) {
            if (names && n < maxnames)
                names[n] = g_strdup(obj->def->name);
            if (!names || n < maxnames)
                n++;
        }
        nuvNetworkObjUnlock(obj);
    }
    nuvNetworkObjListFreeArray(objs, count);
    return n;
}

static int
testConnectNumOfNetworks(virConnectPtr conn)
{
    return listNames(conn, true, NULL, 0);
}

static int
testConnectNumOfDefinedNetworks(virConnectPtr conn)
{
    return listNames(conn, false, NULL, 0);
}

static int
testConnectListNetworks(virConnectPtr conn, char **const names, int maxnames)
{
    return listNames(conn, true, names, maxnames);
}

static int
testConnectListDefinedNetworks(virConnectPtr conn, char **const names, int maxnames)
{
    return listNames(conn, false, names, maxnames);
}

/* ---- define, create, start, stop, undefine ---- */

static virNetworkPtr
testNetworkCreateXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    testDriver *drv = testDriverOf(conn);
    g_autoptr(nuvNetworkDef) def = NULL;
    nuvNetworkObj *obj;
    nuvEvent *event;
    virNetworkPtr net;

    nuvCheckFlags(VIR_NETWORK_CREATE_VALIDATE, NULL);

    if (!(def = testNetParseDef(xml, (flags & VIR_NETWORK_CREATE_VALIDATE) ?
                                NUV_NETWORK_DEF_PARSE_VALIDATE : 0)))
        return NULL;
    if (!(obj = nuvNetworkObjListAdd(drv->networks, &def,
                                     NUV_NETWORK_OBJ_ADD_LIVE |
                                     NUV_NETWORK_OBJ_ADD_CHECK_ACTIVE)))
        return NULL;
    obj->active = true;
    event = testNetEvent(obj, VIR_NETWORK_EVENT_STARTED);
    net = testNetHandle(conn, obj);
    nuvNetworkObjEndAPI(&obj);
    nuvEventQueue(drv->events, event);
    return net;
}

static virNetworkPtr
testNetworkDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    testDriver *drv = testDriverOf(conn);
    g_autoptr(nuvNetworkDef) def = NULL;
    nuvNetworkObj *obj;
    nuvEvent *event;
    virNetworkPtr net;

    nuvCheckFlags(VIR_NETWORK_DEFINE_VALIDATE, NULL);

    if (!(def = testNetParseDef(xml, (flags & VIR_NETWORK_DEFINE_VALIDATE) ?
                                NUV_NETWORK_DEF_PARSE_VALIDATE : 0)))
        return NULL;
    if (!(obj = nuvNetworkObjListAdd(drv->networks, &def, 0)))
        return NULL;
    obj->persistent = true;
    event = testNetEvent(obj, VIR_NETWORK_EVENT_DEFINED);
    net = testNetHandle(conn, obj);
    nuvNetworkObjEndAPI(&obj);
    nuvEventQueue(drv->events, event);
    return net;
}

static int
testNetworkUndefine(virNetworkPtr network)
{
    testDriver *drv = testDriverOf(network->conn);
    nuvNetworkObj *obj;
    nuvEvent *event;

    if (!(obj = testNetObjFromNetwork(network)))
        return -1;
    if (obj->active) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "Network '%s' is still running",
                       obj->def->name);
        nuvNetworkObjEndAPI(&obj);
        return -1;
    }
    event = testNetEvent(obj, VIR_NETWORK_EVENT_UNDEFINED);
    nuvNetworkObjListRemove(drv->networks, obj);
    nuvNetworkObjEndAPI(&obj);
    nuvEventQueue(drv->events, event);
    return 0;
}

static int
testNetworkCreateWithFlags(virNetworkPtr network, unsigned int flags)
{
    testDriver *drv = testDriverOf(network->conn);
    nuvNetworkObj *obj;
    nuvEvent *event;

    nuvCheckFlags(0, -1);

    if (!(obj = testNetObjFromNetwork(network)))
        return -1;
    if (obj->active) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "Network '%s' is already running",
                       obj->def->name);
        nuvNetworkObjEndAPI(&obj);
        return -1;
    }
    obj->active = true;
    event = testNetEvent(obj, VIR_NETWORK_EVENT_STARTED);
    nuvNetworkObjEndAPI(&obj);
    nuvEventQueue(drv->events, event);
    return 0;
}

static int
testNetworkCreate(virNetworkPtr network)
{
    return testNetworkCreateWithFlags(network, 0);
}

static int
testNetworkDestroy(virNetworkPtr network)
{
    testDriver *drv = testDriverOf(network->conn);
    nuvNetworkObj *obj;
    nuvEvent *event;

    if (!(obj = testNetObjFromNetwork(network)))
        return -1;
    /* libvirt's test driver stops an inactive network too, without
     * complaint, and still reports it stopped */
    /* as in libvirt's test driver, a pending persistent definition does
     * not take over when the network stops */
    testNetworkDropPorts(obj);
    obj->active = false;
    event = testNetEvent(obj, VIR_NETWORK_EVENT_STOPPED);
    if (!obj->persistent)
        nuvNetworkObjListRemove(drv->networks, obj);
    nuvNetworkObjEndAPI(&obj);
    nuvEventQueue(drv->events, event);
    return 0;
}

/* ---- queries and settings ---- */

static char *
testNetworkGetXMLDesc(virNetworkPtr network, unsigned int flags)
{
    nuvNetworkObj *obj;
    char *xml;

    /* libvirt's test driver takes no flags here, not even INACTIVE */
    nuvCheckFlags(0, NULL);

    if (!(obj = testNetObjFromNetwork(network)))
        return NULL;
    xml = nuvNetworkDefFormat(obj->def, flags);
    nuvNetworkObjEndAPI(&obj);
    return xml;
}

static char *
testNetworkGetBridgeName(virNetworkPtr network)
{
    nuvNetworkObj *obj;
    const char *bridge;
    char *ret = NULL;

    if (!(obj = testNetObjFromNetwork(network)))
        return NULL;
    if (!(bridge = nuvNetworkDefBridge(obj->def)))
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "network '%s' does not have a bridge name.",
                       obj->def->name);
    else
        ret = g_strdup(bridge);
    nuvNetworkObjEndAPI(&obj);
    return ret;
}

static int
testNetworkGetAutostart(virNetworkPtr network, int *autostart)
{
    nuvNetworkObj *obj;

    if (!(obj = testNetObjFromNetwork(network)))
        return -1;
    *autostart = obj->autostart ? 1 : 0;
    nuvNetworkObjEndAPI(&obj);
    return 0;
}

static int
testNetworkSetAutostart(virNetworkPtr network, int autostart)
{
    nuvNetworkObj *obj;

    if (!(obj = testNetObjFromNetwork(network)))
        return -1;
    obj->autostart = autostart != 0;
    nuvNetworkObjEndAPI(&obj);
    return 0;
}

static int
testNetworkIsActive(virNetworkPtr network)
{
    nuvNetworkObj *obj;
    int ret;

    if (!(obj = testNetObjFromNetwork(network)))
        return -1;
    ret = obj->active ? 1 : 0;
    nuvNetworkObjEndAPI(&obj);
    return ret;
}

static int
testNetworkIsPersistent(virNetworkPtr network)
{
    nuvNetworkObj *obj;
    int ret;

    if (!(obj = testNetObjFromNetwork(network)))
        return -1;
    ret = obj->persistent ? 1 : 0;
    nuvNetworkObjEndAPI(&obj);
    return ret;
}

/* ---- virNetworkUpdate ---- */

static int
testNetworkUpdate(virNetworkPtr network, unsigned int command, unsigned int section,
                  int parentIndex, const char *xml, unsigned int flags)
{
    nuvNetworkObj *obj;
    g_autoptr(nuvNetworkDef) live = NULL;
    g_autoptr(nuvNetworkDef) config = NULL;
    int ret = -1;

    nuvCheckFlags(VIR_NETWORK_UPDATE_AFFECT_LIVE | VIR_NETWORK_UPDATE_AFFECT_CONFIG, -1);

    if (!(obj = testNetObjFromNetwork(network)))
        return -1;

    /* "current": the running definition if it runs, else the config */
    if (!(flags & (VIR_NETWORK_UPDATE_AFFECT_LIVE | VIR_NETWORK_UPDATE_AFFECT_CONFIG)))
        flags |= obj->active ? VIR_NETWORK_UPDATE_AFFECT_LIVE : VIR_NETWORK_UPDATE_AFFECT_CONFIG;

    if ((flags & VIR_NETWORK_UPDATE_AFFECT_CONFIG) && !obj->persistent) {
        nuvReportErrorFrom(VIR_FROM_NETWORK, VIR_ERR_OPERATION_INVALID, "%s",
                           "cannot change persistent config of a transient network");
        goto cleanup;
    }
    if ((flags & VIR_NETWORK_UPDATE_AFFECT_LIVE) && !obj->active) {
        nuvReportErrorFrom(VIR_FROM_NETWORK, VIR_ERR_OPERATION_INVALID,
                           "%s", "network is not running");
        goto cleanup;
    }

    /* Both copies are changed before either is kept, so a failure
     * leaves the network as it was. */
    if (flags & VIR_NETWORK_UPDATE_AFFECT_LIVE) {
        live = nuvNetworkDefCopy(obj->def);
        if (nuvNetworkDefUpdateSection(live, command, section, parentIndex, xml) < 0)
            goto cleanup;
    }
    if (flags & VIR_NETWORK_UPDATE_AFFECT_CONFIG) {
        config = nuvNetworkDefCopy(nuvNetworkObjGetPersistentDef(obj));
        if (nuvNetworkDefUpdateSection(config, command, section, parentIndex, xml) < 0)
            goto cleanup;
    }

    if (live) {
        if (obj->persistent && !obj->newDef && !config)
            obj->newDef = obj->def;     /* keep the config as it was */
        else
            nuvNetworkDefFree(obj->def);
        obj->def = g_steal_pointer(&live);
    }
    if (config) {
        if (obj->active) {
            nuvNetworkDefFree(obj->newDef);
            obj->newDef = g_steal_pointer(&config);
        } else {
            nuvNetworkDefFree(obj->def);
            obj->def = g_steal_pointer(&config);
        }
    }
    ret = 0;

 cleanup:
    nuvNetworkObjEndAPI(&obj);
    return ret;
}

/* ---- events ---- */

static int
testConnectNetworkEventRegisterAny(virConnectPtr conn, virNetworkPtr net, int eventID,
                                   virConnectNetworkEventGenericCallback cb,
                                   void *opaque, virFreeCallback freecb)
{
    return nuvEventRegisterNetwork(testDriverOf(conn)->events, conn, net, eventID, cb,
                                   opaque, freecb);
}

static int
testConnectNetworkEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    return nuvEventDeregister(testDriverOf(conn)->events, conn, callbackID);
}

static bool
isMacAddress(const char *mac)
{
    for (int i = 0; i < 6; i++) {
        if (!g_ascii_isxdigit(mac[0]) || !g_ascii_isxdigit(mac[1]))
            return false;
        mac += 2;
        if (i < 5 && *mac++ != ':')
            return false;
    }
    return *mac == '\0';
}

/* The test hypervisor runs no DHCP server, so no network has leases: what
 * libvirt's network driver reports for a network without a leases file. */
static int
testNetworkGetDHCPLeases(virNetworkPtr net, const char *mac, virNetworkDHCPLeasePtr **leases,
                         unsigned int flags)
{
    nuvNetworkObj *obj;

    nuvCheckFlags(0, -1);
    if (mac && !isMacAddress(mac)) {
        nuvReportError(VIR_ERR_INVALID_MAC, "%s", mac);
        return -1;
    }
    if (!(obj = testNetObjFromNetwork(net)))
        return -1;
    nuvNetworkObjEndAPI(&obj);
    if (leases)
        *leases = g_new0(virNetworkDHCPLeasePtr, 1);
    return 0;
}

const nuvNetworkDriver testNetworkDriver = {
    .networkGetDHCPLeases = testNetworkGetDHCPLeases,                   /* nuvirt */
    .connectNumOfNetworks = testConnectNumOfNetworks,                   /* 0.3.2 */
    .connectListNetworks = testConnectListNetworks,                     /* 0.3.2 */
    .connectNumOfDefinedNetworks = testConnectNumOfDefinedNetworks,     /* 0.3.2 */
    .connectListDefinedNetworks = testConnectListDefinedNetworks,       /* 0.3.2 */
    .connectListAllNetworks = testConnectListAllNetworks,               /* 0.10.2 */
    .connectNetworkEventRegisterAny = testConnectNetworkEventRegisterAny,     /* 1.2.1 */
    .connectNetworkEventDeregisterAny = testConnectNetworkEventDeregisterAny, /* 1.2.1 */
    .networkLookupByUUID = testNetworkLookupByUUID,                     /* 0.3.2 */
    .networkLookupByName = testNetworkLookupByName,                     /* 0.3.2 */
    .networkCreateXMLFlags = testNetworkCreateXMLFlags,                 /* 7.8.0 */
    .networkDefineXMLFlags = testNetworkDefineXMLFlags,                 /* 7.7.0 */
    .networkUndefine = testNetworkUndefine,                             /* 0.3.2 */
    .networkUpdate = testNetworkUpdate,                                 /* 0.10.2 */
    .networkCreate = testNetworkCreate,                                 /* 0.3.2 */
    .networkDestroy = testNetworkDestroy,                               /* 0.3.2 */
    .networkGetXMLDesc = testNetworkGetXMLDesc,                         /* 0.3.2 */
    .networkGetBridgeName = testNetworkGetBridgeName,                   /* 0.3.2 */
    .networkGetAutostart = testNetworkGetAutostart,                     /* 0.3.2 */
    .networkSetAutostart = testNetworkSetAutostart,                     /* 0.3.2 */
    .networkIsActive = testNetworkIsActive,                             /* 0.7.3 */
    .networkIsPersistent = testNetworkIsPersistent,                     /* 0.7.3 */
    /* ports: libvirt's network driver has them since 5.5.0, its test
     * driver never did */
    .networkListAllPorts = testNetworkListAllPorts,
    .networkPortLookupByUUID = testNetworkPortLookupByUUID,
    .networkPortCreateXML = testNetworkPortCreateXML,
    .networkPortGetXMLDesc = testNetworkPortGetXMLDesc,
    .networkPortDelete = testNetworkPortDelete,
    .networkPortSetParameters = testNetworkPortSetParameters,
    .networkPortGetParameters = testNetworkPortGetParameters,
};
