/*
 * networktest.c: the network API of the test driver, error cases included.
 * Expected values and messages are those of libvirt 9.0's test driver.
 */
#include <stdlib.h>
#include <glib.h>

#include "testlib.h"

/* VIR_NETWORK_EVENT_CALLBACK casts between callback types, as applications
 * must; the warning is about that documented cast. */
#pragma GCC diagnostic ignored "-Wcast-function-type"

#define URI "test:///default"

static const char defaultXML[] =
    "<network>\n"
    "  <name>default</name>\n"
    "  <uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid>\n"
    "  <forward mode='nat'/>\n"
    "  <bridge name='virbr0' stp='on' delay='0'/>\n"
    "  <ip address='192.168.122.1' netmask='255.255.255.0'>\n"
    "    <dhcp>\n"
    "      <range start='192.168.122.2' end='192.168.122.254'/>\n"
    "    </dhcp>\n"
    "  </ip>\n"
    "</network>\n";

static const char netXML[] =
    "<network><name>nt1</name><uuid>11111111-2222-3333-4444-555555555555</uuid>"
    "<forward mode='nat' dev='eth0'/><bridge name='vb9'/>"
    "<ip address='192.168.50.1' netmask='255.255.255.0'><dhcp>"
    "<range start='192.168.50.2' end='192.168.50.100'/>"
    "<host mac='00:11:22:33:44:55' name='hh' ip='192.168.50.9'/></dhcp></ip>"
    "<portgroup name='pg1' default='yes'/></network>";

static int
testDefaultNetwork(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virNetworkPtr net;
    char uuid[VIR_UUID_STRING_BUFLEN];
    char *s;
    int autostart = -1;

    CHECK(conn);
    CHECK(virConnectNumOfNetworks(conn) == 1);
    CHECK(virConnectNumOfDefinedNetworks(conn) == 0);
    CHECK((net = virNetworkLookupByName(conn, "default")));
    CHECK(virNetworkIsActive(net) == 1);
    CHECK(virNetworkIsPersistent(net) == 1);
    CHECK(virNetworkGetAutostart(net, &autostart) == 0 && autostart == 0);
    CHECK(virNetworkGetUUIDString(net, uuid) == 0);
    CHECK(strcmp(uuid, "dd8fe884-6c02-601e-7551-cca97df1c5df") == 0);
    CHECK((s = virNetworkGetXMLDesc(net, 0)) && strcmp(s, defaultXML) == 0);
    free(s);
    CHECK((s = virNetworkGetBridgeName(net)) && strcmp(s, "virbr0") == 0);
    free(s);
    /* the test driver takes no flags here */
    CHECK(virNetworkGetXMLDesc(net, VIR_NETWORK_XML_INACTIVE) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x1) in function testNetworkGetXMLDesc");
    /* no DHCP server runs for a test network, so it has no leases */
    {
        virNetworkDHCPLeasePtr *leases = NULL;
        CHECK(virNetworkGetDHCPLeases(net, NULL, &leases, 0) == 0 && leases && !leases[0]);
        free(leases);
        CHECK(virNetworkGetDHCPLeases(net, "52:54:00:12:34:56", NULL, 0) == 0);
        CHECK(virNetworkGetDHCPLeases(net, "52:54:00:12:34", NULL, 0) == -1);
        CHECK_ERR(VIR_ERR_INVALID_MAC, "invalid MAC address: 52:54:00:12:34");
        CHECK(virNetworkGetDHCPLeases(net, NULL, NULL, 1) == -1);
        CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x1)");
    }
    virNetworkFree(net);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testLookupErrors(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    unsigned char raw[VIR_UUID_BUFLEN] = { 1 };

    CHECK(conn);
    CHECK(virNetworkLookupByName(conn, "nope") == NULL);
    CHECK_ERR(VIR_ERR_NO_NETWORK, "no network with matching name 'nope'");
    CHECK(virGetLastError()->domain == VIR_FROM_TEST);
    CHECK(virNetworkLookupByUUID(conn, raw) == NULL);
    CHECK_ERR(VIR_ERR_NO_NETWORK, "no network with matching uuid");
    CHECK(virNetworkLookupByUUIDString(conn, "dd8fe884-6c02-601e-7551-cca97df1c5de") == NULL);
    CHECK_ERR(VIR_ERR_NO_NETWORK,
              "no network with matching uuid 'dd8fe884-6c02-601e-7551-cca97df1c5de'");
    CHECK(virNetworkLookupByName(conn, NULL) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_ARG, NULL);
    CHECK(virNetworkLookupByName(NULL, "default") == NULL);
    CHECK_ERR(VIR_ERR_INVALID_CONN, NULL);
    CHECK(virNetworkGetXMLDesc(NULL, 0) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_NETWORK, NULL);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testDefineLifecycle(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virNetworkPtr net, again;
    char *s;

    CHECK(conn);
    CHECK((net = virNetworkDefineXML(conn, netXML)));
    CHECK(virNetworkIsActive(net) == 0 && virNetworkIsPersistent(net) == 1);
    CHECK(virConnectNumOfDefinedNetworks(conn) == 1);
    CHECK((s = virNetworkGetXMLDesc(net, 0)));
    CHECK(strstr(s, "<forward dev='eth0' mode='nat'>\n    <interface dev='eth0'/>"));
    CHECK(strstr(s, "<bridge name='vb9' stp='on' delay='0'/>"));
    free(s);

    CHECK(virNetworkCreate(net) == 0);
    CHECK(virNetworkIsActive(net) == 1);
    CHECK(virNetworkCreate(net) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "Network 'nt1' is already running");
    CHECK(virNetworkUndefine(net) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "Network 'nt1' is still running");
    CHECK(virNetworkDestroy(net) == 0);
    CHECK(virNetworkIsActive(net) == 0);
    /* libvirt's test driver stops an inactive network without complaint */
    CHECK(virNetworkDestroy(net) == 0);

    CHECK(virNetworkSetAutostart(net, 1) == 0);
    CHECK((again = virNetworkLookupByUUIDString(conn, "11111111-2222-3333-4444-555555555555")));
    CHECK(strcmp(virNetworkGetName(again), "nt1") == 0);
    virNetworkFree(again);

    CHECK(virNetworkUndefine(net) == 0);
    CHECK(virNetworkGetXMLDesc(net, 0) == NULL);
    CHECK_ERR(VIR_ERR_NO_NETWORK, "no network with matching name 'nt1'");
    virNetworkFree(net);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testDefineErrors(void)
{
    virConnectPtr conn = virConnectOpen(URI);

    CHECK(conn);
    CHECK(virNetworkDefineXML(conn, "<network><name>default</name></network>") == NULL);
    CHECK_ERR(VIR_ERR_OPERATION_FAILED,
              "network 'default' already exists with uuid dd8fe884-6c02-601e-7551-cca97df1c5df");
    CHECK(virNetworkDefineXML(conn, "<network><name>x2</name>"
                              "<uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid></network>") == NULL);
    CHECK_ERR(VIR_ERR_OPERATION_FAILED, "network 'default' is already defined with uuid");
    CHECK(virNetworkDefineXML(conn, "<network></network>") == NULL);
    CHECK_ERR(VIR_ERR_NO_NAME, "missing name information");
    CHECK(virNetworkDefineXML(conn, "<netw></netw>") == NULL);
    CHECK_ERR(VIR_ERR_XML_ERROR, "expecting root element of 'network', not 'netw'");
    CHECK(virNetworkDefineXML(conn, "<netw") == NULL);
    CHECK_ERR(VIR_ERR_XML_DETAIL, NULL);
    CHECK(virGetLastError()->domain == VIR_FROM_NETWORK);
    CHECK(virNetworkDefineXML(conn, "<network><name>o</name><forward mode='open' dev='e'/>"
                              "<ip address='10.1.1.1' netmask='255.255.255.0'/>"
                              "</network>") == NULL);
    CHECK_ERR(VIR_ERR_XML_ERROR, "forward dev not allowed for network 'o' with forward mode='open'");
    CHECK(virNetworkDefineXML(conn, "<network><name>o</name><forward mode='zz'/></network>") == NULL);
    CHECK_ERR(VIR_ERR_CONFIG_UNSUPPORTED, "unknown forwarding type 'zz'");
    CHECK(virNetworkDefineXMLFlags(conn, "<network><name>v</name></network>", 2) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x2) in function testNetworkDefineXMLFlags");
    CHECK(virNetworkDefineXML(conn, NULL) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_ARG, NULL);
    CHECK(virConnectNumOfDefinedNetworks(conn) == 0);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testTransient(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virNetworkPtr net;
    char *s;

    CHECK(conn);
    CHECK((net = virNetworkCreateXML(conn, "<network><name>tr</name></network>")));
    CHECK(virNetworkIsActive(net) == 1 && virNetworkIsPersistent(net) == 0);
    CHECK((s = virNetworkGetXMLDesc(net, 0)) && strstr(s, "<bridge stp='on' delay='0'/>"));
    free(s);
    CHECK(virNetworkGetBridgeName(net) == NULL);
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "network 'tr' does not have a bridge name.");
    CHECK(virNetworkUndefine(net) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "Network 'tr' is still running");
    CHECK(virNetworkUpdate(net, VIR_NETWORK_UPDATE_COMMAND_ADD_LAST,
                           VIR_NETWORK_SECTION_DNS_TXT, -1, "<txt name='a' value='b'/>",
                           VIR_NETWORK_UPDATE_AFFECT_CONFIG) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "cannot change persistent config of a transient network");
    CHECK(virNetworkDestroy(net) == 0);
    CHECK(virNetworkLookupByName(conn, "tr") == NULL);
    CHECK_ERR(VIR_ERR_NO_NETWORK, NULL);
    CHECK(virNetworkCreateXML(conn, "<network><name>default</name>"
                              "<uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid></network>") == NULL);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "network is already active as 'default'");
    virNetworkFree(net);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
hasName(virNetworkPtr *nets, int n, const char *name)
{
    for (int i = 0; i < n; i++) {
        if (strcmp(virNetworkGetName(nets[i]), name) == 0)
            return 1;
    }
    return 0;
}

static int
countFlags(virConnectPtr conn, unsigned int flags, const char *name)
{
    virNetworkPtr *nets = NULL;
    int n = virConnectListAllNetworks(conn, &nets, flags);
    int found;

    if (n < 0)
        return -1;
    found = hasName(nets, n, name);
    for (int i = 0; i < n; i++)
        virNetworkFree(nets[i]);
    free(nets);
    return found ? n : -n - 100;
}

static int
testListing(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virNetworkPtr p, t;
    char *names[4] = { NULL };

    CHECK(conn);
    CHECK((p = virNetworkDefineXML(conn, "<network><name>p1</name></network>")));
    CHECK((t = virNetworkCreateXML(conn, "<network><name>t1</name></network>")));
    CHECK(countFlags(conn, 0, "p1") == 3);
    CHECK(countFlags(conn, VIR_CONNECT_LIST_NETWORKS_INACTIVE, "p1") == 1);
    CHECK(countFlags(conn, VIR_CONNECT_LIST_NETWORKS_ACTIVE, "t1") == 2);
    CHECK(countFlags(conn, VIR_CONNECT_LIST_NETWORKS_PERSISTENT, "p1") == 2);
    CHECK(countFlags(conn, VIR_CONNECT_LIST_NETWORKS_TRANSIENT, "t1") == 1);
    CHECK(countFlags(conn, VIR_CONNECT_LIST_NETWORKS_AUTOSTART, "x") == -100);
    CHECK(countFlags(conn, VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART, "t1") == 3);
    CHECK(countFlags(conn, VIR_CONNECT_LIST_NETWORKS_ACTIVE |
                     VIR_CONNECT_LIST_NETWORKS_INACTIVE, "p1") == 3);
    CHECK(countFlags(conn, VIR_CONNECT_LIST_NETWORKS_INACTIVE |
                     VIR_CONNECT_LIST_NETWORKS_PERSISTENT, "p1") == 1);
    CHECK(virConnectListAllNetworks(conn, NULL, 0x40) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x40) in function testConnectListAllNetworks");
    CHECK(virConnectListAllNetworks(conn, NULL, 0) == 3);

    CHECK(virConnectListNetworks(conn, names, 4) == 2);
    CHECK((strcmp(names[0], "default") == 0 && strcmp(names[1], "t1") == 0) ||
          (strcmp(names[1], "default") == 0 && strcmp(names[0], "t1") == 0));
    free(names[0]);
    free(names[1]);
    CHECK(virConnectListNetworks(conn, names, 1) == 1);
    free(names[0]);
    CHECK(virConnectListDefinedNetworks(conn, names, 4) == 1 && strcmp(names[0], "p1") == 0);
    free(names[0]);
    CHECK(virConnectNumOfNetworks(conn) == 2 && virConnectNumOfDefinedNetworks(conn) == 1);

    CHECK(virNetworkDestroy(t) == 0);
    CHECK(virNetworkUndefine(p) == 0);
    virNetworkFree(t);
    virNetworkFree(p);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
update(virNetworkPtr net, unsigned int cmd, unsigned int section, const char *xml,
       unsigned int flags)
{
    return virNetworkUpdate(net, cmd, section, -1, xml, flags);
}

static int
testUpdate(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virNetworkPtr net;
    char *s;

    CHECK(conn);
    CHECK((net = virNetworkDefineXML(conn, netXML)));

    /* dhcp hosts */
    CHECK(update(net, VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST, VIR_NETWORK_SECTION_IP_DHCP_HOST,
                 "<host mac='00:11:22:33:44:66' name='h2' ip='192.168.50.10'/>", 0) == 0);
    CHECK(update(net, VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, VIR_NETWORK_SECTION_IP_DHCP_HOST,
                 "<host mac='00:11:22:33:44:55' name='zz' ip='192.168.50.12'/>", 0) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "there is an existing dhcp host entry in network 'nt1'");
    CHECK(update(net, VIR_NETWORK_UPDATE_COMMAND_MODIFY, VIR_NETWORK_SECTION_IP_DHCP_HOST,
                 "<host mac='00:11:22:33:44:55' name='hh2' ip='192.168.50.13'/>", 0) == 0);
    CHECK(update(net, VIR_NETWORK_UPDATE_COMMAND_DELETE, VIR_NETWORK_SECTION_IP_DHCP_HOST,
                 "<host mac='00:11:22:33:44:77'/>", 0) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "couldn't locate a matching dhcp host entry");
    CHECK(virNetworkUpdate(net, VIR_NETWORK_UPDATE_COMMAND_ADD_LAST,
                           VIR_NETWORK_SECTION_IP_DHCP_HOST, 5,
                           "<host mac='00:11:22:33:44:88' name='h8' ip='192.168.50.18'/>", 0) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "no <ip> element found at index 5");
    CHECK(update(net, VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, VIR_NETWORK_SECTION_IP_DHCP_HOST,
                 "<range start='1.1.1.1' end='1.1.1.2'/>", 0) == -1);
    CHECK_ERR(VIR_ERR_XML_ERROR, "unexpected element <range>, expecting <host>");

    /* dhcp ranges */
    CHECK(update(net, VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, VIR_NETWORK_SECTION_IP_DHCP_RANGE,
                 "<range start='192.168.50.150' end='192.168.50.160'/>", 0) == 0);
    CHECK(update(net, VIR_NETWORK_UPDATE_COMMAND_MODIFY, VIR_NETWORK_SECTION_IP_DHCP_RANGE,
                 "<range start='192.168.50.150' end='192.168.50.160'/>", 0) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_UNSUPPORTED, "dhcp ranges cannot be modified");
    CHECK(update(net, VIR_NETWORK_UPDATE_COMMAND_DELETE, VIR_NETWORK_SECTION_IP_DHCP_RANGE,
                 "<range start='192.168.50.150' end='192.168.50.160'/>", 0) == 0);

    /* forward interfaces: a NAT network takes one */
    CHECK(update(net, VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, VIR_NETWORK_SECTION_FORWARD_INTERFACE,
                 "<interface dev='eth1'/>", 0) == -1);
    CHECK_ERR(VIR_ERR_XML_ERROR, "multiple forwarding interfaces specified for network 'nt1'");

    /* portgroups */
    CHECK(update(net, VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, VIR_NETWORK_SECTION_PORTGROUP,
                 "<portgroup name='pg2'/>", 0) == 0);
    CHECK(update(net, VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, VIR_NETWORK_SECTION_PORTGROUP,
                 "<portgroup name='pg3' default='yes'/>", 0) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "is already set as the default");
    CHECK(update(net, VIR_NETWORK_UPDATE_COMMAND_MODIFY, VIR_NETWORK_SECTION_PORTGROUP,
                 "<portgroup name='pg2'><vlan><tag id='5'/></vlan></portgroup>", 0) == 0);

    /* dns */
    CHECK(update(net, VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, VIR_NETWORK_SECTION_DNS_HOST,
                 "<host ip='10.0.0.6'><hostname>h6</hostname></host>", 0) == 0);
    CHECK(update(net, VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, VIR_NETWORK_SECTION_DNS_TXT,
                 "<txt name='t1' value='v1'/>", 0) == 0);
    CHECK(update(net, VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST, VIR_NETWORK_SECTION_DNS_TXT,
                 "<txt name='t1' value='v2'/>", 0) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "there is already a DNS TXT record with name 't1'");
    CHECK(update(net, VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, VIR_NETWORK_SECTION_DNS_SRV,
                 "<srv service='s2' protocol='udp'/>", 0) == 0);
    CHECK(update(net, VIR_NETWORK_UPDATE_COMMAND_DELETE, VIR_NETWORK_SECTION_DNS_SRV,
                 "<srv service='nope' protocol='tcp'/>", 0) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "couldn't locate a matching DNS SRV record");

    /* sections that cannot be updated, unknown commands */
    CHECK(update(net, VIR_NETWORK_UPDATE_COMMAND_MODIFY, VIR_NETWORK_SECTION_BRIDGE,
                 "<bridge name='x'/>", 0) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_UNSUPPORTED, "can't update 'bridge' section of network 'nt1'");
    CHECK(update(net, 9, VIR_NETWORK_SECTION_DNS_TXT, "<txt name='q' value='v'/>", 0) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_UNSUPPORTED, "unrecognized network update command code 9");
    CHECK(update(net, VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, VIR_NETWORK_SECTION_DNS_TXT,
                 "<txt name='q' value='v'/>", VIR_NETWORK_UPDATE_AFFECT_LIVE) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "network is not running");
    CHECK(update(net, VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, VIR_NETWORK_SECTION_DNS_TXT,
                 "<txt name='q' value='v'/>", 4) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x4)");

    CHECK((s = virNetworkGetXMLDesc(net, 0)));
    CHECK(strstr(s, "<host mac='00:11:22:33:44:66' name='h2' ip='192.168.50.10'/>\n"
                    "      <host mac='00:11:22:33:44:55' name='hh2' ip='192.168.50.13'/>"));
    CHECK(strstr(s, "<txt name='t1' value='v1'/>\n    <srv service='s2' protocol='udp'/>\n"
                    "    <host ip='10.0.0.6'>"));
    CHECK(strstr(s, "<portgroup name='pg2'>\n    <vlan>\n      <tag id='5'/>"));
    free(s);

    /* live and config kept apart on a running network */
    CHECK(virNetworkCreate(net) == 0);
    CHECK(update(net, VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, VIR_NETWORK_SECTION_DNS_TXT,
                 "<txt name='cfg' value='v'/>", VIR_NETWORK_UPDATE_AFFECT_CONFIG) == 0);
    CHECK(update(net, VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, VIR_NETWORK_SECTION_DNS_TXT,
                 "<txt name='cur' value='v'/>", 0) == 0);
    CHECK((s = virNetworkGetXMLDesc(net, 0)));
    CHECK(strstr(s, "'cur'") && !strstr(s, "'cfg'"));
    free(s);
    CHECK(virNetworkDestroy(net) == 0);
    CHECK(virNetworkUndefine(net) == 0);
    virNetworkFree(net);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

typedef struct {
    int events[16];
    int n;
} eventLog;

static void
lifecycleCb(virConnectPtr conn G_GNUC_UNUSED, virNetworkPtr net G_GNUC_UNUSED,
            int event, int detail G_GNUC_UNUSED, void *opaque)
{
    eventLog *log = opaque;

    if (log->n < 16)
        log->events[log->n++] = event;
}

static int
testEvents(void)
{
    virConnectPtr conn;
    virNetworkPtr net;
    eventLog log = { { 0 }, 0 };
    static const int want[] = {
        VIR_NETWORK_EVENT_DEFINED, VIR_NETWORK_EVENT_STARTED,
        VIR_NETWORK_EVENT_STOPPED, VIR_NETWORK_EVENT_UNDEFINED,
    };
    int id;

    CHECK(virEventRegisterDefaultImpl() == 0);
    CHECK((conn = virConnectOpen(URI)));
    CHECK(virConnectNetworkEventRegisterAny(conn, NULL, 1 /* VIR_NETWORK_EVENT_ID_LAST */,
                                            VIR_NETWORK_EVENT_CALLBACK(lifecycleCb),
                                            &log, NULL) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "eventID in virConnectNetworkEventRegisterAny must be less than 1");
    CHECK(virConnectNetworkEventRegisterAny(conn, NULL, VIR_NETWORK_EVENT_ID_LIFECYCLE,
                                            NULL, &log, NULL) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, NULL);
    CHECK((id = virConnectNetworkEventRegisterAny(conn, NULL, VIR_NETWORK_EVENT_ID_LIFECYCLE,
                                                  VIR_NETWORK_EVENT_CALLBACK(lifecycleCb),
                                                  &log, NULL)) >= 0);
    CHECK((net = virNetworkDefineXML(conn, "<network><name>ev</name></network>")));
    CHECK(virNetworkCreate(net) == 0);
    CHECK(virNetworkDestroy(net) == 0);
    CHECK(virNetworkUndefine(net) == 0);
    virNetworkFree(net);
    for (int i = 0; i < 50 && log.n < 4; i++)
        virEventRunDefaultImpl();
    CHECK(log.n == 4);
    for (int i = 0; i < 4; i++)
        CHECK(log.events[i] == want[i]);
    CHECK(virConnectNetworkEventDeregisterAny(conn, id) == 0);
    CHECK(virConnectNetworkEventDeregisterAny(conn, id) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "could not find event callback");
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testReadOnly(void)
{
    virConnectPtr conn = virConnectOpenReadOnly(URI);
    virNetworkPtr net;
    char *s;

    CHECK(conn);
    CHECK((net = virNetworkLookupByName(conn, "default")));
    CHECK((s = virNetworkGetXMLDesc(net, 0)));
    free(s);
    CHECK(virNetworkDestroy(net) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_DENIED, NULL);
    CHECK(virNetworkDefineXML(conn, "<network><name>ro</name></network>") == NULL);
    CHECK_ERR(VIR_ERR_OPERATION_DENIED, NULL);
    virNetworkFree(net);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

int
main(void)
{
    static const testCase cases[] = {
        { "default network", testDefaultNetwork },
        { "lookup errors", testLookupErrors },
        { "define, start, stop, undefine", testDefineLifecycle },
        { "define errors", testDefineErrors },
        { "transient networks", testTransient },
        { "listing with filters", testListing },
        { "update sections", testUpdate },
        { "lifecycle events", testEvents },
        { "read-only connection", testReadOnly },
    };
    return testRunAll(cases, G_N_ELEMENTS(cases));
}
