/*
 * test_domain.c: domain lifecycle, state, configuration and naming in the test
 * driver.  Every method follows one shape: check flags, find the object
 * (locked, referenced), check its state, change it, release it.
 */
#include <string.h>

#include "util/locks.h"
#include "test/test_private.h"
#include "test/test_driver.h"
#include "test/test_domain_defaults.h"
#include "conf/moment_list.h"
#include "util/error.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_TEST

/* Largest definition accepted, as for every document read from outside. */
#define TEST_XML_MAX (10 * 1024 * 1024)

nuvDomainObj *
testDomObjFromDomain(virDomainPtr dom)
{
    testDriver *drv = testDriverOf(dom->conn);
    nuvDomainObj *obj;
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    if (!(obj = nuvDomainObjListFindByUUID(drv->domains, dom->uuid))) {
        nuvReportError(VIR_ERR_NO_DOMAIN, "no domain with matching uuid '%s' (%s)",
                       nuvUUIDFormat(dom->uuid, uuidstr), dom->name);
    }
    return obj;
}

/* Test-only (test_driver.h): set before the threads that use it start. */
static void (*jobHook)(const char *api, void *opaque);
static void *jobHookOpaque;

void
testDriverSetJobHook(void (*hook)(const char *api, void *opaque), void *opaque)
{
    jobHookOpaque = opaque;
    jobHook = hook;
}

nuvDomainObj *
testDomObjBeginJob(virDomainPtr dom, nuvDomainJob job, const char *api)
{
    nuvDomainObj *obj;

    if (!(obj = testDomObjFromDomain(dom)))
        return NULL;
    if (nuvDomainObjBeginJob(obj, job, api) < 0) {
        nuvDomainObjEndAPI(&obj);
        return NULL;
    }
    if (G_UNLIKELY(jobHook)) {
        /* where a real hypervisor waits for its monitor: the job held, the
         * domain unlocked, and so changed meanwhile only by queries or
         * removal */
        nuvDomainObjUnlock(obj);
        jobHook(api, jobHookOpaque);
        nuvDomainObjLock(obj);
        if (nuvDomainObjIsRemoved(obj)) {
            nuvReportError(VIR_ERR_NO_DOMAIN, "no domain with matching name '%s'",
                           obj->def->name);
            testDomObjEndJob(&obj);
            return NULL;
        }
    }
    return obj;
}

void
testDomObjEndJob(nuvDomainObj **obj)
{
    if (!*obj)
        return;
    nuvDomainObjEndJob(*obj);
    nuvDomainObjEndAPI(obj);
}

virDomainPtr
testDomainHandle(virConnectPtr conn, nuvDomainObj *obj)
{
    return nuvGetDomain(conn, obj->def->name, obj->def->uuid, obj->id);
}

int
testCheckActive(nuvDomainObj *obj)
{
    if (!nuvDomainObjIsActive(obj)) {
        nuvReportErrorFrom(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_INVALID,
                           "%s", "domain is not running");
        return -1;
    }
    return 0;
}

nuvDomainDef *
testParseDef(const char *xml, unsigned int flags)
{
    if (strlen(xml) > TEST_XML_MAX) {
        nuvReportErrorFrom(VIR_FROM_DOMAIN, VIR_ERR_XML_ERROR,
                           "domain XML of %zu bytes exceeds the limit of %d bytes",
                           strlen(xml), TEST_XML_MAX);
        return NULL;
    }
    return nuvDomainDefParse(xml, testDomainXMLOption(), flags);
}

void
testEmitLifecycle(testDriver *drv, nuvDomainObj *obj, int type, int detail)
{
    nuvEventQueue(drv->events, nuvDomainEventLifecycleNew(obj->def->name, obj->def->uuid,
                                                          obj->id, type, detail));
}

/* ---- lookups and lists ---- */

virDomainPtr
testDomainLookupByName(virConnectPtr conn, const char *name)
{
    nuvDomainObj *obj = nuvDomainObjListFindByName(testDriverOf(conn)->domains, name);
    virDomainPtr dom;

    if (!obj) {
        nuvReportError(VIR_ERR_NO_DOMAIN, "no domain with matching name '%s'", name);
        return NULL;
    }
    dom = testDomainHandle(conn, obj);
    nuvDomainObjEndAPI(&obj);
    return dom;
}

virDomainPtr
testDomainLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    nuvDomainObj *obj = nuvDomainObjListFindByUUID(testDriverOf(conn)->domains, uuid);
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    virDomainPtr dom;

    if (!obj) {
        nuvReportError(VIR_ERR_NO_DOMAIN, "no domain with matching uuid '%s'",
                       nuvUUIDFormat(uuid, uuidstr));
        return NULL;
    }
    dom = testDomainHandle(conn, obj);
    nuvDomainObjEndAPI(&obj);
    return dom;
}

virDomainPtr
testDomainLookupByID(virConnectPtr conn, int id)
{
    nuvDomainObj *obj = nuvDomainObjListFindByID(testDriverOf(conn)->domains, id);
    virDomainPtr dom;

    if (!obj) {
        nuvReportError(VIR_ERR_NO_DOMAIN, "no domain with matching id %d", id);
        return NULL;
    }
    dom = testDomainHandle(conn, obj);
    nuvDomainObjEndAPI(&obj);
    return dom;
}


int
testConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains, unsigned int flags)
{
    size_t count, n = 0;
    nuvDomainObj **objs;
    virDomainPtr *doms = NULL;

    nuvCheckFlags(NUV_DOMAIN_LIST_FILTERS, -1);

    objs = nuvDomainObjListCollect(testDriverOf(conn)->domains, &count);
    if (domains)
        doms = g_new0(virDomainPtr, count + 1);
    for (size_t i = 0; i < count; i++) {
        nuvDomainObj *obj = objs[i];
        nuvDomainObjLock(obj);
        if (!nuvDomainObjIsRemoved(obj) && nuvDomainObjMatchesFilter(obj, flags)) {
            if (doms)
                doms[n] = testDomainHandle(conn, obj);
            n++;
        }
        nuvDomainObjUnlock(obj);
    }
    nuvDomainObjListFreeArray(objs, count);
    if (domains)
        *domains = doms;
    return (int)n;
}

static int
countDomains(virConnectPtr conn, bool active)
{
    return testConnectListAllDomains(conn, NULL, active ? VIR_CONNECT_LIST_DOMAINS_ACTIVE
                                                        : VIR_CONNECT_LIST_DOMAINS_INACTIVE);
}

int
testConnectNumOfDomains(virConnectPtr conn)
{
    return countDomains(conn, true);
}

int
testConnectNumOfDefinedDomains(virConnectPtr conn)
{
    return countDomains(conn, false);
}

static gint
compareInts(gconstpointer a, gconstpointer b)
{
    return *(const int *)a - *(const int *)b;
}

int
testConnectListDomains(virConnectPtr conn, int *ids, int maxids)
{
    size_t count;
    nuvDomainObj **objs = nuvDomainObjListCollect(testDriverOf(conn)->domains, &count);
    g_autoptr(GArray) found = g_array_new(FALSE, FALSE, sizeof(int));

    for (size_t i = 0; i < count; i++) {
        nuvDomainObjLock(objs[i]);
        if (!nuvDomainObjIsRemoved(objs[i]) && nuvDomainObjIsActive(objs[i]))
            g_array_append_val(found, objs[i]->id);
        nuvDomainObjUnlock(objs[i]);
    }
    nuvDomainObjListFreeArray(objs, count);
    g_array_sort(found, compareInts);
    for (guint i = 0; i < found->len && (int)i < maxids; i++)
        ids[i] = g_array_index(found, int, i);
    return MIN((int)found->len, maxids);
}

int
testConnectListDefinedDomains(virConnectPtr conn, char **const names, int maxnames)
{
    size_t count;
    int n = 0;
    nuvDomainObj **objs = nuvDomainObjListCollect(testDriverOf(conn)->domains, &count);

    for (size_t i = 0; i < count && n < maxnames; i++) {
        nuvDomainObjLock(objs[i]);
        if (!nuvDomainObjIsRemoved(objs[i]) && !nuvDomainObjIsActive(objs[i]))
            names[n++] = g_strdup(objs[i]->def->name);
        nuvDomainObjUnlock(objs[i]);
    }
    nuvDomainObjListFreeArray(objs, count);
    return n;
}

/* ---- define, create, undefine ---- */

virDomainPtr
testDomainDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    testDriver *drv = testDriverOf(conn);
    g_autoptr(nuvDomainDef) def = NULL;
    g_autoptr(nuvDomainDef) oldDef = NULL;
    nuvDomainObj *obj;
    virDomainPtr dom;

    nuvCheckFlags(VIR_DOMAIN_DEFINE_VALIDATE, NULL);

    if (!(def = testParseDef(xml, NUV_DOMAIN_DEF_PARSE_INACTIVE |
                             ((flags & VIR_DOMAIN_DEFINE_VALIDATE) ?
                              NUV_DOMAIN_DEF_PARSE_VALIDATE : 0))))
        return NULL;
    if (!(obj = nuvDomainObjListAdd(drv->domains, &def, 0, &oldDef)))
        return NULL;
    /* A running transient domain that gets a definition was not "added". */
    testEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_DEFINED,
                      oldDef || obj->persistent || nuvDomainObjIsActive(obj) ?
                      VIR_DOMAIN_EVENT_DEFINED_UPDATED : VIR_DOMAIN_EVENT_DEFINED_ADDED);
    obj->persistent = true;
    dom = testDomainHandle(conn, obj);
    nuvDomainObjEndAPI(&obj);
    return dom;
}

/* Make @obj (locked, inactive) run: a new id, the given state. */
static void
startDomain(testDriver *drv, nuvDomainObj *obj, int state, int reason)
{
    nuvDomainObjListSetID(drv->domains, obj, g_atomic_int_add(&drv->nextDomID, 1));
    nuvDomainObjSetState(obj, state, reason);
    obj->startedAt = g_get_monotonic_time();
}

/* Stop @obj (locked, active).  A transient domain disappears; a persistent
 * one takes up its pending configuration. */
static void
stopDomain(testDriver *drv, nuvDomainObj *obj, int reason)
{
    nuvDomainObjSetState(obj, VIR_DOMAIN_SHUTOFF, reason);
    nuvDomainObjListSetID(drv->domains, obj, -1);
    obj->updated = false;
    if (obj->newDef) {
        nuvDomainDefFree(obj->def);
        obj->def = g_steal_pointer(&obj->newDef);
    }
    if (!obj->persistent)
        nuvDomainObjListRemove(drv->domains, obj);
}

virDomainPtr
testDomainCreateXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    testDriver *drv = testDriverOf(conn);
    g_autoptr(nuvDomainDef) def = NULL;
    nuvDomainObj *obj;
    virDomainPtr dom;

    nuvCheckFlags(VIR_DOMAIN_START_PAUSED | VIR_DOMAIN_START_VALIDATE, NULL);

    if (!(def = testParseDef(xml, NUV_DOMAIN_DEF_PARSE_INACTIVE |
                             ((flags & VIR_DOMAIN_START_VALIDATE) ?
                              NUV_DOMAIN_DEF_PARSE_VALIDATE : 0))))
        return NULL;
    if (!(obj = nuvDomainObjListAdd(drv->domains, &def,
                                    NUV_DOMAIN_OBJ_ADD_LIVE |
                                    NUV_DOMAIN_OBJ_ADD_CHECK_ACTIVE, NULL)))
        return NULL;
    if (flags & VIR_DOMAIN_START_PAUSED)
        startDomain(drv, obj, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
    else
        startDomain(drv, obj, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    testEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED);
    if (flags & VIR_DOMAIN_START_PAUSED)
        testEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_SUSPENDED,
                          VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    dom = testDomainHandle(conn, obj);
    nuvDomainObjEndAPI(&obj);
    return dom;
}

/* The test hypervisor has no use for passed files; libvirt's ignores them
 * too, after the same checks as the plain calls. */
virDomainPtr
testDomainCreateXMLWithFiles(virConnectPtr conn, const char *xml,
                             unsigned int nfiles G_GNUC_UNUSED, int *files G_GNUC_UNUSED,
                             unsigned int flags)
{
    return testDomainCreateXML(conn, xml, flags);
}

int
testDomainCreateWithFiles(virDomainPtr domain, unsigned int nfiles G_GNUC_UNUSED,
                          int *files G_GNUC_UNUSED, unsigned int flags)
{
    return testDomainCreateWithFlags(domain, flags);
}

int
testDomainCreateWithFlags(virDomainPtr domain, unsigned int flags)
{
    testDriver *drv = testDriverOf(domain->conn);
    nuvDomainObj *obj;
    int ret = -1;

    /* libvirt's test hypervisor starts defined guests only one way. */
    nuvCheckFlags(0, -1);

    if (!(obj = testDomObjBeginJob(domain, NUV_DOMAIN_JOB_MODIFY, __func__)))
        return -1;
    if (nuvDomainObjIsActive(obj)) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "Domain '%s' is already running",
                       obj->def->name);
        goto cleanup;
    }
    if (obj->hasManagedSave) {
        /* Starting resumes from the managed save image, which is used up. */
        obj->hasManagedSave = false;
        startDomain(drv, obj, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_RESTORED);
        testEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_STARTED,
                          VIR_DOMAIN_EVENT_STARTED_RESTORED);
    } else {
        startDomain(drv, obj, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
        testEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED);
    }
    domain->id = obj->id;
    ret = 0;

 cleanup:
    testDomObjEndJob(&obj);
    return ret;
}

int
testDomainUndefineFlags(virDomainPtr domain, unsigned int flags)
{
    testDriver *drv = testDriverOf(domain->conn);
    nuvDomainObj *obj;
    int ret = -1;

    nuvCheckFlags(VIR_DOMAIN_UNDEFINE_MANAGED_SAVE |
                  VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA |
                  VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA |
                  VIR_DOMAIN_UNDEFINE_NVRAM | VIR_DOMAIN_UNDEFINE_KEEP_NVRAM |
                  VIR_DOMAIN_UNDEFINE_TPM | VIR_DOMAIN_UNDEFINE_KEEP_TPM, -1);

    if (!(obj = testDomObjBeginJob(domain, NUV_DOMAIN_JOB_MODIFY, __func__)))
        return -1;
    /* libvirt's test hypervisor accepts this for a running transient
     * domain too: it stays as it is, and the UNDEFINED event is sent. */
    if (obj->hasManagedSave) {
        if (!(flags & VIR_DOMAIN_UNDEFINE_MANAGED_SAVE)) {
            nuvReportErrorFrom(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_INVALID, "%s",
                               "Refusing to undefine while domain managed save image exists");
            goto cleanup;
        }
        obj->hasManagedSave = false;
    }
    /* An inactive domain's snapshot metadata goes only when the caller says
     * so (a running one keeps it, as libvirt's test driver does). */
    if (!nuvDomainObjIsActive(obj) && nuvMomentListSize(obj->snapshots) > 0 &&
        !(flags & VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA)) {
        nuvReportError(VIR_ERR_OPERATION_INVALID,
                       "cannot delete inactive domain with %zu snapshots",
                       nuvMomentListSize(obj->snapshots));
        goto cleanup;
    }
    /* Checkpoints do not block it: libvirt's test hypervisor drops them. */
    if (flags & VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA)
        g_clear_pointer(&obj->snapshots, nuvMomentListFree);
    if ((flags & VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA) || !nuvDomainObjIsActive(obj))
        g_clear_pointer(&obj->checkpoints, nuvMomentListFree);
    testEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_UNDEFINED, VIR_DOMAIN_EVENT_UNDEFINED_REMOVED);
    if (nuvDomainObjIsActive(obj)) {
        /* A running domain stays, as a transient one. */
        obj->persistent = false;
        obj->autostart = false;
        nuvDomainDefFree(g_steal_pointer(&obj->newDef));
    } else {
        nuvDomainObjListRemove(drv->domains, obj);
    }
    ret = 0;

 cleanup:
    testDomObjEndJob(&obj);
    return ret;
}

/* ---- state changes ---- */

int
testDomainDestroyFlags(virDomainPtr domain, unsigned int flags)
{
    testDriver *drv = testDriverOf(domain->conn);
    nuvDomainObj *obj;
    int ret = -1;

    nuvCheckFlags(VIR_DOMAIN_DESTROY_GRACEFUL, -1);

    if (!(obj = testDomObjBeginJob(domain, NUV_DOMAIN_JOB_DESTROY, __func__)))
        return -1;
    if (testCheckActive(obj) < 0)
        goto cleanup;
    stopDomain(drv, obj, VIR_DOMAIN_SHUTOFF_DESTROYED);
    testEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_DESTROYED);
    domain->id = -1;
    ret = 0;

 cleanup:
    testDomObjEndJob(&obj);
    return ret;
}

int
testDomainShutdownFlags(virDomainPtr domain, unsigned int flags)
{
    testDriver *drv = testDriverOf(domain->conn);
    nuvDomainObj *obj;
    int ret = -1;

    /* The test guest has no agent, ACPI or initctl to choose between. */
    nuvCheckFlags(0, -1);

    if (!(obj = testDomObjBeginJob(domain, NUV_DOMAIN_JOB_MODIFY, __func__)))
        return -1;
    if (obj->state != VIR_DOMAIN_RUNNING) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "domain '%s' not running", obj->def->name);
        goto cleanup;
    }
    stopDomain(drv, obj, VIR_DOMAIN_SHUTOFF_SHUTDOWN);
    testEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN);
    domain->id = -1;
    ret = 0;

 cleanup:
    testDomObjEndJob(&obj);
    return ret;
}

int
testDomainReboot(virDomainPtr domain, unsigned int flags)
{
    nuvDomainObj *obj;
    int ret = -1;

    nuvCheckFlags(VIR_DOMAIN_REBOOT_DEFAULT | VIR_DOMAIN_REBOOT_ACPI_POWER_BTN |
                  VIR_DOMAIN_REBOOT_GUEST_AGENT | VIR_DOMAIN_REBOOT_INITCTL |
                  VIR_DOMAIN_REBOOT_SIGNAL | VIR_DOMAIN_REBOOT_PARAVIRT, -1);

    if (!(obj = testDomObjBeginJob(domain, NUV_DOMAIN_JOB_MODIFY, __func__)))
        return -1;
    if (testCheckActive(obj) < 0)
        goto cleanup;
    /* The guest comes straight back up. */
    nuvDomainObjSetState(obj, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    nuvEventQueue(testDriverOf(domain->conn)->events,
                  nuvDomainEventRebootNew(obj->def->name, obj->def->uuid, obj->id));
    ret = 0;

 cleanup:
    testDomObjEndJob(&obj);
    return ret;
}

int
testDomainReset(virDomainPtr domain, unsigned int flags)
{
    nuvDomainObj *obj;
    int ret = -1;

    nuvCheckFlags(0, -1);

    if (!(obj = testDomObjBeginJob(domain, NUV_DOMAIN_JOB_MODIFY, __func__)))
        return -1;
    if (testCheckActive(obj) < 0)
        goto cleanup;
    ret = 0;

 cleanup:
    testDomObjEndJob(&obj);
    return ret;
}

int
testDomainSuspend(virDomainPtr domain)
{
    nuvDomainObj *obj;
    int ret = -1;

    if (!(obj = testDomObjBeginJob(domain, NUV_DOMAIN_JOB_MODIFY, __func__)))
        return -1;
    if (obj->state != VIR_DOMAIN_RUNNING) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "domain '%s' not running", obj->def->name);
        goto cleanup;
    }
    nuvDomainObjSetState(obj, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
    testEmitLifecycle(testDriverOf(domain->conn), obj, VIR_DOMAIN_EVENT_SUSPENDED,
                      VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    ret = 0;

 cleanup:
    testDomObjEndJob(&obj);
    return ret;
}

int
testDomainResume(virDomainPtr domain)
{
    nuvDomainObj *obj;
    int ret = -1;

    if (!(obj = testDomObjBeginJob(domain, NUV_DOMAIN_JOB_MODIFY, __func__)))
        return -1;
    if (obj->state != VIR_DOMAIN_PAUSED) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "domain '%s' not paused", obj->def->name);
        goto cleanup;
    }
    nuvDomainObjSetState(obj, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED);
    testEmitLifecycle(testDriverOf(domain->conn), obj, VIR_DOMAIN_EVENT_RESUMED,
                      VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
    ret = 0;

 cleanup:
    testDomObjEndJob(&obj);
    return ret;
}

/* ---- save and managed save ---- */

int
testDomainManagedSave(virDomainPtr domain, unsigned int flags)
{
    testDriver *drv = testDriverOf(domain->conn);
    nuvDomainObj *obj;
    int ret = -1;

    nuvCheckFlags(VIR_DOMAIN_SAVE_BYPASS_CACHE | VIR_DOMAIN_SAVE_RUNNING |
                  VIR_DOMAIN_SAVE_PAUSED, -1);

    if (!(obj = testDomObjBeginJob(domain, NUV_DOMAIN_JOB_MODIFY, __func__)))
        return -1;
    if (testCheckActive(obj) < 0)
        goto cleanup;
    if (!obj->persistent) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       "cannot do managed save for transient domain");
        goto cleanup;
    }
    stopDomain(drv, obj, VIR_DOMAIN_SHUTOFF_SAVED);
    testEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_SAVED);
    obj->hasManagedSave = true;
    domain->id = -1;
    ret = 0;

 cleanup:
    testDomObjEndJob(&obj);
    return ret;
}

int
testDomainHasManagedSaveImage(virDomainPtr domain, unsigned int flags)
{
    nuvDomainObj *obj;
    int ret;

    nuvCheckFlags(0, -1);
    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    ret = obj->hasManagedSave ? 1 : 0;
    nuvDomainObjEndAPI(&obj);
    return ret;
}

int
testDomainManagedSaveRemove(virDomainPtr domain, unsigned int flags)
{
    nuvDomainObj *obj;

    nuvCheckFlags(0, -1);
    if (!(obj = testDomObjBeginJob(domain, NUV_DOMAIN_JOB_MODIFY, __func__)))
        return -1;
    obj->hasManagedSave = false;
    testDomObjEndJob(&obj);
    return 0;
}

/* virDomainSave keeps the definition in memory under the path's name; the
 * test hypervisor has no guest memory to write. */
int
testDomainSaveFlags(virDomainPtr domain, const char *to, const char *dxml, unsigned int flags)
{
    testDriver *drv = testDriverOf(domain->conn);
    nuvDomainObj *obj;
    char *xml;
    int ret = -1;

    nuvCheckFlags(VIR_DOMAIN_SAVE_BYPASS_CACHE | VIR_DOMAIN_SAVE_RUNNING |
                  VIR_DOMAIN_SAVE_PAUSED, -1);
    if (dxml) {
        nuvReportError(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                       "xml modification unsupported");
        return -1;
    }
    if (!(obj = testDomObjBeginJob(domain, NUV_DOMAIN_JOB_MODIFY, __func__)))
        return -1;
    if (testCheckActive(obj) < 0)
        goto cleanup;
    if (!(xml = nuvDomainDefFormat(obj->def, -1, VIR_DOMAIN_XML_SECURE)))
        goto cleanup;
    nuvMutexLock(&drv->saveLock);
    g_hash_table_replace(drv->savedImages, g_strdup(to), xml);
    nuvMutexUnlock(&drv->saveLock);
    stopDomain(drv, obj, VIR_DOMAIN_SHUTOFF_SAVED);
    testEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_SAVED);
    domain->id = -1;
    ret = 0;

 cleanup:
    testDomObjEndJob(&obj);
    return ret;
}

int
testDomainRestoreFlags(virConnectPtr conn, const char *from, const char *dxml,
                       unsigned int flags)
{
    testDriver *drv = testDriverOf(conn);
    g_autoptr(nuvDomainDef) def = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *path = NULL;
    nuvDomainObj *obj;

    nuvCheckFlags(VIR_DOMAIN_SAVE_BYPASS_CACHE | VIR_DOMAIN_SAVE_RUNNING |
                  VIR_DOMAIN_SAVE_PAUSED, -1);
    if (dxml) {
        nuvReportError(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                       "xml modification unsupported");
        return -1;
    }
    nuvMutexLock(&drv->saveLock);
    g_hash_table_steal_extended(drv->savedImages, from, (gpointer *)&path, (gpointer *)&xml);
    nuvMutexUnlock(&drv->saveLock);
    if (!xml) {
        nuvReportSystemError(ENOENT, "cannot read domain image '%s'", from);
        return -1;
    }
    if (!(def = testParseDef(xml, NUV_DOMAIN_DEF_PARSE_INACTIVE)))
        return -1;
    if (!(obj = nuvDomainObjListAdd(drv->domains, &def,
                                    NUV_DOMAIN_OBJ_ADD_LIVE |
                                    NUV_DOMAIN_OBJ_ADD_CHECK_ACTIVE, NULL)))
        return -1;
    if (flags & VIR_DOMAIN_SAVE_PAUSED)
        startDomain(drv, obj, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
    else
        startDomain(drv, obj, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_RESTORED);
    testEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_RESTORED);
    nuvDomainObjEndAPI(&obj);
    return 0;
}

/* ---- information ---- */

static unsigned long long
cpuTimeNs(nuvDomainObj *obj)
{
    /* The test hypervisor's guests use all their time: wall clock since
     * the epoch, in nanoseconds, as libvirt's test driver reports. */
    return (unsigned long long)g_get_real_time() * 1000ULL;
}

int
testDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info)
{
    nuvDomainObj *obj;

    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    info->state = obj->state;
    info->maxMem = obj->def->memory;
    info->memory = obj->def->currentMemory;
    info->nrVirtCpu = obj->def->vcpus;
    info->cpuTime = cpuTimeNs(obj);
    nuvDomainObjEndAPI(&obj);
    return 0;
}

int
testDomainGetState(virDomainPtr domain, int *state, int *reason, unsigned int flags)
{
    nuvDomainObj *obj;

    nuvCheckFlags(0, -1);
    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    *state = obj->state;
    if (reason)
        *reason = obj->reason;
    nuvDomainObjEndAPI(&obj);
    return 0;
}

int
testDomainGetControlInfo(virDomainPtr domain, virDomainControlInfoPtr info,
                         unsigned int flags)
{
    nuvDomainObj *obj;
    int ret = -1;

    nuvCheckFlags(0, -1);
    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    if (testCheckActive(obj) < 0)
        goto cleanup;
    memset(info, 0, sizeof(*info));
    info->state = VIR_DOMAIN_CONTROL_OK;
    ret = 0;

 cleanup:
    nuvDomainObjEndAPI(&obj);
    return ret;
}

char *
testDomainGetXMLDesc(virDomainPtr domain, unsigned int flags)
{
    nuvDomainObj *obj;
    nuvDomainDef *def;
    char *xml;

    nuvCheckFlags(VIR_DOMAIN_XML_SECURE | VIR_DOMAIN_XML_INACTIVE |
                  VIR_DOMAIN_XML_MIGRATABLE | VIR_DOMAIN_XML_UPDATE_CPU, NULL);
    if (!(obj = testDomObjFromDomain(domain)))
        return NULL;
    def = (flags & VIR_DOMAIN_XML_INACTIVE) ? nuvDomainObjGetPersistentDef(obj) : obj->def;
    xml = nuvDomainDefFormat(def, (flags & VIR_DOMAIN_XML_INACTIVE) ? -1 : obj->id, flags);
    nuvDomainObjEndAPI(&obj);
    return xml;
}

char *
testDomainGetOSType(virDomainPtr domain)
{
    nuvDomainObj *obj;

    if (!(obj = testDomObjFromDomain(domain)))
        return NULL;
    nuvDomainObjEndAPI(&obj);
    /* What libvirt's test hypervisor reports for every guest. */
    return g_strdup("linux");
}

int
testDomainIsActive(virDomainPtr domain)
{
    nuvDomainObj *obj;
    int ret;

    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    ret = nuvDomainObjIsActive(obj);
    nuvDomainObjEndAPI(&obj);
    return ret;
}

int
testDomainIsPersistent(virDomainPtr domain)
{
    nuvDomainObj *obj;
    int ret;

    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    ret = obj->persistent;
    nuvDomainObjEndAPI(&obj);
    return ret;
}

int
testDomainIsUpdated(virDomainPtr domain)
{
    nuvDomainObj *obj;
    int ret;

    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    ret = obj->updated;
    nuvDomainObjEndAPI(&obj);
    return ret;
}

int
testDomainGetAutostart(virDomainPtr domain, int *autostart)
{
    nuvDomainObj *obj;

    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    *autostart = obj->autostart;
    nuvDomainObjEndAPI(&obj);
    return 0;
}

int
testDomainSetAutostart(virDomainPtr domain, int autostart)
{
    nuvDomainObj *obj;

    if (!(obj = testDomObjBeginJob(domain, NUV_DOMAIN_JOB_MODIFY, __func__)))
        return -1;
    obj->autostart = autostart != 0;
    testDomObjEndJob(&obj);
    return 0;
}

/* ---- memory and vCPUs ---- */

unsigned long
testDomainGetMaxMemory(virDomainPtr domain)
{
    nuvDomainObj *obj;
    unsigned long ret;

    if (!(obj = testDomObjFromDomain(domain)))
        return 0;
    ret = obj->def->memory;
    nuvDomainObjEndAPI(&obj);
    return ret;
}

int
testDomainSetMaxMemory(virDomainPtr domain, unsigned long memory)
{
    nuvDomainObj *obj;

    if (!(obj = testDomObjBeginJob(domain, NUV_DOMAIN_JOB_MODIFY, __func__)))
        return -1;
    nuvDomainObjPrepareChange(obj);
    obj->def->memory = memory;
    if (obj->def->currentMemory > memory)
        obj->def->currentMemory = memory;
    testDomObjEndJob(&obj);
    return 0;
}

int
testDomainSetMemoryFlags(virDomainPtr domain, unsigned long memory, unsigned int flags)
{
    nuvDomainObj *obj;
    nuvDomainDef *def;
    int ret = -1;

    nuvCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                  VIR_DOMAIN_MEM_MAXIMUM, -1);
    if (!(obj = testDomObjBeginJob(domain, NUV_DOMAIN_JOB_MODIFY, __func__)))
        return -1;
    if (flags & VIR_DOMAIN_AFFECT_CONFIG) {
        def = nuvDomainObjPrepareChange(obj);
    } else {
        if (testCheckActive(obj) < 0)
            goto cleanup;
        nuvDomainObjPrepareChange(obj);
        def = obj->def;
    }
    if (flags & VIR_DOMAIN_MEM_MAXIMUM) {
        if (!(flags & VIR_DOMAIN_AFFECT_CONFIG) && nuvDomainObjIsActive(obj)) {
            nuvReportError(VIR_ERR_OPERATION_INVALID, "%s",
                           "cannot resize the maximum memory on an active domain");
            goto cleanup;
        }
        def->memory = memory;
        if (def->currentMemory > memory)
            def->currentMemory = memory;
    } else {
        if (memory > def->memory) {
            nuvReportErrorRawFrom(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, "%s",
                                  "cannot set memory higher than max memory");
            goto cleanup;
        }
        def->currentMemory = memory;
    }
    ret = 0;

 cleanup:
    testDomObjEndJob(&obj);
    return ret;
}

int
testDomainGetVcpusFlags(virDomainPtr domain, unsigned int flags)
{
    nuvDomainObj *obj;
    nuvDomainDef *def;
    int ret = -1;

    nuvCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                  VIR_DOMAIN_VCPU_MAXIMUM | VIR_DOMAIN_VCPU_GUEST, -1);
    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    if (flags & VIR_DOMAIN_AFFECT_LIVE) {
        if (testCheckActive(obj) < 0)
            goto cleanup;
        def = obj->def;
    } else if (flags & VIR_DOMAIN_AFFECT_CONFIG) {
        def = nuvDomainObjGetPersistentDef(obj);
    } else {
        def = obj->def;
    }
    ret = (flags & VIR_DOMAIN_VCPU_MAXIMUM) ? (int)def->maxvcpus : (int)def->vcpus;

 cleanup:
    nuvDomainObjEndAPI(&obj);
    return ret;
}

int
testDomainSetVcpusFlags(virDomainPtr domain, unsigned int nvcpus, unsigned int flags)
{
    nuvDomainObj *obj;
    nuvDomainDef *def;
    int ret = -1;

    nuvCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                  VIR_DOMAIN_VCPU_MAXIMUM | VIR_DOMAIN_VCPU_GUEST |
                  VIR_DOMAIN_VCPU_HOTPLUGGABLE, -1);
    if (!(obj = testDomObjBeginJob(domain, NUV_DOMAIN_JOB_MODIFY, __func__)))
        return -1;
    if (flags & VIR_DOMAIN_AFFECT_CONFIG) {
        def = nuvDomainObjPrepareChange(obj);
    } else {
        if (testCheckActive(obj) < 0)
            goto cleanup;
        nuvDomainObjPrepareChange(obj);
        def = obj->def;
    }
    if (flags & VIR_DOMAIN_VCPU_MAXIMUM) {
        if (!(flags & VIR_DOMAIN_AFFECT_CONFIG)) {
            nuvReportError(VIR_ERR_INVALID_ARG, "%s",
                           "cannot set the maximum vcpu count of a running domain");
            goto cleanup;
        }
        def->maxvcpus = nvcpus;
        if (def->vcpus > nvcpus)
            def->vcpus = nvcpus;
    } else {
        if (nvcpus > def->maxvcpus) {
            nuvReportError(VIR_ERR_INVALID_ARG,
                           "requested cpu amount exceeds maximum supported amount (%u > %u)",
                           nvcpus, def->maxvcpus);
            goto cleanup;
        }
        def->vcpus = nvcpus;
    }
    ret = 0;

 cleanup:
    testDomObjEndJob(&obj);
    return ret;
}

/* ---- metadata and scheduler ---- */

int
testDomainSetMetadata(virDomainPtr domain, int type, const char *metadata,
                      const char *key, const char *uri, unsigned int flags)
{
    nuvDomainObj *obj;
    int ret = -1;

    nuvCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    if (!(obj = testDomObjBeginJob(domain, NUV_DOMAIN_JOB_MODIFY, __func__)))
        return -1;
    if (flags & VIR_DOMAIN_AFFECT_LIVE && testCheckActive(obj) < 0)
        goto cleanup;
    nuvDomainObjPrepareChange(obj);
    if ((flags & VIR_DOMAIN_AFFECT_LIVE) || (!(flags & VIR_DOMAIN_AFFECT_CONFIG) &&
                                              nuvDomainObjIsActive(obj))) {
        if (nuvDomainDefSetMetadata(obj->def, type, metadata, key, uri) < 0)
            goto cleanup;
    }
    if ((flags & VIR_DOMAIN_AFFECT_CONFIG) || !nuvDomainObjIsActive(obj)) {
        if (nuvDomainDefSetMetadata(nuvDomainObjGetPersistentDef(obj),
                                    type, metadata, key, uri) < 0)
            goto cleanup;
    }
    nuvEventQueue(testDriverOf(domain->conn)->events,
                  nuvDomainEventMetadataChangeNew(obj->def->name, obj->def->uuid, obj->id,
                                                  type, uri));
    ret = 0;

 cleanup:
    testDomObjEndJob(&obj);
    return ret;
}

char *
testDomainGetMetadata(virDomainPtr domain, int type, const char *uri, unsigned int flags)
{
    nuvDomainObj *obj;
    char *ret;

    nuvCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, NULL);
    if (!(obj = testDomObjFromDomain(domain)))
        return NULL;
    ret = nuvDomainDefGetMetadata((flags & VIR_DOMAIN_AFFECT_CONFIG) ?
                                  nuvDomainObjGetPersistentDef(obj) : obj->def, type, uri);
    nuvDomainObjEndAPI(&obj);
    return ret;
}

char *
testDomainGetSchedulerType(virDomainPtr domain, int *nparams)
{
    if (nparams)
        *nparams = 1;
    return g_strdup("fair");
}

/* ---- rename and hostname ---- */

static int
renameCheck(nuvDomainObj *obj, void *opaque G_GNUC_UNUSED)
{
    if (nuvDomainObjIsActive(obj)) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s", "cannot rename active domain");
        return -1;
    }
    if (!obj->persistent) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s", "cannot rename a transient domain");
        return -1;
    }
    return 0;
}

int
testDomainRename(virDomainPtr domain, const char *new_name, unsigned int flags)
{
    testDriver *drv = testDriverOf(domain->conn);
    nuvDomainObj *obj;
    g_autofree char *oldName = NULL;
    nuvEvent *undefined = NULL;
    nuvEvent *defined = NULL;
    int ret = -1;

    nuvCheckFlags(0, -1);
    if (!new_name || !*new_name) {
        nuvReportErrorRawFrom(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG,
                              "string new_name in virDomainRename must not be %s",
                              new_name ? "empty" : "NULL");
        return -1;
    }
    if (!(obj = testDomObjBeginJob(domain, NUV_DOMAIN_JOB_MODIFY, __func__)))
        return -1;
    if (renameCheck(obj, NULL) < 0)
        goto cleanup;
    oldName = g_strdup(obj->def->name);
    if (nuvDomainObjListRename(drv->domains, obj, new_name, renameCheck, NULL) < 0)
        goto cleanup;
    /* Listeners see the old name go and the new one come. */
    undefined = nuvDomainEventLifecycleNew(oldName, obj->def->uuid, -1, VIR_DOMAIN_EVENT_UNDEFINED,
                                           VIR_DOMAIN_EVENT_UNDEFINED_RENAMED);
    defined =
        nuvDomainEventLifecycleNew(obj->def->name, obj->def->uuid, -1, VIR_DOMAIN_EVENT_DEFINED,
                                   VIR_DOMAIN_EVENT_DEFINED_RENAMED);
    ret = 0;

cleanup:
    testDomObjEndJob(&obj);
    if (undefined)
        nuvEventQueue(drv->events, undefined);
    if (defined)
        nuvEventQueue(drv->events, defined);
    return ret;
}

char *
testDomainGetHostname(virDomainPtr domain, unsigned int flags)
{
    nuvDomainObj *obj;
    char *ret = NULL;

    nuvCheckFlags(0, NULL);
    if (!(obj = testDomObjFromDomain(domain)))
        return NULL;
    if (testCheckActive(obj) == 0)
        ret = g_strdup("testhost");
    nuvDomainObjEndAPI(&obj);
    return ret;
}

int
testDomainGetMessages(virDomainPtr domain, char ***msgs, unsigned int flags)
{
    nuvDomainObj *obj;
    int ret;

    nuvCheckFlags(VIR_DOMAIN_MESSAGE_DEPRECATION | VIR_DOMAIN_MESSAGE_TAINTING, -1);
    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    ret = nuvDomainObjGetMessages(obj, msgs, flags);
    nuvDomainObjEndAPI(&obj);
    return ret;
}
