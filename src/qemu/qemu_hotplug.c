/*
 * qemu_hotplug.c: devices attached to and detached from a domain.
 *
 * Live: a disk is opened as two -blockdev nodes of its own
 * (nuvhp-TARGET-storage/-format) and plugged with device_add (virtio-blk
 * or scsi-hd); a user-mode interface gets a netdev and a NIC.  A detach
 * asks QEMU with device_del and waits up to 5 s for DEVICE_DELETED: the
 * device leaves the live definition when QEMU says it is gone (the event
 * handler does it, so a guest that lets go late still gets there), then
 * the backend is closed.  A guest that ignores the request keeps the
 * device, and the definition says so, as libvirt's does.
 */
#include <string.h>

#include "qemu/qemu_hotplug.h"
#include "conf/domain_disks.h"
#include "qemu/qemu_blockjob.h"
#include "qemu/qemu_driver.h"
#include "qemu/qemu_job.h"
#include "qemu/qemu_process.h"
#include "util/error.h"
#include "util/log.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

/* libvirt's wait for a guest to release a device. */
#define QEMU_UNPLUG_TIMEOUT_MS 5000

static const char *
qemuDevAttr(const nuvXNode *dev, const char *child, const char *attr)
{
    const nuvXNode *c = nuvXNodeChild(dev, child);
    return c ? nuvXNodeGet(c, attr) : NULL;
}

/* "vdb" -> 1, "sdc" -> 2, "vdaa" -> 26. */
static int
qemuTargetIndex(const char *dev)
{
    int idx = 0;

    if (!dev || strlen(dev) < 3)
        return -1;
    for (const char *p = dev + 2; *p; p++) {
        if (!g_ascii_islower(*p))
            return -1;
        idx = idx * 26 + (*p - 'a' + 1);
    }
    return idx - 1;
}

/* Index among <devices> children of the device with @alias, or -1. */
static int
qemuFindAlias(const nuvDomainDef *def, const char *alias)
{
    nuvXNode *devs = nuvDomainDefDevices(def);

    for (guint i = 0; devs && i < devs->children->len; i++) {
        nuvXNode *d = g_ptr_array_index(devs->children, i);
        if (g_strcmp0(qemuDevAttr(d, "alias", "name"), alias) == 0)
            return i;
    }
    return -1;
}

/* The first "netN" free in @def. */
static char *
qemuFreeNetAlias(const nuvDomainDef *def, unsigned int *n)
{
    for (*n = 0; ; (*n)++) {
        g_autofree char *alias = g_strdup_printf("net%u", *n);
        if (qemuFindAlias(def, alias) < 0)
            return g_steal_pointer(&alias);
    }
}

static const char *
qemuNicDriver(const char *model)
{
    static const char *const map[][2] = {
        { "virtio", "virtio-net-pci" }, { "e1000", "e1000" }, { "e1000e", "e1000e" },
        { "rtl8139", "rtl8139" }, { "ne2k_pci", "ne2k_pci" }, { "pcnet", "pcnet" },
    };

    if (!model)
        return "rtl8139";
    for (size_t i = 0; i < G_N_ELEMENTS(map); i++) {
        if (strcmp(model, map[i][0]) == 0)
            return map[i][1];
    }
    return NULL;
}

static void
qemuSetAlias(nuvXNode *dev, const char *alias)
{
    nuvXNodeSet(nuvXNodeEnsureChild(dev, "alias"), "name", alias);
}

static void
qemuHotplugUnsupported(const nuvXNode *dev, const char *why)
{
    nuvReportError(VIR_ERR_OPERATION_UNSUPPORTED, "live attach of device '%s' is not supported%s",
                   nuvXNodeName(dev), why);
}

/* Plug @dev (a copy for the live definition) into the running QEMU and
 * give it its alias. */
static int
qemuHotplugAttachLive(nuvDomainObj *obj, nuvXNode *dev)
{
    const char *kind = nuvXNodeName(dev);
    json_object *props;

    if (strcmp(kind, "disk") == 0) {
        g_auto(nuvDomainDisk) disk = { 0 };
        const char *target, *path, *format;
        g_autofree char *storage = NULL;
        g_autofree char *fmtNode = NULL;
        g_autofree char *alias = NULL;
        int idx;

        nuvDomainDiskRead(&disk, dev);
        target = disk.dst;
        path = disk.src.path;
        format = disk.src.format;
        storage = g_strdup_printf("nuvhp-%s-storage", target ? target : "");
        fmtNode = g_strdup_printf("nuvhp-%s-format", target ? target : "");
        idx = qemuTargetIndex(target);
        if (disk.src.type != NUV_DOMAIN_DISK_TYPE_FILE ||
            disk.device != NUV_DOMAIN_DISK_DEVICE_DISK || !path) {
            qemuHotplugUnsupported(dev, ": only file disks");
            return -1;
        }
        if (idx < 0) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "disk target '%s' is not understood",
                           target ? target : "");
            return -1;
        }
        if (disk.bus == NUV_DOMAIN_DISK_BUS_VIRTIO) {
            alias = g_strdup_printf("virtio-disk%d", idx);
            props = json_object_new_object();
            json_object_object_add(props, "driver", json_object_new_string("virtio-blk-pci"));
        } else if (disk.bus == NUV_DOMAIN_DISK_BUS_SCSI) {
            if (qemuFindAlias(obj->def, "scsi0") < 0) {
                nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                               "no SCSI controller to attach the disk to");
                return -1;
            }
            alias = g_strdup_printf("scsi0-0-0-%d", idx);
            props = json_object_new_object();
            json_object_object_add(props, "driver", json_object_new_string("scsi-hd"));
            json_object_object_add(props, "bus", json_object_new_string("scsi0.0"));
            json_object_object_add(props, "channel", json_object_new_int(0));
            json_object_object_add(props, "scsi-id", json_object_new_int(0));
            json_object_object_add(props, "lun", json_object_new_int(idx));
        } else {
            qemuHotplugUnsupported(dev, ": disks on virtio or scsi buses only");
            return -1;
        }
        if (format && strcmp(format, "raw") != 0 && strcmp(format, "qcow2") != 0) {
            json_object_put(props);
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "unsupported disk format '%s'", format);
            return -1;
        }
        json_object_object_add(props, "id", json_object_new_string(alias));
        json_object_object_add(props, "drive", json_object_new_string(fmtNode));
        if (qemuBlockNodeAdd(obj, path, format ? format : "raw", storage, fmtNode,
                             disk.readonly) < 0) {
            json_object_put(props);
            return -1;
        }
        if (qemuProcessCommand(obj, "device_add", props, NULL) < 0) {
            qemuBlockNodeDelPair(obj, fmtNode);
            return -1;
        }
        qemuSetAlias(dev, alias);
        return 0;
    }
    if (strcmp(kind, "interface") == 0) {
        const char *driver = qemuNicDriver(qemuDevAttr(dev, "model", "type"));
        g_autofree char *alias = NULL;
        g_autofree char *hostAlias = NULL;
        json_object *netdev;
        unsigned int n;

        if (nuvXNodeGetEnum(dev, "type") != NUV_DOMAIN_NET_TYPE_USER) {
            qemuHotplugUnsupported(dev, ": only user-mode interfaces");
            return -1;
        }
        if (!driver) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "interface model '%s' is not supported",
                           qemuDevAttr(dev, "model", "type"));
            return -1;
        }
        alias = qemuFreeNetAlias(obj->def, &n);
        hostAlias = g_strdup_printf("hostnet%u", n);
        netdev = json_object_new_object();
        json_object_object_add(netdev, "type", json_object_new_string("user"));
        json_object_object_add(netdev, "id", json_object_new_string(hostAlias));
        if (qemuProcessCommand(obj, "netdev_add", netdev, NULL) < 0)
            return -1;
        props = json_object_new_object();
        json_object_object_add(props, "driver", json_object_new_string(driver));
        json_object_object_add(props, "netdev", json_object_new_string(hostAlias));
        json_object_object_add(props, "id", json_object_new_string(alias));
        json_object_object_add(props, "mac",
                               json_object_new_string(qemuDevAttr(dev, "mac", "address")));
        if (qemuProcessCommand(obj, "device_add", props, NULL) < 0) {
            virErrorPtr saved = nuvErrorPreserve();
            json_object *del = json_object_new_object();
            json_object_object_add(del, "id", json_object_new_string(hostAlias));
            qemuProcessCommand(obj, "netdev_del", del, NULL);
            nuvErrorRestore(&saved);
            return -1;
        }
        qemuSetAlias(dev, alias);
        return 0;
    }
    qemuHotplugUnsupported(dev, "");
    return -1;
}

int
qemuDomainAttachDeviceFlags(virDomainPtr domain, const char *xml, unsigned int flags)
{
    qemuDriver *drv = qemuDriverOf(domain->conn);
    nuvDomainObj *obj;
    g_autoptr(nuvXNode) dev = NULL;
    g_autoptr(nuvXNode) liveDev = NULL;
    nuvEvent *event = NULL;
    bool live, config;
    int ret = -1;

    nuvCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    if (!(obj = qemuDomObjFromDomain(domain)))
        return -1;
    if (qemuDomainJobBegin(obj) < 0)
        goto cleanup;
    if (nuvDomainObjAffectedDefs(obj, flags, &live, &config) < 0 ||
        !(dev = nuvDomainDeviceParse(obj->def, xml, 0)))
        goto endjob;
    nuvDomainDeviceEnsureMac(dev);
    /* both sides checked before either changes */
    if (config && nuvDomainDefCheckAttachable(nuvDomainObjGetPersistentDef(obj), dev) < 0)
        goto endjob;
    if (live) {
        if (nuvDomainDefCheckAttachable(obj->def, dev) < 0)
            goto endjob;
        liveDev = nuvXNodeCopy(dev);
        if (qemuHotplugAttachLive(obj, liveDev) < 0)
            goto endjob;
        if (!nuvDomainObjIsActive(obj))
            goto endjob;
        event = nuvDomainEventDeviceAddedNew(obj->def->name, obj->def->uuid, obj->id,
                                             qemuDevAttr(liveDev, "alias", "name"));
        nuvDomainObjPrepareChange(obj);
        nuvDomainDefAddDevice(obj->def, g_steal_pointer(&liveDev));
        qemuDomainSaveStatus(drv, obj);
    }
    if (config) {
        nuvDomainDefAddDevice(nuvDomainObjPrepareChange(obj), g_steal_pointer(&dev));
        if (qemuDomainSaveConfig(drv, nuvDomainObjGetPersistentDef(obj)) < 0)
            goto endjob;
    }
    ret = 0;

 endjob:
    qemuDomainJobEnd(obj);
 cleanup:
    nuvDomainObjEndAPI(&obj);
    if (event)
        nuvEventQueue(drv->events, event);
    return ret;
}

void
qemuHotplugDeviceDeleted(nuvDomainObj *obj, const char *alias, GPtrArray *events)
{
    int idx = qemuFindAlias(obj->def, alias);

    if (idx < 0)
        return;
    nuvDomainObjPrepareChange(obj);
    nuvXNodeFree(nuvDomainDefRemoveDevice(obj->def, idx));
    qemuDomainSaveStatus(qemuDomainPrivOf(obj)->driver, obj);
    g_ptr_array_add(events, nuvDomainEventDeviceRemovedNew(obj->def->name, obj->def->uuid,
                                                           obj->id, alias));
}

static bool
qemuHotplugGone(nuvDomainObj *obj, void *alias)
{
    return qemuFindAlias(obj->def, alias) < 0;
}

/* Unplug the live device at @idx; its backend is closed once QEMU has let
 * go of it. */
static int
qemuHotplugDetachLive(nuvDomainObj *obj, int idx)
{
    nuvXNode *dev = g_ptr_array_index(nuvDomainDefDevices(obj->def)->children, idx);
    const char *kind = nuvXNodeName(dev);
    g_autofree char *alias = g_strdup(qemuDevAttr(dev, "alias", "name"));
    g_autofree char *backend = NULL;
    json_object *args;

    if (!alias || (strcmp(kind, "disk") != 0 && strcmp(kind, "interface") != 0)) {
        nuvReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                       "live detach of device '%s' is not supported", kind);
        return -1;
    }
    if (strcmp(kind, "disk") == 0) {
        backend = qemuBlockDiskNode(obj, dev);
        nuvErrorReset();
    } else if (g_str_has_prefix(alias, "net")) {
        backend = g_strdup_printf("hostnet%s", alias + 3);
    }
    args = json_object_new_object();
    json_object_object_add(args, "id", json_object_new_string(alias));
    if (qemuProcessCommand(obj, "device_del", args, NULL) < 0)
        return -1;
    if (qemuJobWait(obj, qemuHotplugGone, alias, QEMU_UNPLUG_TIMEOUT_MS, "device removal") < 0) {
        if (nuvErrorCurrentCode() == VIR_ERR_OPERATION_TIMEOUT && nuvDomainObjIsActive(obj)) {
            /* libvirt's answer: the request stands, the guest decides */
            nuvErrorReset();
            return 0;
        }
        return -1;
    }
    if (backend && strcmp(kind, "disk") == 0) {
        qemuBlockNodeDelPair(obj, backend);
    } else if (backend) {
        virErrorPtr saved = nuvErrorPreserve();
        args = json_object_new_object();
        json_object_object_add(args, "id", json_object_new_string(backend));
        qemuProcessCommand(obj, "netdev_del", args, NULL);
        nuvErrorRestore(&saved);
    }
    return 0;
}

/* Detach the device found by @find in the live and/or persistent
 * definitions. */
static int
qemuHotplugDetach(virDomainPtr domain, unsigned int flags,
                  int (*find)(const nuvDomainDef *def, const void *key), const void *key)
{
    qemuDriver *drv = qemuDriverOf(domain->conn);
    nuvDomainObj *obj;
    int liveIdx = -1, configIdx = -1;
    bool live, config;
    int ret = -1;

    if (!(obj = qemuDomObjFromDomain(domain)))
        return -1;
    if (qemuDomainJobBegin(obj) < 0)
        goto cleanup;
    if (nuvDomainObjAffectedDefs(obj, flags, &live, &config) < 0)
        goto endjob;
    if ((config && (configIdx = find(nuvDomainObjGetPersistentDef(obj), key)) < 0) ||
        (live && (liveIdx = find(obj->def, key)) < 0))
        goto endjob;
    if (live && qemuHotplugDetachLive(obj, liveIdx) < 0)
        goto endjob;
    if (config) {
        nuvDomainDef *persistent = nuvDomainObjPrepareChange(obj);
        /* the live change above may have moved nothing in the persistent one */
        if ((configIdx = find(persistent, key)) >= 0) {
            nuvXNodeFree(nuvDomainDefRemoveDevice(persistent, configIdx));
            if (qemuDomainSaveConfig(drv, persistent) < 0)
                goto endjob;
        }
    }
    ret = 0;

 endjob:
    qemuDomainJobEnd(obj);
 cleanup:
    nuvDomainObjEndAPI(&obj);
    return ret;
}

static int
qemuFindDevice(const nuvDomainDef *def, const void *key)
{
    int idx = nuvDomainDefFindDevice(def, key);

    if (idx < 0)
        nuvDomainDeviceReportMissing(key);
    return idx;
}

static int
qemuFindDeviceAlias(const nuvDomainDef *def, const void *key)
{
    int idx = qemuFindAlias(def, key);

    if (idx < 0)
        nuvReportError(VIR_ERR_DEVICE_MISSING, "device not found in domain configuration");
    return idx;
}

int
qemuDomainDetachDeviceFlags(virDomainPtr domain, const char *xml, unsigned int flags)
{
    g_autoptr(nuvXNode) dev = NULL;
    nuvDomainObj *obj;

    nuvCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    if (!(obj = qemuDomObjFromDomain(domain)))
        return -1;
    dev = nuvDomainDeviceParse(obj->def, xml, 0);
    nuvDomainObjEndAPI(&obj);
    if (!dev)
        return -1;
    return qemuHotplugDetach(domain, flags, qemuFindDevice, dev);
}

int
qemuDomainDetachDeviceAlias(virDomainPtr domain, const char *alias, unsigned int flags)
{
    nuvCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    return qemuHotplugDetach(domain, flags, qemuFindDeviceAlias, alias);
}
