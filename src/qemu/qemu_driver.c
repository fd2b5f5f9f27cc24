/*
 * qemu_driver.c: the QEMU driver's public methods.  Each follows one
 * shape: check flags, find the domain (locked, referenced), take a job if
 * it changes anything, act, release; events are queued after unlocking.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "qemu/qemu_driver.h"
#include "qemu/qemu_agent.h"
#include "qemu/qemu_capabilities.h"
#include "qemu/qemu_command.h"
#include "qemu/qemu_console.h"
#include "qemu/qemu_domain.h"
#include "qemu/qemu_blockjob.h"
#include "qemu/qemu_hotplug.h"
#include "qemu/qemu_job.h"
#include "qemu/qemu_process.h"
#include "qemu/qemu_save.h"
#include "qemu/qemu_stats.h"
#include "driver/datatypes.h"
#include "driver/domain_driver.h"
#include "util/error.h"
#include "util/process.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

qemuDriver *
qemuDriverOf(virConnectPtr conn)
{
    return conn->privateData;
}

nuvDomainObj *
qemuDomObjFromDomain(virDomainPtr dom)
{
    return nuvDomainDriverObjFromDomain(qemuDriverOf(dom->conn)->domains, dom, VIR_FROM_QEMU);
}

virDomainPtr
qemuDomainHandle(virConnectPtr conn, nuvDomainObj *obj)
{
    return nuvDomainDriverHandle(conn, obj);
}

int
qemuCheckActive(nuvDomainObj *obj)
{
    return nuvDomainDriverCheckActive(obj);
}

static qemuCaps *
qemuDriverCaps(qemuDriver *drv)
{
    return qemuDriverGetCaps(drv);
}

/* ---- connection ---- */

static const char *
qemuConnectGetType(virConnectPtr conn)
{
    return "QEMU";
}

static int
qemuConnectGetVersion(virConnectPtr conn, unsigned long *hvVer)
{
    qemuCaps *caps = qemuDriverCaps(qemuDriverOf(conn));

    if (!caps)
        return -1;
    *hvVer = qemuCapsVersion(caps);
    return 0;
}

static char *
qemuConnectGetHostname(virConnectPtr conn)
{
    return nuvDomainDriverGetHostname();
}

static int
qemuConnectIsSecure(virConnectPtr conn)
{
    return 1;
}

static int
qemuConnectIsEncrypted(virConnectPtr conn)
{
    return 0;
}

static int
qemuConnectIsAlive(virConnectPtr conn)
{
    return 1;
}

static char *
qemuConnectGetCapabilities(virConnectPtr conn)
{
    qemuDriver *drv = qemuDriverOf(conn);
    qemuCaps *caps = qemuDriverCaps(drv);

    return caps ? qemuCapsFormatHost(caps, drv->emulator, drv->hasKVM) : NULL;
}

static char *
qemuConnectGetDomainCapabilities(virConnectPtr conn, const char *emulatorbin, const char *arch,
                                 const char *machine, const char *virttype, unsigned int flags)
{
    qemuDriver *drv = qemuDriverOf(conn);
    qemuCaps *caps;
    const char *canon;

    nuvCheckFlags(0, NULL);
    if (emulatorbin && strcmp(emulatorbin, drv->emulator) != 0) {
        nuvReportError(VIR_ERR_INVALID_ARG, "emulator '%s' is not supported", emulatorbin);
        return NULL;
    }
    if (arch && strcmp(arch, "x86_64") != 0) {
        nuvReportError(VIR_ERR_INVALID_ARG, "architecture '%s' is not supported", arch);
        return NULL;
    }
    if (!virttype)
        virttype = drv->hasKVM ? "kvm" : "qemu";
    if (strcmp(virttype, "qemu") != 0 && (strcmp(virttype, "kvm") != 0 || !drv->hasKVM)) {
        nuvReportError(VIR_ERR_INVALID_ARG, "KVM is not supported by '%s' on this host",
                       drv->emulator);
        return NULL;
    }
    if (!(caps = qemuDriverCaps(drv)))
        return NULL;
    if (!machine)
        machine = qemuCapsDefaultMachine(caps);
    if (!(canon = qemuCapsCanonicalMachine(caps, machine))) {
        nuvReportError(VIR_ERR_INVALID_ARG,
                       "the machine '%s' is not supported by emulator '%s'",
                       machine, drv->emulator);
        return NULL;
    }
    return qemuCapsFormatDomain(caps, drv->emulator, canon, virttype);
}

static int
qemuConnectGetMaxVcpus(virConnectPtr conn, const char *type)
{
    return 255;
}

static int
qemuNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info)
{
    return nuvDomainDriverNodeGetInfo(info);
}

/* ---- lookups and lists ---- */

static virDomainPtr
qemuDomainLookupByName(virConnectPtr conn, const char *name)
{
    return nuvDomainDriverLookupByName(qemuDriverOf(conn)->domains, conn, name, VIR_FROM_QEMU);
}

static virDomainPtr
qemuDomainLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    return nuvDomainDriverLookupByUUID(qemuDriverOf(conn)->domains, conn, uuid, VIR_FROM_QEMU);
}

static virDomainPtr
qemuDomainLookupByID(virConnectPtr conn, int id)
{
    return nuvDomainDriverLookupByID(qemuDriverOf(conn)->domains, conn, id, VIR_FROM_QEMU);
}

static int
qemuConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains, unsigned int flags)
{
    nuvCheckFlags(NUV_DOMAIN_LIST_FILTERS, -1);
    return nuvDomainDriverListAll(qemuDriverOf(conn)->domains, conn, domains, flags);
}

static int
qemuConnectNumOfDomains(virConnectPtr conn)
{
    return nuvDomainDriverListAll(qemuDriverOf(conn)->domains, conn, NULL,
                                  VIR_CONNECT_LIST_DOMAINS_ACTIVE);
}

static int
qemuConnectNumOfDefinedDomains(virConnectPtr conn)
{
    return nuvDomainDriverListAll(qemuDriverOf(conn)->domains, conn, NULL,
                                  VIR_CONNECT_LIST_DOMAINS_INACTIVE);
}

static int
qemuConnectListDomains(virConnectPtr conn, int *ids, int maxids)
{
    return nuvDomainDriverListIDs(qemuDriverOf(conn)->domains, conn, ids, maxids);
}

static int
qemuConnectListDefinedDomains(virConnectPtr conn, char **const names, int maxnames)
{
    return nuvDomainDriverListNames(qemuDriverOf(conn)->domains, conn, names, maxnames);
}

/* ---- define, undefine ---- */

static virDomainPtr
qemuDomainDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    qemuDriver *drv = qemuDriverOf(conn);
    g_autoptr(nuvDomainDef) def = NULL;
    g_autoptr(nuvDomainDef) oldDef = NULL;
    nuvDomainObj *obj;
    virDomainPtr dom = NULL;
    nuvDomainDef *saved;
    bool wasPersistent;

    nuvCheckFlags(VIR_DOMAIN_DEFINE_VALIDATE, NULL);

    if (!(def = qemuDomainParse(xml, NUV_DOMAIN_DEF_PARSE_INACTIVE |
                                ((flags & VIR_DOMAIN_DEFINE_VALIDATE) ?
                                 NUV_DOMAIN_DEF_PARSE_VALIDATE : 0))))
        return NULL;
    if (def->virtType != NUV_DOMAIN_VIRT_QEMU && def->virtType != NUV_DOMAIN_VIRT_KVM) {
        nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "unsupported domain type '%s'",
                       nuvDomainDefVirtTypeName(def));
        return NULL;
    }
    if (!(obj = nuvDomainObjListAdd(drv->domains, &def, 0, &oldDef)))
        return NULL;
    qemuDomainPrivEnsure(drv, obj);
    wasPersistent = obj->persistent;
    saved = nuvDomainObjGetPersistentDef(obj);
    /* The file first: a definition that cannot be saved is not defined. */
    if (qemuDomainSaveConfig(drv, saved) < 0) {
        if (oldDef) {
            /* put the previous definition back where it was */
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
    qemuDomainEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_DEFINED,
                            oldDef || wasPersistent || nuvDomainObjIsActive(obj) ?
                            VIR_DOMAIN_EVENT_DEFINED_UPDATED : VIR_DOMAIN_EVENT_DEFINED_ADDED);
    if (nuvDomainObjIsActive(obj))
        qemuDomainSaveStatus(drv, obj);
    dom = qemuDomainHandle(conn, obj);
    nuvDomainObjEndAPI(&obj);
    return dom;
}

static int
qemuDomainUndefineFlags(virDomainPtr domain, unsigned int flags)
{
    qemuDriver *drv = qemuDriverOf(domain->conn);
    nuvDomainObj *obj;
    int ret = -1;

    nuvCheckFlags(VIR_DOMAIN_UNDEFINE_MANAGED_SAVE | VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA |
                  VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA | VIR_DOMAIN_UNDEFINE_NVRAM |
                  VIR_DOMAIN_UNDEFINE_KEEP_NVRAM | VIR_DOMAIN_UNDEFINE_TPM |
                  VIR_DOMAIN_UNDEFINE_KEEP_TPM, -1);

    if (!(obj = qemuDomObjFromDomain(domain)))
        return -1;
    if (!obj->persistent) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s", "cannot undefine transient domain");
        goto cleanup;
    }
    if (qemuSaveHasManagedImage(drv, obj)) {
        g_autofree char *save = qemuSaveManagedPath(drv, obj->def->name);
        if (!(flags & VIR_DOMAIN_UNDEFINE_MANAGED_SAVE)) {
            nuvReportError(VIR_ERR_OPERATION_INVALID, "%s",
                           "Refusing to undefine while domain managed save image exists");
            goto cleanup;
        }
        if (unlink(save) < 0 && errno != ENOENT) {
            nuvReportSystemError(errno, "Failed to remove domain managed save image '%s'",
                                 save);
            goto cleanup;
        }
        obj->hasManagedSave = false;
    }
    if (qemuDomainDeleteConfig(drv, obj->def->name) < 0)
        goto cleanup;
    obj->autostart = false;
    qemuDomainEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_UNDEFINED,
                            VIR_DOMAIN_EVENT_UNDEFINED_REMOVED);
    if (nuvDomainObjIsActive(obj)) {
        /* it runs on as a transient domain */
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

/* ---- start ---- */

static void
qemuEmitStarted(qemuDriver *drv, nuvDomainObj *obj, unsigned int flags)
{
    qemuDomainEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED);
    if (flags & VIR_DOMAIN_START_PAUSED)
        qemuDomainEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_SUSPENDED,
                                VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
}

static int
qemuDomainCreateWithFlags(virDomainPtr domain, unsigned int flags)
{
    qemuDriver *drv = qemuDriverOf(domain->conn);
    nuvDomainObj *obj;
    int ret = -1;

    nuvCheckFlags(VIR_DOMAIN_START_PAUSED | VIR_DOMAIN_START_AUTODESTROY |
                  VIR_DOMAIN_START_BYPASS_CACHE | VIR_DOMAIN_START_FORCE_BOOT, -1);

    if (!(obj = qemuDomObjFromDomain(domain)))
        return -1;
    if (qemuDomainJobBegin(obj) < 0)
        goto cleanup;
    if (nuvDomainObjIsActive(obj)) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s", "domain is already running");
        goto endjob;
    }
    if (qemuSaveHasManagedImage(drv, obj)) {
        if (!(flags & VIR_DOMAIN_START_FORCE_BOOT)) {
            /* the guest goes on where its managed save left it */
            if (qemuSaveStartManaged(drv, obj, flags) < 0)
                goto endjob;
            domain->id = obj->id;
            ret = 0;
            goto endjob;
        }
        {
            /* a fresh boot throws the saved state away */
            g_autofree char *save = qemuSaveManagedPath(drv, obj->def->name);
            unlink(save);
            obj->hasManagedSave = false;
        }
    }
    if (qemuProcessStart(drv, obj, flags) < 0)
        goto endjob;
    if (flags & VIR_DOMAIN_START_AUTODESTROY)
        qemuDomainPrivOf(obj)->autoDestroyConn = domain->conn;
    qemuEmitStarted(drv, obj, flags);
    domain->id = obj->id;
    ret = 0;

 endjob:
    qemuDomainJobEnd(obj);
 cleanup:
    nuvDomainObjEndAPI(&obj);
    return ret;
}

static virDomainPtr
qemuDomainCreateXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    qemuDriver *drv = qemuDriverOf(conn);
    g_autoptr(nuvDomainDef) def = NULL;
    nuvDomainObj *obj;
    virDomainPtr dom = NULL;

    nuvCheckFlags(VIR_DOMAIN_START_PAUSED | VIR_DOMAIN_START_AUTODESTROY |
                  VIR_DOMAIN_START_VALIDATE, NULL);
    if (!(def = qemuDomainParse(xml, NUV_DOMAIN_DEF_PARSE_INACTIVE |
                                ((flags & VIR_DOMAIN_START_VALIDATE) ?
                                 NUV_DOMAIN_DEF_PARSE_VALIDATE : 0))))
        return NULL;
    if (!(obj = nuvDomainObjListAdd(drv->domains, &def,
                                    NUV_DOMAIN_OBJ_ADD_LIVE | NUV_DOMAIN_OBJ_ADD_CHECK_ACTIVE,
                                    NULL)))
        return NULL;
    qemuDomainPrivEnsure(drv, obj);
    if (qemuDomainJobBegin(obj) < 0)
        goto cleanup;
    if (qemuProcessStart(drv, obj, flags & VIR_DOMAIN_START_PAUSED) < 0) {
        /* a transient domain that never ran is forgotten */
        if (!obj->persistent && !nuvDomainObjIsActive(obj))
            nuvDomainObjListRemove(drv->domains, obj);
        qemuDomainJobEnd(obj);
        goto cleanup;
    }
    if (flags & VIR_DOMAIN_START_AUTODESTROY)
        qemuDomainPrivOf(obj)->autoDestroyConn = conn;
    qemuEmitStarted(drv, obj, flags);
    dom = qemuDomainHandle(conn, obj);
    qemuDomainJobEnd(obj);

 cleanup:
    nuvDomainObjEndAPI(&obj);
    return dom;
}

/* ---- stop ---- */

static int
qemuDomainDestroyFlags(virDomainPtr domain, unsigned int flags)
{
    qemuDriver *drv = qemuDriverOf(domain->conn);
    nuvDomainObj *obj;
    int ret = -1;

    nuvCheckFlags(VIR_DOMAIN_DESTROY_GRACEFUL, -1);

    if (!(obj = qemuDomObjFromDomain(domain)))
        return -1;
    if (qemuCheckActive(obj) < 0)
        goto cleanup;
    /* Destroy does not wait behind a slow job: it ends the process now,
     * which makes the job fail; then it waits for its turn to clean up. */
    qemuDomainPrivOf(obj)->beingDestroyed = true;
    if (obj->job != NUV_DOMAIN_JOB_NONE && qemuDomainPrivOf(obj)->pidfd >= 0)
        nuvPidfdSignal(qemuDomainPrivOf(obj)->pidfd, SIGTERM);
    if (qemuDomainJobBegin(obj) < 0)
        goto cleanup;
    if (qemuCheckActive(obj) < 0)
        goto endjob;
    if (qemuProcessStopWithKill(drv, obj, VIR_DOMAIN_SHUTOFF_DESTROYED,
                                flags & VIR_DOMAIN_DESTROY_GRACEFUL) < 0)
        goto endjob;
    qemuDomainEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_STOPPED,
                            VIR_DOMAIN_EVENT_STOPPED_DESTROYED);
    domain->id = -1;
    ret = 0;

 endjob:
    qemuDomainJobEnd(obj);
 cleanup:
    nuvDomainObjEndAPI(&obj);
    return ret;
}

/* Run one QMP command on a running domain, inside a job. */
static int
qemuDomainSimpleCommand(virDomainPtr domain, const char *cmd, int newState, int newReason,
                        int eventType, int eventDetail)
{
    qemuDriver *drv = qemuDriverOf(domain->conn);
    nuvDomainObj *obj;
    int ret = -1;

    if (!(obj = qemuDomObjFromDomain(domain)))
        return -1;
    if (qemuCheckActive(obj) < 0 || qemuDomainJobBegin(obj) < 0)
        goto cleanup;
    if (qemuCheckActive(obj) < 0)
        goto endjob;
    if (strcmp(cmd, "stop") == 0)
        qemuDomainPrivOf(obj)->pausedReason = VIR_DOMAIN_PAUSED_USER;
    if (qemuProcessCommand(obj, cmd, NULL, NULL) < 0)
        goto endjob;
    /* The matching QMP event may come later; state and event are set
     * here so that the caller sees the change at once, and only once. */
    if (newState >= 0 && nuvDomainObjIsActive(obj) && obj->state != newState) {
        nuvDomainObjSetState(obj, newState, newReason);
        qemuDomainSaveStatus(drv, obj);
        qemuDomainEmitLifecycle(drv, obj, eventType, eventDetail);
    }
    ret = 0;

 endjob:
    qemuDomainJobEnd(obj);
 cleanup:
    nuvDomainObjEndAPI(&obj);
    return ret;
}

static int
qemuDomainSuspend(virDomainPtr domain)
{
    nuvDomainObj *obj;
    int state;

    if (!(obj = qemuDomObjFromDomain(domain)))
        return -1;
    state = obj->state;
    nuvDomainObjEndAPI(&obj);
    if (state == VIR_DOMAIN_PAUSED)
        return 0;
    return qemuDomainSimpleCommand(domain, "stop", VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER,
                                   VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
}

static int
qemuDomainResume(virDomainPtr domain)
{
    return qemuDomainSimpleCommand(domain, "cont", VIR_DOMAIN_RUNNING,
                                   VIR_DOMAIN_RUNNING_UNPAUSED, VIR_DOMAIN_EVENT_RESUMED,
                                   VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
}

static int
qemuDomainShutdownFlags(virDomainPtr domain, unsigned int flags)
{
    nuvCheckFlags(VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN | VIR_DOMAIN_SHUTDOWN_GUEST_AGENT, -1);
    if (flags & VIR_DOMAIN_SHUTDOWN_GUEST_AGENT && !(flags & VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN)) {
        nuvReportError(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                       "QEMU guest agent is not configured");
        return -1;
    }
    return qemuDomainSimpleCommand(domain, "system_powerdown", -1, 0, 0, 0);
}

static int
qemuDomainReboot(virDomainPtr domain, unsigned int flags)
{
    nuvDomainObj *obj;

    nuvCheckFlags(VIR_DOMAIN_REBOOT_ACPI_POWER_BTN | VIR_DOMAIN_REBOOT_GUEST_AGENT, -1);
    if (flags & VIR_DOMAIN_REBOOT_GUEST_AGENT && !(flags & VIR_DOMAIN_REBOOT_ACPI_POWER_BTN)) {
        nuvReportError(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                       "QEMU guest agent is not configured");
        return -1;
    }
    if (!(obj = qemuDomObjFromDomain(domain)))
        return -1;
    if (nuvDomainObjIsActive(obj))
        qemuProcessSetFakeReboot(obj, true);
    nuvDomainObjEndAPI(&obj);
    /* the guest powers off on the ACPI request; the driver then resets it */
    return qemuDomainSimpleCommand(domain, "system_powerdown", -1, 0, 0, 0);
}

static int
qemuDomainReset(virDomainPtr domain, unsigned int flags)
{
    nuvCheckFlags(0, -1);
    return qemuDomainSimpleCommand(domain, "system_reset", -1, 0, 0, 0);
}

/* ---- information ---- */

static int
qemuDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info)
{
    nuvDomainObj *obj;

    if (!(obj = qemuDomObjFromDomain(domain)))
        return -1;
    memset(info, 0, sizeof(*info));
    info->state = obj->state;
    info->maxMem = obj->def->memory;
    info->memory = obj->def->currentMemory ? obj->def->currentMemory : obj->def->memory;
    info->nrVirtCpu = obj->def->vcpus;
    info->cpuTime = nuvDomainObjIsActive(obj) ? qemuProcessCPUTime(obj) : 0;
    nuvDomainObjEndAPI(&obj);
    return 0;
}

static int
qemuDomainGetState(virDomainPtr domain, int *state, int *reason, unsigned int flags)
{
    nuvDomainObj *obj;

    nuvCheckFlags(0, -1);
    if (!(obj = qemuDomObjFromDomain(domain)))
        return -1;
    *state = obj->state;
    if (reason)
        *reason = obj->reason;
    nuvDomainObjEndAPI(&obj);
    return 0;
}

static int
qemuDomainGetControlInfo(virDomainPtr domain, virDomainControlInfoPtr info, unsigned int flags)
{
    nuvDomainObj *obj;
    int ret = -1;

    nuvCheckFlags(0, -1);
    if (!(obj = qemuDomObjFromDomain(domain)))
        return -1;
    if (qemuCheckActive(obj) < 0)
        goto cleanup;
    memset(info, 0, sizeof(*info));
    info->state = obj->job != NUV_DOMAIN_JOB_NONE ? VIR_DOMAIN_CONTROL_JOB : VIR_DOMAIN_CONTROL_OK;
    ret = 0;

 cleanup:
    nuvDomainObjEndAPI(&obj);
    return ret;
}

static char *
qemuDomainGetXMLDesc(virDomainPtr domain, unsigned int flags)
{
    nuvDomainObj *obj;
    nuvDomainDef *def;
    char *xml;

    nuvCheckFlags(VIR_DOMAIN_XML_SECURE | VIR_DOMAIN_XML_INACTIVE |
                  VIR_DOMAIN_XML_MIGRATABLE | VIR_DOMAIN_XML_UPDATE_CPU, NULL);
    if (!(obj = qemuDomObjFromDomain(domain)))
        return NULL;
    def = (flags & VIR_DOMAIN_XML_INACTIVE) ? nuvDomainObjGetPersistentDef(obj) : obj->def;
    xml = nuvDomainDefFormat(def, (flags & VIR_DOMAIN_XML_INACTIVE) ? -1 : obj->id, flags);
    nuvDomainObjEndAPI(&obj);
    return xml;
}

static char *
qemuDomainGetOSType(virDomainPtr domain)
{
    nuvDomainObj *obj;
    char *type;

    if (!(obj = qemuDomObjFromDomain(domain)))
        return NULL;
    type = g_strdup(obj->def->osType ? obj->def->osType : "hvm");
    nuvDomainObjEndAPI(&obj);
    return type;
}

static unsigned long
qemuDomainGetMaxMemory(virDomainPtr domain)
{
    nuvDomainObj *obj;
    unsigned long mem;

    if (!(obj = qemuDomObjFromDomain(domain)))
        return 0;
    mem = obj->def->memory;
    nuvDomainObjEndAPI(&obj);
    return mem;
}

static int
qemuDomainIsActive(virDomainPtr domain)
{
    nuvDomainObj *obj;
    int ret;

    if (!(obj = qemuDomObjFromDomain(domain)))
        return -1;
    ret = nuvDomainObjIsActive(obj);
    nuvDomainObjEndAPI(&obj);
    return ret;
}

static int
qemuDomainIsPersistent(virDomainPtr domain)
{
    nuvDomainObj *obj;
    int ret;

    if (!(obj = qemuDomObjFromDomain(domain)))
        return -1;
    ret = obj->persistent;
    nuvDomainObjEndAPI(&obj);
    return ret;
}

static int
qemuDomainIsUpdated(virDomainPtr domain)
{
    nuvDomainObj *obj;
    int ret;

    if (!(obj = qemuDomObjFromDomain(domain)))
        return -1;
    ret = obj->updated;
    nuvDomainObjEndAPI(&obj);
    return ret;
}

static int
qemuDomainGetAutostart(virDomainPtr domain, int *autostart)
{
    nuvDomainObj *obj;

    if (!(obj = qemuDomObjFromDomain(domain)))
        return -1;
    *autostart = obj->autostart;
    nuvDomainObjEndAPI(&obj);
    return 0;
}

static int
qemuDomainSetAutostart(virDomainPtr domain, int autostart)
{
    nuvDomainObj *obj;
    int ret = -1;

    if (!(obj = qemuDomObjFromDomain(domain)))
        return -1;
    if (!obj->persistent) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       "cannot set autostart for transient domain");
        goto cleanup;
    }
    if (qemuDomainSetAutostartLink(qemuDriverOf(domain->conn), obj->def->name, autostart) < 0)
        goto cleanup;
    obj->autostart = autostart != 0;
    ret = 0;

 cleanup:
    nuvDomainObjEndAPI(&obj);
    return ret;
}

/* ---- memory and vCPU counts ---- */

/* Which definitions a VIR_DOMAIN_AFFECT_* call changes: *@live for the
 * running domain, *@config for the persistent one (CURRENT: whichever the
 * domain's state means). */
static int
qemuAffected(nuvDomainObj *obj, unsigned int flags, bool *live, bool *config)
{
    *live = flags & VIR_DOMAIN_AFFECT_LIVE;
    *config = flags & VIR_DOMAIN_AFFECT_CONFIG;
    if (!*live && !*config) {
        *live = nuvDomainObjIsActive(obj);
        *config = !*live;
    }
    if (*live && qemuCheckActive(obj) < 0)
        return -1;
    if (*config && !obj->persistent) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       "cannot change persistent config of a transient domain");
        return -1;
    }
    return 0;
}

static bool
qemuHasVirtioBalloon(const nuvDomainDef *def)
{
    nuvXNode *mb = nuvXNodeChild(nuvDomainDefDevices(def), "memballoon");

    return nuvXNodeGetEnum(mb, "model") == NUV_DOMAIN_MEMBALLOON_MODEL_VIRTIO;
}

/* The configuration half of SetMemoryFlags and SetVcpusFlags: the new
 * current value, or with @maximum the new maximum with the current value
 * lowered to it (the two fields differ in type, hence a macro). */
#define QEMU_SET_CURRENT_OR_MAX(maximum, value, current, max) \
    do { \
        if (maximum) { \
            (max) = (value); \
            if ((current) > (value)) \
                (current) = (value); \
        } else { \
            (current) = (value); \
        } \
    } while (0)

/* SetMemoryFlags and SetVcpusFlags begin alike: the domain under a job,
 * the definitions @flags name, a change of the maximum refused on a live
 * domain (with @maxLiveCode and @maxLiveMsg), the persistent definition
 * ready to change (NULL when the config is not affected).  On failure the
 * job is ended and NULL returned. */
static nuvDomainObj *
qemuDomainBeginLimitChange(virDomainPtr domain, unsigned int flags, bool maximum,
                           int maxLiveCode, const char *maxLiveMsg,
                           bool *live, nuvDomainDef **persistent)
{
    nuvDomainObj *obj;
    bool config;

    if (!(obj = qemuDomObjFromDomain(domain)))
        return NULL;
    if (qemuDomainJobBegin(obj) < 0)
        goto cleanup;
    if (qemuAffected(obj, flags, live, &config) < 0)
        goto endjob;
    if (maximum && *live) {
        nuvReportError(maxLiveCode, "%s", maxLiveMsg);
        goto endjob;
    }
    *persistent = config ? nuvDomainObjPrepareChange(obj) : NULL;
    return obj;

 endjob:
    qemuDomainJobEnd(obj);
 cleanup:
    nuvDomainObjEndAPI(&obj);
    return NULL;
}

static int
qemuDomainSetMemoryFlags(virDomainPtr domain, unsigned long memory, unsigned int flags)
{
    qemuDriver *drv = qemuDriverOf(domain->conn);
    nuvDomainObj *obj;
    nuvDomainDef *persistent = NULL;
    bool live, maximum = flags & VIR_DOMAIN_MEM_MAXIMUM;
    int ret = -1;

    nuvCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG | VIR_DOMAIN_MEM_MAXIMUM, -1);
    if (!(obj = qemuDomainBeginLimitChange(domain, flags, maximum, VIR_ERR_OPERATION_INVALID,
                                           "cannot resize the maximum memory on an active domain",
                                           &live, &persistent)))
        return -1;
    if (!maximum && ((persistent && memory > persistent->memory) ||
                     (live && memory > obj->def->memory))) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s", "cannot set memory higher than max memory");
        goto endjob;
    }
    if (live) {
        json_object *args;

        if (!qemuHasVirtioBalloon(obj->def)) {
            nuvReportError(VIR_ERR_OPERATION_INVALID, "%s",
                           "Unable to change memory of active domain without the balloon "
                           "device and guest OS balloon driver");
            goto endjob;
        }
        /* QEMU asks the guest's balloon driver; the guest gives back
         * what it can, in its own time */
        args = json_object_new_object();
        json_object_object_add(args, "value", json_object_new_int64((int64_t) memory * 1024));
        if (qemuProcessCommand(obj, "balloon", args, NULL) < 0)
            goto endjob;
        if (nuvDomainObjIsActive(obj)) {
            obj->def->currentMemory = memory;
            qemuDomainSaveStatus(drv, obj);
        }
    }
    if (persistent) {
        QEMU_SET_CURRENT_OR_MAX(maximum, memory, persistent->currentMemory, persistent->memory);
        if (qemuDomainSaveConfig(drv, persistent) < 0)
            goto endjob;
    }
    ret = 0;

 endjob:
    qemuDomainJobEnd(obj);
    nuvDomainObjEndAPI(&obj);
    return ret;
}

static int
qemuDomainSetMaxMemory(virDomainPtr domain, unsigned long memory)
{
    return qemuDomainSetMemoryFlags(domain, memory, VIR_DOMAIN_MEM_MAXIMUM);
}

static int
qemuDomainGetVcpusFlags(virDomainPtr domain, unsigned int flags)
{
    nuvDomainObj *obj;
    nuvDomainDef *def;
    bool live, config;
    int ret = -1;

    nuvCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                  VIR_DOMAIN_VCPU_MAXIMUM | VIR_DOMAIN_VCPU_GUEST, -1);
    if (!(obj = qemuDomObjFromDomain(domain)))
        return -1;
    if (flags & VIR_DOMAIN_VCPU_GUEST) {
        nuvReportError(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                       "QEMU guest agent is not configured");
        goto cleanup;
    }
    if (qemuAffected(obj, flags, &live, &config) < 0)
        goto cleanup;
    def = live ? obj->def : nuvDomainObjGetPersistentDef(obj);
    ret = (flags & VIR_DOMAIN_VCPU_MAXIMUM) ? (int) def->maxvcpus : (int) def->vcpus;

 cleanup:
    nuvDomainObjEndAPI(&obj);
    return ret;
}

/* Plug vCPUs into the running domain until it has @want: QEMU lists the
 * slots -smp maxcpus= left empty (those without a qom-path). */
static int
qemuDomainHotplugVcpus(nuvDomainObj *obj, unsigned int want)
{
    json_object *slots = NULL;
    unsigned int have = obj->def->vcpus;
    int ret = -1;

    if (qemuProcessCommand(obj, "query-hotpluggable-cpus", NULL, &slots) < 0)
        return -1;
    /* QEMU lists the highest slot first: plug from the end */
    for (size_t i = json_object_array_length(slots); i-- > 0 && have < want;) {
        json_object *slot = json_object_array_get_idx(slots, i);
        json_object *dev;

        if (json_object_object_get_ex(slot, "qom-path", NULL))
            continue;
        dev = json_object_new_object();
        json_object_object_add(dev, "driver",
                               json_object_get(json_object_object_get(slot, "type")));
        json_object_object_foreach(json_object_object_get(slot, "props"), key, val)
            json_object_object_add(dev, key, json_object_get(val));
        {
            g_autofree char *id = g_strdup_printf("vcpu%u", have);
            json_object_object_add(dev, "id", json_object_new_string(id));
        }
        if (qemuProcessCommand(obj, "device_add", dev, NULL) < 0)
            goto cleanup;
        if (!nuvDomainObjIsActive(obj))
            goto cleanup;
        obj->def->vcpus = ++have;
    }
    ret = 0;

 cleanup:
    json_object_put(slots);
    return ret;
}

static int
qemuDomainSetVcpusFlags(virDomainPtr domain, unsigned int nvcpus, unsigned int flags)
{
    qemuDriver *drv = qemuDriverOf(domain->conn);
    nuvDomainObj *obj;
    nuvDomainDef *persistent = NULL;
    bool live, maximum = flags & VIR_DOMAIN_VCPU_MAXIMUM;
    int ret = -1;

    nuvCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                  VIR_DOMAIN_VCPU_MAXIMUM | VIR_DOMAIN_VCPU_GUEST |
                  VIR_DOMAIN_VCPU_HOTPLUGGABLE, -1);
    if (!(obj = qemuDomainBeginLimitChange(domain, flags, maximum, VIR_ERR_INVALID_ARG,
                                           "maximum vcpu count of a live domain can't be modified",
                                           &live, &persistent)))
        return -1;
    /* as libvirt, under the job: the agent is what would set them */
    if (flags & VIR_DOMAIN_VCPU_GUEST) {
        nuvReportError(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                       "QEMU guest agent is not configured");
        goto endjob;
    }
    if (!maximum && persistent && nvcpus > persistent->maxvcpus) {
        nuvReportError(VIR_ERR_INVALID_ARG,
                       "requested vcpus is greater than max allowable vcpus for the "
                       "persistent domain: %u > %u", nvcpus, persistent->maxvcpus);
        goto endjob;
    }
    if (live) {
        if (nvcpus > obj->def->maxvcpus) {
            nuvReportError(VIR_ERR_INVALID_ARG,
                           "requested vcpus is greater than max allowable vcpus for the "
                           "live domain: %u > %u", nvcpus, obj->def->maxvcpus);
            goto endjob;
        }
        if (nvcpus < obj->def->vcpus) {
            /* unplug needs the guest's consent, which this driver does not
             * wait for yet */
            nuvReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                           "removing vCPUs from a running domain is not supported by this "
                           "QEMU driver");
            goto endjob;
        }
        if (qemuDomainHotplugVcpus(obj, nvcpus) < 0) {
            if (nuvDomainObjIsActive(obj))
                qemuDomainSaveStatus(drv, obj);
            goto endjob;
        }
        qemuDomainSaveStatus(drv, obj);
    }
    if (persistent) {
        QEMU_SET_CURRENT_OR_MAX(maximum, nvcpus, persistent->vcpus, persistent->maxvcpus);
        if (qemuDomainSaveConfig(drv, persistent) < 0)
            goto endjob;
    }
    ret = 0;

 endjob:
    qemuDomainJobEnd(obj);
    nuvDomainObjEndAPI(&obj);
    return ret;
}

static char *
qemuConnectDomainXMLToNative(virConnectPtr conn, const char *format, const char *xml,
                             unsigned int flags)
{
    qemuDriver *drv = qemuDriverOf(conn);
    g_autoptr(nuvDomainDef) def = NULL;
    g_autoptr(GPtrArray) argv = NULL;
    g_autoptr(GPtrArray) env = NULL;
    g_autofree char *emulator = NULL;
    qemuCommandParams params = { 0 };

    nuvCheckFlags(0, NULL);
    if (strcmp(format, "qemu-argv") != 0) {
        nuvReportError(VIR_ERR_INVALID_ARG, "Unsupported config type %s", format);
        return NULL;
    }
    if (!(def = qemuDomainParse(xml, NUV_DOMAIN_DEF_PARSE_INACTIVE)) ||
        !(emulator = qemuCommandEmulator(def, drv->emulator)))
        return NULL;
    params.emulator = emulator;
    params.monitorFd = 3;
    params.hasKVM = drv->hasKVM;
    if (qemuBuildCommandLine(def, &params, &argv, &env) < 0)
        return NULL;
    return qemuCommandToString(argv, env);
}

/* ---- libvirt-qemu.h ---- */

static int
qemuDomainQemuMonitorCommand(virDomainPtr domain, const char *cmd, char **result,
                             unsigned int flags)
{
    nuvDomainObj *obj;
    int ret = -1;

    nuvCheckFlags(VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP, -1);
    if (!(obj = qemuDomObjFromDomain(domain)))
        return -1;
    if (qemuCheckActive(obj) < 0 || qemuDomainJobBegin(obj) < 0)
        goto cleanup;
    if (flags & VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP) {
        /* HMP goes through QMP's human-monitor-command */
        json_object *args = json_object_new_object();
        json_object *out = NULL;

        json_object_object_add(args, "command-line", json_object_new_string(cmd));
        if (qemuProcessCommand(obj, "human-monitor-command", args, &out) == 0) {
            *result = g_strdup(json_object_get_string(out));
            json_object_put(out);
            ret = 0;
        }
    } else {
        ret = qemuProcessCommandText(obj, cmd, result);
    }
    qemuDomainJobEnd(obj);
 cleanup:
    nuvDomainObjEndAPI(&obj);
    return ret;
}

static char *
qemuDomainQemuAgentCommand(virDomainPtr domain, const char *cmd, int timeout,
                           unsigned int flags)
{
    nuvDomainObj *obj;
    char *ret = NULL;

    nuvCheckFlags(0, NULL);
    if (!(obj = qemuDomObjFromDomain(domain)))
        return NULL;
    if (qemuCheckActive(obj) < 0 || qemuDomainJobBegin(obj) < 0)
        goto cleanup;
    if (qemuCheckActive(obj) == 0)
        ret = qemuAgentCommand(obj, cmd, timeout);
    qemuDomainJobEnd(obj);
 cleanup:
    nuvDomainObjEndAPI(&obj);
    return ret;
}

/* ---- events ---- */

static int
qemuConnectDomainEventRegisterAny(virConnectPtr conn, virDomainPtr dom, int eventID,
                                  virConnectDomainEventGenericCallback cb, void *opaque,
                                  virFreeCallback freecb)
{
    return nuvEventRegisterDomain(qemuDriverOf(conn)->events, conn, dom, eventID, cb,
                                  opaque, freecb);
}

static int
qemuConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    return nuvEventDeregister(qemuDriverOf(conn)->events, conn, callbackID);
}

static int
qemuConnectDomainEventRegister(virConnectPtr conn, virConnectDomainEventCallback cb,
                               void *opaque, virFreeCallback freecb)
{
    return nuvEventRegisterDomainLegacy(qemuDriverOf(conn)->events, conn, cb, opaque, freecb);
}

static int
qemuConnectDomainEventDeregister(virConnectPtr conn, virConnectDomainEventCallback cb)
{
    return nuvEventDeregisterDomainLegacy(qemuDriverOf(conn)->events, conn, cb);
}

void
qemuDriverConnectionClosed(virConnectPtr conn)
{
    nuvEventDeregisterConnection(qemuDriverOf(conn)->events, conn);
    qemuProcessAutoDestroy(qemuDriverOf(conn), conn);
}

const nuvHypervisorDriver qemuHypervisorDriver = {
    .name = "QEMU",
    .connectGetType = qemuConnectGetType,                       /* 0.2.0 */
    .connectGetVersion = qemuConnectGetVersion,                 /* 0.2.0 */
    .connectGetHostname = qemuConnectGetHostname,               /* 0.3.3 */
    .connectGetMaxVcpus = qemuConnectGetMaxVcpus,               /* 0.2.1 */
    .connectIsSecure = qemuConnectIsSecure,                     /* 0.7.3 */
    .connectIsEncrypted = qemuConnectIsEncrypted,               /* 0.7.3 */
    .connectIsAlive = qemuConnectIsAlive,                       /* 0.9.8 */
    .connectGetCapabilities = qemuConnectGetCapabilities,       /* 0.2.1 */
    .connectGetDomainCapabilities = qemuConnectGetDomainCapabilities, /* 1.2.7 */
    .connectDomainXMLToNative = qemuConnectDomainXMLToNative,   /* 0.6.4 */
    .nodeGetInfo = qemuNodeGetInfo,                             /* 0.2.0 */
    .connectListAllDomains = qemuConnectListAllDomains,         /* 0.9.13 */
    .connectListDomains = qemuConnectListDomains,               /* 0.2.0 */
    .connectNumOfDomains = qemuConnectNumOfDomains,             /* 0.2.0 */
    .connectListDefinedDomains = qemuConnectListDefinedDomains, /* 0.2.0 */
    .connectNumOfDefinedDomains = qemuConnectNumOfDefinedDomains, /* 0.2.0 */
    .domainLookupByName = qemuDomainLookupByName,               /* 0.2.0 */
    .domainLookupByUUID = qemuDomainLookupByUUID,               /* 0.2.0 */
    .domainLookupByID = qemuDomainLookupByID,                   /* 0.2.0 */
    .domainDefineXMLFlags = qemuDomainDefineXMLFlags,           /* 1.2.12 */
    .domainUndefineFlags = qemuDomainUndefineFlags,             /* 0.9.4 */
    .domainCreateWithFlags = qemuDomainCreateWithFlags,         /* 0.8.2 */
    .domainCreateXML = qemuDomainCreateXML,                     /* 0.2.0 */
    .domainDestroyFlags = qemuDomainDestroyFlags,               /* 0.9.4 */
    .domainShutdownFlags = qemuDomainShutdownFlags,             /* 0.9.10 */
    .domainReboot = qemuDomainReboot,                           /* 0.9.3 */
    .domainReset = qemuDomainReset,                             /* 0.9.7 */
    .domainSuspend = qemuDomainSuspend,                         /* 0.2.0 */
    .domainResume = qemuDomainResume,                           /* 0.2.0 */
    .domainGetInfo = qemuDomainGetInfo,                         /* 0.2.0 */
    .domainGetState = qemuDomainGetState,                       /* 0.9.2 */
    .domainGetControlInfo = qemuDomainGetControlInfo,           /* 0.9.3 */
    .domainGetXMLDesc = qemuDomainGetXMLDesc,                   /* 0.2.0 */
    .domainGetOSType = qemuDomainGetOSType,                     /* 0.2.2 */
    .domainGetMaxMemory = qemuDomainGetMaxMemory,               /* 0.4.2 */
    .domainSetMaxMemory = qemuDomainSetMaxMemory,               /* 0.4.2 */
    .domainSetMemoryFlags = qemuDomainSetMemoryFlags,           /* 0.9.0 */
    .domainGetVcpusFlags = qemuDomainGetVcpusFlags,             /* 0.8.5 */
    .domainSetVcpusFlags = qemuDomainSetVcpusFlags,             /* 0.8.5 */
    .domainIsActive = qemuDomainIsActive,                       /* 0.7.3 */
    .domainIsPersistent = qemuDomainIsPersistent,               /* 0.7.3 */
    .domainIsUpdated = qemuDomainIsUpdated,                     /* 0.8.6 */
    .domainGetAutostart = qemuDomainGetAutostart,               /* 0.2.1 */
    .domainSetAutostart = qemuDomainSetAutostart,               /* 0.2.1 */
    .domainQemuMonitorCommand = qemuDomainQemuMonitorCommand,   /* 0.8.3 */
    .domainQemuAgentCommand = qemuDomainQemuAgentCommand,       /* 0.10.0 */
    .domainSaveFlags = qemuDomainSaveFlags,                     /* 0.9.4 */
    .domainRestoreFlags = qemuDomainRestoreFlags,               /* 0.9.4 */
    .domainManagedSave = qemuDomainManagedSave,                 /* 0.8.0 */
    .domainHasManagedSaveImage = qemuDomainHasManagedSaveImage, /* 0.8.0 */
    .domainManagedSaveRemove = qemuDomainManagedSaveRemove,     /* 0.8.0 */
    .domainManagedSaveGetXMLDesc = qemuDomainManagedSaveGetXMLDesc, /* 3.7.0 */
    .domainManagedSaveDefineXML = qemuDomainManagedSaveDefineXML, /* 3.7.0 */
    .domainSaveImageGetXMLDesc = qemuDomainSaveImageGetXMLDesc, /* 0.9.4 */
    .domainSaveImageDefineXML = qemuDomainSaveImageDefineXML,   /* 0.9.4 */
    .domainGetJobInfo = qemuDomainGetJobInfo,                   /* 0.7.7 */
    .domainGetJobStats = qemuDomainGetJobStats,                 /* 1.0.3 */
    .domainAbortJobFlags = qemuDomainAbortJobFlags,             /* 8.5.0 */
    .domainBlockRebase = qemuDomainBlockRebase,                 /* 0.9.10 */
    .domainBlockPull = qemuDomainBlockPull,                     /* 0.9.4 */
    .domainBlockCopy = qemuDomainBlockCopy,                     /* 1.2.9 */
    .domainBlockCommit = qemuDomainBlockCommit,                 /* 1.0.0 */
    .domainBlockJobAbort = qemuDomainBlockJobAbort,             /* 0.9.4 */
    .domainGetBlockJobInfo = qemuDomainGetBlockJobInfo,         /* 0.9.4 */
    .domainBlockJobSetSpeed = qemuDomainBlockJobSetSpeed,       /* 0.9.4 */
    .domainAttachDeviceFlags = qemuDomainAttachDeviceFlags,     /* 0.7.7 */
    .domainDetachDeviceFlags = qemuDomainDetachDeviceFlags,     /* 0.7.7 */
    .domainDetachDeviceAlias = qemuDomainDetachDeviceAlias,     /* 4.4.0 */
    .domainMemoryStats = qemuDomainMemoryStats,                 /* 0.7.5 */
    .domainSetMemoryStatsPeriod = qemuDomainSetMemoryStatsPeriod, /* 1.1.1 */
    .domainBlockStats = qemuDomainBlockStats,                   /* 0.4.1 */
    .domainBlockStatsFlags = qemuDomainBlockStatsFlags,         /* 0.9.5 */
    .domainGetBlockInfo = qemuDomainGetBlockInfo,               /* 0.8.1 */
    .domainInterfaceStats = qemuDomainInterfaceStats,           /* 0.4.1 */
    .domainOpenConsole = qemuDomainOpenConsole,                 /* 0.8.6 */
    .domainGetVcpus = qemuDomainGetVcpus,                       /* 0.4.4 */
    .domainGetCPUStats = qemuDomainGetCPUStats,                 /* 0.9.11 */
    .nodeGetCPUMap = qemuNodeGetCPUMap,                         /* 1.0.0 */
    .connectGetAllDomainStats = qemuConnectGetAllDomainStats,   /* 1.2.8 */
    .domainListGetStats = qemuDomainListGetStats,               /* 1.2.8 */
    .connectDomainEventRegister = qemuConnectDomainEventRegister, /* 0.5.0 */
    .connectDomainEventDeregister = qemuConnectDomainEventDeregister, /* 0.5.0 */
    .connectDomainEventRegisterAny = qemuConnectDomainEventRegisterAny, /* 0.8.0 */
    .connectDomainEventDeregisterAny = qemuConnectDomainEventDeregisterAny, /* 0.8.0 */
};
