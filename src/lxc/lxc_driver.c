/*
 * lxc_driver.c: the LXC driver's public methods.  Each follows the QEMU
 * driver's shape: check flags, find the domain (locked, referenced), take
 * a job if it changes anything, act, release; events are queued after
 * unlocking.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/utsname.h>

#include "lxc/lxc_driver.h"
#include "lxc/lxc_domain.h"
#include "lxc/lxc_process.h"
#include "lxc/lxc_cgroup.h"
#include "conf/host_caps.h"
#include "driver/datatypes.h"
#include "driver/domain_driver.h"
#include "util/error.h"
#include "util/file.h"
#include "util/process.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_LXC

static lxcDriver *
lxcDriverOf(virConnectPtr conn)
{
    return conn->privateData;
}

nuvDomainObj *
lxcDomObjFromDomain(virDomainPtr dom)
{
    return nuvDomainDriverObjFromDomain(lxcDriverOf(dom->conn)->domains, dom, VIR_FROM_LXC);
}

#define lxcDomainHandle nuvDomainDriverHandle
#define lxcCheckActive nuvDomainDriverCheckActive

/* ---- connection ---- */

static const char *
lxcConnectGetType(virConnectPtr conn)
{
    return "LXC";
}

/* The kernel's version is the "hypervisor" version, as libvirt says. */
static int
lxcConnectGetVersion(virConnectPtr conn, unsigned long *hvVer)
{
    struct utsname u;
    unsigned int maj = 0, min = 0, mic = 0;

    uname(&u);
    if (sscanf(u.release, "%u.%u.%u", &maj, &min, &mic) < 2) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "Unknown release: %s", u.release);
        return -1;
    }
    *hvVer = maj * 1000000UL + min * 1000UL + mic;
    return 0;
}

static char *
lxcConnectGetHostname(virConnectPtr conn)
{
    return nuvDomainDriverGetHostname();
}

static int
lxcConnectIsSecure(virConnectPtr conn)
{
    return 1;
}

static int
lxcConnectIsEncrypted(virConnectPtr conn)
{
    return 0;
}

static int
lxcConnectIsAlive(virConnectPtr conn)
{
    return 1;
}

/* libvirt's LXC capabilities: the host, then an "exe" guest for each
 * personality a container can run. */
static char *
lxcConnectGetCapabilities(virConnectPtr conn)
{
    GString *s = g_string_new(NULL);
    static const struct { const char *arch; int bits; } guests[] = {
        { "x86_64", 64 }, { "i686", 32 },
    };

    nuvHostCapsFormatHead(s, NULL);
    for (size_t i = 0; i < G_N_ELEMENTS(guests); i++) {
        g_string_append_printf(s, "  <guest>\n    <os_type>exe</os_type>\n"
                               "    <arch name='%s'>\n      <wordsize>%d</wordsize>\n"
                               "      <emulator>%s</emulator>\n      <domain type='lxc'/>\n"
                               "    </arch>\n  </guest>\n\n", guests[i].arch, guests[i].bits,
                               LXC_CONTROLLER_PATH);
    }
    g_string_append(s, "</capabilities>\n");
    return g_string_free(s, FALSE);
}

static int
lxcNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info)
{
    return nuvDomainDriverNodeGetInfo(info);
}

/* ---- lookups and lists ---- */

static virDomainPtr
lxcDomainLookupByName(virConnectPtr conn, const char *name)
{
    return nuvDomainDriverLookupByName(lxcDriverOf(conn)->domains, conn, name, VIR_FROM_LXC);
}

static virDomainPtr
lxcDomainLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    return nuvDomainDriverLookupByUUID(lxcDriverOf(conn)->domains, conn, uuid, VIR_FROM_LXC);
}

static virDomainPtr
lxcDomainLookupByID(virConnectPtr conn, int id)
{
    return nuvDomainDriverLookupByID(lxcDriverOf(conn)->domains, conn, id, VIR_FROM_LXC);
}

static int
lxcConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains, unsigned int flags)
{
    nuvCheckFlags(NUV_DOMAIN_LIST_FILTERS, -1);
    return nuvDomainDriverListAll(lxcDriverOf(conn)->domains, conn, domains, flags);
}

static int
lxcConnectNumOfDomains(virConnectPtr conn)
{
    return nuvDomainDriverListAll(lxcDriverOf(conn)->domains, conn, NULL,
                                  VIR_CONNECT_LIST_DOMAINS_ACTIVE);
}

static int
lxcConnectNumOfDefinedDomains(virConnectPtr conn)
{
    return nuvDomainDriverListAll(lxcDriverOf(conn)->domains, conn, NULL,
                                  VIR_CONNECT_LIST_DOMAINS_INACTIVE);
}

static int
lxcConnectListDomains(virConnectPtr conn, int *ids, int maxids)
{
    return nuvDomainDriverListIDs(lxcDriverOf(conn)->domains, conn, ids, maxids);
}

static int
lxcConnectListDefinedDomains(virConnectPtr conn, char **const names, int maxnames)
{
    return nuvDomainDriverListNames(lxcDriverOf(conn)->domains, conn, names, maxnames);
}

/* ---- define, undefine ---- */

static virDomainPtr
lxcDomainDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    lxcDriver *drv = lxcDriverOf(conn);
    g_autoptr(nuvDomainDef) def = NULL;
    g_autoptr(nuvDomainDef) oldDef = NULL;
    nuvDomainObj *obj;
    virDomainPtr dom = NULL;
    nuvDomainDef *saved;
    bool wasPersistent;

    nuvCheckFlags(VIR_DOMAIN_DEFINE_VALIDATE, NULL);

    if (!(def = lxcDomainParse(xml, NUV_DOMAIN_DEF_PARSE_INACTIVE |
                               ((flags & VIR_DOMAIN_DEFINE_VALIDATE) ?
                                NUV_DOMAIN_DEF_PARSE_VALIDATE : 0))))
        return NULL;
    if (!(obj = nuvDomainObjListAdd(drv->domains, &def, 0, &oldDef)))
        return NULL;
    lxcDomainPrivEnsure(drv, obj);
    wasPersistent = obj->persistent;
    saved = nuvDomainObjGetPersistentDef(obj);
    /* The file first: a definition that cannot be saved is not defined. */
    if (lxcDomainSaveConfig(drv, saved) < 0) {
        if (oldDef) {
            if (obj->newDef == saved) {
                nuvDomainDefFree(obj->newDef);
                obj->newDef = g_steal_pointer(&oldDef);
            } else {
                nuvDomainDefFree(obj->def);
                obj->def = g_steal_pointer(&oldDef);
            }
        } else if (!nuvDomainObjIsActive(obj)) {
            nuvDomainObjListRemove(drv->domains, obj);
        }
        nuvDomainObjEndAPI(&obj);
        return NULL;
    }
    obj->persistent = true;
    lxcDomainEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_DEFINED,
                           oldDef || wasPersistent || nuvDomainObjIsActive(obj) ?
                           VIR_DOMAIN_EVENT_DEFINED_UPDATED : VIR_DOMAIN_EVENT_DEFINED_ADDED);
    if (nuvDomainObjIsActive(obj))
        lxcDomainSaveStatus(drv, obj);
    dom = lxcDomainHandle(conn, obj);
    nuvDomainObjEndAPI(&obj);
    return dom;
}

static int
lxcDomainUndefineFlags(virDomainPtr domain, unsigned int flags)
{
    lxcDriver *drv = lxcDriverOf(domain->conn);
    nuvDomainObj *obj;
    int ret = -1;

    nuvCheckFlags(0, -1);
    if (!(obj = lxcDomObjFromDomain(domain)))
        return -1;
    if (!obj->persistent) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s", "cannot undefine transient domain");
        goto cleanup;
    }
    if (lxcDomainDeleteConfig(drv, obj->def->name) < 0)
        goto cleanup;
    obj->autostart = false;
    lxcDomainEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_UNDEFINED,
                           VIR_DOMAIN_EVENT_UNDEFINED_REMOVED);
    if (nuvDomainObjIsActive(obj)) {
        obj->persistent = false;
        g_clear_pointer(&obj->newDef, nuvDomainDefFree);
    } else {
        nuvDomainObjListRemove(drv->domains, obj);
    }
    ret = 0;

 cleanup:
    nuvDomainObjEndAPI(&obj);
    return ret;
}

/* ---- start, stop ---- */

static int
lxcDomainCreateWithFlags(virDomainPtr domain, unsigned int flags)
{
    lxcDriver *drv = lxcDriverOf(domain->conn);
    nuvDomainObj *obj;
    int ret = -1;

    nuvCheckFlags(VIR_DOMAIN_START_AUTODESTROY, -1);
    if (!(obj = lxcDomObjFromDomain(domain)))
        return -1;
    if (lxcDomainJobBegin(obj) < 0)
        goto cleanup;
    if (nuvDomainObjIsActive(obj)) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s", "Domain is already running");
        goto endjob;
    }
    if (lxcProcessStart(drv, obj, flags, VIR_DOMAIN_RUNNING_BOOTED) < 0)
        goto endjob;
    if (flags & VIR_DOMAIN_START_AUTODESTROY)
        lxcDomainPrivOf(obj)->autoDestroyConn = domain->conn;
    lxcDomainEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED);
    domain->id = obj->id;
    ret = 0;

 endjob:
    lxcDomainJobEnd(obj);
 cleanup:
    nuvDomainObjEndAPI(&obj);
    return ret;
}

static virDomainPtr
lxcDomainCreateXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    lxcDriver *drv = lxcDriverOf(conn);
    g_autoptr(nuvDomainDef) def = NULL;
    nuvDomainObj *obj;
    virDomainPtr dom = NULL;

    nuvCheckFlags(VIR_DOMAIN_START_AUTODESTROY | VIR_DOMAIN_START_VALIDATE, NULL);
    if (!(def = lxcDomainParse(xml, NUV_DOMAIN_DEF_PARSE_INACTIVE |
                               ((flags & VIR_DOMAIN_START_VALIDATE) ?
                                NUV_DOMAIN_DEF_PARSE_VALIDATE : 0))))
        return NULL;
    if (!(obj = nuvDomainObjListAdd(drv->domains, &def,
                                    NUV_DOMAIN_OBJ_ADD_LIVE | NUV_DOMAIN_OBJ_ADD_CHECK_ACTIVE,
                                    NULL)))
        return NULL;
    lxcDomainPrivEnsure(drv, obj);
    if (lxcDomainJobBegin(obj) < 0)
        goto cleanup;
    if (lxcProcessStart(drv, obj, 0, VIR_DOMAIN_RUNNING_BOOTED) < 0) {
        /* a transient domain that never ran is forgotten */
        if (!obj->persistent && !nuvDomainObjIsActive(obj))
            nuvDomainObjListRemove(drv->domains, obj);
        lxcDomainJobEnd(obj);
        goto cleanup;
    }
    if (flags & VIR_DOMAIN_START_AUTODESTROY)
        lxcDomainPrivOf(obj)->autoDestroyConn = conn;
    lxcDomainEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED);
    dom = lxcDomainHandle(conn, obj);
    lxcDomainJobEnd(obj);

 cleanup:
    nuvDomainObjEndAPI(&obj);
    return dom;
}

static int
lxcDomainDestroyFlags(virDomainPtr domain, unsigned int flags)
{
    lxcDriver *drv = lxcDriverOf(domain->conn);
    nuvDomainObj *obj;
    lxcDomainPriv *priv;
    int ret = -1;

    nuvCheckFlags(0, -1);
    if (!(obj = lxcDomObjFromDomain(domain)))
        return -1;
    if (lxcCheckActive(obj) < 0)
        goto cleanup;
    /* Destroy does not wait behind a slow job: it ends the container now,
     * which makes the job fail; then it waits for its turn to clean up. */
    priv = lxcDomainPrivOf(obj);
    priv->beingDestroyed = true;
    if (obj->job != NUV_DOMAIN_JOB_NONE && priv->initfd >= 0)
        nuvPidfdSignal(priv->initfd, SIGKILL);
    if (lxcDomainJobBegin(obj) < 0)
        goto cleanup;
    if (lxcCheckActive(obj) < 0)
        goto endjob;
    lxcProcessStop(drv, obj, VIR_DOMAIN_SHUTOFF_DESTROYED);
    lxcDomainEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_DESTROYED);
    domain->id = -1;
    ret = 0;

 endjob:
    lxcDomainJobEnd(obj);
 cleanup:
    nuvDomainObjEndAPI(&obj);
    return ret;
}

/* Shutdown and reboot ask the init by a signal (libvirt's default method
 * when the container has no /dev/initctl, which ours never has); the
 * container's end is then reported by its controller. */
static int
lxcDomainSignalInit(virDomainPtr domain, int sig, bool reboot)
{
    nuvDomainObj *obj;
    int ret = -1;

    if (!(obj = lxcDomObjFromDomain(domain)))
        return -1;
    if (lxcCheckActive(obj) < 0)
        goto cleanup;
    if (reboot)
        lxcDomainPrivOf(obj)->wantReboot = true;
    ret = lxcProcessSignalInit(obj, sig);

 cleanup:
    nuvDomainObjEndAPI(&obj);
    return ret;
}

static int
lxcDomainShutdownFlags(virDomainPtr domain, unsigned int flags)
{
    nuvCheckFlags(VIR_DOMAIN_SHUTDOWN_INITCTL | VIR_DOMAIN_SHUTDOWN_SIGNAL, -1);
    if (flags == VIR_DOMAIN_SHUTDOWN_INITCTL) {
        nuvReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       "Container does not provide an initctl pipe");
        return -1;
    }
    return lxcDomainSignalInit(domain, SIGTERM, false);
}

static int
lxcDomainReboot(virDomainPtr domain, unsigned int flags)
{
    nuvCheckFlags(VIR_DOMAIN_REBOOT_INITCTL | VIR_DOMAIN_REBOOT_SIGNAL, -1);
    if (flags == VIR_DOMAIN_REBOOT_INITCTL) {
        nuvReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       "Container does not provide an initctl pipe");
        return -1;
    }
    return lxcDomainSignalInit(domain, SIGHUP, true);
}

/* ---- suspend, resume: the freezer ---- */

static int
lxcDomainFreeze(virDomainPtr domain, bool freeze)
{
    lxcDriver *drv = lxcDriverOf(domain->conn);
    nuvDomainObj *obj;
    lxcDomainPriv *priv;
    int ret = -1;

    if (!(obj = lxcDomObjFromDomain(domain)))
        return -1;
    if (lxcDomainJobBegin(obj) < 0)
        goto cleanup;
    if (lxcCheckActive(obj) < 0)
        goto endjob;
    priv = lxcDomainPrivOf(obj);
    if (freeze == (obj->state == VIR_DOMAIN_PAUSED)) {
        if (!freeze) {
            nuvReportError(VIR_ERR_OPERATION_INVALID, "%s", "domain is not paused");
            goto endjob;
        }
        ret = 0;        /* already paused */
        goto endjob;
    }
    if (!priv->cgroup) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s", "cgroup freezer is not available");
        goto endjob;
    }
    if (nuvCgroupSetFrozen(priv->cgroup, freeze) < 0)
        goto endjob;
    nuvDomainObjSetState(obj, freeze ? VIR_DOMAIN_PAUSED : VIR_DOMAIN_RUNNING,
                         freeze ? VIR_DOMAIN_PAUSED_USER : VIR_DOMAIN_RUNNING_UNPAUSED);
    lxcDomainSaveStatus(drv, obj);
    lxcDomainEmitLifecycle(drv, obj, freeze ? VIR_DOMAIN_EVENT_SUSPENDED : VIR_DOMAIN_EVENT_RESUMED,
                           freeze ? VIR_DOMAIN_EVENT_SUSPENDED_PAUSED :
                           VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
    ret = 0;

 endjob:
    lxcDomainJobEnd(obj);
 cleanup:
    nuvDomainObjEndAPI(&obj);
    return ret;
}

static int
lxcDomainSuspend(virDomainPtr domain)
{
    return lxcDomainFreeze(domain, true);
}

static int
lxcDomainResume(virDomainPtr domain)
{
    return lxcDomainFreeze(domain, false);
}

/* ---- information ---- */

static int
lxcDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info)
{
    nuvDomainObj *obj;

    if (!(obj = lxcDomObjFromDomain(domain)))
        return -1;
    memset(info, 0, sizeof(*info));
    info->state = obj->state;
    info->maxMem = obj->def->memory;
    info->memory = obj->def->currentMemory ? obj->def->currentMemory : obj->def->memory;
    info->nrVirtCpu = obj->def->vcpus;
    /* a running container's CPU time and memory are its cgroup's */
    if (nuvDomainObjIsActive(obj) && lxcDomainPrivOf(obj)->cgroup) {
        nuvCgroup *cg = lxcDomainPrivOf(obj)->cgroup;
        unsigned long long ns = 0, kib = 0;

        if (nuvCgroupHas(cg, NUV_CGROUP_CPUACCT) && nuvCgroupGetCpuacctUsage(cg, &ns) == 0)
            info->cpuTime = ns;
        if (nuvCgroupHas(cg, NUV_CGROUP_MEMORY) && nuvCgroupGetMemoryUsage(cg, &kib) == 0)
            info->memory = kib;
        nuvErrorReset();
    }
    nuvDomainObjEndAPI(&obj);
    return 0;
}

static int
lxcDomainGetState(virDomainPtr domain, int *state, int *reason, unsigned int flags)
{
    nuvDomainObj *obj;

    nuvCheckFlags(0, -1);
    if (!(obj = lxcDomObjFromDomain(domain)))
        return -1;
    *state = obj->state;
    if (reason)
        *reason = obj->reason;
    nuvDomainObjEndAPI(&obj);
    return 0;
}

static char *
lxcDomainGetXMLDesc(virDomainPtr domain, unsigned int flags)
{
    nuvDomainObj *obj;
    nuvDomainDef *def;
    char *xml;

    nuvCheckFlags(VIR_DOMAIN_XML_SECURE | VIR_DOMAIN_XML_INACTIVE |
                  VIR_DOMAIN_XML_MIGRATABLE | VIR_DOMAIN_XML_UPDATE_CPU, NULL);
    if (!(obj = lxcDomObjFromDomain(domain)))
        return NULL;
    def = (flags & VIR_DOMAIN_XML_INACTIVE) ? nuvDomainObjGetPersistentDef(obj) : obj->def;
    xml = nuvDomainDefFormat(def, (flags & VIR_DOMAIN_XML_INACTIVE) ? -1 : obj->id, flags);
    nuvDomainObjEndAPI(&obj);
    return xml;
}

static char *
lxcDomainGetOSType(virDomainPtr domain)
{
    nuvDomainObj *obj;
    char *type;

    if (!(obj = lxcDomObjFromDomain(domain)))
        return NULL;
    type = g_strdup(obj->def->osType ? obj->def->osType : "exe");
    nuvDomainObjEndAPI(&obj);
    return type;
}

static unsigned long
lxcDomainGetMaxMemory(virDomainPtr domain)
{
    nuvDomainObj *obj;
    unsigned long mem;

    if (!(obj = lxcDomObjFromDomain(domain)))
        return 0;
    mem = obj->def->memory;
    nuvDomainObjEndAPI(&obj);
    return mem;
}

/* IsActive, IsPersistent, IsUpdated, GetAutostart: one flag of @obj. */
static int
lxcDomainFlag(virDomainPtr domain, int which)
{
    nuvDomainObj *obj;
    int ret;

    if (!(obj = lxcDomObjFromDomain(domain)))
        return -1;
    switch (which) {
    case 0: ret = nuvDomainObjIsActive(obj); break;
    case 1: ret = obj->persistent; break;
    case 2: ret = obj->updated; break;
    default: ret = obj->autostart; break;
    }
    nuvDomainObjEndAPI(&obj);
    return ret;
}

static int
lxcDomainIsActive(virDomainPtr domain)
{
    return lxcDomainFlag(domain, 0);
}

static int
lxcDomainIsPersistent(virDomainPtr domain)
{
    return lxcDomainFlag(domain, 1);
}

static int
lxcDomainIsUpdated(virDomainPtr domain)
{
    return lxcDomainFlag(domain, 2);
}

static int
lxcDomainGetAutostart(virDomainPtr domain, int *autostart)
{
    int v = lxcDomainFlag(domain, 3);

    if (v < 0)
        return -1;
    *autostart = v;
    return 0;
}

static int
lxcDomainSetAutostart(virDomainPtr domain, int autostart)
{
    lxcDriver *drv = lxcDriverOf(domain->conn);
    nuvDomainObj *obj;
    int ret = -1;

    if (!(obj = lxcDomObjFromDomain(domain)))
        return -1;
    if (!obj->persistent) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       "Cannot set autostart for transient domain");
        goto cleanup;
    }
    if (nuvAutostartLinkSet(drv->paths.autostartDir, drv->paths.configDir, obj->def->name,
                            autostart, 0700, VIR_FROM_LXC) < 0)
        goto cleanup;
    obj->autostart = autostart != 0;
    ret = 0;

 cleanup:
    nuvDomainObjEndAPI(&obj);
    return ret;
}

/* ---- events ---- */

static int
lxcConnectDomainEventRegisterAny(virConnectPtr conn, virDomainPtr dom, int eventID,
                                 virConnectDomainEventGenericCallback cb, void *opaque,
                                 virFreeCallback freecb)
{
    return nuvEventRegisterDomain(lxcDriverOf(conn)->events, conn, dom, eventID, cb,
                                  opaque, freecb);
}

static int
lxcConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    return nuvEventDeregister(lxcDriverOf(conn)->events, conn, callbackID);
}

static int
lxcConnectDomainEventRegister(virConnectPtr conn, virConnectDomainEventCallback cb,
                              void *opaque, virFreeCallback freecb)
{
    return nuvEventRegisterDomainLegacy(lxcDriverOf(conn)->events, conn, cb, opaque, freecb);
}

static int
lxcConnectDomainEventDeregister(virConnectPtr conn, virConnectDomainEventCallback cb)
{
    return nuvEventDeregisterDomainLegacy(lxcDriverOf(conn)->events, conn, cb);
}

void
lxcDriverConnectionClosed(virConnectPtr conn)
{
    nuvEventDeregisterConnection(lxcDriverOf(conn)->events, conn);
    lxcProcessAutoDestroy(lxcDriverOf(conn), conn);
}

const nuvHypervisorDriver lxcHypervisorDriver = {
    .name = "LXC",
    .connectGetType = lxcConnectGetType,                        /* 0.4.2 */
    .connectGetVersion = lxcConnectGetVersion,                  /* 0.4.6 */
    .connectGetHostname = lxcConnectGetHostname,                /* 0.6.3 */
    .connectIsSecure = lxcConnectIsSecure,                      /* 0.7.3 */
    .connectIsEncrypted = lxcConnectIsEncrypted,                /* 0.7.3 */
    .connectIsAlive = lxcConnectIsAlive,                        /* 0.9.8 */
    .connectGetCapabilities = lxcConnectGetCapabilities,        /* 0.6.5 */
    .nodeGetInfo = lxcNodeGetInfo,                              /* 0.6.5 */
    .connectListAllDomains = lxcConnectListAllDomains,          /* 0.9.13 */
    .connectListDomains = lxcConnectListDomains,                /* 0.4.2 */
    .connectNumOfDomains = lxcConnectNumOfDomains,              /* 0.4.2 */
    .connectListDefinedDomains = lxcConnectListDefinedDomains,  /* 0.4.2 */
    .connectNumOfDefinedDomains = lxcConnectNumOfDefinedDomains, /* 0.4.2 */
    .domainLookupByName = lxcDomainLookupByName,                /* 0.4.2 */
    .domainLookupByUUID = lxcDomainLookupByUUID,                /* 0.4.2 */
    .domainLookupByID = lxcDomainLookupByID,                    /* 0.4.2 */
    .domainDefineXMLFlags = lxcDomainDefineXMLFlags,            /* 1.2.12 */
    .domainUndefineFlags = lxcDomainUndefineFlags,              /* 1.2.12 */
    .domainCreateWithFlags = lxcDomainCreateWithFlags,          /* 0.8.2 */
    .domainCreateXML = lxcDomainCreateXML,                      /* 0.4.4 */
    .domainDestroyFlags = lxcDomainDestroyFlags,                /* 0.9.4 */
    .domainShutdownFlags = lxcDomainShutdownFlags,              /* 1.0.1 */
    .domainReboot = lxcDomainReboot,                            /* 1.0.1 */
    .domainSuspend = lxcDomainSuspend,                          /* 0.7.2 */
    .domainResume = lxcDomainResume,                            /* 0.7.2 */
    .domainGetInfo = lxcDomainGetInfo,                          /* 0.4.2 */
    .domainGetMemoryParameters = lxcDomainGetMemoryParameters,  /* 0.8.5 */
    .domainSetMemoryParameters = lxcDomainSetMemoryParameters,  /* 0.8.5 */
    .domainGetSchedulerType = lxcDomainGetSchedulerType,        /* 0.5.0 */
    .domainGetSchedulerParameters = lxcDomainGetSchedulerParameters, /* 0.5.0 */
    .domainGetSchedulerParametersFlags = lxcDomainGetSchedulerParametersFlags, /* 0.9.2 */
    .domainSetSchedulerParameters = lxcDomainSetSchedulerParameters, /* 0.5.0 */
    .domainSetSchedulerParametersFlags = lxcDomainSetSchedulerParametersFlags, /* 0.9.2 */
    .domainGetState = lxcDomainGetState,                        /* 0.9.2 */
    .domainGetXMLDesc = lxcDomainGetXMLDesc,                    /* 0.4.2 */
    .domainGetOSType = lxcDomainGetOSType,                      /* 0.4.2 */
    .domainGetMaxMemory = lxcDomainGetMaxMemory,                /* 0.7.2 */
    .domainIsActive = lxcDomainIsActive,                        /* 0.7.3 */
    .domainIsPersistent = lxcDomainIsPersistent,                /* 0.7.3 */
    .domainIsUpdated = lxcDomainIsUpdated,                      /* 0.8.6 */
    .domainGetAutostart = lxcDomainGetAutostart,                /* 0.7.0 */
    .domainSetAutostart = lxcDomainSetAutostart,                /* 0.7.0 */
    .connectDomainEventRegister = lxcConnectDomainEventRegister, /* 0.7.0 */
    .connectDomainEventDeregister = lxcConnectDomainEventDeregister, /* 0.7.0 */
    .connectDomainEventRegisterAny = lxcConnectDomainEventRegisterAny, /* 0.8.0 */
    .connectDomainEventDeregisterAny = lxcConnectDomainEventDeregisterAny, /* 0.8.0 */
};
