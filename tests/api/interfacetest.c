/*
 * interfacetest.c: the host interface API of the test driver, error cases
 * included.  Expected values and messages are those of libvirt 9.0's test
 * driver (checked against stock with python3-libvirt).
 */
#include <stdlib.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "testlib.h"

#define URI "test:///default"

static const char eth1XML[] =
    "<interface type='ethernet' name='eth1'>\n"
    "  <start mode='onboot'/>\n"
    "  <mtu size='1492'/>\n"
    "  <protocol family='ipv4'>\n"
    "    <ip address='192.168.0.5' prefix='24'/>\n"
    "    <route gateway='192.168.0.1'/>\n"
    "  </protocol>\n"
    "  <mac address='aa:bb:cc:dd:ee:ff'/>\n"
    "</interface>\n";

static const char bondIn[] =
    "<interface type='bond' name='bond7'><start mode='hotplug'/><link speed='5'/>"
    "<unknown/><bond mode='802.3ad'><miimon freq='3' downdelay='0' updelay='7' carrier='netif'/>"
    "<interface type='ethernet' name='q'><start mode='none'/>"
    "<mac address='aa:aa:aa:aa:aa:aa'/></interface></bond></interface>";

static const char bondOut[] =
    "<interface type='bond' name='bond7'>\n"
    "  <start mode='hotplug'/>\n"
    "  <link speed='5'/>\n"
    "  <bond mode='802.3ad'>\n"
    "    <miimon freq='3' updelay='7' carrier='netif'/>\n"
    "    <interface type='ethernet' name='q'>\n"
    "      <mac address='aa:aa:aa:aa:aa:aa'/>\n"
    "    </interface>\n"
    "  </bond>\n"
    "</interface>\n";

static int
testDefault(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virInterfacePtr iface;
    virInterfacePtr *all = NULL;
    char *names[4] = { NULL };
    char *s;
    int n;

    CHECK(conn);
    CHECK(virConnectNumOfInterfaces(conn) == 1);
    CHECK(virConnectNumOfDefinedInterfaces(conn) == 0);
    CHECK(virConnectListInterfaces(conn, names, 4) == 1 && strcmp(names[0], "eth1") == 0);
    free(names[0]);
    CHECK(virConnectListDefinedInterfaces(conn, names, 4) == 0);
    CHECK((n = virConnectListAllInterfaces(conn, &all, 0)) == 1);
    CHECK(strcmp(virInterfaceGetName(all[0]), "eth1") == 0);
    virInterfaceFree(all[0]);
    free(all);
    CHECK(virConnectListAllInterfaces(conn, NULL, VIR_CONNECT_LIST_INTERFACES_INACTIVE) == 0);
    CHECK(virConnectListAllInterfaces(conn, NULL, VIR_CONNECT_LIST_INTERFACES_ACTIVE) == 1);
    CHECK(virConnectListAllInterfaces(conn, NULL, 4) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x4) in function testConnectListAllInterfaces");

    CHECK((iface = virInterfaceLookupByName(conn, "eth1")));
    CHECK(strcmp(virInterfaceGetMACString(iface), "aa:bb:cc:dd:ee:ff") == 0);
    CHECK(virInterfaceIsActive(iface) == 1);
    CHECK((s = virInterfaceGetXMLDesc(iface, 0)) && strcmp(s, eth1XML) == 0);
    free(s);
    CHECK(virInterfaceGetXMLDesc(iface, VIR_INTERFACE_XML_INACTIVE) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "testInterfaceGetXMLDesc");
    virInterfaceFree(iface);

    /* the MAC is matched without regard to case and kept as given */
    CHECK((iface = virInterfaceLookupByMACString(conn, "AA:BB:CC:DD:EE:FF")));
    CHECK(strcmp(virInterfaceGetName(iface), "eth1") == 0);
    CHECK(strcmp(virInterfaceGetMACString(iface), "AA:BB:CC:DD:EE:FF") == 0);
    virInterfaceFree(iface);
    CHECK(!virInterfaceLookupByMACString(conn, "00:11:22:33:44:55"));
    CHECK_ERR(VIR_ERR_NO_INTERFACE, "no interface with matching mac '00:11:22:33:44:55'");
    CHECK(!virInterfaceLookupByName(conn, "nope"));
    CHECK_ERR(VIR_ERR_NO_INTERFACE, "Interface not found: no interface with matching name 'nope'");
    CHECK(!virInterfaceLookupByName(conn, NULL));
    CHECK_ERR(VIR_ERR_INVALID_ARG, NULL);
    virConnectClose(conn);
    return 0;
}

static int
testDefineLifecycle(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virInterfacePtr iface, dup;
    char *s;

    CHECK(conn);
    CHECK((iface = virInterfaceDefineXML(conn, bondIn, 0)));
    CHECK((s = virInterfaceGetXMLDesc(iface, 0)) && strcmp(s, bondOut) == 0);
    free(s);
    CHECK(virInterfaceIsActive(iface) == 0);
    CHECK(virConnectNumOfDefinedInterfaces(conn) == 1);
    CHECK(virInterfaceDestroy(iface, 0) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "Requested operation is not valid");
    CHECK(virInterfaceCreate(iface, 0) == 0);
    CHECK(virInterfaceIsActive(iface) == 1);
    CHECK(virInterfaceCreate(iface, 0) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, NULL);
    CHECK(virInterfaceCreate(iface, 1) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "testInterfaceCreate");
    /* a redefinition keeps the state */
    CHECK((dup = virInterfaceDefineXML(conn, bondIn, 0)));
    CHECK(virInterfaceIsActive(dup) == 1);
    virInterfaceFree(dup);
    CHECK(virInterfaceDestroy(iface, 0) == 0);
    /* undefine works on a running interface too */
    CHECK(virInterfaceCreate(iface, 0) == 0);
    CHECK(virInterfaceUndefine(iface) == 0);
    CHECK(virInterfaceUndefine(iface) == -1);
    CHECK_ERR(VIR_ERR_NO_INTERFACE, "bond7");
    CHECK(virInterfaceIsActive(iface) == -1);
    virInterfaceFree(iface);
    virConnectClose(conn);
    return 0;
}

static int
testParseErrors(void)
{
    static const struct {
        const char *xml;
        int code;
        int domain;
        const char *msg;
    } cases[] = {
        { "<interface type='foo' name='x'/>", VIR_ERR_XML_ERROR, VIR_FROM_XML,
          "Invalid value for attribute 'type' in element 'interface': 'foo'." },
        { "<interface type='ethernet'/>", VIR_ERR_XML_ERROR, VIR_FROM_INTERFACE,
          "interface has no name" },
        { "<interface name='x'/>", VIR_ERR_XML_ERROR, VIR_FROM_XML,
          "Missing required attribute 'type' in element 'interface'" },
        { "<network/>", VIR_ERR_XML_ERROR, VIR_FROM_XML,
          "expecting root element of 'interface', not 'network'" },
        { "<interface", VIR_ERR_XML_DETAIL, VIR_FROM_INTERFACE, "(interface_definition)" },
        { "<interface type='bridge' name='y'/>", VIR_ERR_XML_ERROR, VIR_FROM_INTERFACE,
          "bridge interface misses the bridge element" },
        { "<interface type='bond' name='y'><bond><interface type='vlan' name='v'/></bond>"
          "</interface>", VIR_ERR_XML_ERROR, VIR_FROM_INTERFACE,
          "interface has unsupported type 'vlan'" },
        { "<interface type='ethernet' name='y'><mtu size='100001'/></interface>",
          VIR_ERR_XML_ERROR, VIR_FROM_INTERFACE, "must be at most 100000" },
        { "<interface type='ethernet' name='y'><mtu size='-5'/></interface>",
          VIR_ERR_INTERNAL_ERROR, VIR_FROM_NONE, "cause is unknown" },
        { "<interface type='ethernet' name='y'><link speed='-1'/></interface>",
          VIR_ERR_XML_ERROR, VIR_FROM_XML, "Expected non-negative integer value" },
        { "<interface type='ethernet' name='y'><protocol family='ipx'/></interface>",
          VIR_ERR_XML_ERROR, VIR_FROM_INTERFACE, "unsupported protocol family 'ipx'" },
        { "<interface type='bond' name='b'><bond><arpmon interval='1'/></bond></interface>",
          VIR_ERR_XML_ERROR, VIR_FROM_INTERFACE, "bond interface arpmon target missing" },
        { "<interface type='vlan' name='v'><vlan tag='3'/></interface>",
          VIR_ERR_XML_ERROR, VIR_FROM_INTERFACE, "vlan interface misses name attribute" },
    };
    virConnectPtr conn = virConnectOpen(URI);

    CHECK(conn);
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        virErrorPtr e;
        if (virInterfaceDefineXML(conn, cases[i].xml, 0)) {
            fprintf(stderr, "  accepted: %s\n", cases[i].xml);
            return -1;
        }
        CHECK_ERR(cases[i].code, cases[i].msg);
        e = virGetLastError();
        CHECK(e->domain == cases[i].domain);
    }
    CHECK(!virInterfaceDefineXML(conn, "<interface type='ethernet' name='x'><foo/></interface>",
                                 VIR_INTERFACE_DEFINE_VALIDATE));
    CHECK_ERR(VIR_ERR_XML_INVALID_SCHEMA, "extra content: foo");
    CHECK(!virInterfaceDefineXML(conn, "<interface type='ethernet' name='x'/>", 2));
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x2) in function testInterfaceDefineXML");
    CHECK(!virInterfaceDefineXML(conn, NULL, 0));
    CHECK_ERR(VIR_ERR_INVALID_ARG, NULL);
    CHECK(virConnectNumOfDefinedInterfaces(conn) == 0);
    virConnectClose(conn);
    return 0;
}

static int
testTransactions(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virInterfacePtr a, b;

    CHECK(conn);
    CHECK(virInterfaceChangeCommit(conn, 0) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "no transaction running, nothing to be committed.");
    CHECK(virInterfaceChangeRollback(conn, 0) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "no transaction running, nothing to rollback.");
    CHECK(virInterfaceChangeBegin(conn, 1) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "testInterfaceChangeBegin");

    CHECK(virInterfaceChangeBegin(conn, 0) == 0);
    CHECK(virInterfaceChangeBegin(conn, 0) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "there is another transaction running.");
    CHECK((a = virInterfaceDefineXML(conn, "<interface type='ethernet' name='eth9'>"
                                     "<mac address='AA:BB:CC:DD:EE:FF'/></interface>", 0)));
    /* two interfaces share the MAC now */
    CHECK(!virInterfaceLookupByMACString(conn, "aa:bb:cc:dd:ee:ff"));
    CHECK_ERR(VIR_ERR_MULTIPLE_INTERFACES, "multiple matching interfaces found");
    CHECK(virInterfaceChangeRollback(conn, 0) == 0);
    /* the new one is gone, and every interface comes back down */
    CHECK(virInterfaceIsActive(a) == -1);
    CHECK(virConnectNumOfInterfaces(conn) == 0);
    CHECK(virConnectNumOfDefinedInterfaces(conn) == 1);
    virInterfaceFree(a);

    CHECK(virInterfaceChangeBegin(conn, 0) == 0);
    CHECK((b = virInterfaceLookupByName(conn, "eth1")));
    CHECK(virInterfaceCreate(b, 0) == 0);
    CHECK(virInterfaceChangeCommit(conn, 0) == 0);
    CHECK(virInterfaceIsActive(b) == 1);
    virInterfaceFree(b);
    virConnectClose(conn);
    return 0;
}

static int
testReadOnly(void)
{
    virConnectPtr conn = virConnectOpenReadOnly(URI);
    virInterfacePtr iface;

    CHECK(conn);
    CHECK((iface = virInterfaceLookupByName(conn, "eth1")));
    CHECK(virInterfaceDestroy(iface, 0) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_DENIED, NULL);
    CHECK(!virInterfaceDefineXML(conn, "<interface type='ethernet' name='z'/>", 0));
    CHECK_ERR(VIR_ERR_OPERATION_DENIED, NULL);
    CHECK(virInterfaceChangeBegin(conn, 0) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_DENIED, NULL);
    virInterfaceFree(iface);
    virConnectClose(conn);
    return 0;
}

static int
testNodeFile(void)
{
    g_autofree char *dir = g_dir_make_tmp("nuv-iface-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "node.xml", NULL);
    g_autofree char *uri = g_strdup_printf("test://%s", path);
    virConnectPtr conn;
    virInterfacePtr iface;

    CHECK(dir);
    CHECK(g_file_set_contents(path, "<node><interface type='bridge' name='br7'>"
                              "<bridge stp='on'/></interface>"
                              "<device><name>d1</name><parent>computer</parent>"
                              "<capability type='net'><interface>eth3</interface>"
                              "<address>00:11:22:33:44:55</address>"
                              "<link speed='1000' state='up'/>"
                              "<capability type='80203'/></capability></device></node>",
                              -1, NULL));
    CHECK((conn = virConnectOpen(uri)));
    CHECK((iface = virInterfaceLookupByName(conn, "br7")));
    CHECK(virInterfaceIsActive(iface) == 1);
    CHECK(virInterfaceGetMACString(iface) == NULL || *virInterfaceGetMACString(iface) == '\0');
    virInterfaceFree(iface);
    CHECK(virConnectNumOfInterfaces(conn) == 1);
    CHECK(virNodeNumOfDevices(conn, "net", 0) == 1);
    virConnectClose(conn);
    g_unlink(path);
    g_rmdir(dir);
    return 0;
}

int
main(void)
{
    static const testCase cases[] = {
        { "default eth1", testDefault },
        { "define, start, stop, undefine", testDefineLifecycle },
        { "parse errors as stock", testParseErrors },
        { "transactions", testTransactions },
        { "read-only connection", testReadOnly },
        { "node file interfaces", testNodeFile },
    };

    return testRunAll(cases, G_N_ELEMENTS(cases));
}
