/*
 * nwfiltertest.c: network filters and filter bindings of the test driver,
 * with the rules of libvirt's nwfilter driver (which stock libvirt's test
 * driver lacks), error cases included.
 */
#include <stdlib.h>
#include <glib.h>

#include "testlib.h"

#define URI "test:///default"
#define UUID_A "bbbbbbbb-1111-2222-3333-000000000001"
#define UUID_B "bbbbbbbb-1111-2222-3333-000000000002"

static const char leafXML[] =
    "<filter name='nv-leaf' chain='ipv4'><uuid>" UUID_B "</uuid>"
    "<rule action='accept' direction='in'><ip srcipaddr='$IP'/></rule></filter>";
static const char topXML[] =
    "<filter name='nv-top'><uuid>" UUID_A "</uuid>"
    "<filterref filter='nv-leaf'/><rule action='drop' direction='inout'/></filter>";
static const char bindXML[] =
    "<filterbinding><owner><name>vm</name><uuid>d54df46f-1ab5-4a22-8618-4560ef5fac2c</uuid>"
    "</owner><portdev name='vnet7'/><linkdev name='eth0'/><mac address='52:54:00:7B:35:93'/>"
    "<filterref filter='nv-top'><parameter name='IP' value='10.0.0.7'/></filterref>"
    "</filterbinding>";

/* A binding with the owner's UUID @uuid and the MAC @mac (a static buffer). */
static const char *
badBindXML(const char *uuid, const char *mac)
{
    static char buf[512];

    g_snprintf(buf, sizeof(buf),
               "<filterbinding><owner><name>vm</name><uuid>%s</uuid></owner>"
               "<portdev name='vnet8'/><mac address='%s'/><filterref filter='nv-top'/>"
               "</filterbinding>", uuid, mac);
    return buf;
}

static int
testFilters(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virNWFilterPtr leaf, top, f;
    virNWFilterPtr *all = NULL;
    char *names[4] = { NULL };
    char buf[VIR_UUID_STRING_BUFLEN];
    char *xml;

    CHECK(conn);
    CHECK(virConnectNumOfNWFilters(conn) == 0);
    /* a reference to a filter not defined yet is allowed */
    CHECK((top = virNWFilterDefineXML(conn, topXML)));
    CHECK((leaf = virNWFilterDefineXMLFlags(conn, leafXML, VIR_NWFILTER_DEFINE_VALIDATE)));
    CHECK(virConnectNumOfNWFilters(conn) == 2);
    CHECK(virConnectListNWFilters(conn, names, 4) == 2);
    CHECK(strcmp(names[0], "nv-top") == 0 && strcmp(names[1], "nv-leaf") == 0);
    free(names[0]);
    free(names[1]);
    CHECK(virConnectListNWFilters(conn, names, -1) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, NULL);
    CHECK(virConnectListAllNWFilters(conn, &all, 0) == 2);
    virNWFilterFree(all[0]);
    virNWFilterFree(all[1]);
    free(all);
    CHECK(virConnectListAllNWFilters(conn, NULL, 1) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x1)");

    CHECK((f = virNWFilterLookupByName(conn, "nv-leaf")));
    CHECK(virNWFilterGetUUIDString(f, buf) == 0 && strcmp(buf, UUID_B) == 0);
    virNWFilterFree(f);
    CHECK((f = virNWFilterLookupByUUIDString(conn, UUID_A)));
    CHECK(strcmp(virNWFilterGetName(f), "nv-top") == 0);
    virNWFilterFree(f);
    CHECK(virNWFilterLookupByName(conn, "nope") == NULL);
    CHECK_ERR(VIR_ERR_NO_NWFILTER, "no nwfilter with matching name 'nope'");
    CHECK(virGetLastError()->domain == VIR_FROM_NWFILTER);
    CHECK(virNWFilterLookupByUUIDString(conn, "bbbbbbbb-1111-2222-3333-000000000009") == NULL);
    CHECK_ERR(VIR_ERR_NO_NWFILTER, "no nwfilter with matching uuid");

    CHECK((xml = virNWFilterGetXMLDesc(leaf, 0)));
    CHECK(strcmp(xml, "<filter name='nv-leaf' chain='ipv4' priority='-700'>\n"
                      "  <uuid>" UUID_B "</uuid>\n"
                      "  <rule action='accept' direction='in' priority='500'>\n"
                      "    <ip srcipaddr='$IP'/>\n"
                      "  </rule>\n"
                      "</filter>\n") == 0);
    free(xml);
    CHECK(virNWFilterGetXMLDesc(leaf, 1) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x1) in function testNWFilterGetXMLDesc");

    /* referenced by nv-top: in use */
    CHECK(virNWFilterUndefine(leaf) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "nwfilter is in use");
    CHECK(virNWFilterUndefine(top) == 0);
    CHECK(virNWFilterUndefine(top) == -1);
    CHECK_ERR(VIR_ERR_NO_NWFILTER, NULL);
    CHECK(virNWFilterUndefine(leaf) == 0);
    virNWFilterFree(top);
    virNWFilterFree(leaf);
    CHECK(virConnectNumOfNWFilters(conn) == 0);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testConflicts(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virNWFilterPtr leaf, top, f;
    char buf[VIR_UUID_STRING_BUFLEN];

    CHECK(conn);
    CHECK((leaf = virNWFilterDefineXML(conn, leafXML)));
    CHECK((top = virNWFilterDefineXML(conn, topXML)));
    /* same name, another UUID */
    CHECK(virNWFilterDefineXML(conn, "<filter name='nv-leaf'><uuid>"
                               "bbbbbbbb-1111-2222-3333-000000000003</uuid></filter>") == NULL);
    CHECK_ERR(VIR_ERR_OPERATION_FAILED, "filter 'nv-leaf' already exists with uuid " UUID_B);
    /* same UUID, another name */
    CHECK(virNWFilterDefineXML(conn, "<filter name='nv-other'><uuid>" UUID_B
                               "</uuid></filter>") == NULL);
    CHECK_ERR(VIR_ERR_OPERATION_FAILED,
              "filter with same UUID but different name ('nv-leaf') already exists");
    /* a reference back to nv-top would make a loop */
    CHECK(virNWFilterDefineXML(conn, "<filter name='nv-leaf'><filterref filter='nv-top'/>"
                               "</filter>") == NULL);
    CHECK_ERR(VIR_ERR_OPERATION_FAILED, "filter would introduce a loop");
    CHECK(virNWFilterDefineXML(conn, "<filter name='nv-self'><filterref filter='nv-self'/>"
                               "</filter>") == NULL);
    CHECK_ERR(VIR_ERR_OPERATION_FAILED, "filter would introduce a loop");
    /* redefining by name without a UUID keeps the filter's UUID */
    CHECK((f = virNWFilterDefineXML(conn, "<filter name='nv-leaf' chain='arp'/>")));
    CHECK(virNWFilterGetUUIDString(f, buf) == 0 && strcmp(buf, UUID_B) == 0);
    virNWFilterFree(f);
    CHECK(virConnectNumOfNWFilters(conn) == 2);

    /* arguments and documents */
    CHECK(virNWFilterDefineXML(conn, NULL) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "xmlDesc");
    CHECK(virNWFilterDefineXMLFlags(conn, leafXML, 2) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x2)");
    CHECK(virNWFilterDefineXML(conn, "<filter name='x'") == NULL);
    CHECK_ERR(VIR_ERR_XML_DETAIL, NULL);
    CHECK(virNWFilterDefineXML(conn, "<filter/>") == NULL);
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "filter has no name");
    CHECK(virNWFilterDefineXML(conn, "<filter name='x' chain='nat'/>") == NULL);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "Invalid chain name 'nat'");
    CHECK(virNWFilterDefineXML(conn, "<filter name='x'><rule action='accept' direction='in'>"
                               "<tcp srcipaddr='300.1.1.1'/></rule></filter>") == NULL);
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "srcipaddr has illegal value 300.1.1.1");
    CHECK(virNWFilterDefineXMLFlags(conn, "<filter name='x'><bogus/></filter>",
                                    VIR_NWFILTER_DEFINE_VALIDATE) == NULL);
    CHECK_ERR(VIR_ERR_XML_INVALID_SCHEMA, NULL);
    CHECK(virNWFilterLookupByName(conn, NULL) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "name");

    CHECK(virNWFilterUndefine(top) == 0 && virNWFilterUndefine(leaf) == 0);
    virNWFilterFree(top);
    virNWFilterFree(leaf);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testBindings(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virNWFilterPtr leaf, top;
    virNWFilterBindingPtr b, c;
    virNWFilterBindingPtr *all = NULL;
    char *xml;

    CHECK(conn);
    CHECK((top = virNWFilterDefineXML(conn, topXML)));
    /* nv-top reaches nv-leaf, which does not exist yet */
    CHECK(virNWFilterBindingCreateXML(conn, bindXML, 0) == NULL);
    CHECK_ERR(VIR_ERR_NO_NWFILTER, "referenced filter 'nv-leaf' is missing");
    CHECK((leaf = virNWFilterDefineXML(conn, leafXML)));
    CHECK((b = virNWFilterBindingCreateXML(conn, bindXML, VIR_NWFILTER_BINDING_CREATE_VALIDATE)));
    CHECK(strcmp(virNWFilterBindingGetPortDev(b), "vnet7") == 0);
    CHECK(strcmp(virNWFilterBindingGetFilterName(b), "nv-top") == 0);
    CHECK(virNWFilterBindingCreateXML(conn, bindXML, 0) == NULL);
    CHECK_ERR(VIR_ERR_OPERATION_FAILED, "filter binding for portdev vnet7 already exists");
    CHECK(virNWFilterBindingCreateXML(conn, bindXML, 4) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x4)");
    CHECK(virNWFilterBindingCreateXML(conn, "<filterbinding><portdev name='v'/>"
                                      "</filterbinding>", 0) == NULL);
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "filter binding has no owner name");
    /* the owner's UUID and the MAC as stock's binding reader checks them
     * (recorded with stock's virNWFilterBindingDefParse): ':' only */
    CHECK(virNWFilterBindingCreateXML(conn, badBindXML("d54df46f-1ab5-4a22-8618-4560ef5fac2c",
                                                       "zz"), 0) == NULL);
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "Unable to parse MAC 'zz'");
    CHECK(virNWFilterBindingCreateXML(conn, badBindXML("d54df46f-1ab5-4a22-8618-4560ef5fac2c",
                                                       "52-54-00-7B-35-93"), 0) == NULL);
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "Unable to parse MAC '52-54-00-7B-35-93'");
    CHECK(virNWFilterBindingCreateXML(conn, badBindXML("nope", "52:54:00:7b:35:93"), 0) == NULL);
    CHECK(virGetLastError() && virGetLastError()->domain == VIR_FROM_NWFILTER);
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "Unable to parse UUID 'nope'");
    CHECK(virNWFilterBindingCreateXML(conn, "<binding/>", 0) == NULL);
    CHECK_ERR(VIR_ERR_XML_ERROR, "unknown root element for nwfilter binding");

    CHECK(virConnectListAllNWFilterBindings(conn, &all, 0) == 1);
    CHECK(strcmp(virNWFilterBindingGetPortDev(all[0]), "vnet7") == 0);
    virNWFilterBindingFree(all[0]);
    free(all);
    CHECK(virConnectListAllNWFilterBindings(conn, NULL, 1) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, NULL);

    CHECK((c = virNWFilterBindingLookupByPortDev(conn, "vnet7")));
    CHECK((xml = virNWFilterBindingGetXMLDesc(c, 0)));
    CHECK(strcmp(xml, "<filterbinding>\n"
                      "  <owner>\n"
                      "    <name>vm</name>\n"
                      "    <uuid>d54df46f-1ab5-4a22-8618-4560ef5fac2c</uuid>\n"
                      "  </owner>\n"
                      "  <portdev name='vnet7'/>\n"
                      "  <linkdev name='eth0'/>\n"
                      "  <mac address='52:54:00:7b:35:93'/>\n"
                      "  <filterref filter='nv-top'>\n"
                      "    <parameter name='IP' value='10.0.0.7'/>\n"
                      "  </filterref>\n"
                      "</filterbinding>\n") == 0);
    free(xml);
    virNWFilterBindingFree(c);
    CHECK(virNWFilterBindingLookupByPortDev(conn, "vnet9") == NULL);
    CHECK_ERR(VIR_ERR_NO_NWFILTER_BINDING, "no nwfilter binding for port dev 'vnet9'");
    CHECK(virNWFilterBindingLookupByPortDev(conn, NULL) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_ARG, NULL);

    /* both filters are in use through the binding */
    CHECK(virNWFilterUndefine(top) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "nwfilter is in use");
    CHECK(virNWFilterBindingDelete(b) == 0);
    CHECK(virNWFilterBindingDelete(b) == -1);
    CHECK_ERR(VIR_ERR_NO_NWFILTER_BINDING, NULL);
    CHECK(virNWFilterBindingGetXMLDesc(b, 0) == NULL);
    CHECK_ERR(VIR_ERR_NO_NWFILTER_BINDING, NULL);
    virNWFilterBindingFree(b);
    CHECK(virNWFilterUndefine(top) == 0 && virNWFilterUndefine(leaf) == 0);
    virNWFilterFree(top);
    virNWFilterFree(leaf);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testReadOnly(void)
{
    virConnectPtr ro = virConnectOpenReadOnly(URI);

    CHECK(ro);
    CHECK(virNWFilterDefineXML(ro, leafXML) == NULL);
    CHECK_ERR(VIR_ERR_OPERATION_DENIED, NULL);
    CHECK(virNWFilterBindingCreateXML(ro, bindXML, 0) == NULL);
    CHECK_ERR(VIR_ERR_OPERATION_DENIED, NULL);
    CHECK(virConnectNumOfNWFilters(ro) == 0);
    virConnectClose(ro);
    return 0;
}

int
main(void)
{
    static const testCase cases[] = {
        { "define, list, look up, undefine", testFilters },
        { "name, UUID and loop conflicts, bad arguments", testConflicts },
        { "filter bindings", testBindings },
        { "read-only connections", testReadOnly },
    };

    return testRunAll(cases, G_N_ELEMENTS(cases));
}
