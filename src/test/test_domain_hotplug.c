/*
 * test_domain_hotplug.c: attaching, detaching and updating the devices of
 * a test domain, live and in its persistent configuration.
 */
#include <string.h>

#include "conf/domain_disks.h"
#include "test/test_private.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_TEST

/* ---- which definitions a change goes to ---- */

static nuvDomainDef *
editablePersistentDef(nuvDomainObj *obj)
{
    return nuvDomainObjPrepareChange(obj);
}

/* ---- devices ---- */

/* Index in a target name ("vdb" -> 1, "sdaa" -> 26), as libvirt counts. */
static int
diskIndex(const char *dev)
{
    const char *p;
    int idx = 0;

    if (!dev)
        return 0;
    for (p = dev; *p && !(p[0] == 'd' && g_ascii_islower(p[1])); p++)
        ;
    if (!*p)
        return 0;
    for (p++; g_ascii_islower(*p); p++)
        idx = idx * 26 + (*p - 'a' + 1);
    return idx > 0 ? idx - 1 : 0;
}

/* The alias of a live device: its own, or the one a hypervisor would give
 * it ("virtio-disk1", "net0", "hostdev0", ...).  @def holds the devices
 * already present, for numbering. */
static char *
deviceAlias(const nuvDomainDef *def, const nuvXNode *dev)
{
    const char *kind = nuvXNodeName(dev);
    nuvXNode *alias = nuvXNodeChild(dev, "alias");
    nuvXNode *devs;
    size_t count = 0;

    if (alias && nuvXNodeGet(alias, "name"))
        return g_strdup(nuvXNodeGet(alias, "name"));
    if (strcmp(kind, "disk") == 0) {
        g_auto(nuvDomainDisk) disk = { 0 };

        nuvDomainDiskRead(&disk, dev);
        return g_strdup_printf("%s-disk%d",
                               disk.bus >= 0 ? nuvDomainDiskBusToString(disk.bus) : "virtio",
                               diskIndex(disk.dst));
    }
    if ((devs = nuvDomainDefDevices(def))) {
        for (size_t i = 0; i < nuvXNodeCountChildren(devs, kind); i++) {
            if (nuvXNodeNthChild(devs, kind, i) != dev)
                count++;
        }
    }
    return g_strdup_printf("%s%zu", strcmp(kind, "interface") == 0 ? "net" : kind, count);
}

/* Record @alias in a live device, when its element may carry one. */
static void
setAlias(nuvXNode *dev, const char *alias)
{
    if (nuvXNodeChild(dev, "alias") || nuvXNodeChildElem(dev, "alias") < 0)
        return;
    nuvXNodeSet(nuvXNodeAddChild(dev, "alias"), "name", alias);
}

/* Attach, detach and update begin alike: the domain under a modifying job
 * (named after the API @api), the definitions @flags name, @xml read as a
 * device.  On failure *@obj may still hold the job for the caller to end. */
static int
beginDeviceChange(virDomainPtr domain, const char *api, const char *xml, unsigned int flags,
                  nuvDomainObj **obj, bool *live, bool *config, nuvXNode **dev)
{
    if (!(*obj = testDomObjBeginJob(domain, NUV_DOMAIN_JOB_MODIFY, api)))
        return -1;
    if (nuvDomainObjAffectedDefs(*obj, flags, live, config) < 0)
        return -1;
    if (!(*dev = nuvDomainDeviceParse((*obj)->def, xml, 0)))
        return -1;
    return 0;
}

int
testDomainAttachDeviceFlags(virDomainPtr domain, const char *xml, unsigned int flags)
{
    testDriver *drv = testDriverOf(domain->conn);
    nuvDomainObj *obj = NULL;
    g_autoptr(nuvXNode) dev = NULL;
    g_autoptr(nuvXNode) liveDev = NULL;
    g_autofree char *alias = NULL;
    nuvEvent *event = NULL;
    nuvDomainDef *persistent = NULL;
    bool live, config;
    int ret = -1;

    nuvCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    if (beginDeviceChange(domain, __func__, xml, flags, &obj, &live, &config, &dev) < 0)
        goto cleanup;
    nuvDomainDeviceEnsureMac(dev);

    /* Check both sides before changing either. */
    if (config) {
        persistent = nuvDomainObjGetPersistentDef(obj);
        if (nuvDomainDefCheckAttachable(persistent, dev) < 0)
            goto cleanup;
    }
    if (live) {
        if (nuvDomainDefCheckAttachable(obj->def, dev) < 0)
            goto cleanup;
        liveDev = nuvXNodeCopy(dev);
        alias = deviceAlias(obj->def, liveDev);
        setAlias(liveDev, alias);
    }

    if (config)
        nuvDomainDefAddDevice(editablePersistentDef(obj), g_steal_pointer(&dev));
    if (live) {
        nuvDomainObjPrepareChange(obj);
        nuvDomainDefAddDevice(obj->def, g_steal_pointer(&liveDev));
        event = nuvDomainEventDeviceAddedNew(obj->def->name, obj->def->uuid, obj->id, alias);
    }
    ret = 0;

cleanup:
    testDomObjEndJob(&obj);
    if (event)
        nuvEventQueue(drv->events, event);
    return ret;
}

int
testDomainDetachDeviceFlags(virDomainPtr domain, const char *xml, unsigned int flags)
{
    testDriver *drv = testDriverOf(domain->conn);
    nuvDomainObj *obj = NULL;
    g_autoptr(nuvXNode) dev = NULL;
    g_autofree char *alias = NULL;
    nuvEvent *event = NULL;
    int liveIdx = -1, configIdx = -1;
    bool live, config;
    int ret = -1;

    nuvCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    if (beginDeviceChange(domain, __func__, xml, flags, &obj, &live, &config, &dev) < 0)
        goto cleanup;

    if (config &&
        (configIdx = nuvDomainDefFindDevice(nuvDomainObjGetPersistentDef(obj), dev)) < 0) {
        nuvDomainDeviceReportMissing(dev);
        goto cleanup;
    }
    if (live && (liveIdx = nuvDomainDefFindDevice(obj->def, dev)) < 0) {
        nuvDomainDeviceReportMissing(dev);
        goto cleanup;
    }

    if (config) {
        /* A pending definition made now is a copy: the index still holds. */
        nuvXNodeFree(nuvDomainDefRemoveDevice(editablePersistentDef(obj), configIdx));
    }
    if (live) {
        g_autoptr(nuvXNode) gone = NULL;

        nuvDomainObjPrepareChange(obj);
        gone = nuvDomainDefRemoveDevice(obj->def, liveIdx);
        alias = deviceAlias(obj->def, gone);
        event = nuvDomainEventDeviceRemovedNew(obj->def->name, obj->def->uuid, obj->id, alias);
    }
    ret = 0;

cleanup:
    testDomObjEndJob(&obj);
    if (event)
        nuvEventQueue(drv->events, event);
    return ret;
}

/* Put @dev in the place of device @idx of @def, keeping the old one's
 * alias and address when @dev does not give its own. */
static void
replaceDevice(nuvDomainDef *def, int idx, nuvXNode *dev)
{
    nuvXNode *devs = nuvDomainDefDevices(def);
    nuvXNode *old = g_ptr_array_index(devs->children, idx);
    static const char *const kept[] = {"alias", "address"};

    for (size_t i = 0; i < G_N_ELEMENTS(kept); i++) {
        nuvXNode *sub = nuvXNodeChild(old, kept[i]);
        if (sub && !nuvXNodeChild(dev, kept[i]) && nuvXNodeChildElem(dev, kept[i]) >= 0)
            nuvXNodeInsert(dev, nuvXNodeCopy(sub));
    }
    old->parent = NULL;
    dev->parent = devs;
    devs->children->pdata[idx] = dev;
    nuvXNodeFree(old);
}

/* Is updating @old (live) to @dev something a running guest can take? */
static int
checkLiveUpdate(const nuvXNode *old, const nuvXNode *dev)
{
    if (strcmp(nuvXNodeName(dev), "disk") == 0) {
        g_auto(nuvDomainDisk) a = { 0 };
        g_auto(nuvDomainDisk) b = { 0 };

        nuvDomainDiskRead(&a, old);
        nuvDomainDiskRead(&b, dev);
        if (g_strcmp0(a.src.path, b.src.path) != 0 &&
            b.device != NUV_DOMAIN_DISK_DEVICE_CDROM &&
            b.device != NUV_DOMAIN_DISK_DEVICE_FLOPPY) {
            nuvReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                           "disk source can be changed only in removable media");
            return -1;
        }
    }
    return 0;
}

static int
findForUpdate(const nuvDomainDef *def, const nuvXNode *dev)
{
    int idx = nuvDomainDefFindDevice(def, dev);

    if (idx >= 0)
        return idx;
    if (strcmp(nuvXNodeName(dev), "disk") == 0) {
        g_auto(nuvDomainDisk) disk = { 0 };

        nuvDomainDiskRead(&disk, dev);
        nuvReportError(VIR_ERR_INVALID_ARG, "target %s doesn't exist.",
                       disk.dst ? disk.dst : "");
    } else {
        nuvDomainDeviceReportMissing(dev);
    }
    return -1;
}

int
testDomainUpdateDeviceFlags(virDomainPtr domain, const char *xml, unsigned int flags)
{
    nuvDomainObj *obj = NULL;
    g_autoptr(nuvXNode) dev = NULL;
    g_autoptr(nuvXNode) liveDev = NULL;
    int liveIdx = -1, configIdx = -1;
    bool live, config;
    const char *kind;
    int ret = -1;

    nuvCheckFlags(
        VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG | VIR_DOMAIN_DEVICE_MODIFY_FORCE, -1);
    if (beginDeviceChange(domain, __func__, xml, flags, &obj, &live, &config, &dev) < 0)
        goto cleanup;

    /* What a hypervisor can change in place: media, links, displays. */
    kind = nuvXNodeName(dev);
    if (strcmp(kind, "disk") != 0 && strcmp(kind, "interface") != 0 &&
        strcmp(kind, "graphics") != 0) {
        nuvReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                       "%s update of device '%s' is not supported",
                       live ? "live" : "persistent", kind);
        goto cleanup;
    }

    if (config && (configIdx = findForUpdate(nuvDomainObjGetPersistentDef(obj), dev)) < 0)
        goto cleanup;
    if (live) {
        if ((liveIdx = findForUpdate(obj->def, dev)) < 0)
            goto cleanup;
        if (checkLiveUpdate(g_ptr_array_index(nuvDomainDefDevices(obj->def)->children, liveIdx),
                            dev) < 0)
            goto cleanup;
        liveDev = nuvXNodeCopy(dev);
    }

    if (config)
        replaceDevice(editablePersistentDef(obj), configIdx, g_steal_pointer(&dev));
    if (live) {
        nuvDomainObjPrepareChange(obj);
        replaceDevice(obj->def, liveIdx, g_steal_pointer(&liveDev));
    }
    ret = 0;

cleanup:
    testDomObjEndJob(&obj);
    return ret;
}
