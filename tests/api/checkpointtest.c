/*
 * checkpointtest.c: domain checkpoints through the public API on
 * test:///default, with the results and error codes stock libvirt 9.0
 * gives (the same file built against it passes too).
 */
#include <glib.h>

#include "testlib.h"

#define URI "test:///default"

static virDomainCheckpointPtr
mk(virDomainPtr dom, const char *name)
{
    g_autofree char *xml = g_strdup_printf("<domaincheckpoint><name>%s</name>"
                                           "</domaincheckpoint>", name);
    return virDomainCheckpointCreateXML(dom, xml, 0);
}

static int
count(virDomainPtr dom, unsigned int flags)
{
    return virDomainListAllCheckpoints(dom, NULL, flags);
}

static const char *
parentOf(virDomainPtr dom, const char *name)
{
    static char buf[64];
    virDomainCheckpointPtr c = virDomainCheckpointLookupByName(dom, name, 0);
    virDomainCheckpointPtr p = c ? virDomainCheckpointGetParent(c, 0) : NULL;

    g_strlcpy(buf, p ? virDomainCheckpointGetName(p) : "", sizeof(buf));
    if (p)
        virDomainCheckpointFree(p);
    if (c)
        virDomainCheckpointFree(c);
    return buf;
}

/* c1 <- c2 <- c3, r (redefined under c1), then deletes. */
static int
testTree(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virDomainPtr dom;
    virDomainCheckpointPtr c1, c2, c3, r, *list = NULL;
    char *xml;
    int n, i;

    CHECK(conn && (dom = virDomainLookupByName(conn, "test")));
    CHECK(count(dom, 0) == 0);
    CHECK((c1 = mk(dom, "c1")) && (c2 = mk(dom, "c2")) && (c3 = mk(dom, "c3")));
    CHECK(strcmp(parentOf(dom, "c3"), "c2") == 0);
    CHECK(!virDomainCheckpointGetParent(c1, 0));
    CHECK_ERR(VIR_ERR_NO_DOMAIN_CHECKPOINT, "checkpoint 'c1' does not have a parent");
    CHECK((r = virDomainCheckpointCreateXML(dom, "<domaincheckpoint><name>r</name>"
                                            "<parent><name>c1</name></parent>"
                                            "<creationTime>5</creationTime>"
                                            "</domaincheckpoint>",
                                            VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE)));
    CHECK((xml = virDomainCheckpointGetXMLDesc(r, 0)));
    CHECK(strcmp(xml, "<domaincheckpoint>\n  <name>r</name>\n  <parent>\n"
                 "    <name>c1</name>\n  </parent>\n  <creationTime>5</creationTime>\n"
                 "</domaincheckpoint>\n") == 0);
    free(xml);
    CHECK((xml = virDomainCheckpointGetXMLDesc(c2, VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN |
                                               VIR_DOMAIN_CHECKPOINT_XML_SIZE)));
    CHECK(strstr(xml, "<disk name='vda' checkpoint='bitmap' bitmap='c2'/>"));
    CHECK(!strstr(xml, "<domain "));
    free(xml);
    CHECK((xml = virDomainCheckpointGetXMLDesc(c2, 0)));
    CHECK(strstr(xml, "  <domain type='test'>\n    <name>test</name>"));
    free(xml);

    CHECK(count(dom, 0) == 4);
    CHECK(count(dom, VIR_DOMAIN_CHECKPOINT_LIST_ROOTS) == 1);
    CHECK(count(dom, VIR_DOMAIN_CHECKPOINT_LIST_LEAVES) == 2);
    CHECK(count(dom, VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES) == 2);
    CHECK(count(dom, VIR_DOMAIN_CHECKPOINT_LIST_LEAVES |
                VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES) == 0);
    CHECK(count(dom, 1u << 10) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags");
    n = virDomainListAllCheckpoints(dom, &list, VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL);
    CHECK(n == 4 && list[4] == NULL);
    CHECK(strcmp(virDomainCheckpointGetName(list[0]), "c1") == 0);
    for (i = 0; i < n; i++)
        virDomainCheckpointFree(list[i]);
    free(list);
    CHECK(virDomainCheckpointListAllChildren(c1, NULL, 0) == 2);
    CHECK(virDomainCheckpointListAllChildren(c1, NULL,
                                             VIR_DOMAIN_CHECKPOINT_LIST_DESCENDANTS) == 3);
    n = virDomainCheckpointListAllChildren(c1, &list, 0);
    CHECK(n == 2);
    /* Newest first. */
    CHECK(strcmp(virDomainCheckpointGetName(list[0]), "r") == 0);
    for (i = 0; i < n; i++)
        virDomainCheckpointFree(list[i]);
    free(list);

    /* A snapshot cannot join a domain that has checkpoints. */
    CHECK(!virDomainSnapshotCreateXML(dom, "<domainsnapshot/>", 0));
    CHECK_ERR(VIR_ERR_OPERATION_UNSUPPORTED, "cannot create snapshot while checkpoint exists");

    /* Deleting c2 hands c3 to c1; METADATA_ONLY is accepted. */
    CHECK(virDomainCheckpointDelete(c2, VIR_DOMAIN_CHECKPOINT_DELETE_METADATA_ONLY) == 0);
    CHECK(strcmp(parentOf(dom, "c3"), "c1") == 0);
    CHECK(!virDomainCheckpointLookupByName(dom, "c2", 0));
    CHECK_ERR(VIR_ERR_NO_DOMAIN_CHECKPOINT, "no domain checkpoint with matching name 'c2'");
    CHECK(virDomainCheckpointDelete(c2, 0) == -1);
    CHECK_ERR(VIR_ERR_NO_DOMAIN_CHECKPOINT, "'c2'");
    CHECK(virDomainCheckpointDelete(c1, VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN |
                                    VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "mutually exclusive");
    CHECK(virDomainCheckpointDelete(c1, VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY) == 0);
    CHECK(count(dom, 0) == 1);
    /* c3 was current: c1 is now, so a new checkpoint goes under it. */
    virDomainCheckpointFree(c3);
    CHECK((c3 = mk(dom, "c3")));
    CHECK(strcmp(parentOf(dom, "c3"), "c1") == 0);
    CHECK(virDomainCheckpointDelete(c1, VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN) == 0);
    CHECK(count(dom, 0) == 0);
    /* With none left there is no current one: the next is a root. */
    virDomainCheckpointFree(c2);
    CHECK((c2 = mk(dom, "c2")));
    CHECK(!virDomainCheckpointGetParent(c2, 0));
    CHECK(virDomainCheckpointDelete(c2, 0) == 0);

    virDomainCheckpointFree(c1);
    virDomainCheckpointFree(c2);
    virDomainCheckpointFree(c3);
    virDomainCheckpointFree(r);
    virDomainFree(dom);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

/* Refused creations change nothing. */
static int
testCreateErrors(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virDomainPtr dom;
    virDomainCheckpointPtr c;
    char *xml;

    CHECK(conn && (dom = virDomainLookupByName(conn, "test")));
    CHECK((c = mk(dom, "base")));
    virDomainCheckpointFree(c);

    CHECK(!virDomainCheckpointCreateXML(dom, "<foo/>", 0));
    CHECK_ERR(VIR_ERR_XML_ERROR, "expecting root element of 'domaincheckpoint', not 'foo'");
    CHECK(!virDomainCheckpointCreateXML(dom, "<domaincheckpoint>", 0));
    CHECK_ERR(VIR_ERR_XML_DETAIL, "Premature end of data");
    CHECK(!virDomainCheckpointCreateXML(dom, "<domaincheckpoint><name>.x</name>"
                                        "</domaincheckpoint>", 0));
    CHECK_ERR(VIR_ERR_XML_INVALID_SCHEMA, "domaincheckpoint.rng");
    CHECK(!virDomainCheckpointCreateXML(dom, "<domaincheckpoint><bogus/>"
                                        "</domaincheckpoint>", 0));
    CHECK_ERR(VIR_ERR_XML_INVALID_SCHEMA, "domaincheckpoint.rng");
    CHECK(!virDomainCheckpointCreateXML(dom, "<domaincheckpoint><disks>"
                                        "<disk name='vda' checkpoint='no' bitmap='b'/>"
                                        "</disks></domaincheckpoint>", 0));
    CHECK_ERR(VIR_ERR_XML_INVALID_SCHEMA, "domaincheckpoint.rng");
    CHECK(!virDomainCheckpointCreateXML(dom, "<domaincheckpoint><disks><disk name='vdz'/>"
                                        "</disks></domaincheckpoint>", 0));
    CHECK_ERR(VIR_ERR_CONFIG_UNSUPPORTED, "no disk named 'vdz'");
    CHECK(!virDomainCheckpointCreateXML(dom, "<domaincheckpoint><disks><disk name='vda'/>"
                                        "<disk name='/guest/diskimage1'/></disks>"
                                        "</domaincheckpoint>", 0));
    CHECK_ERR(VIR_ERR_CONFIG_UNSUPPORTED, "too many disk checkpoint requests");
    CHECK(!mk(dom, "base"));
    CHECK_ERR(VIR_ERR_OPERATION_FAILED, "domain moment base already exists");

    /* Flags: the entry point's pairs, then the driver's own list. */
    CHECK(!virDomainCheckpointCreateXML(dom, "<domaincheckpoint/>",
                                        VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE_VALIDATE));
    CHECK_ERR(VIR_ERR_INVALID_ARG, "is required by flag");
    CHECK(!virDomainCheckpointCreateXML(dom, "<domaincheckpoint/>",
                                        VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE |
                                        VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE));
    CHECK_ERR(VIR_ERR_INVALID_ARG, "mutually exclusive");
    CHECK(!virDomainCheckpointCreateXML(dom, "<domaincheckpoint><name>v</name>"
                                        "<creationTime>5</creationTime></domaincheckpoint>",
                                        VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE |
                                        VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE_VALIDATE));
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x4)");

    /* Redefinitions: what they must say, and where they may go. */
    CHECK(!virDomainCheckpointCreateXML(dom, "<domaincheckpoint><creationTime>5</creationTime>"
                                        "</domaincheckpoint>",
                                        VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE));
    CHECK_ERR(VIR_ERR_XML_ERROR, "a redefined checkpoint must have a name");
    CHECK(!virDomainCheckpointCreateXML(dom, "<domaincheckpoint><name>r</name>"
                                        "</domaincheckpoint>",
                                        VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE));
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "missing creationTime from existing checkpoint");
    CHECK(!virDomainCheckpointCreateXML(dom, "<domaincheckpoint><name>r</name>"
                                        "<creationTime>5</creationTime>"
                                        "<parent><name>zz</name></parent></domaincheckpoint>",
                                        VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE));
    CHECK_ERR(VIR_ERR_INVALID_ARG, "parent zz for moment r not found");
    CHECK(!virDomainCheckpointCreateXML(dom, "<domaincheckpoint><name>r</name>"
                                        "<creationTime>5</creationTime>"
                                        "<parent><name>r</name></parent></domaincheckpoint>",
                                        VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE));
    CHECK_ERR(VIR_ERR_INVALID_ARG, "cannot set moment r as its own parent");
    CHECK((c = mk(dom, "top")));
    virDomainCheckpointFree(c);
    CHECK(!virDomainCheckpointCreateXML(dom, "<domaincheckpoint><name>base</name>"
                                        "<creationTime>5</creationTime>"
                                        "<parent><name>top</name></parent></domaincheckpoint>",
                                        VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE));
    CHECK_ERR(VIR_ERR_INVALID_ARG, "parent top would create cycle to base");
    CHECK(count(dom, 0) == 2);
    CHECK(strcmp(parentOf(dom, "top"), "base") == 0);

    /* Only a running domain takes checkpoints and reports sizes. */
    CHECK((c = virDomainCheckpointLookupByName(dom, "base", 0)));
    CHECK(!virDomainCheckpointGetXMLDesc(c, 1u << 5));
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x20)");
    CHECK(virDomainDestroy(dom) == 0);
    CHECK(!mk(dom, "off"));
    CHECK_ERR(VIR_ERR_OPERATION_UNSUPPORTED, "cannot create checkpoint for inactive domain");
    CHECK(!virDomainCheckpointGetXMLDesc(c, VIR_DOMAIN_CHECKPOINT_XML_SIZE));
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "domain is not running");
    CHECK((xml = virDomainCheckpointGetXMLDesc(c, 0)));
    free(xml);
    CHECK(virDomainCheckpointDelete(c, VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN) == 0);
    CHECK(count(dom, 0) == 0);
    CHECK(virDomainCreate(dom) == 0);
    virDomainCheckpointFree(c);
    virDomainFree(dom);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

int
main(void)
{
    static const testCase cases[] = {
        { "tree, lists, XML, delete and re-parenting", testTree },
        { "refused creations and inactive domains", testCreateErrors },
    };

    return testRunAll(cases, G_N_ELEMENTS(cases));
}
