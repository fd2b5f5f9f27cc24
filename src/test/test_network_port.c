/*
 * test_network_port.c: the ports of the test driver's networks.
 *
 * A port is a guest NIC's claim on a running network.  As libvirt's
 * network driver does, creating one fills in how it plugs in (bridge,
 * macvtap device or PCI function, chosen by the forward mode), takes
 * bandwidth, VLAN and virtualport from the portgroup or network when the
 * port has none, and counts connections on the network and the chosen
 * device; stopping the network drops its ports.  Nothing touches the host.
 */
#include <stdlib.h>
#include <string.h>

#include "test/test_private.h"
#include "test/test_network.h"
#include "util/error.h"
#include "util/uuid.h"
#include "util/typedparam.h"

#define VIR_FROM_THIS VIR_FROM_TEST

static void
testPortNotActive(nuvNetworkObj *obj)
{
    nuvReportErrorFrom(VIR_FROM_NETWORK, VIR_ERR_OPERATION_INVALID,
                       "network '%s' is not active", obj->def->name);
}

static nuvNetworkPortDef *
testPortLookup(nuvNetworkObj *obj, const unsigned char *uuid)
{
    nuvNetworkPortDef *port = nuvNetworkObjFindPort(obj, uuid);
    char key[VIR_UUID_STRING_BUFLEN];

    if (!port)
        nuvReportErrorFrom(VIR_FROM_NETWORK, VIR_ERR_NO_NETWORK_PORT,
                           "Network port with UUID %s does not exist",
                           nuvUUIDFormat(uuid, key));
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
    size_t n;
    g_autofree nuvNetworkPortDef **ports = nuvNetworkObjPeekPorts(obj, &n);
    unsigned int id = 3;
    bool clash = true;

    while (clash) {
        clash = false;
        for (size_t i = 0; i < n; i++) {
            if (ports[i]->classID == id) {
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
    nuvReportErrorFrom(VIR_FROM_NETWORK, VIR_ERR_OPERATION_UNSUPPORTED,
                       "Invalid use of 'floor' on interface with MAC address %s - "
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
    nuvReportErrorFrom(VIR_FROM_NETWORK, VIR_ERR_CONFIG_UNSUPPORTED,
                       "<virtualport type='%s'> not supported for network '%s' "
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
            nuvReportErrorFrom(VIR_FROM_NETWORK, VIR_ERR_INTERNAL_ERROR,
                               "network '%s' requires exclusive access to "
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
            nuvReportErrorFrom(VIR_FROM_NETWORK, VIR_ERR_INTERNAL_ERROR,
                               "network '%s' uses a direct mode, but has no forward "
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
            nuvReportErrorFrom(VIR_FROM_NETWORK, VIR_ERR_INTERNAL_ERROR,
                               "network '%s' requires exclusive access to "
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
void
testNetworkDropPorts(nuvNetworkObj *obj)
{
    size_t n;
    g_autofree nuvNetworkPortDef **ports = nuvNetworkObjPeekPorts(obj, &n);

    for (size_t i = 0; i < n; i++)
        testPortConnect(obj, ports[i], -1);
    nuvNetworkObjClearPorts(obj);
}

virNetworkPortPtr
testNetworkPortCreateXML(virNetworkPtr net, const char *xmldesc, unsigned int flags)
{
    nuvNetworkObj *obj;
    g_autoptr(nuvNetworkPortDef) port = NULL;
    virNetworkPortPtr ret = NULL;
    char key[VIR_UUID_STRING_BUFLEN];

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
        nuvReportErrorFrom(VIR_FROM_NETWORK, VIR_ERR_INVALID_ARG,
                           "%s", "Port reclaim requested but plug type is none");
        goto cleanup;
    }
    if (port->plugtype != NUV_NETWORK_PORT_PLUG_NONE &&
        !(flags & VIR_NETWORK_PORT_CREATE_RECLAIM)) {
        nuvReportErrorFrom(VIR_FROM_NETWORK, VIR_ERR_INVALID_ARG,
                           "%s", "Port reclaim not requested but plug type is not none");
        goto cleanup;
    }
    if (nuvNetworkObjFindPort(obj, port->uuid)) {
        nuvReportErrorFrom(VIR_FROM_NETWORK, VIR_ERR_NETWORK_PORT_EXIST,
                           "Network port with UUID %s already exists",
                           nuvUUIDFormat(port->uuid, key));
        goto cleanup;
    }
    /* a reclaimed port keeps the plug it says it has */
    if (!(flags & VIR_NETWORK_PORT_CREATE_RECLAIM) && testPortAllocate(obj, port) < 0)
        goto cleanup;
    testPortConnect(obj, port, 1);
    ret = nuvGetNetworkPort(net, port->uuid);
    nuvNetworkObjAddPort(obj, g_steal_pointer(&port));

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

virNetworkPortPtr
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

char *
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

int
testNetworkPortDelete(virNetworkPortPtr port, unsigned int flags)
{
    nuvNetworkObj *obj;
    nuvNetworkPortDef *def;

    nuvCheckFlags(0, -1);

    if (!(obj = testPortFind(port, &def)))
        return -1;
    testPortConnect(obj, def, -1);
    nuvNetworkObjRemovePort(obj, port->uuid);
    nuvNetworkObjEndAPI(&obj);
    return 0;
}

int
testNetworkListAllPorts(virNetworkPtr net, virNetworkPortPtr **ports, unsigned int flags)
{
    nuvNetworkObj *obj;
    g_autofree nuvNetworkPortDef **all = NULL;
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
    all = nuvNetworkObjPeekPorts(obj, &n);
    if (ports) {
        *ports = g_new0(virNetworkPortPtr, n + 1);
        for (size_t i = 0; i < n; i++)
            (*ports)[i] = nuvGetNetworkPort(net, all[i]->uuid);
    }
    ret = n;

 cleanup:
    nuvNetworkObjEndAPI(&obj);
    return ret;
}

int
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

int
testNetworkPortGetParameters(virNetworkPortPtr port, virTypedParameterPtr *params, int *nparams,
                             unsigned int flags)
{
    nuvNetworkObj *obj;
    nuvNetworkPortDef *def;
    virTypedParameterPtr list = NULL;
    int n = 0, max = 0;

    nuvCheckFlags(0, -1);

    if (!params) {
        nuvReportErrorFrom(VIR_FROM_NETWORK, VIR_ERR_INVALID_ARG,
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

