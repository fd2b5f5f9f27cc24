/*
 * snapshottest.c: domain snapshots through the public API on
 * test:///default, with the results and error codes stock libvirt 9.0
 * gives (checked against it with the same calls from Python).
 */
#include <glib.h>
#include <glib/gstdio.h>

#include "testlib.h"

#define URI "test:///default"

static virDomainSnapshotPtr
mk(virDomainPtr dom, const char *name, unsigned int flags)
{
    g_autofree char *xml = g_strdup_printf("<domainsnapshot><name>%s</name>"
                                           "<description>d</description></domainsnapshot>",
                                           name);
    return virDomainSnapshotCreateXML(dom, xml, flags);
}

static int
numNamed(virDomainPtr dom, unsigned int flags)
{
    return virDomainSnapshotNum(dom, flags);
}

/* s1 <- s2 <- s3, and s1 <- s4 after reverting to s1. */
static int
testTree(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virDomainPtr dom;
    virDomainSnapshotPtr s1, s2, s3, s4, cur, par;
    virDomainSnapshotPtr *list = NULL;
    char *names[8] = { NULL };
    int n, i;

    CHECK(conn && (dom = virDomainLookupByName(conn, "test")));
    CHECK(virDomainHasCurrentSnapshot(dom, 0) == 0);
    CHECK(!virDomainSnapshotCurrent(dom, 0));
    CHECK_ERR(VIR_ERR_NO_DOMAIN_SNAPSHOT, "does not have a current snapshot");
    CHECK((s1 = mk(dom, "s1", 0)) && (s2 = mk(dom, "s2", 0)) && (s3 = mk(dom, "s3", 0)));
    CHECK(virDomainRevertToSnapshot(s1, 0) == 0);
    CHECK((s4 = mk(dom, "s4", 0)));

    CHECK(numNamed(dom, 0) == 4);
    CHECK(numNamed(dom, VIR_DOMAIN_SNAPSHOT_LIST_ROOTS) == 1);
    CHECK(numNamed(dom, VIR_DOMAIN_SNAPSHOT_LIST_LEAVES) == 2);
    CHECK(numNamed(dom, VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES) == 2);
    CHECK(numNamed(dom, VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA) == 0);
    CHECK(numNamed(dom, VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE) == 4);
    CHECK(numNamed(dom, VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE) == 0);
    CHECK(numNamed(dom, VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL) == 0);
    CHECK(numNamed(dom, VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL) == 4);
    CHECK(numNamed(dom, 1u << 20) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags");

    /* Topological order puts every parent before its children. */
    n = virDomainListAllSnapshots(dom, &list, VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL);
    CHECK(n == 4);
    CHECK(strcmp(virDomainSnapshotGetName(list[0]), "s1") == 0);
    for (i = 0; i < n; i++)
        virDomainSnapshotFree(list[i]);
    free(list);

    CHECK(virDomainSnapshotNumChildren(s1, 0) == 2);
    CHECK(virDomainSnapshotNumChildren(s1, VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS) == 3);
    CHECK(virDomainSnapshotListChildrenNames(s1, names, 8, 0) == 2);
    for (i = 0; i < 2; i++)
        free(names[i]);
    CHECK((par = virDomainSnapshotGetParent(s3, 0)));
    CHECK(strcmp(virDomainSnapshotGetName(par), "s2") == 0);
    virDomainSnapshotFree(par);
    CHECK(!virDomainSnapshotGetParent(s1, 0));
    CHECK_ERR(VIR_ERR_NO_DOMAIN_SNAPSHOT, "does not have a parent");
    CHECK((cur = virDomainSnapshotCurrent(dom, 0)));
    CHECK(strcmp(virDomainSnapshotGetName(cur), "s4") == 0);
    virDomainSnapshotFree(cur);
    CHECK(virDomainSnapshotIsCurrent(s4, 0) == 1 && virDomainSnapshotIsCurrent(s1, 0) == 0);
    CHECK(virDomainSnapshotHasMetadata(s1, 0) == 1);

    /* Deleting s2 hangs s3 under s1; CHILDREN_ONLY keeps s1 alone. */
    CHECK(virDomainSnapshotDelete(s2, 0) == 0);
    CHECK((par = virDomainSnapshotGetParent(s3, 0)));
    CHECK(strcmp(virDomainSnapshotGetName(par), "s1") == 0);
    virDomainSnapshotFree(par);
    CHECK(virDomainSnapshotDelete(s1, VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN |
                                      VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "mutually exclusive");
    CHECK(virDomainSnapshotDelete(s1, VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags");
    CHECK(virDomainSnapshotDelete(s1, VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY) == 0);
    CHECK(numNamed(dom, 0) == 1);
    CHECK((cur = virDomainSnapshotCurrent(dom, 0)));
    CHECK(strcmp(virDomainSnapshotGetName(cur), "s1") == 0);
    virDomainSnapshotFree(cur);
    CHECK(virDomainSnapshotGetXMLDesc(s3, 0) == NULL);
    CHECK_ERR(VIR_ERR_NO_DOMAIN_SNAPSHOT, "'s3'");
    CHECK(virDomainSnapshotDelete(s1, VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN) == 0);
    CHECK(numNamed(dom, 0) == 0 && virDomainHasCurrentSnapshot(dom, 0) == 0);

    virDomainSnapshotFree(s1);
    virDomainSnapshotFree(s2);
    virDomainSnapshotFree(s3);
    virDomainSnapshotFree(s4);
    virDomainFree(dom);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testCreateErrors(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virDomainPtr dom;
    virDomainSnapshotPtr s;

    CHECK(conn && (dom = virDomainLookupByName(conn, "test")));
    CHECK(!mk(dom, "x", VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY));
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x10)");
    CHECK(!mk(dom, "x", VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA));
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x4)");
    CHECK(!mk(dom, "x", VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT));
    CHECK_ERR(VIR_ERR_INVALID_ARG, "is required by flag");
    CHECK(!mk(dom, "x", VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE));
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "missing creationTime");
    CHECK(!virDomainSnapshotCreateXML(dom, "<foo/>", 0));
    CHECK_ERR(VIR_ERR_XML_ERROR, "expecting root element");
    CHECK(!virDomainSnapshotCreateXML(dom, "<domainsnapshot><disks><disk name='vdz'/>"
                                           "</disks></domainsnapshot>", 0));
    CHECK_ERR(VIR_ERR_CONFIG_UNSUPPORTED, "no disk named 'vdz'");
    CHECK(!virDomainSnapshotCreateXML(dom, "<domainsnapshot><memory snapshot='external'/>"
                                           "</domainsnapshot>", 0));
    CHECK_ERR(VIR_ERR_XML_ERROR, "require a filename");
    CHECK(!virDomainSnapshotCreateXML(dom, NULL, 0));
    CHECK_ERR(VIR_ERR_INVALID_ARG, NULL);
    CHECK(virDomainSnapshotNum(dom, 0) == 0);

    /* A failed redefine leaves the tree as it was. */
    CHECK((s = mk(dom, "a", 0)));
    CHECK(!virDomainSnapshotCreateXML(dom, "<domainsnapshot><name>a</name><state>running</state>"
                                           "<creationTime>1</creationTime><parent><name>a</name>"
                                           "</parent></domainsnapshot>",
                                      VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE));
    CHECK_ERR(VIR_ERR_INVALID_ARG, "own parent");
    CHECK(!mk(dom, "a", 0));
    CHECK_ERR(VIR_ERR_OPERATION_FAILED, "already exists");
    CHECK(virDomainSnapshotNum(dom, 0) == 1 && virDomainSnapshotIsCurrent(s, 0) == 1);
    CHECK(!virDomainSnapshotLookupByName(dom, "nope", 0));
    CHECK_ERR(VIR_ERR_NO_DOMAIN_SNAPSHOT, "'nope'");
    CHECK(virDomainRevertToSnapshot(s, VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING |
                                       VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "mutually exclusive");
    CHECK(virDomainRevertToSnapshot(s, VIR_DOMAIN_SNAPSHOT_REVERT_RESET_NVRAM) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags");
    CHECK(virDomainSnapshotDelete(s, 0) == 0);
    virDomainSnapshotFree(s);
    virDomainFree(dom);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testRevertStates(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virDomainPtr dom;
    virDomainSnapshotPtr run, off;
    int state, reason;

    CHECK(conn && (dom = virDomainLookupByName(conn, "test")));
    CHECK((run = mk(dom, "run", 0)));
    CHECK((off = mk(dom, "off", VIR_DOMAIN_SNAPSHOT_CREATE_HALT)));
    CHECK(virDomainGetState(dom, &state, &reason, 0) == 0);
    CHECK(state == VIR_DOMAIN_SHUTOFF && reason == VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT);

    CHECK(virDomainRevertToSnapshot(run, VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED) == 0);
    CHECK(virDomainGetState(dom, &state, &reason, 0) == 0);
    CHECK(state == VIR_DOMAIN_PAUSED && reason == VIR_DOMAIN_PAUSED_FROM_SNAPSHOT);
    CHECK(virDomainRevertToSnapshot(run, 0) == 0);
    CHECK(virDomainGetState(dom, &state, &reason, 0) == 0);
    CHECK(state == VIR_DOMAIN_RUNNING && reason == VIR_DOMAIN_RUNNING_FROM_SNAPSHOT);
    /* HALT stops the domain after taking a snapshot of it running. */
    CHECK(virDomainRevertToSnapshot(off, 0) == 0);
    CHECK(virDomainGetState(dom, &state, &reason, 0) == 0);
    CHECK(state == VIR_DOMAIN_RUNNING && reason == VIR_DOMAIN_RUNNING_FROM_SNAPSHOT);
    CHECK(virDomainDestroy(dom) == 0);
    virDomainSnapshotFree(off);
    CHECK((off = mk(dom, "down", 0)));
    CHECK(virDomainRevertToSnapshot(run, 0) == 0);
    CHECK(virDomainRevertToSnapshot(off, 0) == 0);
    CHECK(virDomainGetState(dom, &state, &reason, 0) == 0);
    CHECK(state == VIR_DOMAIN_SHUTOFF && reason == VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT);

    /* Undefining needs the metadata flag while snapshots exist. */
    CHECK(virDomainUndefine(dom) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "3 snapshots");
    CHECK(virDomainUndefineFlags(dom, VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA) == 0);
    virDomainSnapshotFree(run);
    virDomainSnapshotFree(off);
    virDomainFree(dom);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

/* A node file's <test:domainsnapshot>s: the tree, the current one, and
 * the open refused as libvirt refuses it (<active> missing, two current
 * snapshots, a parent that is not there). */
static const char nodeSnapXML[] =
    "<node><domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>"
    "<name>fv0</name><uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa0</uuid>"
    "<memory>524288</memory><vcpu>1</vcpu><os><type>hvm</type></os>"
    "<test:domainsnapshot><name>first</name><state>shutoff</state>"
    "<creationTime>1400000000</creationTime><active>0</active></test:domainsnapshot>"
    "<test:domainsnapshot><name>second</name><state>running</state>"
    "<parent><name>PARENT</name></parent><creationTime>1400000100</creationTime>"
    "<active>1</active></test:domainsnapshot>"
    "<test:domainsnapshot><name>third</name><state>paused</state>"
    "<parent><name>first</name></parent><creationTime>1400000200</creationTime>"
    "<active>ACTIVE</active></test:domainsnapshot>"
    "</domain></node>";

static virConnectPtr
openNode(const char *dir, const char *parent, const char *active)
{
    g_autofree char *path = g_build_filename(dir, "node.xml", NULL);
    g_autofree char *uri = g_strdup_printf("test://%s", path);
    g_autoptr(GString) xml = g_string_new(nodeSnapXML);

    g_string_replace(xml, "PARENT", parent, 1);
    g_string_replace(xml, "<active>ACTIVE</active>", active, 1);
    if (!g_file_set_contents(path, xml->str, -1, NULL))
        return NULL;
    return virConnectOpen(uri);
}

static int
testNodeFile(void)
{
    g_autofree char *dir = g_dir_make_tmp("nuvsnap-XXXXXX", NULL);
    g_autofree char *path = NULL;
    virConnectPtr conn;
    virDomainPtr dom;
    virDomainSnapshotPtr cur, second, par;
    char *xml;

    CHECK(dir);
    path = g_build_filename(dir, "node.xml", NULL);
    CHECK((conn = openNode(dir, "first", "<active>0</active>")));
    CHECK((dom = virDomainLookupByName(conn, "fv0")));
    CHECK(virDomainSnapshotNum(dom, 0) == 3);
    CHECK(virDomainSnapshotNum(dom, VIR_DOMAIN_SNAPSHOT_LIST_ROOTS) == 1);
    CHECK(virDomainSnapshotNum(dom, VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE) == 1);
    CHECK((cur = virDomainSnapshotCurrent(dom, 0)));
    CHECK(strcmp(virDomainSnapshotGetName(cur), "second") == 0);
    CHECK((par = virDomainSnapshotGetParent(cur, 0)));
    CHECK(strcmp(virDomainSnapshotGetName(par), "first") == 0);
    CHECK(virDomainSnapshotNumChildren(par, 0) == 2);
    CHECK((second = virDomainSnapshotLookupByName(dom, "second", 0)));
    CHECK((xml = virDomainSnapshotGetXMLDesc(second, 0)));
    /* No <domain> in the file: only its UUID is written, and running
     * snapshots keep their memory internally. */
    CHECK(strstr(xml, "<memory snapshot='internal'/>"));
    CHECK(strstr(xml, "<uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa0</uuid>"));
    CHECK(strstr(xml, "<creationTime>1400000100</creationTime>"));
    free(xml);
    virDomainSnapshotFree(second);
    virDomainSnapshotFree(par);
    virDomainSnapshotFree(cur);
    virDomainFree(dom);
    CHECK(virConnectClose(conn) == 0);

    CHECK(!openNode(dir, "first", ""));
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "Could not find 'active' element");
    CHECK(!openNode(dir, "first", "<active>1</active>"));
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "more than one snapshot claims to be active");
    CHECK(!openNode(dir, "nope", "<active>0</active>"));
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "inconsistent relations for domain fv0");
    CHECK(!openNode(dir, "second", "<active>0</active>"));
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "inconsistent relations for domain fv0");

    g_unlink(path);
    g_rmdir(dir);
    return 0;
}

int
main(void)
{
    static const testCase cases[] = {
        { "tree, lists, filters, delete and re-parenting", testTree },
        { "creation errors leave the tree as it was", testCreateErrors },
        { "revert states and undefine", testRevertStates },
        { "snapshots of a node file", testNodeFile },
    };

    return testRunAll(cases, G_N_ELEMENTS(cases));
}
