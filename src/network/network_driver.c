/*
 * network_driver.c: the network driver's one instance (state driver:
 * directories, loading, finding running networks again, autostart) and
 * its table, registered as the shared network driver.
 *
 * Starting a network builds what network_host.c and network_dnsmasq.c
 * make, in that order, and undoes what was made if a step fails; the
 * running definition is then written to stateDir, which is how a new
 * instance of the driver (a restarted daemon) knows the network runs.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "network/network_driver.h"
#include "util/error.h"
#include "util/file.h"
#include "util/log.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_NETWORK

static networkDriver *theDriver;

static networkDriver *
driverGet(void)
{
    if (!theDriver)
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       "the host's network driver is not running in this process");
    return theDriver;
}

static const char *
lastMessage(void)
{
    virErrorPtr err = nuvErrorCurrent();
    return err && err->message ? err->message : "unknown error";
}

static void
emitEvent(networkDriver *drv, nuvNetworkObj *obj, int type)
{
    nuvEventQueue(drv->events,
                  nuvNetworkEventLifecycleNew(obj->def->name, obj->def->uuid, type, 0));
}

/* ---- files ---- */

static char *
configFile(const char *dir, const char *name)
{
    return nuvConfigFilePath(dir, name);
}

static int
writeDef(const char *dir, const nuvNetworkDef *def, unsigned int flags)
{
    g_autofree char *path = configFile(dir, def->name);
    g_autofree char *xml = nuvNetworkDefFormat(def, flags);

    if (!xml || nuvDirMake(dir, 0755) < 0)
        return -1;
    return nuvFileWriteAtomic(path, xml, strlen(xml), 0600);
}

static int
setAutostartLink(networkDriver *drv, const char *name, bool on)
{
    return nuvAutostartLinkSet(drv->autostartDir, drv->configDir, name, on, 0755,
                               VIR_FROM_THIS);
}

/* Every <network> document of @dir whose file name matches its name. */
static GPtrArray *
readDefs(const char *dir)
{
    GPtrArray *defs = g_ptr_array_new_with_free_func((GDestroyNotify) nuvNetworkDefFree);
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *ent;

    while (d && (ent = g_dir_read_name(d))) {
        g_autofree char *path = NULL;
        g_autofree char *xml = NULL;
        g_autofree char *want = NULL;
        nuvNetworkDef *def;

        if (!g_str_has_suffix(ent, ".xml"))
            continue;
        path = g_build_filename(dir, ent, NULL);
        if (!g_file_get_contents(path, &xml, NULL, NULL))
            continue;
        if (!(def = nuvNetworkDefParseString(xml, 0))) {
            NUV_DEBUG("network: ignoring unreadable definition '%s'", path);
            continue;
        }
        want = g_strdup_printf("%s.xml", def->name);
        if (strcmp(want, ent) != 0) {
            nuvNetworkDefFree(def);
            continue;
        }
        g_ptr_array_add(defs, def);
    }
    return defs;
}

/* ---- starting and stopping ---- */

static void
undoHost(networkDriver *drv, const nuvNetworkDef *def)
{
    networkDnsmasqStop(drv, def);
    networkFirewallRemove(def);
    if (networkHasOwnBridge(def))
        networkBridgeRemove(def);
}

/* Build the network of @obj (locked) on the host.  Errors reported,
 * nothing left behind. */
static int
networkStart(networkDriver *drv, nuvNetworkObj *obj)
{
    const nuvNetworkDef *def = obj->def;
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&drv->hostLock);

    if (networkCheckConflicts(drv, def) < 0)
        return -1;
    if (def->forwardType == NUV_NETWORK_FORWARD_BRIDGE && nuvNetworkDefBridge(def) &&
        !networkBridgeExists(nuvNetworkDefBridge(def))) {
        nuvReportSystemError(ENODEV, "Cannot get interface flags on '%s'",
                             nuvNetworkDefBridge(def));
        return -1;
    }
    if (networkHasOwnBridge(def)) {
        if (networkBridgeCreate(def) < 0)
            return -1;
        if (networkFirewallApply(def) < 0 ||
            (networkNeedsDnsmasq(def) && networkDnsmasqStart(drv, def) < 0))
            goto error;
    }
    if (writeDef(drv->stateDir, def, 0) < 0)
        goto error;
    g_hash_table_insert(drv->running, g_strdup(def->name), nuvNetworkDefCopy(def));
    obj->active = true;
    return 0;

 error: {
        virErrorPtr saved = nuvErrorPreserve();
        undoHost(drv, def);
        nuvErrorRestore(&saved);
        return -1;
    }
}

static void
dropPorts(nuvNetworkObj *obj)
{
    /* a stopped network has no ports (conf/network_obj.h) */
    nuvNetworkObjClearPorts(obj);
}

static void
networkStop(networkDriver *drv, nuvNetworkObj *obj)
{
    g_autofree char *state = configFile(drv->stateDir, obj->def->name);

    undoHost(drv, obj->def);
    unlink(state);
    g_mutex_lock(&drv->hostLock);
    g_hash_table_remove(drv->running, obj->def->name);
    g_mutex_unlock(&drv->hostLock);
    dropPorts(obj);
    obj->active = false;
    if (obj->newDef) {
        nuvNetworkDefFree(obj->def);
        obj->def = g_steal_pointer(&obj->newDef);
    }
}

/* ---- the state driver ---- */

/* A network recorded as running: take it over if its bridge is still
 * there (rules re-applied in place, dnsmasq restarted if it died),
 * otherwise clean up what is left of it. */
static void
adoptRunning(networkDriver *drv, nuvNetworkDef *running)
{
    nuvNetworkObj *obj = nuvNetworkObjListFindByName(drv->nets, running->name);
    g_autofree char *state = configFile(drv->stateDir, running->name);

    if (networkHasOwnBridge(running) && !networkBridgeExists(nuvNetworkDefBridge(running))) {
        NUV_DEBUG("network: '%s' lost its bridge while the driver was down", running->name);
        undoHost(drv, running);
        unlink(state);
        nuvNetworkObjEndAPI(&obj);
        return;
    }
    if (!obj) {
        nuvNetworkDef *copy = nuvNetworkDefCopy(running);
        if (!(obj = nuvNetworkObjListAdd(drv->nets, &copy, NUV_NETWORK_OBJ_ADD_LIVE))) {
            nuvNetworkDefFree(copy);
            return;
        }
    } else {
        obj->newDef = obj->def;
        obj->def = nuvNetworkDefCopy(running);
    }
    obj->active = true;
    g_hash_table_insert(drv->running, g_strdup(running->name), nuvNetworkDefCopy(running));
    if (networkHasOwnBridge(obj->def) &&
        (networkFirewallApply(obj->def) < 0 ||
         (networkNeedsDnsmasq(obj->def) && !networkDnsmasqRunning(drv, obj->def) &&
          networkDnsmasqStart(drv, obj->def) < 0)))
        NUV_DEBUG("network: '%s' taken over incompletely: %s", obj->def->name,
                  lastMessage());
    nuvNetworkObjEndAPI(&obj);
}

static void
loadNetworks(networkDriver *drv)
{
    g_autoptr(GPtrArray) defs = readDefs(drv->configDir);
    g_autoptr(GPtrArray) running = readDefs(drv->stateDir);

    while (defs->len > 0) {
        nuvNetworkDef *def = g_ptr_array_steal_index_fast(defs, 0);
        g_autofree char *link = configFile(drv->autostartDir, def->name);
        nuvNetworkObj *obj = nuvNetworkObjListAdd(drv->nets, &def, 0);

        if (!obj) {
            nuvNetworkDefFree(def);
            continue;
        }
        obj->persistent = true;
        obj->autostart = access(link, F_OK) == 0;
        nuvNetworkObjEndAPI(&obj);
    }
    for (guint i = 0; i < running->len; i++)
        adoptRunning(drv, g_ptr_array_index(running, i));
}

static nuvStateInitResult
networkStateInitialize(bool privileged, const char *root, bool embedded)
{
    networkDriver *drv = g_new0(networkDriver, 1);

    drv->privileged = privileged;
    if (embedded) {
        drv->configDir = g_build_filename(root, "etc", "network", NULL);
        drv->stateDir = g_build_filename(root, "run", "network", NULL);
    } else if (privileged) {
        const char *r = root ? root : "/";
        drv->configDir = g_build_filename(r, "etc", "nuvirt", "qemu", "networks", NULL);
        drv->stateDir = g_build_filename(r, "run", "nuvirt", "network", NULL);
    } else {
        g_autofree char *config = root ? g_build_filename(root, ".config", NULL)
                                       : g_strdup(g_get_user_config_dir());
        g_autofree char *runtime = root ? g_build_filename(root, "run", NULL)
                                        : g_strdup(g_get_user_runtime_dir());
        drv->configDir = g_build_filename(config, "nuvirt", "qemu", "networks", NULL);
        drv->stateDir = g_build_filename(runtime, "nuvirt", "network", NULL);
    }
    drv->autostartDir = g_build_filename(drv->configDir, "autostart", NULL);
    drv->nets = nuvNetworkObjListNew();
    drv->events = nuvEventStateNew();
    g_mutex_init(&drv->hostLock);
    drv->running = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) nuvNetworkDefFree);
    loadNetworks(drv);
    theDriver = drv;
    return NUV_STATE_INIT_COMPLETE;
}

static int
networkStateReconnect(void)
{
    networkDriver *drv = theDriver;
    size_t count;
    nuvNetworkObj **objs = nuvNetworkObjListCollect(drv->nets, &count);

    for (size_t i = 0; i < count; i++) {
        nuvNetworkObj *obj = objs[i];

        nuvNetworkObjLock(obj);
        if (obj->autostart && !obj->active && !nuvNetworkObjIsRemoved(obj)) {
            if (networkStart(drv, obj) < 0)
                NUV_DEBUG("network: autostart of '%s' failed: %s", obj->def->name,
                          lastMessage());
            else
                emitEvent(drv, obj, VIR_NETWORK_EVENT_STARTED);
        }
        nuvNetworkObjUnlock(obj);
    }
    nuvNetworkObjListFreeArray(objs, count);
    return 0;
}

/* Running networks keep running: the next instance takes them over. */
static int
networkStateShutdown(void)
{
    networkDriver *drv = g_steal_pointer(&theDriver);

    if (!drv)
        return 0;
    nuvNetworkObjListFree(drv->nets);
    nuvEventStateFree(drv->events);
    g_hash_table_unref(drv->running);
    g_mutex_clear(&drv->hostLock);
    g_free(drv->configDir);
    g_free(drv->autostartDir);
    g_free(drv->stateDir);
    g_free(drv);
    return 0;
}

static const nuvStateDriver networkStateDriver = {
    .name = "network",
    .initialize = networkStateInitialize,
    .reconnect = networkStateReconnect,
    .shutdown = networkStateShutdown,
};

/* ---- finding networks ---- */

static nuvNetworkObj *
objFromHandle(networkDriver **drvp, virNetworkPtr net)
{
    nuvNetworkObj *obj;
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    if (!(*drvp = driverGet()))
        return NULL;
    if (!(obj = nuvNetworkObjListFindByUUID((*drvp)->nets, net->uuid)))
        nuvReportError(VIR_ERR_NO_NETWORK, "no network with matching uuid '%s' (%s)",
                       nuvUUIDFormat(net->uuid, uuidstr), net->name);
    return obj;
}

static virNetworkPtr
handleOf(virConnectPtr conn, nuvNetworkObj *obj)
{
    return nuvGetNetwork(conn, obj->def->name, obj->def->uuid);
}

static virNetworkPtr
networkLookupByName(virConnectPtr conn, const char *name)
{
    networkDriver *drv = driverGet();
    nuvNetworkObj *obj;
    virNetworkPtr ret;

    if (!drv)
        return NULL;
    if (!(obj = nuvNetworkObjListFindByName(drv->nets, name))) {
        nuvReportError(VIR_ERR_NO_NETWORK, "no network with matching name '%s'", name);
        return NULL;
    }
    ret = handleOf(conn, obj);
    nuvNetworkObjEndAPI(&obj);
    return ret;
}

static virNetworkPtr
networkLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    networkDriver *drv = driverGet();
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    nuvNetworkObj *obj;
    virNetworkPtr ret;

    if (!drv)
        return NULL;
    if (!(obj = nuvNetworkObjListFindByUUID(drv->nets, uuid))) {
        nuvReportError(VIR_ERR_NO_NETWORK, "no network with matching uuid '%s'",
                       nuvUUIDFormat(uuid, uuidstr));
        return NULL;
    }
    ret = handleOf(conn, obj);
    nuvNetworkObjEndAPI(&obj);
    return ret;
}

static bool
matches(nuvNetworkObj *obj, unsigned int flags)
{
    return nuvFilterGroupMatches(flags, VIR_CONNECT_LIST_NETWORKS_ACTIVE,
                                 VIR_CONNECT_LIST_NETWORKS_INACTIVE, obj->active) &&
           nuvFilterGroupMatches(flags, VIR_CONNECT_LIST_NETWORKS_PERSISTENT,
                                 VIR_CONNECT_LIST_NETWORKS_TRANSIENT, obj->persistent) &&
           nuvFilterGroupMatches(flags, VIR_CONNECT_LIST_NETWORKS_AUTOSTART,
                                 VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART, obj->autostart);
}

/* Handles (if @conn) or names (if @names) of the networks matching
 * @flags; the count. */
static int
collect(virConnectPtr conn, unsigned int flags, virNetworkPtr **nets, char **const names,
        int maxnames)
{
    networkDriver *drv = driverGet();
    size_t count;
    nuvNetworkObj **objs;
    GPtrArray *out = nets ? g_ptr_array_new() : NULL;
    int n = 0;

    if (!drv)
        return -1;
    objs = nuvNetworkObjListCollect(drv->nets, &count);
    for (size_t i = 0; i < count; i++) {
        nuvNetworkObj *obj = objs[i];
        nuvNetworkObjLock(obj);
        if (!nuvNetworkObjIsRemoved(obj) && matches(obj, flags)) {
            if (names && n < maxnames)
                names[n] = g_strdup(obj->def->name);
            if (out)
                g_ptr_array_add(out, handleOf(conn, obj));
            if (!names || n < maxnames)
                n++;
        }
        nuvNetworkObjUnlock(obj);
    }
    nuvNetworkObjListFreeArray(objs, count);
    if (out) {
        g_ptr_array_add(out, NULL);
        *nets = (virNetworkPtr *) g_ptr_array_free(out, FALSE);
    }
    return n;
}

static int
networkConnectListAllNetworks(virConnectPtr conn, virNetworkPtr **nets, unsigned int flags)
{
    nuvCheckFlags(VIR_CONNECT_LIST_NETWORKS_ACTIVE | VIR_CONNECT_LIST_NETWORKS_INACTIVE |
                  VIR_CONNECT_LIST_NETWORKS_PERSISTENT | VIR_CONNECT_LIST_NETWORKS_TRANSIENT |
                  VIR_CONNECT_LIST_NETWORKS_AUTOSTART |
                  VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART, -1);
    return collect(conn, flags, nets, NULL, 0);
}

static int
networkConnectNumOfNetworks(virConnectPtr conn)
{
    return collect(conn, VIR_CONNECT_LIST_NETWORKS_ACTIVE, NULL, NULL, 0);
}

static int
networkConnectNumOfDefinedNetworks(virConnectPtr conn)
{
    return collect(conn, VIR_CONNECT_LIST_NETWORKS_INACTIVE, NULL, NULL, 0);
}

static int
networkConnectListNetworks(virConnectPtr conn, char **const names, int maxnames)
{
    return collect(conn, VIR_CONNECT_LIST_NETWORKS_ACTIVE, NULL, names, maxnames);
}

static int
networkConnectListDefinedNetworks(virConnectPtr conn, char **const names, int maxnames)
{
    return collect(conn, VIR_CONNECT_LIST_NETWORKS_INACTIVE, NULL, names, maxnames);
}

/* ---- define, create, start, stop, undefine ---- */

static nuvNetworkDef *
parseNew(networkDriver *drv, const char *xml, bool validate)
{
    nuvNetworkDef *def = nuvNetworkDefParseString(xml, validate ?
                                                  NUV_NETWORK_DEF_PARSE_VALIDATE : 0);
    if (!def)
        return NULL;
    if (def->forwardType != NUV_NETWORK_FORWARD_NONE &&
        def->forwardType != NUV_NETWORK_FORWARD_NAT &&
        def->forwardType != NUV_NETWORK_FORWARD_ROUTE &&
        def->forwardType != NUV_NETWORK_FORWARD_OPEN &&
        def->forwardType != NUV_NETWORK_FORWARD_BRIDGE) {
        nuvReportError(VIR_ERR_NO_SUPPORT, "forward mode '%s' is not supported by this host's "
                       "network driver", nuvNetworkForwardTypeToString(def->forwardType));
        nuvNetworkDefFree(def);
        return NULL;
    }
    networkAssignDefaults(drv, def);
    return def;
}

static virNetworkPtr
networkCreateXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    networkDriver *drv = driverGet();
    g_autoptr(nuvNetworkDef) def = NULL;
    nuvNetworkObj *obj;
    virNetworkPtr ret = NULL;

    nuvCheckFlags(VIR_NETWORK_CREATE_VALIDATE, NULL);
    if (!drv || !(def = parseNew(drv, xml, flags & VIR_NETWORK_CREATE_VALIDATE)))
        return NULL;
    if (!(obj = nuvNetworkObjListAdd(drv->nets, &def, NUV_NETWORK_OBJ_ADD_LIVE |
                                     NUV_NETWORK_OBJ_ADD_CHECK_ACTIVE)))
        return NULL;
    if (networkStart(drv, obj) < 0) {
        if (!obj->persistent)
            nuvNetworkObjListRemove(drv->nets, obj);
    } else {
        emitEvent(drv, obj, VIR_NETWORK_EVENT_STARTED);
        ret = handleOf(conn, obj);
    }
    nuvNetworkObjEndAPI(&obj);
    return ret;
}

static virNetworkPtr
networkDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    networkDriver *drv = driverGet();
    g_autoptr(nuvNetworkDef) def = NULL;
    g_autoptr(nuvNetworkDef) saved = NULL;
    nuvNetworkObj *obj;
    virNetworkPtr ret;

    nuvCheckFlags(VIR_NETWORK_DEFINE_VALIDATE, NULL);
    if (!drv || !(def = parseNew(drv, xml, flags & VIR_NETWORK_DEFINE_VALIDATE)))
        return NULL;
    saved = nuvNetworkDefCopy(def);
    if (!(obj = nuvNetworkObjListAdd(drv->nets, &def, 0)))
        return NULL;
    if (writeDef(drv->configDir, saved, VIR_NETWORK_XML_INACTIVE) < 0) {
        if (!obj->persistent && !obj->active)
            nuvNetworkObjListRemove(drv->nets, obj);
        nuvNetworkObjEndAPI(&obj);
        return NULL;
    }
    obj->persistent = true;
    emitEvent(drv, obj, VIR_NETWORK_EVENT_DEFINED);
    ret = handleOf(conn, obj);
    nuvNetworkObjEndAPI(&obj);
    return ret;
}

static virNetworkPtr
networkDefineXML(virConnectPtr conn, const char *xml)
{
    return networkDefineXMLFlags(conn, xml, 0);
}

static virNetworkPtr
networkCreateXML(virConnectPtr conn, const char *xml)
{
    return networkCreateXMLFlags(conn, xml, 0);
}

static int
networkUndefine(virNetworkPtr net)
{
    networkDriver *drv;
    nuvNetworkObj *obj = objFromHandle(&drv, net);
    g_autofree char *path = NULL;
    int ret = -1;

    if (!obj)
        return -1;
    if (!obj->persistent) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s", "can't undefine transient network");
        goto cleanup;
    }
    path = configFile(drv->configDir, obj->def->name);
    if (unlink(path) < 0 && errno != ENOENT) {
        nuvReportSystemError(errno, "cannot remove config file '%s'", path);
        goto cleanup;
    }
    setAutostartLink(drv, obj->def->name, false);
    obj->autostart = false;
    emitEvent(drv, obj, VIR_NETWORK_EVENT_UNDEFINED);
    /* a running network stays up, transient from now on */
    if (obj->active) {
        obj->persistent = false;
        nuvNetworkDefFree(g_steal_pointer(&obj->newDef));
    } else {
        nuvNetworkObjListRemove(drv->nets, obj);
    }
    ret = 0;
 cleanup:
    nuvNetworkObjEndAPI(&obj);
    return ret;
}

static int
networkCreateWithFlags(virNetworkPtr net, unsigned int flags)
{
    networkDriver *drv;
    nuvNetworkObj *obj;
    int ret = -1;

    nuvCheckFlags(0, -1);
    if (!(obj = objFromHandle(&drv, net)))
        return -1;
    if (obj->active) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "network '%s' is already active",
                       obj->def->name);
    } else if (networkStart(drv, obj) == 0) {
        emitEvent(drv, obj, VIR_NETWORK_EVENT_STARTED);
        ret = 0;
    }
    nuvNetworkObjEndAPI(&obj);
    return ret;
}

static int
networkCreate(virNetworkPtr net)
{
    return networkCreateWithFlags(net, 0);
}

static int
networkDestroy(virNetworkPtr net)
{
    networkDriver *drv;
    nuvNetworkObj *obj;

    if (!(obj = objFromHandle(&drv, net)))
        return -1;
    if (!obj->active) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "network '%s' is not active",
                       obj->def->name);
        nuvNetworkObjEndAPI(&obj);
        return -1;
    }
    networkStop(drv, obj);
    emitEvent(drv, obj, VIR_NETWORK_EVENT_STOPPED);
    if (!obj->persistent)
        nuvNetworkObjListRemove(drv->nets, obj);
    nuvNetworkObjEndAPI(&obj);
    return 0;
}

/* ---- queries ---- */

static char *
networkGetXMLDesc(virNetworkPtr net, unsigned int flags)
{
    networkDriver *drv;
    nuvNetworkObj *obj;
    char *ret;

    nuvCheckFlags(VIR_NETWORK_XML_INACTIVE, NULL);
    if (!(obj = objFromHandle(&drv, net)))
        return NULL;
    ret = nuvNetworkDefFormat((flags & VIR_NETWORK_XML_INACTIVE) && obj->newDef
                              ? obj->newDef : obj->def, flags);
    nuvNetworkObjEndAPI(&obj);
    return ret;
}

static char *
networkGetBridgeName(virNetworkPtr net)
{
    networkDriver *drv;
    nuvNetworkObj *obj;
    char *ret = NULL;

    if (!(obj = objFromHandle(&drv, net)))
        return NULL;
    if (!nuvNetworkDefBridge(obj->def))
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "network '%s' does not have a bridge name.",
                       obj->def->name);
    else
        ret = g_strdup(nuvNetworkDefBridge(obj->def));
    nuvNetworkObjEndAPI(&obj);
    return ret;
}

static int
networkGetAutostart(virNetworkPtr net, int *autostart)
{
    networkDriver *drv;
    nuvNetworkObj *obj;

    if (!(obj = objFromHandle(&drv, net)))
        return -1;
    *autostart = obj->autostart;
    nuvNetworkObjEndAPI(&obj);
    return 0;
}

static int
networkSetAutostart(virNetworkPtr net, int autostart)
{
    networkDriver *drv;
    nuvNetworkObj *obj;
    int ret = -1;

    if (!(obj = objFromHandle(&drv, net)))
        return -1;
    if (!obj->persistent) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       "cannot set autostart for transient network");
    } else if (setAutostartLink(drv, obj->def->name, autostart != 0) == 0) {
        obj->autostart = autostart != 0;
        ret = 0;
    }
    nuvNetworkObjEndAPI(&obj);
    return ret;
}

static int
networkIsActive(virNetworkPtr net)
{
    networkDriver *drv;
    nuvNetworkObj *obj;
    int ret;

    if (!(obj = objFromHandle(&drv, net)))
        return -1;
    ret = obj->active;
    nuvNetworkObjEndAPI(&obj);
    return ret;
}

static int
networkIsPersistent(virNetworkPtr net)
{
    networkDriver *drv;
    nuvNetworkObj *obj;
    int ret;

    if (!(obj = objFromHandle(&drv, net)))
        return -1;
    ret = obj->persistent;
    nuvNetworkObjEndAPI(&obj);
    return ret;
}

/* ---- virNetworkUpdate ---- */

/* Make a changed running definition real: DHCP and DNS host lists are
 * re-read by dnsmasq on SIGHUP; anything else dnsmasq reads only at
 * start, so it is restarted. */
static int
applyLive(networkDriver *drv, const nuvNetworkDef *def, unsigned int section)
{
    if (!networkNeedsDnsmasq(def))
        return 0;
    if (section == VIR_NETWORK_SECTION_IP_DHCP_HOST || section == VIR_NETWORK_SECTION_DNS_HOST)
        return networkDnsmasqReload(drv, def);
    networkDnsmasqStop(drv, def);
    return networkDnsmasqStart(drv, def);
}

static int
networkUpdate(virNetworkPtr net, unsigned int command, unsigned int section, int parentIndex,
              const char *xml, unsigned int flags)
{
    networkDriver *drv;
    nuvNetworkObj *obj;
    g_autoptr(nuvNetworkDef) live = NULL;
    g_autoptr(nuvNetworkDef) config = NULL;
    int ret = -1;

    nuvCheckFlags(VIR_NETWORK_UPDATE_AFFECT_LIVE | VIR_NETWORK_UPDATE_AFFECT_CONFIG, -1);
    if (!(obj = objFromHandle(&drv, net)))
        return -1;
    if (!(flags & (VIR_NETWORK_UPDATE_AFFECT_LIVE | VIR_NETWORK_UPDATE_AFFECT_CONFIG)))
        flags |= obj->active ? VIR_NETWORK_UPDATE_AFFECT_LIVE : VIR_NETWORK_UPDATE_AFFECT_CONFIG;
    if ((flags & VIR_NETWORK_UPDATE_AFFECT_CONFIG) && !obj->persistent) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       "cannot change persistent config of a transient network");
        goto cleanup;
    }
    if ((flags & VIR_NETWORK_UPDATE_AFFECT_LIVE) && !obj->active) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s", "network is not running");
        goto cleanup;
    }
    /* both copies changed before either is kept: a failure changes nothing */
    if (flags & VIR_NETWORK_UPDATE_AFFECT_LIVE) {
        live = nuvNetworkDefCopy(obj->def);
        if (nuvNetworkDefUpdateSection(live, command, section, parentIndex, xml) < 0)
            goto cleanup;
    }
    if (flags & VIR_NETWORK_UPDATE_AFFECT_CONFIG) {
        config = nuvNetworkDefCopy(nuvNetworkObjGetPersistentDef(obj));
        if (nuvNetworkDefUpdateSection(config, command, section, parentIndex, xml) < 0 ||
            writeDef(drv->configDir, config, VIR_NETWORK_XML_INACTIVE) < 0)
            goto cleanup;
    }
    if (live) {
        if (applyLive(drv, live, section) < 0 || writeDef(drv->stateDir, live, 0) < 0) {
            /* put dnsmasq back as it was */
            virErrorPtr saved = nuvErrorPreserve();
            applyLive(drv, obj->def, section);
            nuvErrorRestore(&saved);
            goto cleanup;
        }
        g_mutex_lock(&drv->hostLock);
        g_hash_table_insert(drv->running, g_strdup(live->name), nuvNetworkDefCopy(live));
        g_mutex_unlock(&drv->hostLock);
        if (obj->persistent && !obj->newDef && !config)
            obj->newDef = obj->def;
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

/* ---- leases and events ---- */

static int
networkGetDHCPLeases(virNetworkPtr net, const char *mac, virNetworkDHCPLeasePtr **leases,
                     unsigned int flags)
{
    networkDriver *drv;
    nuvNetworkObj *obj;
    int ret;

    nuvCheckFlags(0, -1);
    if (!(obj = objFromHandle(&drv, net)))
        return -1;
    ret = networkDnsmasqLeases(drv, net, obj->def, mac, leases);
    nuvNetworkObjEndAPI(&obj);
    return ret;
}

static int
networkConnectNetworkEventRegisterAny(virConnectPtr conn, virNetworkPtr net, int eventID,
                                      virConnectNetworkEventGenericCallback cb, void *opaque,
                                      virFreeCallback freecb)
{
    networkDriver *drv = driverGet();

    return drv ? nuvEventRegisterNetwork(drv->events, conn, net, eventID, cb, opaque, freecb)
               : -1;
}

static int
networkConnectNetworkEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    networkDriver *drv = driverGet();

    return drv ? nuvEventDeregister(drv->events, conn, callbackID) : -1;
}

static const nuvNetworkDriver networkDriverTable = {
    .name = "network",
    .connectNumOfNetworks = networkConnectNumOfNetworks, /* 0.2.0 */
    .connectListNetworks = networkConnectListNetworks, /* 0.2.0 */
    .connectNumOfDefinedNetworks = networkConnectNumOfDefinedNetworks, /* 0.2.0 */
    .connectListDefinedNetworks = networkConnectListDefinedNetworks, /* 0.2.0 */
    .connectListAllNetworks = networkConnectListAllNetworks, /* 0.10.2 */
    .connectNetworkEventRegisterAny = networkConnectNetworkEventRegisterAny, /* 1.2.1 */
    .connectNetworkEventDeregisterAny = networkConnectNetworkEventDeregisterAny, /* 1.2.1 */
    .networkLookupByUUID = networkLookupByUUID, /* 0.2.0 */
    .networkLookupByName = networkLookupByName, /* 0.2.0 */
    .networkCreateXML = networkCreateXML, /* 0.2.0 */
    .networkCreateXMLFlags = networkCreateXMLFlags, /* 7.8.0 */
    .networkDefineXML = networkDefineXML, /* 0.2.0 */
    .networkDefineXMLFlags = networkDefineXMLFlags, /* 7.7.0 */
    .networkUndefine = networkUndefine, /* 0.2.0 */
    .networkUpdate = networkUpdate, /* 0.10.2 */
    .networkCreate = networkCreate, /* 0.2.0 */
    .networkDestroy = networkDestroy, /* 0.2.0 */
    .networkGetXMLDesc = networkGetXMLDesc, /* 0.2.0 */
    .networkGetBridgeName = networkGetBridgeName, /* 0.2.0 */
    .networkGetAutostart = networkGetAutostart, /* 0.2.1 */
    .networkSetAutostart = networkSetAutostart, /* 0.2.1 */
    .networkIsActive = networkIsActive, /* 0.7.3 */
    .networkIsPersistent = networkIsPersistent, /* 0.7.3 */
    .networkGetDHCPLeases = networkGetDHCPLeases, /* 1.2.6 */
};

static const nuvSecondaryDriver networkSecondaryDriver = {
    .name = "network",
    .network = &networkDriverTable,
};

int
networkRegister(void)
{
    if (nuvStateDriverRegister(&networkStateDriver) < 0)
        return -1;
    return nuvSecondaryDriverRegister(&networkSecondaryDriver);
}
