/*
 * networkporttest.c: network ports through the public API on the test
 * driver: create, look up, list, format, bandwidth parameters, delete,
 * the errors of each, and ports going away with their network.
 *
 * usage: networkporttest [DIR]
 *
 * With DIR (tests/xml2xml/networkport), each DIR/NAME.xml is also created
 * on test:///default's network and its XML compared with NAME.out.xml, or
 * with the input when there is none (a port with a plug is created with
 * RECLAIM, so it keeps the plug it states); NAME-invalid.xml must be
 * refused, with the code in NAME-invalid.err ("code=N") when present.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <glib.h>

#include "testlib.h"

#define PORT_UUID "5d744f21-ba4a-4d6e-bdb2-30a35ff3207d"
#define PORT_XML(uuid, extra) \
    "<networkport><uuid>" uuid "</uuid>" \
    "<owner><name>g</name><uuid>c0755acd-8e37-4d76-8c3c-3c4c3fa4e2aa</uuid></owner>" \
    "<mac address='52:54:00:7b:35:93'/>" extra "</networkport>"

static virConnectPtr
openDefault(virNetworkPtr *net)
{
    virConnectPtr conn = virConnectOpen("test:///default");

    *net = conn ? virNetworkLookupByName(conn, "default") : NULL;
    return conn;
}

static int
testLifecycle(void)
{
    virNetworkPtr net;
    virConnectPtr conn = openDefault(&net);
    virNetworkPortPtr port, again;
    virNetworkPortPtr *ports = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];
    char *xml;

    CHECK(conn && net);
    CHECK(virNetworkListAllPorts(net, NULL, 0) == 0);
    CHECK((port = virNetworkPortCreateXML(net, PORT_XML(PORT_UUID, ""), 0)));
    CHECK(virNetworkPortGetUUIDString(port, uuid) == 0 && strcmp(uuid, PORT_UUID) == 0);
    CHECK(virNetworkPortGetNetwork(port) == net);

    CHECK(!virNetworkPortCreateXML(net, PORT_XML(PORT_UUID, ""), 0));
    CHECK_ERR(VIR_ERR_NETWORK_PORT_EXIST, "Network port with UUID " PORT_UUID " already exists");

    CHECK((again = virNetworkPortLookupByUUIDString(net, PORT_UUID)));
    virNetworkPortFree(again);
    CHECK(virNetworkListAllPorts(net, &ports, 0) == 1);
    CHECK(ports[0] && !ports[1]);
    virNetworkPortFree(ports[0]);
    free(ports);

    CHECK((xml = virNetworkPortGetXMLDesc(port, 0)));
    CHECK(strstr(xml, "<plug type='network' bridge='virbr0'/>"));
    free(xml);
    CHECK(!virNetworkPortGetXMLDesc(port, 1));
    CHECK_ERR(VIR_ERR_INVALID_ARG, NULL);

    /* the network counts its connections while the port exists */
    CHECK((xml = virNetworkGetXMLDesc(net, 0)));
    CHECK(strstr(xml, "<network connections='1'>"));
    free(xml);

    CHECK(virNetworkPortDelete(port, 0) == 0);
    CHECK(virNetworkPortDelete(port, 0) < 0);
    CHECK_ERR(VIR_ERR_NO_NETWORK_PORT, "network port not found: Network port with UUID "
              PORT_UUID " does not exist");
    CHECK(!virNetworkPortGetXMLDesc(port, 0));
    CHECK_ERR(VIR_ERR_NO_NETWORK_PORT, NULL);
    CHECK(!virNetworkPortLookupByUUIDString(net, PORT_UUID));
    CHECK_ERR(VIR_ERR_NO_NETWORK_PORT, NULL);
    CHECK(virNetworkListAllPorts(net, NULL, 0) == 0);
    CHECK((xml = virNetworkGetXMLDesc(net, 0)));
    CHECK(!strstr(xml, "connections"));
    free(xml);

    virNetworkPortFree(port);
    virNetworkFree(net);
    virConnectClose(conn);
    return 0;
}

static int
testCreateErrors(void)
{
    virNetworkPtr net;
    virConnectPtr conn = openDefault(&net);

    CHECK(conn && net);
    CHECK(!virNetworkPortCreateXML(net, NULL, 0));
    CHECK_ERR(VIR_ERR_INVALID_ARG, NULL);
    CHECK(!virNetworkPortCreateXML(net, "<networkport>", 0));
    CHECK_ERR(VIR_ERR_XML_DETAIL, NULL);
    CHECK(!virNetworkPortCreateXML(net, PORT_XML(PORT_UUID, ""), 1 << 5));
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags");
    CHECK(!virNetworkPortCreateXML(net, PORT_XML(PORT_UUID, ""), VIR_NETWORK_PORT_CREATE_RECLAIM));
    CHECK_ERR(VIR_ERR_INVALID_ARG, "Port reclaim requested but plug type is none");
    CHECK(!virNetworkPortCreateXML(net, PORT_XML(PORT_UUID, "<plug type='bridge' bridge='b'/>"),
                                   0));
    CHECK_ERR(VIR_ERR_INVALID_ARG, "Port reclaim not requested but plug type is not none");
    CHECK(!virNetworkPortCreateXML(net, PORT_XML(PORT_UUID, "<foo/>"),
                                   VIR_NETWORK_PORT_CREATE_VALIDATE));
    CHECK_ERR(VIR_ERR_XML_INVALID_SCHEMA, NULL);
    /* no inbound QoS on the network: a floor cannot be honoured */
    CHECK(!virNetworkPortCreateXML(net, PORT_XML(PORT_UUID,
                                   "<bandwidth><inbound floor='10'/></bandwidth>"), 0));
    CHECK_ERR(VIR_ERR_OPERATION_UNSUPPORTED, "has no inbound QoS set");
    CHECK(!virNetworkPortLookupByUUID(net, NULL));
    CHECK_ERR(VIR_ERR_INVALID_ARG, NULL);
    CHECK(!virNetworkPortLookupByUUIDString(net, "nonsense"));
    CHECK_ERR(VIR_ERR_INVALID_ARG, NULL);

    virNetworkFree(net);
    virConnectClose(conn);
    return 0;
}

static int
testReadOnly(void)
{
    virConnectPtr conn = virConnectOpenReadOnly("test:///default");
    virNetworkPtr net = conn ? virNetworkLookupByName(conn, "default") : NULL;

    CHECK(net);
    CHECK(!virNetworkPortCreateXML(net, PORT_XML(PORT_UUID, ""), 0));
    CHECK_ERR(VIR_ERR_OPERATION_DENIED, NULL);
    virNetworkFree(net);
    virConnectClose(conn);
    return 0;
}

static int
testParameters(void)
{
    virNetworkPtr net;
    virConnectPtr conn = openDefault(&net);
    virNetworkPortPtr port;
    virTypedParameterPtr params = NULL;
    virTypedParameter set[2];
    int nparams = 0;
    unsigned int v;
    char *xml;

    CHECK(conn && net);
    CHECK((port = virNetworkPortCreateXML(net, PORT_XML(PORT_UUID,
           "<bandwidth><inbound average='1000' peak='5000' burst='1024'/></bandwidth>"), 0)));
    CHECK(virNetworkPortGetParameters(port, &params, &nparams, 0) == 0);
    CHECK(nparams == 4);
    CHECK(virTypedParamsGetUInt(params, nparams, VIR_NETWORK_PORT_BANDWIDTH_IN_PEAK, &v) == 1);
    CHECK(v == 5000);
    virTypedParamsFree(params, nparams);

    memset(set, 0, sizeof(set));
    strcpy(set[0].field, VIR_NETWORK_PORT_BANDWIDTH_OUT_AVERAGE);
    set[0].type = VIR_TYPED_PARAM_UINT;
    set[0].value.ui = 64;
    strcpy(set[1].field, VIR_NETWORK_PORT_BANDWIDTH_OUT_BURST);
    set[1].type = VIR_TYPED_PARAM_UINT;
    set[1].value.ui = 32;
    /* setting replaces the whole bandwidth: inbound goes away */
    CHECK(virNetworkPortSetParameters(port, set, 2, 0) == 0);
    CHECK(virNetworkPortGetParameters(port, &params, &nparams, 0) == 0);
    CHECK(nparams == 3);
    CHECK(virTypedParamsGetUInt(params, nparams, VIR_NETWORK_PORT_BANDWIDTH_OUT_BURST, &v) == 1);
    CHECK(v == 32);
    virTypedParamsFree(params, nparams);
    CHECK((xml = virNetworkPortGetXMLDesc(port, 0)));
    CHECK(strstr(xml, "<bandwidth>\n    <outbound average='64' burst='32'/>\n  </bandwidth>"));
    free(xml);

    CHECK(virNetworkPortSetParameters(port, NULL, 0, 0) == 0);
    CHECK(virNetworkPortGetParameters(port, &params, &nparams, 0) == 0 && nparams == 0);
    CHECK(virNetworkPortGetParameters(port, &params, NULL, 0) < 0);
    CHECK_ERR(VIR_ERR_INVALID_ARG, NULL);

    CHECK(virNetworkPortDelete(port, 0) == 0);
    virNetworkPortFree(port);
    virNetworkFree(net);
    virConnectClose(conn);
    return 0;
}

static int
testInactiveNetwork(void)
{
    virNetworkPtr net;
    virConnectPtr conn = openDefault(&net);
    virNetworkPortPtr port;

    CHECK(conn && net);
    CHECK((port = virNetworkPortCreateXML(net, PORT_XML(PORT_UUID, ""), 0)));
    CHECK(virNetworkDestroy(net) == 0);
    /* ports go away with the running network */
    CHECK(!virNetworkPortGetXMLDesc(port, 0));
    CHECK_ERR(VIR_ERR_NO_NETWORK_PORT, NULL);
    CHECK(virNetworkListAllPorts(net, NULL, 0) < 0);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "network 'default' is not active");
    CHECK(!virNetworkPortCreateXML(net, PORT_XML(PORT_UUID, ""), 0));
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "network 'default' is not active");
    CHECK(virNetworkCreate(net) == 0);
    CHECK(virNetworkListAllPorts(net, NULL, 0) == 0);

    virNetworkPortFree(port);
    virNetworkFree(net);
    virConnectClose(conn);
    return 0;
}

/* Direct and hostdev networks: the plug names the device handed out. */
static int
testPlugTypes(void)
{
    virNetworkPtr net;
    virConnectPtr conn = openDefault(&net);
    virNetworkPtr direct, hostdev;
    virNetworkPortPtr p1, p2;
    char *xml;

    CHECK(conn && net);
    CHECK((direct = virNetworkCreateXML(conn,
        "<network><name>mv</name><forward mode='passthrough'>"
        "<interface dev='eth1'/><interface dev='eth2'/></forward></network>")));
    CHECK((p1 = virNetworkPortCreateXML(direct, PORT_XML(PORT_UUID, ""), 0)));
    CHECK((xml = virNetworkPortGetXMLDesc(p1, 0)));
    CHECK(strstr(xml, "<plug type='direct' dev='eth1' mode='passthrough'/>"));
    free(xml);
    CHECK((p2 = virNetworkPortCreateXML(direct,
           PORT_XML("11111111-ba4a-4d6e-bdb2-30a35ff3207d", ""), 0)));
    CHECK((xml = virNetworkPortGetXMLDesc(p2, 0)));
    CHECK(strstr(xml, "dev='eth2'"));
    free(xml);
    CHECK(!virNetworkPortCreateXML(direct, PORT_XML("22222222-ba4a-4d6e-bdb2-30a35ff3207d", ""),
                                   0));
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "requires exclusive access to interfaces");
    virNetworkPortFree(p1);
    virNetworkPortFree(p2);
    CHECK(virNetworkDestroy(direct) == 0);
    virNetworkFree(direct);

    CHECK((hostdev = virNetworkCreateXML(conn,
        "<network><name>hd</name><forward mode='hostdev' managed='yes'>"
        "<driver name='vfio'/>"
        "<address type='pci' domain='0x0000' bus='0x03' slot='0x10' function='0x1'/>"
        "</forward></network>")));
    CHECK((p1 = virNetworkPortCreateXML(hostdev, PORT_XML(PORT_UUID, ""), 0)));
    CHECK((xml = virNetworkPortGetXMLDesc(p1, 0)));
    CHECK(strstr(xml, "<plug type='hostdev-pci' managed='yes'>\n    <driver name='vfio'/>\n"
                      "    <address domain='0x0000' bus='0x03' slot='0x10' function='0x1'/>"));
    free(xml);
    virNetworkPortFree(p1);
    CHECK(virNetworkDestroy(hostdev) == 0);
    virNetworkFree(hostdev);

    virNetworkFree(net);
    virConnectClose(conn);
    return 0;
}

static char *corpusDir;

static int
testXMLCases(void)
{
    virNetworkPtr net;
    virConnectPtr conn = openDefault(&net);
    g_autoptr(GDir) d = NULL;
    const char *ent;
    int failed = 0;

    if (!corpusDir)
        return 0;
    CHECK(conn && net);
    CHECK((d = g_dir_open(corpusDir, 0, NULL)));
    while ((ent = g_dir_read_name(d))) {
        g_autofree char *name = NULL, *in = NULL, *expect = NULL, *errText = NULL;
        g_autofree char *path = NULL;
        virNetworkPortPtr port;
        char *out = NULL;
        bool ok;

        if (!g_str_has_suffix(ent, ".xml") || g_str_has_suffix(ent, ".out.xml"))
            continue;
        name = g_strndup(ent, strlen(ent) - 4);
        path = g_strdup_printf("%s/%s", corpusDir, ent);
        g_file_get_contents(path, &in, NULL, NULL);
        port = virNetworkPortCreateXML(net, in, strstr(in, "<plug") ?
                                       VIR_NETWORK_PORT_CREATE_RECLAIM : 0);
        if (port) {
            out = virNetworkPortGetXMLDesc(port, 0);
            virNetworkPortDelete(port, 0);
            virNetworkPortFree(port);
        }
        if (g_str_has_suffix(name, "-invalid")) {
            virErrorPtr e = virGetLastError();
            int code = -1;
            g_autofree char *errPath = g_strdup_printf("%s/%s.err", corpusDir, name);
            if (g_file_get_contents(errPath, &errText, NULL, NULL))
                sscanf(errText, "code=%d", &code);
            ok = !port && e && (code < 0 || e->code == code);
            if (!ok)
                fprintf(stderr, "  %s: %s\n", name, port ? "accepted" :
                        e && e->message ? e->message : "?");
        } else {
            g_autofree char *outPath = g_strdup_printf("%s/%s.out.xml", corpusDir, name);
            if (!g_file_get_contents(outPath, &expect, NULL, NULL))
                expect = g_strdup(in);
            ok = out && strcmp(out, expect) == 0;
            if (!ok)
                fprintf(stderr, "  %s: got\n%s\n", name, out ? out : "(error)");
        }
        free(out);
        if (!ok)
            failed++;
    }
    virNetworkFree(net);
    virConnectClose(conn);
    return failed ? -1 : 0;
}

int
main(int argc, char **argv)
{
    static const testCase cases[] = {
        { "lifecycle", testLifecycle },
        { "create-errors", testCreateErrors },
        { "read-only", testReadOnly },
        { "parameters", testParameters },
        { "inactive-network", testInactiveNetwork },
        { "plug-types", testPlugTypes },
        { "xml-cases", testXMLCases },
    };

    if (argc > 1)
        corpusDir = argv[1];
    return testRunAll(cases, G_N_ELEMENTS(cases));
}
