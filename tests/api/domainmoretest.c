/*
 * domainmoretest.c: monitoring, devices and bulk statistics of the test
 * driver, error cases included.  Expected values and errors are those of
 * libvirt 9.0's test hypervisor where it has the call; elsewhere those of
 * libvirt's semantics for a hypervisor that has no jobs running.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <glib.h>

#include "testlib.h"

/* VIR_DOMAIN_EVENT_CALLBACK casts between callback types, as applications
 * must; the warning is about that documented cast. */
#pragma GCC diagnostic ignored "-Wcast-function-type"

#define URI "test:///default"

/* libvirt's private ABI: Debian's virsh frees its domain arrays with it. */
void virObjectListFree(void *list);

static const char inactiveXML[] =
    "<domain type='test'><name>%s</name><memory>1048576</memory><vcpu>2</vcpu>"
    "<os><type>hvm</type></os><devices>"
    "<disk type='file' device='disk'><source file='/tmp/a.img'/>"
    "<target dev='vda' bus='virtio'/></disk>"
    "<interface type='network'><mac address='52:54:00:00:00:01'/>"
    "<source network='default'/><target dev='vnet7'/></interface>"
    "</devices></domain>";

static const char diskXML[] = "<disk type='file' device='disk'><source file='/tmp/x.img'/>"
                              "<target dev='vdb' bus='virtio'/></disk>";
static const char nicXML[] = "<interface type='network'><mac address='52:54:00:11:22:33'/>"
                             "<source network='default'/></interface>";
static const char cdromXML[] = "<disk type='file' device='cdrom'><source file='/tmp/%s.iso'/>"
                               "<target dev='hdc' bus='ide'/><readonly/></disk>";

/* Define an inactive domain called @name on @conn. */
static virDomainPtr
defineInactive(virConnectPtr conn, const char *name)
{
    g_autofree char *xml = g_strdup_printf(inactiveXML, name);
    return virDomainDefineXML(conn, xml);
}

static bool
xmlHas(virDomainPtr dom, unsigned int flags, const char *part)
{
    char *xml = virDomainGetXMLDesc(dom, flags);
    bool found = xml && strstr(xml, part);
    free(xml);
    return found;
}

static int
testVcpus(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    virDomainPtr off = defineInactive(conn, "off");
    virVcpuInfo info[4];
    unsigned char maps[4 * 2];
    unsigned char cpu2 = 1 << 2;

    CHECK(dom && off);
    CHECK(virDomainGetVcpus(dom, info, 4, maps, 2) == 2);
    CHECK(info[0].number == 0 && info[1].number == 1);
    CHECK(info[0].state == VIR_VCPU_RUNNING && info[0].cpu == 15 && info[0].cpuTime > 0);
    CHECK(maps[0] == 0xff && maps[1] == 0xff && maps[2] == 0xff && maps[3] == 0xff);
    CHECK(virDomainGetVcpus(dom, info, 1, NULL, 0) == 1);
    CHECK(virDomainGetVcpus(dom, info, 0, NULL, 0) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "maxinfo");
    CHECK(virDomainGetVcpus(off, info, 4, NULL, 0) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "cannot list vcpus for an inactive domain");

    /* Pinning shows in the vcpu info, the pin info and the live XML. */
    CHECK(virDomainPinVcpu(dom, 0, &cpu2, 1) == 0);
    CHECK(virDomainGetVcpus(dom, info, 4, maps, 2) == 2);
    CHECK(info[0].cpu == 2 && maps[0] == 0x04 && maps[1] == 0);
    CHECK(info[1].cpu == 15);
    CHECK(virDomainGetVcpuPinInfo(dom, 4, maps, 2, 0) == 2);
    CHECK(maps[0] == 0x04 && maps[2] == 0xff);
    CHECK(xmlHas(dom, 0, "<vcpupin vcpu='0' cpuset='2'/>"));
    CHECK(!xmlHas(dom, VIR_DOMAIN_XML_INACTIVE, "vcpupin"));
    CHECK(virDomainGetVcpuPinInfo(dom, 4, maps, 2, VIR_DOMAIN_AFFECT_CONFIG) == 2);
    CHECK(maps[0] == 0xff);

    CHECK(virDomainPinVcpu(dom, 5, &cpu2, 1) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "requested vcpu '5' is not present in the domain");
    CHECK(virDomainPinVcpuFlags(dom, 0, &cpu2, 1, VIR_DOMAIN_AFFECT_LIVE) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x1) in function testDomainPinVcpuFlags");
    CHECK(virDomainPinVcpu(off, 0, &cpu2, 1) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "cannot pin vcpus on an inactive domain");
    CHECK(virDomainGetVcpuPinInfo(off, 4, maps, 2, 0) == 2);
    CHECK(virDomainGetVcpuPinInfo(off, 4, maps, 2, VIR_DOMAIN_AFFECT_LIVE) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "domain is not running");
    CHECK(virDomainGetVcpuPinInfo(dom, 4, maps, 2,
                                  VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "mutually exclusive");

    virDomainUndefine(off);
    virDomainFree(off);
    virDomainFree(dom);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testScheduler(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    virTypedParameter params[2];
    int n = 2;
    char *type;

    CHECK((type = virDomainGetSchedulerType(dom, &n)) && strcmp(type, "fair") == 0 && n == 1);
    free(type);
    CHECK(virDomainGetSchedulerParameters(dom, params, &n) == 0 && n == 1);
    CHECK(strcmp(params[0].field, VIR_DOMAIN_SCHEDULER_WEIGHT) == 0);
    CHECK(params[0].type == VIR_TYPED_PARAM_UINT && params[0].value.ui == 50);
    n = 1;
    CHECK(virDomainGetSchedulerParametersFlags(dom, params, &n, 0) == 0 && n == 1);
    CHECK(virDomainGetSchedulerParametersFlags(dom, params, &n, VIR_DOMAIN_AFFECT_LIVE) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG,
              "unsupported flags (0x1) in function testDomainGetSchedulerParametersFlags");

    /* Setting is accepted; the test hypervisor keeps reporting 50. */
    params[0].value.ui = 10;
    CHECK(virDomainSetSchedulerParameters(dom, params, 1) == 0);
    CHECK(virDomainGetSchedulerParameters(dom, params, &n) == 0 && params[0].value.ui == 50);
    CHECK(virDomainSetSchedulerParametersFlags(dom, params, 1, VIR_DOMAIN_AFFECT_CONFIG) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x2)");
    g_strlcpy(params[0].field, "cap", sizeof(params[0].field));
    CHECK(virDomainSetSchedulerParameters(dom, params, 1) == -1);
    CHECK_ERR(VIR_ERR_ARGUMENT_UNSUPPORTED, "cap");
    g_strlcpy(params[0].field, VIR_DOMAIN_SCHEDULER_WEIGHT, sizeof(params[0].field));
    params[0].type = VIR_TYPED_PARAM_ULLONG;
    CHECK(virDomainSetSchedulerParameters(dom, params, 1) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, NULL);

    virDomainFree(dom);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testBlockAndInterfaceStats(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    virDomainPtr off = defineInactive(conn, "off");
    virDomainBlockStatsStruct bs;
    virDomainInterfaceStatsStruct is;
    virTypedParameter params[8];
    int n = 0;

    CHECK(dom && off);
    CHECK(virDomainBlockStats(dom, "vda", &bs, sizeof(bs)) == 0);
    CHECK(bs.rd_req > 0 && bs.rd_bytes > 0 && bs.wr_req > 0 && bs.wr_bytes > 0 && bs.errs > 0);
    CHECK(bs.rd_req > bs.rd_bytes && bs.rd_bytes > bs.wr_req && bs.wr_req > bs.wr_bytes);
    CHECK(virDomainBlockStats(dom, "/guest/diskimage1", &bs, sizeof(bs)) == 0);
    CHECK(virDomainBlockStats(dom, "vdz", &bs, sizeof(bs)) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "invalid path: vdz");
    CHECK(virDomainBlockStats(off, "vda", &bs, sizeof(bs)) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "domain is not running");

    CHECK(virDomainBlockStatsFlags(dom, "vda", NULL, &n, 0) == 0 && n == 5);
    n = 8;
    CHECK(virDomainBlockStatsFlags(dom, "vda", params, &n, 0) == 0 && n == 5);
    CHECK(strcmp(params[0].field, VIR_DOMAIN_BLOCK_STATS_READ_REQ) == 0);
    CHECK(strcmp(params[4].field, VIR_DOMAIN_BLOCK_STATS_ERRS) == 0);
    CHECK(params[0].type == VIR_TYPED_PARAM_LLONG && params[0].value.l > 0);
    n = 2;
    CHECK(virDomainBlockStatsFlags(dom, "vda", params, &n, 0) == 0 && n == 2);
    CHECK(virDomainBlockStatsFlags(dom, "vdz", params, &n, 0) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "invalid path: vdz");
    CHECK(virDomainBlockStatsFlags(dom, "vda", params, &n, 1) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x1)");

    CHECK(virDomainInterfaceStats(dom, "testnet0", &is, sizeof(is)) == 0);
    CHECK(is.rx_bytes > 0 && is.rx_packets > 0 && is.tx_bytes > 0 && is.tx_drop > 0);
    CHECK(is.rx_bytes > is.tx_bytes && is.rx_errs > is.tx_errs);
    CHECK(virDomainInterfaceStats(dom, "aa:bb:cc:dd:ee:ff", &is, sizeof(is)) == 0);
    CHECK(virDomainInterfaceStats(dom, "eth9", &is, sizeof(is)) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "'eth9' is not a known interface");
    CHECK(virDomainInterfaceStats(off, "vnet7", &is, sizeof(is)) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "domain is not running");

    virDomainUndefine(off);
    virDomainFree(off);
    virDomainFree(dom);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testMemoryStatsAndBlockInfo(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    virDomainPtr off = defineInactive(conn, "off");
    virDomainMemoryStatStruct st[VIR_DOMAIN_MEMORY_STAT_NR];
    virDomainBlockInfo bi;

    CHECK(dom && off);
    CHECK(virDomainMemoryStats(dom, st, VIR_DOMAIN_MEMORY_STAT_NR, 0) == 13);
    CHECK(st[0].tag == VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON && st[0].val == 2097152);
    CHECK(st[5].tag == VIR_DOMAIN_MEMORY_STAT_UNUSED && st[5].val == 1048576);
    CHECK(st[8].tag == VIR_DOMAIN_MEMORY_STAT_LAST_UPDATE && st[8].val == 627319920);
    CHECK(st[12].tag == VIR_DOMAIN_MEMORY_STAT_RSS && st[12].val == 1048576);
    CHECK(virDomainMemoryStats(dom, st, 2, 0) == 2);
    CHECK(virDomainSetMemory(dom, 1000000) == 0);
    CHECK(virDomainMemoryStats(dom, st, VIR_DOMAIN_MEMORY_STAT_NR, 0) == 13);
    CHECK(st[0].val == 1000000 && st[9].val == 125000);
    CHECK(virDomainMemoryStats(dom, st, 2, 1) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x1) in function testDomainMemoryStats");
    CHECK(virDomainMemoryStats(off, st, 2, 0) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "domain is not running");

    CHECK(virDomainGetBlockInfo(dom, "vda", &bi, 0) == 0);
    CHECK(bi.capacity == 1099506450432ULL && bi.allocation == 1099511627776ULL &&
          bi.physical == 1099511627776ULL);
    /* No running guest needed, as in libvirt's test hypervisor. */
    CHECK(virDomainGetBlockInfo(off, "/tmp/a.img", &bi, 0) == 0);
    CHECK(virDomainGetBlockInfo(dom, "vdz", &bi, 0) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "invalid path vdz not assigned to domain");
    CHECK(virDomainGetBlockInfo(dom, "vda", &bi, 1) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x1) in function testDomainGetBlockInfo");

    virDomainUndefine(off);
    virDomainFree(off);
    virDomainFree(dom);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testJobs(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    virDomainPtr off = defineInactive(conn, "off");
    virDomainJobInfo info;
    virTypedParameterPtr params = (virTypedParameterPtr)1;
    int type = -1, n = -1;

    CHECK(dom && off);
    CHECK(virDomainGetJobInfo(dom, &info) == 0 && info.type == VIR_DOMAIN_JOB_NONE);
    CHECK(info.timeElapsed == 0 && info.dataTotal == 0);
    CHECK(virDomainGetJobStats(dom, &type, &params, &n, 0) == 0);
    CHECK(type == VIR_DOMAIN_JOB_NONE && params == NULL && n == 0);
    CHECK(virDomainGetJobStats(off, &type, &params, &n, VIR_DOMAIN_JOB_STATS_COMPLETED) == 0);
    CHECK(type == VIR_DOMAIN_JOB_NONE && n == 0);
    CHECK(virDomainGetJobStats(dom, &type, &params, &n, 8) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x8)");
    CHECK(virDomainGetJobInfo(off, &info) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "domain is not running");

    CHECK(virDomainAbortJob(dom) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "no job is active on the domain");
    CHECK(virDomainAbortJobFlags(dom, VIR_DOMAIN_ABORT_JOB_POSTCOPY) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "no job is active on the domain");
    CHECK(virDomainAbortJobFlags(dom, 2) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x2)");
    CHECK(virDomainAbortJob(off) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "domain is not running");

    virDomainUndefine(off);
    virDomainFree(off);
    virDomainFree(dom);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testRenameAndHostname(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    virDomainPtr off = defineInactive(conn, "t2");
    virDomainPtr found, tr;
    unsigned char uuid[VIR_UUID_BUFLEN], uuid2[VIR_UUID_BUFLEN];
    g_autofree char *trXML = g_strdup_printf(inactiveXML, "tr");
    char *s;

    CHECK(dom && off);
    CHECK(virDomainRename(dom, "foo", 0) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "cannot rename active domain");
    CHECK(virDomainRename(off, "t3", 1) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x1) in function testDomainRename");
    CHECK(virDomainRename(off, "t2", 0) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "Can't rename domain to itself");
    CHECK(virDomainRename(off, "test", 0) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "domain with name 'test' already exists");
    CHECK(virDomainRename(off, "", 0) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "new_name in virDomainRename must not be empty");

    CHECK(virDomainRename(off, "t3", 0) == 0);
    CHECK((found = virDomainLookupByName(conn, "t3")));
    CHECK(virDomainGetUUID(found, uuid) == 0 && virDomainGetUUID(off, uuid2) == 0);
    CHECK(memcmp(uuid, uuid2, VIR_UUID_BUFLEN) == 0);
    CHECK(xmlHas(found, 0, "<name>t3</name>"));
    CHECK(virDomainLookupByName(conn, "t2") == NULL);
    CHECK_ERR(VIR_ERR_NO_DOMAIN, NULL);
    /* The name is free again for another domain. */
    CHECK(virDomainCreate(found) == 0);
    CHECK(virDomainRename(found, "t4", 0) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "cannot rename active domain");
    CHECK(virDomainDestroy(found) == 0);
    CHECK(virDomainUndefine(found) == 0);
    virDomainFree(found);

    CHECK((tr = virDomainCreateXML(conn, trXML, 0)));
    CHECK(virDomainRename(tr, "tr2", 0) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "cannot rename active domain");
    virDomainDestroy(tr);
    virDomainFree(tr);

    CHECK((s = virDomainGetHostname(dom, 0)) && strcmp(s, "testhost") == 0);
    free(s);
    CHECK(virDomainGetHostname(dom, VIR_DOMAIN_GET_HOSTNAME_LEASE) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x1) in function testDomainGetHostname");
    off = (virDomainFree(off), defineInactive(conn, "t5"));
    CHECK(virDomainGetHostname(off, 0) == NULL);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "domain is not running");

    virDomainUndefine(off);
    virDomainFree(off);
    virDomainFree(dom);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testAttachDetach(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    virDomainPtr off = defineInactive(conn, "off");
    unsigned int live = VIR_DOMAIN_AFFECT_LIVE, config = VIR_DOMAIN_AFFECT_CONFIG;

    CHECK(dom && off);
    /* virDomainAttachDevice changes the running guest only. */
    CHECK(virDomainAttachDevice(dom, diskXML) == 0);
    CHECK(xmlHas(dom, 0, "<target dev='vdb' bus='virtio'/>"));
    CHECK(xmlHas(dom, 0, "<alias name='virtio-disk1'/>"));
    CHECK(!xmlHas(dom, VIR_DOMAIN_XML_INACTIVE, "vdb"));
    CHECK(virDomainIsUpdated(dom) == 0 || virDomainIsUpdated(dom) == 1);
    CHECK(virDomainAttachDeviceFlags(dom, diskXML, live) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "target vdb already exists");

    /* CONFIG leaves the running guest alone. */
    CHECK(virDomainAttachDeviceFlags(dom, nicXML, config) == 0);
    CHECK(xmlHas(dom, VIR_DOMAIN_XML_INACTIVE, "52:54:00:11:22:33"));
    CHECK(!xmlHas(dom, 0, "52:54:00:11:22:33"));
    CHECK(virDomainDetachDeviceFlags(dom, nicXML, live) == -1);
    CHECK_ERR(VIR_ERR_DEVICE_MISSING, "no device matching MAC address 52:54:00:11:22:33 found");
    CHECK(virDomainDetachDeviceFlags(dom, nicXML, live | config) == -1);
    CHECK_ERR(VIR_ERR_DEVICE_MISSING, NULL);
    CHECK(xmlHas(dom, VIR_DOMAIN_XML_INACTIVE, "52:54:00:11:22:33"));
    CHECK(virDomainDetachDeviceFlags(dom, nicXML, config) == 0);
    CHECK(!xmlHas(dom, VIR_DOMAIN_XML_INACTIVE, "52:54:00:11:22:33"));

    CHECK(virDomainDetachDevice(dom, diskXML) == 0);
    CHECK(!xmlHas(dom, 0, "vdb"));
    CHECK(virDomainDetachDevice(dom, diskXML) == -1);
    CHECK_ERR(VIR_ERR_DEVICE_MISSING, "no target device vdb");

    /* Both at once. */
    CHECK(virDomainAttachDeviceFlags(dom, diskXML, live | config) == 0);
    CHECK(xmlHas(dom, 0, "vdb") && xmlHas(dom, VIR_DOMAIN_XML_INACTIVE, "vdb"));
    CHECK(virDomainDetachDeviceFlags(dom, diskXML, live | config) == 0);
    CHECK(!xmlHas(dom, 0, "vdb") && !xmlHas(dom, VIR_DOMAIN_XML_INACTIVE, "vdb"));

    /* An inactive domain: CURRENT means its configuration, LIVE fails. */
    CHECK(virDomainAttachDeviceFlags(off, diskXML, live) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "domain is not running");
    CHECK(virDomainAttachDevice(off, diskXML) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "domain is not running");
    CHECK(virDomainAttachDeviceFlags(off, diskXML, VIR_DOMAIN_AFFECT_CURRENT) == 0);
    CHECK(xmlHas(off, 0, "vdb"));
    CHECK(virDomainDetachDeviceFlags(off, diskXML, VIR_DOMAIN_AFFECT_CURRENT) == 0);
    CHECK(!xmlHas(off, 0, "vdb"));
    CHECK(virDomainDetachDeviceFlags(off, nicXML, 0) == -1);
    CHECK_ERR(VIR_ERR_DEVICE_MISSING, "52:54:00:11:22:33");

    CHECK(virDomainAttachDeviceFlags(dom, diskXML, 4) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x4)");
    CHECK(virDomainDetachDeviceFlags(dom, diskXML, 4) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x4)");
    CHECK(virDomainAttachDevice(dom, "<bogus/>") == -1);
    CHECK_ERR(VIR_ERR_XML_ERROR, NULL);
    CHECK(virDomainAttachDevice(dom, "<disk") == -1);
    CHECK_ERR(VIR_ERR_XML_DETAIL, NULL);

    virDomainUndefine(off);
    virDomainFree(off);
    virDomainFree(dom);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testTransientConfig(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    g_autofree char *xml = g_strdup_printf(inactiveXML, "tr");
    virDomainPtr tr = virDomainCreateXML(conn, xml, 0);

    CHECK(tr);
    CHECK(virDomainAttachDeviceFlags(tr, diskXML, VIR_DOMAIN_AFFECT_CONFIG) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "transient domains do not have any persistent config");
    CHECK(virDomainAttachDeviceFlags(tr, diskXML, VIR_DOMAIN_AFFECT_CURRENT) == 0);
    CHECK(xmlHas(tr, 0, "vdb"));
    virDomainDestroy(tr);
    virDomainFree(tr);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testUpdateDevice(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    g_autofree char *cdA = g_strdup_printf(cdromXML, "a");
    g_autofree char *cdB = g_strdup_printf(cdromXML, "b");
    unsigned int live = VIR_DOMAIN_AFFECT_LIVE, config = VIR_DOMAIN_AFFECT_CONFIG;

    CHECK(dom);
    CHECK(virDomainUpdateDeviceFlags(dom, cdA, live) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "target hdc doesn't exist.");
    CHECK(virDomainAttachDeviceFlags(dom, cdA, live | config) == 0);
    /* Media change: live, then the configuration. */
    CHECK(virDomainUpdateDeviceFlags(dom, cdB, live) == 0);
    CHECK(xmlHas(dom, 0, "/tmp/b.iso") && xmlHas(dom, VIR_DOMAIN_XML_INACTIVE, "/tmp/a.iso"));
    CHECK(xmlHas(dom, 0, "<alias name='ide-disk2'/>"));
    CHECK(virDomainUpdateDeviceFlags(dom, cdB, config | VIR_DOMAIN_DEVICE_MODIFY_FORCE) == 0);
    CHECK(xmlHas(dom, VIR_DOMAIN_XML_INACTIVE, "/tmp/b.iso"));

    /* A fixed disk cannot change its source under a running guest. */
    CHECK(virDomainUpdateDeviceFlags(dom,
                                     "<disk type='file' device='disk'>"
                                     "<source file='/other'/>"
                                     "<target dev='vda' bus='virtio'/></disk>",
                                     live) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_UNSUPPORTED, "disk source can be changed only in removable media");
    CHECK(virDomainUpdateDeviceFlags(dom, "<memballoon model='none'/>", live) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_UNSUPPORTED, "live update of device 'memballoon' is not supported");
    CHECK(virDomainUpdateDeviceFlags(dom, nicXML, live) == -1);
    CHECK_ERR(VIR_ERR_DEVICE_MISSING, "no device matching MAC address");
    CHECK(virDomainUpdateDeviceFlags(dom, cdB, 8) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x8)");

    virDomainFree(dom);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static GString *deviceEvents;

static void
deviceAddedCb(virConnectPtr conn, virDomainPtr dom, const char *alias, void *opaque)
{
    (void)conn;
    (void)opaque;
    g_string_append_printf(deviceEvents, "+%s %s;", virDomainGetName(dom), alias);
}

static void
deviceRemovedCb(virConnectPtr conn, virDomainPtr dom, const char *alias, void *opaque)
{
    (void)conn;
    (void)opaque;
    g_string_append_printf(deviceEvents, "-%s %s;", virDomainGetName(dom), alias);
}

static void
tick(int timer, void *opaque)
{
    (void)timer;
    (void)opaque;
}

static int
testDeviceEvents(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    int t = virEventAddTimeout(10, tick, NULL, NULL);
    int added, removed;

    deviceEvents = g_string_new("");
    added = virConnectDomainEventRegisterAny(conn, dom, VIR_DOMAIN_EVENT_ID_DEVICE_ADDED,
                                             VIR_DOMAIN_EVENT_CALLBACK(deviceAddedCb), NULL, NULL);
    removed =
        virConnectDomainEventRegisterAny(conn, dom, VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED,
                                         VIR_DOMAIN_EVENT_CALLBACK(deviceRemovedCb), NULL, NULL);
    CHECK(added > 0 && removed > 0);
    CHECK(virDomainAttachDevice(dom, diskXML) == 0);
    CHECK(virDomainAttachDeviceFlags(dom, nicXML, VIR_DOMAIN_AFFECT_CONFIG) == 0);
    CHECK(virDomainDetachDevice(dom, diskXML) == 0);
    CHECK(virDomainDetachDevice(dom, "<interface type='network'>"
                                     "<mac address='aa:bb:cc:dd:ee:ff'/></interface>") == 0);
    for (int i = 0; i < 5; i++)
        virEventRunDefaultImpl();
    /* Configuration changes raise nothing. */
    if (strcmp(deviceEvents->str, "+test virtio-disk1;-test virtio-disk1;-test net0;") != 0)
        fprintf(stderr, "  got '%s'\n", deviceEvents->str);
    CHECK(strcmp(deviceEvents->str, "+test virtio-disk1;-test virtio-disk1;-test net0;") == 0);

    CHECK(virConnectDomainEventDeregisterAny(conn, added) == 0);
    CHECK(virConnectDomainEventDeregisterAny(conn, removed) == 0);
    virEventRemoveTimeout(t);
    g_string_free(deviceEvents, TRUE);
    virDomainFree(dom);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testAllDomainStats(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virDomainPtr off = defineInactive(conn, "off");
    virDomainStatsRecordPtr *recs = NULL;
    int n;

    CHECK(off);
    CHECK((n = virConnectGetAllDomainStats(conn, 0, &recs, 0)) == 2);
    CHECK(strcmp(virDomainGetName(recs[0]->dom), "test") == 0 && recs[2] == NULL);
    CHECK(recs[0]->nparams == 2);
    CHECK(strcmp(recs[0]->params[0].field, "state.state") == 0 &&
          recs[0]->params[0].value.i == VIR_DOMAIN_RUNNING);
    CHECK(strcmp(recs[0]->params[1].field, "state.reason") == 0 &&
          recs[0]->params[1].value.i == VIR_DOMAIN_RUNNING_UNKNOWN);
    CHECK(recs[1]->params[0].value.i == VIR_DOMAIN_SHUTOFF);
    virDomainStatsRecordListFree(recs);

    CHECK(virConnectGetAllDomainStats(conn, VIR_DOMAIN_STATS_STATE, &recs,
                                      VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE) == 1);
    CHECK(strcmp(virDomainGetName(recs[0]->dom), "off") == 0);
    virDomainStatsRecordListFree(recs);
    CHECK(virConnectGetAllDomainStats(conn, 0, &recs,
                                      VIR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING |
                                          VIR_CONNECT_GET_ALL_DOMAINS_STATS_PERSISTENT) == 1);
    virDomainStatsRecordListFree(recs);

    /* Groups the test hypervisor lacks: empty records, or an error when
     * enforced. */
    CHECK(virConnectGetAllDomainStats(conn, VIR_DOMAIN_STATS_VCPU, &recs, 0) == 2);
    CHECK(recs[0]->nparams == 0);
    virDomainStatsRecordListFree(recs);
    CHECK(virConnectGetAllDomainStats(conn, VIR_DOMAIN_STATS_VCPU | VIR_DOMAIN_STATS_STATE, &recs,
                                      VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS) == -1);
    CHECK_ERR(VIR_ERR_ARGUMENT_UNSUPPORTED,
              "Stats types bits 0x8 are not supported by this daemon");
    CHECK(virConnectGetAllDomainStats(conn, 0, &recs, 1U << 20) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG,
              "unsupported flags (0x100000) in function testConnectGetAllDomainStats");

    virDomainUndefine(off);
    virDomainFree(off);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testListGetStats(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virConnectPtr conn2 = virConnectOpen(URI);
    virDomainPtr off = defineInactive(conn, "off");
    virDomainPtr doms[3] = {virDomainLookupByName(conn, "test"), off, NULL};
    virDomainPtr empty[1] = {NULL};
    virDomainPtr mixed[3] = {NULL, NULL, NULL};
    virDomainStatsRecordPtr *recs = NULL;

    CHECK(doms[0] && off);
    CHECK(virDomainListGetStats(doms, 0, &recs, 0) == 2);
    CHECK(strcmp(virDomainGetName(recs[0]->dom), "test") == 0);
    CHECK(strcmp(virDomainGetName(recs[1]->dom), "off") == 0);
    CHECK(recs[1]->nparams == 2 && recs[1]->params[1].value.i == VIR_DOMAIN_SHUTOFF_UNKNOWN);
    virDomainStatsRecordListFree(recs);
    CHECK(virDomainListGetStats(doms, 0, &recs, VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE) == 1);
    CHECK(strcmp(virDomainGetName(recs[0]->dom), "test") == 0);
    virDomainStatsRecordListFree(recs);
    CHECK(virDomainListGetStats(doms, VIR_DOMAIN_STATS_PERF, &recs,
                                VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS) == -1);
    CHECK_ERR(VIR_ERR_ARGUMENT_UNSUPPORTED, "Stats types bits 0x40");

    CHECK(virDomainListGetStats(empty, 0, &recs, 0) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "doms array in virDomainListGetStats must contain at "
                                   "least one domain");
    CHECK(virDomainListGetStats(NULL, 0, &recs, 0) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "doms in virDomainListGetStats must not be NULL");
    CHECK(virDomainListGetStats(doms, 0, NULL, 0) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "retStats");
    mixed[0] = doms[0];
    mixed[1] = virDomainLookupByName(conn2, "test");
    CHECK(virDomainListGetStats(mixed, 0, &recs, 0) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "single connection");
    virDomainFree(mixed[1]);

    /* A domain undefined meanwhile is left out. */
    CHECK(virDomainUndefine(off) == 0);
    CHECK(virDomainListGetStats(doms, 0, &recs, 0) == 1);
    virDomainStatsRecordListFree(recs);

    virDomainFree(off);
    virDomainFree(doms[0]);
    CHECK(virConnectClose(conn2) == 0);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

/* virsh frees its domain arrays with libvirt's private virObjectListFree;
 * every reference must still be dropped, or closing reports a leak. */
static int
testObjectListFree(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virDomainPtr *doms = calloc(3, sizeof(*doms));

    CHECK(doms);
    CHECK((doms[0] = virDomainLookupByName(conn, "test")));
    CHECK((doms[1] = virDomainLookupByID(conn, 1)));
    virObjectListFree(doms);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testNode(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    unsigned char *map = NULL;
    unsigned int online = 0;
    virNodeMemoryStats ms[4];
    int n = 0;

    CHECK(virNodeGetCPUMap(conn, &map, &online, 0) == 8);
    CHECK(online == 3 && map && map[0] == 0x15);
    free(map);
    CHECK(virNodeGetCPUMap(conn, NULL, NULL, 0) == 8);
    CHECK(virNodeGetCPUMap(conn, NULL, NULL, 1) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x1)");

    CHECK(virNodeGetMemoryStats(conn, VIR_NODE_MEMORY_STATS_ALL_CELLS, NULL, &n, 0) == 0);
    CHECK(n == 4);
    CHECK(virNodeGetMemoryStats(conn, VIR_NODE_MEMORY_STATS_ALL_CELLS, ms, &n, 0) == 0);
    CHECK(strcmp(ms[0].field, VIR_NODE_MEMORY_STATS_TOTAL) == 0 && ms[0].value == 3145728);
    CHECK(strcmp(ms[1].field, VIR_NODE_MEMORY_STATS_FREE) == 0 && ms[1].value > 0);
    n = 4;
    CHECK(virNodeGetMemoryStats(conn, 1, ms, &n, 0) == 0 && n == 2);
    CHECK(ms[0].value == 4194304 && ms[1].value == 2097152);
    CHECK(virNodeGetMemoryStats(conn, 5, ms, &n, 0) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "cell number 5");
    CHECK(virNodeGetMemoryStats(conn, 0, ms, &n, 1) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x1)");
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

int
main(void)
{
    static const testCase cases[] = {
        {"vcpus and pinning", testVcpus},
        {"scheduler", testScheduler},
        {"block and interface stats", testBlockAndInterfaceStats},
        {"memory stats and block info", testMemoryStatsAndBlockInfo},
        {"jobs", testJobs},
        {"rename and hostname", testRenameAndHostname},
        {"attach and detach", testAttachDetach},
        {"transient domain has no config", testTransientConfig},
        {"update device", testUpdateDevice},
        {"device events", testDeviceEvents},
        {"all domain stats", testAllDomainStats},
        {"list get stats", testListGetStats},
        {"virObjectListFree of handles", testObjectListFree},
        {"node CPU map and memory stats", testNode},
    };

    if (virEventRegisterDefaultImpl() < 0)
        return 1;
    return testRunAll(cases, G_N_ELEMENTS(cases));
}
