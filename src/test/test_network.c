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
#include "util/error.h"
#include "util/uuid.h"
#include "util/typedparam.h"
#include <stdlib.h>

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

static void testNetworkDropPorts(nuvNetworkObj *obj);

static nuvNetworkDef *
testNetParseDef(const char *xml, unsigned int parseFlags)
{
    if (strlen(xml) > TEST_NET_XML_MAX) {
        nuvErrorReportFull(VIR_FROM_NETWORK, VIR_ERR_XML_ERROR, __FILE__, __func__, __LINE__,
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
static nuvNetworkObj *
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
groupMatches(unsigned int flags, unsigned int yes, unsigned int no, bool value)
{
    bool wantYes = flags & yes;
    bool wantNo = flags & no;

    if (wantYes == wantNo)
        return true;
    return wantYes ? value : !value;
}

static bool
matchesFilter(nuvNetworkObj *obj, unsigned int flags)
{
    return groupMatches(flags, VIR_CONNECT_LIST_NETWORKS_ACTIVE,
                        VIR_CONNECT_LIST_NETWORKS_INACTIVE, obj->active) &&
           groupMatches(flags, VIR_CONNECT_LIST_NETWORKS_PERSISTENT,
                        VIR_CONNECT_LIST_NETWORKS_TRANSIENT, obj->persistent) &&
           groupMatches(flags, VIR_CONNECT_LIST_NETWORKS_AUTOSTART,
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
        if (!obj->removing && matchesFilter(obj, flags)) {
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
        if (!obj->removing && obj->active == active) {
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
testNetworkCreateXML(virConnectPtr conn, const char *xml)
{
    return testNetworkCreateXMLFlags(conn, xml, 0);
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

static virNetworkPtr
testNetworkDefineXML(virConnectPtr conn, const char *xml)
{
    return testNetworkDefineXMLFlags(conn, xml, 0);
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
        nuvErrorReportFull(VIR_FROM_NETWORK, VIR_ERR_OPERATION_INVALID, __FILE__, __func__,
                           __LINE__, "%s",
                           "cannot change persistent config of a transient network");
        goto cleanup;
    }
    if ((flags & VIR_NETWORK_UPDATE_AFFECT_LIVE) && !obj->active) {
        nuvErrorReportFull(VIR_FROM_NETWORK, VIR_ERR_OPERATION_INVALID, __FILE__, __func__,
                           __LINE__, "%s", "network is not running");
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

/* ---- ports ----
 *
 * A port is a guest NIC's claim on a running network.  As libvirt's
 * network driver does, creating one fills in how it plugs in (bridge,
 * macvtap device or PCI function, chosen by the forward mode), takes
 * bandwidth, VLAN and virtualport from the portgroup or network when the
 * port has none, and counts connections on the network and the chosen
 * device; stopping the network drops its ports.  Nothing touches the host.
 */

static char *
testPortKey(const unsigned char *uuid)
{
    char buf[VIR_UUID_STRING_BUFLEN];

    return g_strdup(nuvUUIDFormat(uuid, buf));
}

static void
testPortNotActive(nuvNetworkObj *obj)
{
    nuvErrorReportFull(VIR_FROM_NETWORK, VIR_ERR_OPERATION_INVALID, __FILE__, __func__,
                       __LINE__, "network '%s' is not active", obj->def->name);
}

static nuvNetworkPortDef *
testPortLookup(nuvNetworkObj *obj, const unsigned char *uuid)
{
    g_autofree char *key = testPortKey(uuid);
    nuvNetworkPortDef *port = g_hash_table_lookup(obj->ports, key);

    if (!port)
        nuvErrorReportFull(VIR_FROM_NETWORK, VIR_ERR_NO_NETWORK_PORT, __FILE__, __func__,
                           __LINE__, "Network port with UUID %s does not exist", key);
    return port;
}

/* Add @delta to a runtime "connections" count; zero is not written. */
static void
testPortCount(nuvXNode *node, int delta)
{
    const char *cur = node ? nuvXNodeGet(node, "connections") : NULL;
    long n = (cur ? strtol(cur, NULL, 10) : 0) + delta;
    g_autofree char *val = NULL;

    if (!node)
        return;
    if (n > 0)
        val = g_strdup_printf("%ld", n);
    nuvXNodeSet(node, "connections", val);
}

static long
testPortConnections(nuvXNode *node)
{
    const char *cur = nuvXNodeGet(node, "connections");

    return cur ? strtol(cur, NULL, 10) : 0;
}

static unsigned int
testPciField(nuvXNode *addr, const char *name)
{
    const char *v = nuvXNodeGet(addr, name);

    return v ? (unsigned int) g_ascii_strtoull(v, NULL, 0) : 0;
}

/* The forward device a plugged port uses, or NULL. */
static nuvXNode *
testPortDevice(nuvNetworkObj *obj, const nuvNetworkPortDef *port)
{
    nuvXNode *fwd = nuvXNodeChild(obj->def->tree, "forward");
    size_t n;

    if (!fwd)
        return NULL;
    if (port->plugtype == NUV_NETWORK_PORT_PLUG_DIRECT) {
        n = nuvXNodeCountChildren(fwd, "interface");
        for (size_t i = 0; i < n; i++) {
            nuvXNode *dev = nuvXNodeNthChild(fwd, "interface", i);
            if (g_strcmp0(nuvXNodeGet(dev, "dev"), port->linkdev) == 0)
                return dev;
        }
    } else if (port->plugtype == NUV_NETWORK_PORT_PLUG_HOSTDEV_PCI) {
        n = nuvXNodeCountChildren(fwd, "address");
        for (size_t i = 0; i < n; i++) {
            nuvXNode *a = nuvXNodeNthChild(fwd, "address", i);
            if (testPciField(a, "domain") == port->pciDomain &&
                testPciField(a, "bus") == port->pciBus &&
                testPciField(a, "slot") == port->pciSlot &&
                testPciField(a, "function") == port->pciFunction)
                return a;
        }
    }
    return NULL;
}

static nuvNetworkPortRate *
testRateFromTree(nuvXNode *bw, const char *name)
{
    nuvXNode *n = bw ? nuvXNodeChild(bw, name) : NULL;
    nuvNetworkPortRate *r;
    const char *v;

    if (!n)
        return NULL;
    r = g_new0(nuvNetworkPortRate, 1);
    if ((v = nuvXNodeGet(n, "average")))
        r->average = g_ascii_strtoull(v, NULL, 10);
    if ((v = nuvXNodeGet(n, "peak")))
        r->peak = g_ascii_strtoull(v, NULL, 10);
    if ((v = nuvXNodeGet(n, "floor")))
        r->floor = g_ascii_strtoull(v, NULL, 10);
    if ((v = nuvXNodeGet(n, "burst")))
        r->burst = g_ascii_strtoull(v, NULL, 10);
    return r;
}

/* The portgroup called @name, or the default one when @name is NULL. */
static nuvXNode *
testPortGroup(nuvNetworkDef *def, const char *name)
{
    size_t n = nuvXNodeCountChildren(def->tree, "portgroup");

    for (size_t i = 0; i < n; i++) {
        nuvXNode *pg = nuvXNodeNthChild(def->tree, "portgroup", i);
        if (name ? g_strcmp0(nuvXNodeGet(pg, "name"), name) == 0
                 : g_strcmp0(nuvXNodeGet(pg, "default"), "yes") == 0)
            return pg;
    }
    return NULL;
}

static int
testTristate(const char *v)
{
    return !v ? 0 : strcmp(v, "yes") == 0 ? 1 : 2;
}

/* Classes 1 and 2 of a network's QoS tree are the network's own. */
static unsigned int
testPortFreeClassID(nuvNetworkObj *obj)
{
    GHashTableIter it;
    gpointer val;
    unsigned int id = 3;
    bool clash = true;

    while (clash) {
        clash = false;
        g_hash_table_iter_init(&it, obj->ports);
        while (g_hash_table_iter_next(&it, NULL, &val)) {
            if (((nuvNetworkPortDef *) val)->classID == id) {
                clash = true;
                id++;
                break;
            }
        }
    }
    return id;
}

/* A floor is a share of the network's inbound QoS: without one there is
 * nothing to share. */
static int
testPortCheckFloor(nuvNetworkObj *obj, const char *mac)
{
    nuvXNode *bw = nuvXNodeChild(obj->def->tree, "bandwidth");

    if (bw && nuvXNodeChild(bw, "inbound"))
        return 0;
    nuvErrorReportFull(VIR_FROM_NETWORK, VIR_ERR_OPERATION_UNSUPPORTED, __FILE__, __func__,
                       __LINE__, "Invalid use of 'floor' on interface with MAC address %s - "
                       "network '%s' has no inbound QoS set", mac, obj->def->name);
    return -1;
}

/* A port with a floor gets its own class in the network's QoS tree. */
static int
testPortPlugBandwidth(nuvNetworkObj *obj, nuvNetworkPortDef *port)
{
    if (!port->in || !port->in->floor)
        return 0;
    if (testPortCheckFloor(obj, port->mac) < 0)
        return -1;
    port->classID = testPortFreeClassID(obj);
    return 0;
}

static int
testPortVirtualportRejected(nuvNetworkObj *obj, nuvNetworkPortDef *port, const char *allowed,
                            const char *what)
{
    const char *type;

    if (!port->virtualport)
        return 0;
    type = nuvXNodeGet(port->virtualport, "type");
    if (allowed && g_strcmp0(type, allowed) == 0)
        return 0;
    nuvErrorReportFull(VIR_FROM_NETWORK, VIR_ERR_CONFIG_UNSUPPORTED, __FILE__, __func__,
                       __LINE__, "<virtualport type='%s'> not supported for network '%s' "
                       "which uses %s", type ? type : "none", obj->def->name, what);
    return -1;
}

/* Fill in a new port's plug the way the network driver allocates it. */
static int
testPortAllocate(nuvNetworkObj *obj, nuvNetworkPortDef *port)
{
    nuvNetworkDef *net = obj->def;
    nuvXNode *pg = testPortGroup(net, port->group);
    nuvXNode *fwd = nuvXNodeChild(net->tree, "forward");
    nuvXNode *bridge = nuvXNodeChild(net->tree, "bridge");
    nuvXNode *dev = NULL;
    nuvXNode *n;

    if (!port->in && !port->out && pg && (n = nuvXNodeChild(pg, "bandwidth"))) {
        port->in = testRateFromTree(n, "inbound");
        port->out = testRateFromTree(n, "outbound");
    }
    if (!port->vlan) {
        if ((pg && (n = nuvXNodeChild(pg, "vlan"))) || (n = nuvXNodeChild(net->tree, "vlan")))
            port->vlan = nuvXNodeCopy(n);
    }
    if (!port->trustGuest) {
        if (pg && nuvXNodeGet(pg, "trustGuestRxFilters"))
            port->trustGuest = testTristate(nuvXNodeGet(pg, "trustGuestRxFilters"));
        else
            port->trustGuest = testTristate(nuvXNodeGet(net->tree, "trustGuestRxFilters"));
    }
    if (!port->virtualport) {
        if ((pg && (n = nuvXNodeChild(pg, "virtualport"))) ||
            (n = nuvXNodeChild(net->tree, "virtualport")))
            port->virtualport = nuvXNodeCopy(n);
    }
    if (!port->isolated && (n = nuvXNodeChild(net->tree, "port")))
        port->isolated = testTristate(nuvXNodeGet(n, "isolated"));

    switch ((nuvNetworkForwardType) net->forwardType) {
    case NUV_NETWORK_FORWARD_NONE:
    case NUV_NETWORK_FORWARD_NAT:
    case NUV_NETWORK_FORWARD_ROUTE:
    case NUV_NETWORK_FORWARD_OPEN:
        port->plugtype = NUV_NETWORK_PORT_PLUG_NETWORK;
        port->brname = g_strdup(nuvNetworkDefBridge(net));
        port->macTableManager = g_strdup(bridge ? nuvXNodeGet(bridge, "macTableManager") : NULL);
        if (testPortVirtualportRejected(obj, port, NULL, "IP forwarding") < 0 ||
            testPortPlugBandwidth(obj, port) < 0)
            return -1;
        break;

    case NUV_NETWORK_FORWARD_HOSTDEV: {
        size_t count = fwd ? nuvXNodeCountChildren(fwd, "address") : 0;
        nuvXNode *drv = fwd ? nuvXNodeChild(fwd, "driver") : NULL;

        port->plugtype = NUV_NETWORK_PORT_PLUG_HOSTDEV_PCI;
        for (size_t i = 0; i < count && !dev; i++) {
            n = nuvXNodeNthChild(fwd, "address", i);
            if (testPortConnections(n) == 0)
                dev = n;
        }
        if (!dev) {
            nuvErrorReportFull(VIR_FROM_NETWORK, VIR_ERR_INTERNAL_ERROR, __FILE__, __func__,
                               __LINE__, "network '%s' requires exclusive access to "
                               "interfaces, but none are available", net->name);
            return -1;
        }
        port->pciDomain = testPciField(dev, "domain");
        port->pciBus = testPciField(dev, "bus");
        port->pciSlot = testPciField(dev, "slot");
        port->pciFunction = testPciField(dev, "function");
        port->managed = g_strcmp0(nuvXNodeGet(fwd, "managed"), "yes") == 0 ? 1 : 2;
        port->driverName = g_strdup(drv ? nuvXNodeGet(drv, "name") : NULL);
        if (testPortVirtualportRejected(obj, port, "802.1Qbh",
                                        "an SR-IOV Virtual Function via PCI passthrough") < 0)
            return -1;
        break;
    }

    case NUV_NETWORK_FORWARD_BRIDGE:
        if (nuvNetworkDefBridge(net)) {
            port->plugtype = NUV_NETWORK_PORT_PLUG_BRIDGE;
            port->brname = g_strdup(nuvNetworkDefBridge(net));
            port->macTableManager = g_strdup(nuvXNodeGet(bridge, "macTableManager"));
            if (testPortVirtualportRejected(obj, port, "openvswitch", "a bridge device") < 0 ||
                testPortPlugBandwidth(obj, port) < 0)
                return -1;
            break;
        }
        G_GNUC_FALLTHROUGH;
    case NUV_NETWORK_FORWARD_PRIVATE:
    case NUV_NETWORK_FORWARD_VEPA:
    case NUV_NETWORK_FORWARD_PASSTHROUGH: {
        size_t count = fwd ? nuvXNodeCountChildren(fwd, "interface") : 0;
        const char *vtype = port->virtualport ? nuvXNodeGet(port->virtualport, "type") : NULL;
        /* passthrough, and 802.1Qbh profiles, need a device of their own;
         * other modes share the least used one */
        bool exclusive = net->forwardType == NUV_NETWORK_FORWARD_PASSTHROUGH ||
                         g_strcmp0(vtype, "802.1Qbh") == 0;

        port->plugtype = NUV_NETWORK_PORT_PLUG_DIRECT;
        port->mode = g_strdup(nuvNetworkForwardTypeToString(net->forwardType));
        if (count == 0) {
            nuvErrorReportFull(VIR_FROM_NETWORK, VIR_ERR_INTERNAL_ERROR, __FILE__, __func__,
                               __LINE__, "network '%s' uses a direct mode, but has no forward "
                               "dev and no interface pool", net->name);
            return -1;
        }
        for (size_t i = 0; i < count; i++) {
            n = nuvXNodeNthChild(fwd, "interface", i);
            if (exclusive ? testPortConnections(n) == 0
                          : (!dev || testPortConnections(n) < testPortConnections(dev)))
                dev = n;
            if (exclusive && dev)
                break;
        }
        if (!dev) {
            nuvErrorReportFull(VIR_FROM_NETWORK, VIR_ERR_INTERNAL_ERROR, __FILE__, __func__,
                               __LINE__, "network '%s' requires exclusive access to "
                               "interfaces, but none are available", net->name);
            return -1;
        }
        port->linkdev = g_strdup(nuvXNodeGet(dev, "dev"));
        if (vtype && g_strcmp0(vtype, "802.1Qbg") != 0 && g_strcmp0(vtype, "802.1Qbh") != 0 &&
            testPortVirtualportRejected(obj, port, NULL,
                                        "a macvtap device") < 0)
            return -1;
        break;
    }

    case NUV_NETWORK_FORWARD_LAST:
        break;
    }
    return 0;
}

/* Count the port's connection on the network and its device. */
static void
testPortConnect(nuvNetworkObj *obj, nuvNetworkPortDef *port, int delta)
{
    testPortCount(obj->def->tree, delta);
    testPortCount(testPortDevice(obj, port), delta);
}

/* Called with the object locked when the network stops. */
static void
testNetworkDropPorts(nuvNetworkObj *obj)
{
    GHashTableIter it;
    gpointer val;

    g_hash_table_iter_init(&it, obj->ports);
    while (g_hash_table_iter_next(&it, NULL, &val))
        testPortConnect(obj, val, -1);
    g_hash_table_remove_all(obj->ports);
}

static virNetworkPortPtr
testNetworkPortCreateXML(virNetworkPtr net, const char *xmldesc, unsigned int flags)
{
    nuvNetworkObj *obj;
    g_autoptr(nuvNetworkPortDef) port = NULL;
    virNetworkPortPtr ret = NULL;
    char *key;

    nuvCheckFlags(VIR_NETWORK_PORT_CREATE_RECLAIM | VIR_NETWORK_PORT_CREATE_VALIDATE, NULL);

    if (!(obj = testNetObjFromNetwork(net)))
        return NULL;
    if (!(port = nuvNetworkPortDefParseString(xmldesc, flags)))
        goto cleanup;
    if (!obj->active) {
        testPortNotActive(obj);
        goto cleanup;
    }
    if (port->plugtype == NUV_NETWORK_PORT_PLUG_NONE && (flags & VIR_NETWORK_PORT_CREATE_RECLAIM)) {
        nuvErrorReportFull(VIR_FROM_NETWORK, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__,
                           "%s", "Port reclaim requested but plug type is none");
        goto cleanup;
    }
    if (port->plugtype != NUV_NETWORK_PORT_PLUG_NONE &&
        !(flags & VIR_NETWORK_PORT_CREATE_RECLAIM)) {
        nuvErrorReportFull(VIR_FROM_NETWORK, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__,
                           "%s", "Port reclaim not requested but plug type is not none");
        goto cleanup;
    }
    key = testPortKey(port->uuid);
    if (g_hash_table_contains(obj->ports, key)) {
        nuvErrorReportFull(VIR_FROM_NETWORK, VIR_ERR_NETWORK_PORT_EXIST, __FILE__, __func__,
                           __LINE__, "Network port with UUID %s already exists", key);
        g_free(key);
        goto cleanup;
    }
    /* a reclaimed port keeps the plug it says it has */
    if (!(flags & VIR_NETWORK_PORT_CREATE_RECLAIM) && testPortAllocate(obj, port) < 0) {
        g_free(key);
        goto cleanup;
    }
    testPortConnect(obj, port, 1);
    ret = nuvGetNetworkPort(net, port->uuid);
    g_hash_table_insert(obj->ports, key, g_steal_pointer(&port));

 cleanup:
    nuvNetworkObjEndAPI(&obj);
    return ret;
}

/* The network behind @port, running, and the port's definition. */
static nuvNetworkObj *
testPortFind(virNetworkPortPtr port, nuvNetworkPortDef **def)
{
    nuvNetworkObj *obj;

    if (!(obj = testNetObjFromNetwork(port->net)))
        return NULL;
    if (!(*def = testPortLookup(obj, port->uuid)))
        goto error;
    if (!obj->active) {
        testPortNotActive(obj);
        goto error;
    }
    return obj;

 error:
    nuvNetworkObjEndAPI(&obj);
    return NULL;
}

static virNetworkPortPtr
testNetworkPortLookupByUUID(virNetworkPtr net, const unsigned char *uuid)
{
    nuvNetworkObj *obj;
    virNetworkPortPtr ret = NULL;

    if (!(obj = testNetObjFromNetwork(net)))
        return NULL;
    if (!testPortLookup(obj, uuid))
        goto cleanup;
    if (!obj->active) {
        testPortNotActive(obj);
        goto cleanup;
    }
    ret = nuvGetNetworkPort(net, uuid);

 cleanup:
    nuvNetworkObjEndAPI(&obj);
    return ret;
}

static char *
testNetworkPortGetXMLDesc(virNetworkPortPtr port, unsigned int flags)
{
    nuvNetworkObj *obj;
    nuvNetworkPortDef *def;
    char *ret;

    nuvCheckFlags(0, NULL);

    if (!(obj = testPortFind(port, &def)))
        return NULL;
    ret = nuvNetworkPortDefFormat(def);
    nuvNetworkObjEndAPI(&obj);
    return ret;
}

static int
testNetworkPortDelete(virNetworkPortPtr port, unsigned int flags)
{
    nuvNetworkObj *obj;
    nuvNetworkPortDef *def;
    g_autofree char *key = testPortKey(port->uuid);

    nuvCheckFlags(0, -1);

    if (!(obj = testPortFind(port, &def)))
        return -1;
    testPortConnect(obj, def, -1);
    g_hash_table_remove(obj->ports, key);
    nuvNetworkObjEndAPI(&obj);
    return 0;
}

static int
testNetworkListAllPorts(virNetworkPtr net, virNetworkPortPtr **ports, unsigned int flags)
{
    nuvNetworkObj *obj;
    GHashTableIter it;
    gpointer val;
    size_t n = 0;
    int ret = -1;

    nuvCheckFlags(0, -1);

    if (ports)
        *ports = NULL;
    if (!(obj = testNetObjFromNetwork(net)))
        return -1;
    if (!obj->active) {
        testPortNotActive(obj);
        goto cleanup;
    }
    if (ports) {
        *ports = g_new0(virNetworkPortPtr, g_hash_table_size(obj->ports) + 1);
        g_hash_table_iter_init(&it, obj->ports);
        while (g_hash_table_iter_next(&it, NULL, &val))
            (*ports)[n++] = nuvGetNetworkPort(net, ((nuvNetworkPortDef *) val)->uuid);
    }
    ret = g_hash_table_size(obj->ports);

 cleanup:
    nuvNetworkObjEndAPI(&obj);
    return ret;
}

static int
testNetworkPortSetParameters(virNetworkPortPtr port, virTypedParameterPtr params, int nparams,
                             unsigned int flags)
{
    nuvNetworkObj *obj;
    nuvNetworkPortDef *def;
    g_autofree nuvNetworkPortRate *in = g_new0(nuvNetworkPortRate, 1);
    g_autofree nuvNetworkPortRate *out = g_new0(nuvNetworkPortRate, 1);
    unsigned long long newFloor, oldFloor;
    int ret = -1;

    nuvCheckFlags(0, -1);

    if (!(obj = testPortFind(port, &def)))
        return -1;

    /* as the network driver does: known names are read as unsigned
     * int, anything else is ignored */
    for (int i = 0; i < nparams; i++) {
        const char *f = params[i].field;
        unsigned int v = params[i].value.ui;

        if (strcmp(f, VIR_NETWORK_PORT_BANDWIDTH_IN_AVERAGE) == 0)
            in->average = v;
        else if (strcmp(f, VIR_NETWORK_PORT_BANDWIDTH_IN_PEAK) == 0)
            in->peak = v;
        else if (strcmp(f, VIR_NETWORK_PORT_BANDWIDTH_IN_BURST) == 0)
            in->burst = v;
        else if (strcmp(f, VIR_NETWORK_PORT_BANDWIDTH_IN_FLOOR) == 0)
            in->floor = v;
        else if (strcmp(f, VIR_NETWORK_PORT_BANDWIDTH_OUT_AVERAGE) == 0)
            out->average = v;
        else if (strcmp(f, VIR_NETWORK_PORT_BANDWIDTH_OUT_PEAK) == 0)
            out->peak = v;
        else if (strcmp(f, VIR_NETWORK_PORT_BANDWIDTH_OUT_BURST) == 0)
            out->burst = v;
    }
    /* a direction without its mandatory average (or floor) is unset */
    if (!in->average && !in->floor)
        g_clear_pointer(&in, g_free);
    if (!out->average)
        g_clear_pointer(&out, g_free);

    /* a floor change needs the network's QoS, as on creation */
    newFloor = in ? in->floor : 0;
    oldFloor = def->in ? def->in->floor : 0;
    if (newFloor != oldFloor) {
        if (newFloor && testPortCheckFloor(obj, def->mac) < 0)
            goto cleanup;
        if (!newFloor)
            def->classID = 0;
        else if (!oldFloor)
            def->classID = testPortFreeClassID(obj);
    }
    g_free(def->in);
    g_free(def->out);
    def->in = g_steal_pointer(&in);
    def->out = g_steal_pointer(&out);
    ret = 0;

 cleanup:
    nuvNetworkObjEndAPI(&obj);
    return ret;
}

static int
testNetworkPortGetParameters(virNetworkPortPtr port, virTypedParameterPtr *params, int *nparams,
                             unsigned int flags)
{
    nuvNetworkObj *obj;
    nuvNetworkPortDef *def;
    virTypedParameterPtr list = NULL;
    int n = 0, max = 0;

    nuvCheckFlags(0, -1);

    if (!params) {
        nuvErrorReportFull(VIR_FROM_NETWORK, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__,
                           "%s", "params in virNetworkPortGetParameters must not be NULL");
        return -1;
    }
    *params = NULL;
    *nparams = 0;
    if (!(obj = testPortFind(port, &def)))
        return -1;
    if (def->in) {
        nuvTypedParamsAdd(&list, &n, &max, VIR_NETWORK_PORT_BANDWIDTH_IN_AVERAGE,
                          VIR_TYPED_PARAM_UINT, (unsigned int) def->in->average);
        nuvTypedParamsAdd(&list, &n, &max, VIR_NETWORK_PORT_BANDWIDTH_IN_PEAK,
                          VIR_TYPED_PARAM_UINT, (unsigned int) def->in->peak);
        nuvTypedParamsAdd(&list, &n, &max, VIR_NETWORK_PORT_BANDWIDTH_IN_FLOOR,
                          VIR_TYPED_PARAM_UINT, (unsigned int) def->in->floor);
        nuvTypedParamsAdd(&list, &n, &max, VIR_NETWORK_PORT_BANDWIDTH_IN_BURST,
                          VIR_TYPED_PARAM_UINT, (unsigned int) def->in->burst);
    }
    if (def->out) {
        nuvTypedParamsAdd(&list, &n, &max, VIR_NETWORK_PORT_BANDWIDTH_OUT_AVERAGE,
                          VIR_TYPED_PARAM_UINT, (unsigned int) def->out->average);
        nuvTypedParamsAdd(&list, &n, &max, VIR_NETWORK_PORT_BANDWIDTH_OUT_PEAK,
                          VIR_TYPED_PARAM_UINT, (unsigned int) def->out->peak);
        nuvTypedParamsAdd(&list, &n, &max, VIR_NETWORK_PORT_BANDWIDTH_OUT_BURST,
                          VIR_TYPED_PARAM_UINT, (unsigned int) def->out->burst);
    }
    nuvNetworkObjEndAPI(&obj);
    *params = list;
    *nparams = n;
    return 0;
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
    .networkCreateXML = testNetworkCreateXML,                           /* 0.3.2 */
    .networkCreateXMLFlags = testNetworkCreateXMLFlags,                 /* 7.8.0 */
    .networkDefineXML = testNetworkDefineXML,                           /* 0.3.2 */
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
