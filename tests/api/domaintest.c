/*
 * domaintest.c: the domain API of the test driver, error cases included.
 * Expected values are those of libvirt's test hypervisor.
 */
#include <stdlib.h>
#include <glib.h>

#include "testlib.h"

#define URI "test:///default"
#define XML_FMT "<domain type='test'><name>%s</name>%s<memory>%d</memory>" \
                "<vcpu>%d</vcpu><os><type>hvm</type></os></domain>"

static char *
domXML(const char *name, const char *uuid, int mem, int vcpus)
{
    g_autofree char *uuidElem = uuid ? g_strdup_printf("<uuid>%s</uuid>", uuid) : g_strdup("");
    return g_strdup_printf(XML_FMT, name, uuidElem, mem, vcpus);
}

static int
testConnectBasics(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    unsigned long ver = 0;
    char *s;

    CHECK(conn);
    CHECK(strcmp(virConnectGetType(conn), "TEST") == 0);
    CHECK(virConnectGetVersion(conn, &ver) == 0 && ver == 2);
    CHECK(virConnectGetLibVersion(conn, &ver) == 0 && ver == 9000000);
    CHECK((s = virConnectGetURI(conn)) && strcmp(s, URI) == 0);
    free(s);
    CHECK((s = virConnectGetHostname(conn)) && *s);
    free(s);
    CHECK(virConnectIsAlive(conn) == 1);
    CHECK(virConnectIsSecure(conn) == 1);
    CHECK(virConnectIsEncrypted(conn) == 0);
    CHECK(virConnectGetMaxVcpus(conn, NULL) == 32);
    CHECK((s = virConnectGetCapabilities(conn)) && strstr(s, "<os_type>hvm</os_type>"));
    free(s);
    CHECK(virGetVersion(&ver, NULL, NULL) == 0 && ver == 9000000);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testConnectErrors(void)
{
    CHECK(virConnectOpen("bogus:///x") == NULL);
    CHECK_ERR(VIR_ERR_NO_CONNECT, "bogus:///x");
    /* A transport the remote driver does not have (tcp it has now). */
    CHECK(virConnectOpen("test+tls://host/default") == NULL);
    CHECK_ERR(VIR_ERR_NO_CONNECT, "remote");
    CHECK(virConnectOpen("test:///") == NULL);
    CHECK(virConnectGetType(NULL) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_CONN, "invalid connection pointer in virConnectGetType");
    CHECK(virConnectClose(NULL) == -1);
    CHECK_ERR(VIR_ERR_INVALID_CONN, NULL);
    return 0;
}

static int
testNodeInfo(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virNodeInfo info;
    unsigned long long cells[4];

    CHECK(virNodeGetInfo(conn, &info) == 0);
    CHECK(strcmp(info.model, "i686") == 0 && info.memory == 3145728 && info.cpus == 16 &&
          info.mhz == 1400 && info.nodes == 2 && info.sockets == 2 && info.cores == 2 &&
          info.threads == 2);
    CHECK(virNodeGetCellsFreeMemory(conn, cells, 0, 4) == 2);
    CHECK(cells[0] == 2097152 && cells[1] == 4194304);
    CHECK(virNodeGetFreeMemory(conn) > 0);
    CHECK(virNodeGetInfo(conn, NULL) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "info in virNodeGetInfo must not be NULL");
    virConnectClose(conn);
    return 0;
}

static int
testDefaultDomain(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virDomainPtr dom, byid, byuuid;
    virDomainInfo info;
    char uuid[VIR_UUID_STRING_BUFLEN];
    char *xml;
    int state, reason;

    CHECK((dom = virDomainLookupByName(conn, "test")));
    CHECK(virDomainGetID(dom) == 1);
    CHECK(virDomainGetUUIDString(dom, uuid) == 0);
    CHECK(strcmp(uuid, "6695eb01-f6a4-8304-79aa-97f2502e193f") == 0);
    CHECK(virDomainGetInfo(dom, &info) == 0);
    CHECK(info.state == VIR_DOMAIN_RUNNING && info.maxMem == 8388608 &&
          info.memory == 2097152 && info.nrVirtCpu == 2);
    CHECK(virDomainGetState(dom, &state, &reason, 0) == 0 && state == VIR_DOMAIN_RUNNING);
    CHECK((byid = virDomainLookupByID(conn, 1)));
    CHECK(strcmp(virDomainGetName(byid), "test") == 0);
    CHECK((byuuid = virDomainLookupByUUIDString(conn, uuid)));
    CHECK(virDomainGetID(byuuid) == 1);
    CHECK((xml = virDomainGetXMLDesc(dom, 0)) && strstr(xml, "<domain type='test' id='1'>"));
    free(xml);
    CHECK((xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE)) &&
          strstr(xml, "<domain type='test'>"));
    free(xml);
    CHECK(virDomainIsActive(dom) == 1 && virDomainIsPersistent(dom) == 1);
    CHECK(virDomainGetConnect(dom) == conn);
    virDomainFree(byid);
    virDomainFree(byuuid);
    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}

static int
testLookupErrors(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virDomainInfo info;

    CHECK(!virDomainLookupByName(conn, "nope"));
    CHECK_ERR(VIR_ERR_NO_DOMAIN, "Domain not found: no domain with matching name 'nope'");
    CHECK(!virDomainLookupByID(conn, 99));
    CHECK_ERR(VIR_ERR_NO_DOMAIN, NULL);
    CHECK(!virDomainLookupByUUIDString(conn, "zz"));
    CHECK_ERR(VIR_ERR_INVALID_ARG, "Invalid UUID");
    CHECK(!virDomainLookupByUUIDString(conn, "11111111-2222-3333-4444-555555555555"));
    CHECK_ERR(VIR_ERR_NO_DOMAIN, NULL);
    CHECK(!virDomainLookupByName(conn, NULL));
    CHECK_ERR(VIR_ERR_INVALID_ARG, "name in virDomainLookupByName must not be NULL");
    CHECK(virDomainGetInfo(NULL, &info) == -1);
    CHECK_ERR(VIR_ERR_INVALID_DOMAIN, "invalid domain pointer in virDomainGetInfo");
    virConnectClose(conn);
    return 0;
}

static int
testDefineUndefine(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    g_autofree char *xml = domXML("d1", NULL, 1024, 1);
    g_autofree char *other = domXML("d1", "11111111-2222-3333-4444-555555555555", 1024, 1);
    g_autofree char *dupname = NULL;
    virDomainPtr dom, again;
    char uuid[VIR_UUID_STRING_BUFLEN];

    CHECK((dom = virDomainDefineXML(conn, xml)));
    CHECK(virDomainIsActive(dom) == 0 && virDomainIsPersistent(dom) == 1);
    CHECK(virDomainGetID(dom) == (unsigned int)-1);
    CHECK(virConnectNumOfDefinedDomains(conn) == 1);
    /* Same name, another UUID: refused, nothing changes. */
    CHECK(!virDomainDefineXML(conn, other));
    CHECK_ERR(VIR_ERR_OPERATION_FAILED, "already exists with uuid");
    /* Same UUID, another name: refused. */
    virDomainGetUUIDString(dom, uuid);
    dupname = domXML("d2", uuid, 1024, 1);
    CHECK(!virDomainDefineXML(conn, dupname));
    CHECK_ERR(VIR_ERR_OPERATION_FAILED, "is already defined with uuid");
    /* Same name and UUID: a redefinition. */
    g_free(xml);
    xml = domXML("d1", uuid, 2048, 2);
    CHECK((again = virDomainDefineXML(conn, xml)));
    CHECK(virDomainGetMaxMemory(again) == 2048);
    CHECK(virConnectNumOfDefinedDomains(conn) == 1);
    CHECK(virDomainUndefine(dom) == 0);
    CHECK(virDomainUndefine(again) == -1);
    CHECK_ERR(VIR_ERR_NO_DOMAIN, NULL);
    CHECK(virConnectNumOfDefinedDomains(conn) == 0);
    virDomainFree(again);
    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}

static int
testBadXML(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    g_autofree char *huge = NULL;
    size_t size = 11 * 1024 * 1024;

    CHECK(!virDomainDefineXML(conn, NULL));
    CHECK_ERR(VIR_ERR_INVALID_ARG, "xml in virDomainDefineXML must not be NULL");
    CHECK(!virDomainDefineXML(conn, "<domain"));
    CHECK_ERR(VIR_ERR_XML_DETAIL, NULL);
    CHECK(!virDomainDefineXML(conn, "<domain type='test'><memory>1024</memory>"
                                    "<os><type>hvm</type></os></domain>"));
    CHECK_ERR(VIR_ERR_NO_NAME, NULL);
    CHECK(!virDomainDefineXML(conn, "<domain type='test'><name>u</name><memory>1024</memory>"
                                    "<os><type>hvm</type></os><bogus/></domain>"));
    CHECK_ERR(VIR_ERR_XML_ERROR, "bogus");
    huge = g_malloc(size + 1);
    memset(huge, ' ', size);
    huge[size] = '\0';
    memcpy(huge, "<domain>", 8);
    CHECK(!virDomainDefineXML(conn, huge));
    CHECK_ERR(VIR_ERR_XML_ERROR, NULL);
    CHECK(virConnectNumOfDefinedDomains(conn) == 0);
    CHECK(virConnectNumOfDomains(conn) == 1);
    virConnectClose(conn);
    return 0;
}

static int
testLifecycle(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    g_autofree char *xml = domXML("life", NULL, 1024, 1);
    virDomainPtr dom;
    int state, reason;

    CHECK((dom = virDomainDefineXML(conn, xml)));
    CHECK(virDomainDestroy(dom) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "domain is not running");
    CHECK(virDomainSuspend(dom) == -1);
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "not running");
    CHECK(virDomainCreate(dom) == 0);
    CHECK((int)virDomainGetID(dom) > 1);
    CHECK(virDomainCreate(dom) == -1);
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "is already running");
    CHECK(virDomainSuspend(dom) == 0);
    CHECK(virDomainGetState(dom, &state, &reason, 0) == 0);
    CHECK(state == VIR_DOMAIN_PAUSED && reason == VIR_DOMAIN_PAUSED_USER);
    CHECK(virDomainSuspend(dom) == -1);
    CHECK(virDomainResume(dom) == 0);
    CHECK(virDomainResume(dom) == -1);
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "not paused");
    CHECK(virDomainReboot(dom, 0) == 0);
    CHECK(virDomainReset(dom, 0) == 0);
    CHECK(virDomainShutdown(dom) == 0);
    CHECK(virDomainGetState(dom, &state, &reason, 0) == 0);
    CHECK(state == VIR_DOMAIN_SHUTOFF && reason == VIR_DOMAIN_SHUTOFF_SHUTDOWN);
    /* As libvirt's test hypervisor, no start flags for defined guests. */
    CHECK(virDomainCreateWithFlags(dom, VIR_DOMAIN_START_PAUSED) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x1)");
    CHECK(virDomainCreate(dom) == 0);
    CHECK(virDomainDestroyFlags(dom, 0x80) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x80) in function");
    CHECK(virDomainDestroy(dom) == 0);
    CHECK(virDomainGetState(dom, &state, &reason, 0) == 0);
    CHECK(state == VIR_DOMAIN_SHUTOFF && reason == VIR_DOMAIN_SHUTOFF_DESTROYED);
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}

static int
testTransient(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    g_autofree char *xml = domXML("tr", NULL, 1024, 1);
    virDomainPtr dom, lookup;

    CHECK((dom = virDomainCreateXML(conn, xml, 0)));
    CHECK(virDomainIsPersistent(dom) == 0 && virDomainIsActive(dom) == 1);
    CHECK(!virDomainCreateXML(conn, xml, 0));
    CHECK_ERR(VIR_ERR_OPERATION_FAILED, NULL);
    CHECK(virDomainManagedSave(dom, 0) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "transient");
    /* As libvirt's test hypervisor: accepted, and nothing changes. */
    CHECK(virDomainUndefine(dom) == 0);
    CHECK(virDomainIsActive(dom) == 1 && virDomainIsPersistent(dom) == 0);
    CHECK(virDomainDestroy(dom) == 0);
    CHECK(!(lookup = virDomainLookupByName(conn, "tr")));
    CHECK_ERR(VIR_ERR_NO_DOMAIN, NULL);
    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}

static int
testPersistentBecomesTransient(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    g_autofree char *xml = domXML("pt", NULL, 1024, 1);
    virDomainPtr dom;

    CHECK((dom = virDomainDefineXML(conn, xml)));
    CHECK(virDomainCreate(dom) == 0);
    CHECK(virDomainUndefine(dom) == 0);
    CHECK(virDomainIsPersistent(dom) == 0 && virDomainIsActive(dom) == 1);
    CHECK(virDomainDestroy(dom) == 0);
    CHECK(!virDomainLookupByName(conn, "pt"));
    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}

static int
testManagedSave(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    g_autofree char *xml = domXML("ms", NULL, 1024, 1);
    virDomainPtr dom;
    int state, reason;

    CHECK((dom = virDomainDefineXML(conn, xml)));
    CHECK(virDomainManagedSave(dom, 0) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "not running");
    CHECK(virDomainCreate(dom) == 0);
    CHECK(virDomainManagedSave(dom, 0) == 0);
    CHECK(virDomainHasManagedSaveImage(dom, 0) == 1);
    CHECK(virDomainGetState(dom, &state, &reason, 0) == 0);
    CHECK(state == VIR_DOMAIN_SHUTOFF && reason == VIR_DOMAIN_SHUTOFF_SAVED);
    CHECK(virDomainUndefine(dom) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "managed save");
    CHECK(virDomainCreate(dom) == 0);
    CHECK(virDomainGetState(dom, &state, &reason, 0) == 0);
    CHECK(state == VIR_DOMAIN_RUNNING && reason == VIR_DOMAIN_RUNNING_RESTORED);
    CHECK(virDomainHasManagedSaveImage(dom, 0) == 0);
    CHECK(virDomainManagedSave(dom, 0) == 0);
    CHECK(virDomainUndefineFlags(dom, VIR_DOMAIN_UNDEFINE_MANAGED_SAVE) == 0);
    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}

static int
testSaveRestore(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    int state, reason;

    CHECK(dom);
    CHECK(virDomainSave(dom, "/nonexistent/test.save") == 0);
    CHECK(virDomainIsActive(dom) == 0);
    CHECK(virDomainRestore(conn, "/nonexistent/other.save") == -1);
    CHECK(virDomainRestore(conn, "/nonexistent/test.save") == 0);
    virDomainFree(dom);
    CHECK((dom = virDomainLookupByName(conn, "test")));
    CHECK(virDomainGetState(dom, &state, &reason, 0) == 0);
    CHECK(state == VIR_DOMAIN_RUNNING && reason == VIR_DOMAIN_RUNNING_RESTORED);
    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}

static int
testListing(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virDomainPtr *doms = NULL;
    virDomainPtr a, b;
    g_autofree char *xa = domXML("la", NULL, 1024, 1);
    g_autofree char *xb = domXML("lb", NULL, 1024, 1);
    int ids[8];
    char *names[8];
    int n;

    CHECK((a = virDomainDefineXML(conn, xa)));
    CHECK((b = virDomainDefineXML(conn, xb)));
    CHECK(virDomainCreate(b) == 0);
    CHECK(virDomainSetAutostart(a, 1) == 0);
    CHECK(virConnectListAllDomains(conn, NULL, 0) == 3);
    n = virConnectListAllDomains(conn, &doms, VIR_CONNECT_LIST_DOMAINS_ACTIVE);
    CHECK(n == 2);
    for (int i = 0; i < n; i++)
        virDomainFree(doms[i]);
    free(doms);
    n = virConnectListAllDomains(conn, &doms, VIR_CONNECT_LIST_DOMAINS_AUTOSTART);
    CHECK(n == 1 && strcmp(virDomainGetName(doms[0]), "la") == 0);
    virDomainFree(doms[0]);
    free(doms);
    CHECK(virConnectListAllDomains(conn, NULL, VIR_CONNECT_LIST_DOMAINS_SHUTOFF) == 1);
    CHECK(virConnectListAllDomains(conn, NULL, VIR_CONNECT_LIST_DOMAINS_TRANSIENT) == 0);
    CHECK(virConnectListAllDomains(conn, NULL, 1u << 30) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags");
    CHECK(virConnectNumOfDomains(conn) == 2);
    CHECK(virConnectListDomains(conn, ids, 8) == 2 && ids[0] == 1);
    CHECK(virConnectListDefinedDomains(conn, names, 8) == 1 && strcmp(names[0], "la") == 0);
    free(names[0]);
    virDomainDestroy(b);
    virDomainUndefine(a);
    virDomainUndefine(b);
    virDomainFree(a);
    virDomainFree(b);
    virConnectClose(conn);
    return 0;
}

static int
testMemoryVcpus(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    g_autofree char *xml = domXML("mv", NULL, 4096, 2);
    virDomainPtr dom;
    virDomainInfo info;

    CHECK((dom = virDomainDefineXML(conn, xml)));
    CHECK(virDomainSetMemory(dom, 1024) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, NULL);
    CHECK(virDomainSetMemoryFlags(dom, 1024, VIR_DOMAIN_AFFECT_CONFIG) == 0);
    CHECK(virDomainSetMaxMemory(dom, 0) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "must not be zero");
    CHECK(virDomainCreate(dom) == 0);
    CHECK(virDomainSetMemory(dom, 8192) == -1);
    CHECK(virDomainSetMemory(dom, 2048) == 0);
    CHECK(virDomainGetInfo(dom, &info) == 0 && info.memory == 2048 && info.maxMem == 4096);
    CHECK(virDomainGetMaxVcpus(dom) == 2);
    CHECK(virDomainSetVcpus(dom, 1) == 0);
    CHECK(virDomainGetVcpusFlags(dom, VIR_DOMAIN_AFFECT_LIVE) == 1);
    CHECK(virDomainSetVcpus(dom, 3) == -1);
    CHECK(virDomainSetVcpus(dom, 0) == -1);
    virDomainDestroy(dom);
    virDomainUndefine(dom);
    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}

static int
testLiveAndConfigApart(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    virDomainInfo info;
    char *xml;

    CHECK(dom);
    /* A live change ends with this run ... */
    CHECK(virDomainSetMemory(dom, 1048576) == 0);
    CHECK((xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE)));
    CHECK(strstr(xml, "<currentMemory unit='KiB'>2097152</currentMemory>"));
    free(xml);
    /* ... and a config change waits for the next. */
    CHECK(virDomainSetMemoryFlags(dom, 524288, VIR_DOMAIN_AFFECT_CONFIG) == 0);
    CHECK(virDomainGetInfo(dom, &info) == 0 && info.memory == 1048576);
    CHECK(virDomainIsUpdated(dom) == 0);
    CHECK(virDomainDestroy(dom) == 0);
    CHECK(virDomainGetInfo(dom, &info) == 0 && info.memory == 524288);
    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}

static int
testReadOnly(void)
{
    virConnectPtr ro = virConnectOpenReadOnly(URI);
    virDomainPtr dom;
    virDomainInfo info;

    CHECK(ro);
    CHECK((dom = virDomainLookupByName(ro, "test")));
    CHECK(virDomainGetInfo(dom, &info) == 0);
    CHECK(virDomainDestroy(dom) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_DENIED, "read only access prevents virDomainDestroy");
    CHECK(!virDomainDefineXML(ro, "<domain/>"));
    CHECK_ERR(VIR_ERR_OPERATION_DENIED, NULL);
    CHECK(!virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_SECURE));
    CHECK_ERR(VIR_ERR_OPERATION_DENIED, "virDomainGetXMLDesc with secure flag");
    CHECK(virDomainIsActive(dom) == 1);
    virDomainFree(dom);
    virConnectClose(ro);
    return 0;
}

static int
testSharedState(void)
{
    virConnectPtr c1 = virConnectOpen(URI);
    virConnectPtr c2 = virConnectOpen(URI);
    g_autofree char *xml = domXML("shared", NULL, 1024, 1);
    virDomainPtr dom;

    CHECK(c1 && c2);
    CHECK((dom = virDomainDefineXML(c1, xml)));
    virDomainFree(dom);
    CHECK((dom = virDomainLookupByName(c2, "shared")));
    virDomainFree(dom);
    virConnectClose(c1);
    virConnectClose(c2);
    /* The last close dropped the state: a fresh open starts clean. */
    c1 = virConnectOpen(URI);
    CHECK(!virDomainLookupByName(c1, "shared"));
    CHECK(virConnectNumOfDomains(c1) == 1);
    virConnectClose(c1);
    return 0;
}

static int
testHandleOutlivesClose(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virDomainPtr dom = virDomainLookupByName(conn, "test");

    CHECK(dom);
    /* The domain handle keeps the connection alive. */
    CHECK(virConnectClose(conn) == 1);
    CHECK(virDomainIsActive(dom) == 1);
    CHECK(virDomainFree(dom) == 0);
    return 0;
}

static int
testUnsupported(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virDomainPtr dom = virDomainLookupByName(conn, "test");

    /* An operation the test driver lacks answers VIR_ERR_NO_SUPPORT. */
    CHECK(virDomainInjectNMI(dom, 0) == -1);
    CHECK_ERR(VIR_ERR_NO_SUPPORT, "virDomainInjectNMI");
    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}

static int
testMetadata(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    char *s;

    CHECK(!virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_TITLE, NULL, 0));
    CHECK_ERR(VIR_ERR_NO_DOMAIN_METADATA, NULL);
    CHECK(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_TITLE, "hello", NULL, NULL, 0) == 0);
    CHECK((s = virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_TITLE, NULL, 0)));
    CHECK(strcmp(s, "hello") == 0);
    free(s);
    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}

static int handlerCalls;

static void
countingHandler(void *opaque, virErrorPtr err)
{
    (void)opaque;
    if (err && err->code == VIR_ERR_NO_DOMAIN)
        handlerCalls++;
}

static int
testErrorAPI(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virError copy;
    virErrorPtr saved;

    memset(&copy, 0, sizeof(copy));
    virResetLastError();
    CHECK(strcmp(virGetLastErrorMessage(), "no error") == 0);
    CHECK(virGetLastErrorCode() == VIR_ERR_OK);
    CHECK(!virDomainLookupByName(conn, "nope"));
    CHECK(virGetLastErrorCode() == VIR_ERR_NO_DOMAIN);
    CHECK(virGetLastErrorDomain() == VIR_FROM_TEST);
    CHECK(virCopyLastError(&copy) == VIR_ERR_NO_DOMAIN);
    CHECK(copy.message && strstr(copy.message, "nope"));
    virResetError(&copy);
    CHECK((saved = virSaveLastError()) && saved->code == VIR_ERR_NO_DOMAIN);
    virFreeError(saved);
    CHECK(virConnGetLastError(conn) && virConnGetLastError(conn)->code == VIR_ERR_NO_DOMAIN);
    virConnResetLastError(conn);
    CHECK(virConnGetLastError(conn) == NULL);

    virConnSetErrorFunc(conn, NULL, countingHandler);
    handlerCalls = 0;
    CHECK(!virDomainLookupByName(conn, "nope"));
    CHECK(handlerCalls == 1);
    virConnSetErrorFunc(conn, NULL, NULL);
    /* A successful call clears the thread's error. */
    CHECK(virConnectNumOfDomains(conn) == 1);
    CHECK(virGetLastError() == NULL);
    virConnectClose(conn);
    return 0;
}

int
main(void)
{
    static const testCase cases[] = {
        { "connect basics", testConnectBasics },
        { "connect errors", testConnectErrors },
        { "node info", testNodeInfo },
        { "default domain", testDefaultDomain },
        { "lookup errors", testLookupErrors },
        { "define and undefine", testDefineUndefine },
        { "bad XML changes nothing", testBadXML },
        { "lifecycle", testLifecycle },
        { "transient domains", testTransient },
        { "undefine while running", testPersistentBecomesTransient },
        { "managed save", testManagedSave },
        { "save and restore", testSaveRestore },
        { "listing with filters", testListing },
        { "memory and vcpus", testMemoryVcpus },
        { "live and config kept apart", testLiveAndConfigApart },
        { "read-only connection", testReadOnly },
        { "shared default state", testSharedState },
        { "handle outlives close", testHandleOutlivesClose },
        { "unsupported operation", testUnsupported },
        { "metadata", testMetadata },
        { "error API", testErrorAPI },
    };
    return testRunAll(cases, G_N_ELEMENTS(cases));
}
