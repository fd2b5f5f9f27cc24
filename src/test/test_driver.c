/*
 * test_driver.c: connections, the node, and the driver tables of the test
 * hypervisor.
 */
#include <string.h>
#include <unistd.h>

#include "util/locks.h"
#include "test/test_driver.h"
#include "test/test_private.h"
#include "conf/secret_obj.h"
#include "conf/nwfilter_obj.h"
#include "util/error.h"
#include "util/uri.h"

#define VIR_FROM_THIS VIR_FROM_TEST

/* test:///default: every connection open at the same time shares this
 * state; the last close drops it and the next open starts afresh. */
static GMutex defaultLock;
static testDriver *defaultDriver;

/* The default guest, as libvirt's test hypervisor starts it. */
static const char defaultDomainXML[] =
    "<domain type='test'>"
    "  <name>test</name>"
    "  <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>"
    "  <memory>8388608</memory>"
    "  <currentMemory>2097152</currentMemory>"
    "  <vcpu>2</vcpu>"
    "  <os><type>hvm</type></os>"
    "  <clock offset='utc'/>"
    "  <on_poweroff>destroy</on_poweroff>"
    "  <on_reboot>restart</on_reboot>"
    "  <on_crash>destroy</on_crash>"
    "  <devices>"
    "    <disk type='file'>"
    "      <source file='/guest/diskimage1'/>"
    "      <target dev='vda' bus='virtio'/>"
    "      <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>"
    "    </disk>"
    "    <interface type='network'>"
    "      <mac address='aa:bb:cc:dd:ee:ff'/>"
    "      <source network='default'/>"
    "      <target dev='testnet0'/>"
    "      <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x0'/>"
    "    </interface>"
    "    <memballoon model='virtio'>"
    "      <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>"
    "    </memballoon>"
    "  </devices>"
    "</domain>";

static testDriver *
testDriverNew(void)
{
    testDriver *drv = g_new0(testDriver, 1);
    drv->refs = 1;
    drv->domains = nuvDomainObjListNew();
    drv->nextDomID = 1;
    g_mutex_init(&drv->saveLock);
    drv->savedImages = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    drv->events = nuvEventStateNew();
    drv->networks = nuvNetworkObjListNew();
    drv->pools = nuvStoragePoolObjListNew();
    drv->ifaces = nuvInterfaceObjListNew();
    drv->devs = nuvNodeDeviceObjListNew();
    drv->secrets = nuvSecretObjListNew();
    drv->nwfilters = nuvNWFilterObjListNew();
    drv->nodeNetworks = g_ptr_array_new_with_free_func(g_free);
    drv->nodeInterfaces = g_ptr_array_new_with_free_func(g_free);
    drv->nodePools = g_ptr_array_new_with_free_func((GDestroyNotify) testNodePoolFree);
    drv->nodeDevices = g_ptr_array_new_with_free_func(g_free);
    drv->nodeSnapshots = g_ptr_array_new_with_free_func((GDestroyNotify) testNodeSnapshotFree);
    drv->nodeAuths = g_ptr_array_new_with_free_func((GDestroyNotify) testNodeAuthFree);

    /* The node of libvirt's test hypervisor. */
    g_strlcpy(drv->nodeInfo.model, "i686", sizeof(drv->nodeInfo.model));
    drv->nodeInfo.memory = 3 * 1024 * 1024;
    drv->nodeInfo.cpus = 16;
    drv->nodeInfo.mhz = 1400;
    drv->nodeInfo.nodes = 2;
    drv->nodeInfo.sockets = 2;
    drv->nodeInfo.cores = 2;
    drv->nodeInfo.threads = 2;
    drv->ncells = 2;
    drv->cellMemory[0] = 2 * 1024 * 1024;
    drv->cellMemory[1] = 4 * 1024 * 1024;
    return drv;
}

static void
testDriverFree(testDriver *drv)
{
    if (!drv)
        return;
    nuvDomainObjListFree(drv->domains);
    nuvEventStateFree(drv->events);
    nuvNetworkObjListFree(drv->networks);
    nuvStoragePoolObjListFree(drv->pools);
    nuvInterfaceObjListFree(drv->ifaces);
    nuvNodeDeviceObjListFree(drv->devs);
    nuvSecretObjListFree(drv->secrets);
    nuvNWFilterObjListFree(drv->nwfilters);
    g_ptr_array_unref(drv->nodeNetworks);
    g_ptr_array_unref(drv->nodeInterfaces);
    g_ptr_array_unref(drv->nodePools);
    g_ptr_array_unref(drv->nodeDevices);
    g_ptr_array_unref(drv->nodeSnapshots);
    g_ptr_array_unref(drv->nodeAuths);
    g_hash_table_destroy(drv->savedImages);
    g_mutex_clear(&drv->saveLock);
    g_free(drv);
}

int
testDriverLoadDefault(testDriver *drv)
{
    g_autoptr(nuvDomainDef) def = NULL;
    nuvDomainObj *obj;

    if (!(def = nuvDomainDefParseString(defaultDomainXML, NUV_DOMAIN_DEF_PARSE_INACTIVE)))
        return -1;
    if (!(obj = nuvDomainObjListAdd(drv->domains, &def, 0, NULL)))
        return -1;
    obj->persistent = true;
    nuvDomainObjListSetID(drv->domains, obj, g_atomic_int_add(&drv->nextDomID, 1));
    nuvDomainObjSetState(obj, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNKNOWN);
    obj->startedAt = g_get_monotonic_time();
    nuvDomainObjEndAPI(&obj);
    if (testStorageLoadDefault(drv) < 0 ||
        testInterfaceLoadDefault(drv) < 0 ||
        testNodeDeviceLoadDefault(drv) < 0)
        return -1;
    return testNetworkLoadDefault(drv);
}

/* The networks a node file holds, up and persistent as libvirt starts them. */
static int
testDriverLoadNodeNetworks(testDriver *drv)
{
    for (guint i = 0; i < drv->nodeNetworks->len; i++) {
        if (testNetworkLoad(drv, g_ptr_array_index(drv->nodeNetworks, i)) < 0)
            return -1;
    }
    return 0;
}

static nuvDrvOpenStatus
testConnectOpen(virConnectPtr conn, nuvURI *uri, virConnectAuthPtr auth,
                unsigned int flags)
{
    nuvCheckFlags(VIR_CONNECT_RO, NUV_DRV_OPEN_ERROR);

    if (!uri)
        return NUV_DRV_OPEN_DECLINED;
    if (!uri->path || !*uri->path || strcmp(uri->path, "/") == 0) {
        nuvReportError(VIR_ERR_INVALID_ARG,
                       "%s", "testOpen: supply a path or use test:///default");
        return NUV_DRV_OPEN_ERROR;
    }
    if (strcmp(uri->path, "/default") != 0) {
        /* A node file: a private hypervisor for this connection alone. */
        testDriver *drv = testDriverNew();

        if (testDriverLoadFile(drv, uri->path) < 0 ||
            testSnapshotLoadNode(drv) < 0 ||
            testDriverLoadNodeNetworks(drv) < 0 ||
            testStorageLoadNodePools(drv) < 0 ||
            testNodeAuthenticate(drv, auth) < 0) {
            testDriverFree(drv);
            return NUV_DRV_OPEN_ERROR;
        }
        conn->privateData = drv;
        return NUV_DRV_OPEN_SUCCESS;
    }

    nuvMutexLock(&defaultLock);
    if (defaultDriver) {
        g_atomic_int_inc(&defaultDriver->refs);
    } else {
        testDriver *drv = testDriverNew();
        if (testDriverLoadDefault(drv) < 0) {
            nuvMutexUnlock(&defaultLock);
            testDriverFree(drv);
            return NUV_DRV_OPEN_ERROR;
        }
        defaultDriver = drv;
    }
    conn->privateData = defaultDriver;
    nuvMutexUnlock(&defaultLock);
    return NUV_DRV_OPEN_SUCCESS;
}

static int
testConnectClose(virConnectPtr conn)
{
    testDriver *drv = conn->privateData;

    nuvMutexLock(&defaultLock);
    if (g_atomic_int_dec_and_test(&drv->refs)) {
        if (drv == defaultDriver)
            defaultDriver = NULL;
        testDriverFree(drv);
    }
    nuvMutexUnlock(&defaultLock);
    conn->privateData = NULL;
    return 0;
}

/* ---- the connection and the node ---- */

static const char *
testConnectGetType(virConnectPtr conn G_GNUC_UNUSED)
{
    return "TEST";
}

static int
testConnectGetVersion(virConnectPtr conn G_GNUC_UNUSED, unsigned long *hvVer)
{
    *hvVer = 2;
    return 0;
}

static char *
testConnectGetHostname(virConnectPtr conn G_GNUC_UNUSED)
{
    char buf[256];

    if (gethostname(buf, sizeof(buf)) < 0) {
        nuvReportSystemError(errno, "%s", "cannot look up the host name");
        return NULL;
    }
    buf[sizeof(buf) - 1] = '\0';
    return g_strdup(buf);
}

static int
testConnectGetMaxVcpus(virConnectPtr conn G_GNUC_UNUSED, const char *type G_GNUC_UNUSED)
{
    return 32;
}

static int
testConnectIsSecure(virConnectPtr conn G_GNUC_UNUSED)
{
    return 1;
}

static int
testConnectIsEncrypted(virConnectPtr conn G_GNUC_UNUSED)
{
    return 0;
}

static int
testConnectIsAlive(virConnectPtr conn G_GNUC_UNUSED)
{
    return 1;
}

static int
testNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info)
{
    *info = testDriverOf(conn)->nodeInfo;
    return 0;
}

static unsigned long long
testNodeGetFreeMemory(virConnectPtr conn)
{
    testDriver *drv = testDriverOf(conn);
    return (drv->cellMemory[0] + drv->cellMemory[1]) * 1024ULL / 2;
}

static int
testNodeGetCellsFreeMemory(virConnectPtr conn, unsigned long long *freeMems,
                           int startCell, int maxCells)
{
    testDriver *drv = testDriverOf(conn);
    int n = 0;

    if (startCell < 0 || startCell >= drv->ncells) {
        nuvReportError(VIR_ERR_INVALID_ARG,
                       "Range exceeds available cells");
        return -1;
    }
    for (int i = startCell; i < drv->ncells && n < maxCells; i++)
        freeMems[n++] = drv->cellMemory[i];
    return n;
}

static int
testNodeGetCPUStats(virConnectPtr conn G_GNUC_UNUSED, int cpuNum G_GNUC_UNUSED,
                    virNodeCPUStatsPtr params, int *nparams, unsigned int flags)
{
    static const struct { const char *field; unsigned long long value; } stats[] = {
        { VIR_NODE_CPU_STATS_USER, 9797400000ULL },
        { VIR_NODE_CPU_STATS_KERNEL, 34678723400000ULL },
        { VIR_NODE_CPU_STATS_IDLE, 87264900000ULL },
        { VIR_NODE_CPU_STATS_IOWAIT, 763600000ULL },
    };
    int n = 0;

    nuvCheckFlags(0, -1);
    if (*nparams == 0) {
        *nparams = G_N_ELEMENTS(stats);
        return 0;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(stats) && n < *nparams; i++, n++) {
        g_strlcpy(params[n].field, stats[i].field, VIR_NODE_CPU_STATS_FIELD_LENGTH);
        params[n].value = stats[i].value;
    }
    *nparams = n;
    return 0;
}

static int
testNodeGetCPUMap(virConnectPtr conn G_GNUC_UNUSED, unsigned char **cpumap, unsigned int *online,
                  unsigned int flags)
{
    /* libvirt's test node: eight CPUs present, the even ones below six
     * online. */
    nuvCheckFlags(0, -1);
    if (cpumap) {
        *cpumap = g_new0(unsigned char, 1);
        (*cpumap)[0] = 0x15;
    }
    if (online)
        *online = 3;
    return 8;
}

static int
testNodeGetMemoryStats(virConnectPtr conn, int cellNum, virNodeMemoryStatsPtr params, int *nparams,
                       unsigned int flags)
{
    testDriver *drv = testDriverOf(conn);
    struct {
        const char *field;
        unsigned long long value;
    } stats[4];
    int ncells = drv->ncells;
    int n = 0;

    nuvCheckFlags(0, -1);
    if (cellNum != VIR_NODE_MEMORY_STATS_ALL_CELLS && (cellNum < 0 || cellNum >= ncells)) {
        nuvReportError(VIR_ERR_INVALID_ARG, "cell number %d is out of range 0..%d", cellNum,
                       ncells - 1);
        return -1;
    }
    /* The same numbers virNodeGetFreeMemory and the capabilities give:
     * a cell's free memory is half of it. */
    if (cellNum == VIR_NODE_MEMORY_STATS_ALL_CELLS) {
        unsigned long long sum = 0;
        for (int i = 0; i < ncells; i++)
            sum += drv->cellMemory[i];
        stats[n].field = VIR_NODE_MEMORY_STATS_TOTAL;
        stats[n++].value = drv->nodeInfo.memory;
        stats[n].field = VIR_NODE_MEMORY_STATS_FREE;
        stats[n++].value = sum / 2;
        stats[n].field = VIR_NODE_MEMORY_STATS_BUFFERS;
        stats[n++].value = 0;
        stats[n].field = VIR_NODE_MEMORY_STATS_CACHED;
        stats[n++].value = 0;
    } else {
        stats[n].field = VIR_NODE_MEMORY_STATS_TOTAL;
        stats[n++].value = drv->cellMemory[cellNum];
        stats[n].field = VIR_NODE_MEMORY_STATS_FREE;
        stats[n++].value = drv->cellMemory[cellNum] / 2;
    }

    if (*nparams == 0) {
        *nparams = n;
        return 0;
    }
    if (*nparams < 0 || !params) {
        nuvReportErrorRawFrom(VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                              "%s", "params in virNodeGetMemoryStats must not be NULL");
        return -1;
    }
    if (*nparams > n)
        *nparams = n;
    for (int i = 0; i < *nparams; i++) {
        g_strlcpy(params[i].field, stats[i].field, VIR_NODE_MEMORY_STATS_FIELD_LENGTH);
        params[i].value = stats[i].value;
    }
    return 0;
}

static char *
testConnectGetSysinfo(virConnectPtr conn G_GNUC_UNUSED, unsigned int flags)
{
    nuvCheckFlags(0, NULL);
    return g_strdup("<sysinfo type='smbios'>\n"
                    "  <bios>\n"
                    "    <entry name='vendor'>LENOVO</entry>\n"
                    "    <entry name='version'>G4ETA4WW (2.64 )</entry>\n"
                    "    <entry name='date'>09/24/2019</entry>\n"
                    "  </bios>\n"
                    "</sysinfo>\n");
}

char *
testConnectGetCapabilities(virConnectPtr conn)
{
    testDriver *drv = testDriverOf(conn);
    GString *s = g_string_new("<capabilities>\n\n  <host>\n    <cpu>\n");
    static const char *const osTypes[] = { "hvm", "xen" };
    int cpu = 0;

    g_string_append(s, "      <arch>i686</arch>\n"
                       "      <features>\n        <pae/>\n        <nonpae/>\n"
                       "      </features>\n"
                       "      <pages unit='KiB' size='4'/>\n"
                       "      <pages unit='KiB' size='8'/>\n"
                       "      <pages unit='KiB' size='2048'/>\n"
                       "      <pages unit='KiB' size='1048576'/>\n"
                       "    </cpu>\n    <power_management/>\n    <iommu support='no'/>\n"
                       "    <topology>\n");
    g_string_append_printf(s, "      <cells num='%d'>\n", drv->ncells);
    for (int cell = 0; cell < drv->ncells; cell++) {
        g_string_append_printf(s, "        <cell id='%d'>\n"
                               "          <memory unit='KiB'>%llu</memory>\n"
                               "          <pages unit='KiB' size='%d'>524288</pages>\n"
                               "          <pages unit='KiB' size='2048'>0</pages>\n"
                               "          <pages unit='KiB' size='1048576'>0</pages>\n"
                               "          <cpus num='8'>\n",
                               cell, drv->cellMemory[cell], cell == 0 ? 4 : 8);
        for (int core = 0; core < 8; core++, cpu++)
            g_string_append_printf(s, "            <cpu id='%d' socket_id='%d' die_id='0' "
                                   "core_id='%d' siblings='%d'/>\n", cpu, cell, core, cpu);
        g_string_append(s, "          </cpus>\n        </cell>\n");
    }
    g_string_append(s, "      </cells>\n    </topology>\n"
                       "    <secmodel>\n      <model>testSecurity</model>\n"
                       "      <doi></doi>\n    </secmodel>\n  </host>\n\n");
    for (size_t i = 0; i < G_N_ELEMENTS(osTypes); i++) {
        g_string_append_printf(s, "  <guest>\n    <os_type>%s</os_type>\n"
                               "    <arch name='i686'>\n      <wordsize>32</wordsize>\n"
                               "      <emulator>/usr/bin/test-hv</emulator>\n"
                               "      <domain type='test'/>\n    </arch>\n"
                               "    <features>\n      <pae/>\n      <nonpae/>\n"
                               "    </features>\n  </guest>\n\n", osTypes[i]);
    }
    g_string_append(s, "</capabilities>\n");
    return g_string_free(s, FALSE);
}

static int
testNodeGetSecurityModel(virConnectPtr conn G_GNUC_UNUSED, virSecurityModelPtr secmodel)
{
    memset(secmodel, 0, sizeof(*secmodel));
    g_strlcpy(secmodel->model, "testSecurity", sizeof(secmodel->model));
    return 0;
}

static int
testDomainGetSecurityLabel(virDomainPtr domain, virSecurityLabelPtr seclabel)
{
    nuvDomainObj *obj = nuvDomainObjListFindByUUID(testDriverOf(domain->conn)->domains,
                                                   domain->uuid);

    if (!obj) {
        nuvReportError(VIR_ERR_NO_DOMAIN,
                       "no domain with matching name '%s'", domain->name);
        return -1;
    }
    /* Only a running guest carries a label. */
    memset(seclabel, 0, sizeof(*seclabel));
    if (nuvDomainObjIsActive(obj)) {
        g_strlcpy(seclabel->label, "libvirt-test", sizeof(seclabel->label));
        seclabel->enforcing = 1;
    }
    nuvDomainObjEndAPI(&obj);
    return 0;
}

static int
testConnectDomainEventRegisterAny(virConnectPtr conn, virDomainPtr dom, int eventID,
                                  virConnectDomainEventGenericCallback cb,
                                  void *opaque, virFreeCallback freecb)
{
    return nuvEventRegisterDomain(testDriverOf(conn)->events, conn, dom, eventID, cb,
                                  opaque, freecb);
}

static int
testConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    return nuvEventDeregister(testDriverOf(conn)->events, conn, callbackID);
}

static int
testConnectDomainEventRegister(virConnectPtr conn, virConnectDomainEventCallback cb,
                               void *opaque, virFreeCallback freecb)
{
    return nuvEventRegisterDomainLegacy(testDriverOf(conn)->events, conn, cb, opaque, freecb);
}

static int
testConnectDomainEventDeregister(virConnectPtr conn, virConnectDomainEventCallback cb)
{
    return nuvEventDeregisterDomainLegacy(testDriverOf(conn)->events, conn, cb);
}

const nuvHypervisorDriver testHypervisorDriver = {
    .domainGetMessages = testDomainGetMessages,
    .connectDomainEventRegisterAny = testConnectDomainEventRegisterAny,
    .connectDomainEventDeregisterAny = testConnectDomainEventDeregisterAny,
    .connectDomainEventRegister = testConnectDomainEventRegister,
    .connectDomainEventDeregister = testConnectDomainEventDeregister,
    .name = "Test",
    .connectGetType = testConnectGetType,
    .connectGetVersion = testConnectGetVersion,
    .connectGetHostname = testConnectGetHostname,
    .connectGetMaxVcpus = testConnectGetMaxVcpus,
    .connectGetCapabilities = testConnectGetCapabilities,
    .connectGetSysinfo = testConnectGetSysinfo,
    .connectIsSecure = testConnectIsSecure,
    .connectIsEncrypted = testConnectIsEncrypted,
    .connectIsAlive = testConnectIsAlive,
    .nodeGetInfo = testNodeGetInfo,
    .nodeGetFreeMemory = testNodeGetFreeMemory,
    .nodeGetCellsFreeMemory = testNodeGetCellsFreeMemory,
    .nodeGetCPUStats = testNodeGetCPUStats,
    .nodeGetSecurityModel = testNodeGetSecurityModel,
    .connectListAllDomains = testConnectListAllDomains,
    .connectListDomains = testConnectListDomains,
    .connectNumOfDomains = testConnectNumOfDomains,
    .connectListDefinedDomains = testConnectListDefinedDomains,
    .connectNumOfDefinedDomains = testConnectNumOfDefinedDomains,
    .domainLookupByName = testDomainLookupByName,
    .domainLookupByUUID = testDomainLookupByUUID,
    .domainLookupByID = testDomainLookupByID,
    .domainDefineXMLFlags = testDomainDefineXMLFlags,
    .domainCreateXML = testDomainCreateXML,
    .domainCreateWithFlags = testDomainCreateWithFlags,
    .domainCreateXMLWithFiles = testDomainCreateXMLWithFiles,
    .domainCreateWithFiles = testDomainCreateWithFiles,
    .domainUndefineFlags = testDomainUndefineFlags,
    .domainDestroyFlags = testDomainDestroyFlags,
    .domainShutdownFlags = testDomainShutdownFlags,
    .domainReboot = testDomainReboot,
    .domainReset = testDomainReset,
    .domainSuspend = testDomainSuspend,
    .domainResume = testDomainResume,
    .domainManagedSave = testDomainManagedSave,
    .domainHasManagedSaveImage = testDomainHasManagedSaveImage,
    .domainManagedSaveRemove = testDomainManagedSaveRemove,
    .domainSaveFlags = testDomainSaveFlags,
    .domainRestoreFlags = testDomainRestoreFlags,
    .domainGetInfo = testDomainGetInfo,
    .domainGetState = testDomainGetState,
    .domainGetControlInfo = testDomainGetControlInfo,
    .domainGetXMLDesc = testDomainGetXMLDesc,
    .domainGetOSType = testDomainGetOSType,
    .domainIsActive = testDomainIsActive,
    .domainIsPersistent = testDomainIsPersistent,
    .domainIsUpdated = testDomainIsUpdated,
    .domainGetAutostart = testDomainGetAutostart,
    .domainSetAutostart = testDomainSetAutostart,
    .domainGetMaxMemory = testDomainGetMaxMemory,
    .domainSetMaxMemory = testDomainSetMaxMemory,
    .domainSetMemoryFlags = testDomainSetMemoryFlags,
    .domainGetVcpusFlags = testDomainGetVcpusFlags,
    .domainSetVcpusFlags = testDomainSetVcpusFlags,
    .domainSetMetadata = testDomainSetMetadata,
    .domainGetMetadata = testDomainGetMetadata,
    .domainGetSchedulerType = testDomainGetSchedulerType,
    .domainGetSecurityLabel = testDomainGetSecurityLabel,
    /* tuning, statistics, jobs and devices (test_domain_{tuning,stats,jobs,hotplug}.c) */
    .domainGetVcpus = testDomainGetVcpus,
    .domainPinVcpuFlags = testDomainPinVcpuFlags,
    .domainPinVcpu = testDomainPinVcpu,
    .domainGetVcpuPinInfo = testDomainGetVcpuPinInfo,
    .domainGetSchedulerParametersFlags = testDomainGetSchedulerParametersFlags,
    .domainSetSchedulerParametersFlags = testDomainSetSchedulerParametersFlags,
    .domainBlockStats = testDomainBlockStats,
    .domainBlockStatsFlags = testDomainBlockStatsFlags,
    .domainInterfaceStats = testDomainInterfaceStats,
    .domainMemoryStats = testDomainMemoryStats,
    .domainGetBlockInfo = testDomainGetBlockInfo,
    .domainGetJobInfo = testDomainGetJobInfo,
    .domainGetJobStats = testDomainGetJobStats,
    .domainAbortJobFlags = testDomainAbortJobFlags,
    .domainRename = testDomainRename,
    .domainGetHostname = testDomainGetHostname,
    .domainAttachDeviceFlags = testDomainAttachDeviceFlags,
    .domainDetachDeviceFlags = testDomainDetachDeviceFlags,
    .domainUpdateDeviceFlags = testDomainUpdateDeviceFlags,
    .connectGetAllDomainStats = testConnectGetAllDomainStats,
    .domainListGetStats = testDomainListGetStats,
    .nodeGetCPUMap = testNodeGetCPUMap,
    .nodeGetMemoryStats = testNodeGetMemoryStats,

    /* Snapshots (test_snapshot.c). */
    .domainSnapshotCreateXML = testDomainSnapshotCreateXML,
    .domainSnapshotNum = testDomainSnapshotNum,
    .domainSnapshotListNames = testDomainSnapshotListNames,
    .domainListAllSnapshots = testDomainListAllSnapshots,
    .domainSnapshotNumChildren = testDomainSnapshotNumChildren,
    .domainSnapshotListChildrenNames = testDomainSnapshotListChildrenNames,
    .domainSnapshotListAllChildren = testDomainSnapshotListAllChildren,
    .domainSnapshotLookupByName = testDomainSnapshotLookupByName,
    .domainHasCurrentSnapshot = testDomainHasCurrentSnapshot,
    .domainSnapshotCurrent = testDomainSnapshotCurrent,
    .domainSnapshotGetParent = testDomainSnapshotGetParent,
    .domainSnapshotGetXMLDesc = testDomainSnapshotGetXMLDesc,
    .domainSnapshotIsCurrent = testDomainSnapshotIsCurrent,
    .domainSnapshotHasMetadata = testDomainSnapshotHasMetadata,
    .domainSnapshotDelete = testDomainSnapshotDelete,
    .domainRevertToSnapshot = testDomainRevertToSnapshot,

    /* Checkpoints (test_checkpoint.c). */
    .domainCheckpointCreateXML = testDomainCheckpointCreateXML,
    .domainListAllCheckpoints = testDomainListAllCheckpoints,
    .domainCheckpointListAllChildren = testDomainCheckpointListAllChildren,
    .domainCheckpointLookupByName = testDomainCheckpointLookupByName,
    .domainCheckpointGetParent = testDomainCheckpointGetParent,
    .domainCheckpointGetXMLDesc = testDomainCheckpointGetXMLDesc,
    .domainCheckpointDelete = testDomainCheckpointDelete,
};

static const char *const testSchemes[] = { "test", NULL };

static const nuvConnectDriver testConnectDriver = {
    .name = "Test",
    .uriSchemes = testSchemes,
    .localOnly = true,
    .connectOpen = testConnectOpen,
    .connectClose = testConnectClose,
    .hypervisor = &testHypervisorDriver,
    .network = &testNetworkDriver,
    .storage = &testStorageDriver,
    .iface = &testInterfaceDriver,
    .nodedev = &testNodeDeviceDriver,
    .secret = &testSecretDriver,
    .nwfilter = &testNWFilterDriver,
};

int
testRegister(void)
{
    return nuvDriverRegister(&testConnectDriver);
}
