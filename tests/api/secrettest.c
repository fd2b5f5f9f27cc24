/*
 * secrettest.c: secrets of the test driver, with the rules of libvirt's
 * secret driver (which stock libvirt's test driver lacks), error cases
 * and events included.
 */
#include <stdlib.h>
#include <glib.h>

#include "testlib.h"

#pragma GCC diagnostic ignored "-Wcast-function-type"

#define URI "test:///default"
#define UUID1 "aaaaaaaa-1111-2222-3333-444444444444"
#define UUID2 "aaaaaaaa-1111-2222-3333-555555555555"

static const char volXML[] =
    "<secret ephemeral='no' private='no'><uuid>" UUID1 "</uuid>"
    "<usage type='volume'><volume>/img/a.qcow2</volume></usage></secret>";
static const char privXML[] =
    "<secret ephemeral='yes' private='yes'><uuid>" UUID2 "</uuid>"
    "<usage type='ceph'><name>cephx</name></usage></secret>";

static int
testDefineLookup(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virSecretPtr s, t;
    virSecretPtr *all = NULL;
    char *uuids[4] = { NULL };
    char buf[VIR_UUID_STRING_BUFLEN];

    CHECK(conn);
    CHECK(virConnectNumOfSecrets(conn) == 0);
    CHECK((s = virSecretDefineXML(conn, volXML, 0)));
    CHECK(virSecretGetUsageType(s) == VIR_SECRET_USAGE_TYPE_VOLUME);
    CHECK(strcmp(virSecretGetUsageID(s), "/img/a.qcow2") == 0);
    CHECK((t = virSecretDefineXML(conn, privXML, 0)));
    CHECK(virConnectNumOfSecrets(conn) == 2);
    CHECK(virConnectListSecrets(conn, uuids, 4) == 2);
    CHECK(strcmp(uuids[0], UUID1) == 0 && strcmp(uuids[1], UUID2) == 0);
    free(uuids[0]);
    free(uuids[1]);
    CHECK(virConnectListSecrets(conn, uuids, 1) == 1);
    free(uuids[0]);

    CHECK(virConnectListAllSecrets(conn, &all, VIR_CONNECT_LIST_SECRETS_PRIVATE) == 1);
    CHECK(virSecretGetUUIDString(all[0], buf) == 0 && strcmp(buf, UUID2) == 0);
    virSecretFree(all[0]);
    free(all);
    CHECK(virConnectListAllSecrets(conn, NULL, VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL) == 1);
    CHECK(virConnectListAllSecrets(conn, NULL, VIR_CONNECT_LIST_SECRETS_EPHEMERAL |
                                   VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL) == 2);
    CHECK(virConnectListAllSecrets(conn, NULL, 1 << 7) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x80)");

    virSecretFree(t);
    CHECK((t = virSecretLookupByUsage(conn, VIR_SECRET_USAGE_TYPE_CEPH, "cephx")));
    virSecretFree(t);
    CHECK(virSecretLookupByUsage(conn, VIR_SECRET_USAGE_TYPE_ISCSI, "cephx") == NULL);
    CHECK_ERR(VIR_ERR_NO_SECRET, "no secret with matching usage 'cephx'");
    CHECK(virGetLastError()->domain == VIR_FROM_SECRET);
    CHECK((t = virSecretLookupByUUIDString(conn, UUID1)));
    virSecretFree(t);
    CHECK(virSecretLookupByUUIDString(conn, "aaaaaaaa-1111-2222-3333-000000000000") == NULL);
    CHECK_ERR(VIR_ERR_NO_SECRET,
              "no secret with matching uuid 'aaaaaaaa-1111-2222-3333-000000000000'");

    CHECK(virSecretUndefine(s) == 0);
    CHECK(virSecretUndefine(s) == -1);
    CHECK_ERR(VIR_ERR_NO_SECRET, NULL);
    CHECK(virSecretGetXMLDesc(s, 0) == NULL);
    virSecretFree(s);
    CHECK((s = virSecretLookupByUUIDString(conn, UUID2)));
    CHECK(virSecretUndefine(s) == 0);
    virSecretFree(s);
    CHECK(virConnectNumOfSecrets(conn) == 0);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testValues(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virSecretPtr s, p;
    unsigned char *v;
    size_t n = 0;

    CHECK(conn);
    CHECK((s = virSecretDefineXML(conn, volXML, 0)));
    CHECK((p = virSecretDefineXML(conn, privXML, 0)));
    CHECK(virSecretGetValue(s, &n, 0) == NULL);
    CHECK_ERR(VIR_ERR_NO_SECRET, "secret '" UUID1 "' does not have a value");
    CHECK(virSecretSetValue(s, (const unsigned char *) "abc", 3, 0) == 0);
    CHECK((v = virSecretGetValue(s, &n, 0)) && n == 3 && memcmp(v, "abc", 3) == 0);
    free(v);
    CHECK(virSecretSetValue(s, (const unsigned char *) "", 0, 0) == 0);
    CHECK((v = virSecretGetValue(s, &n, 0)) && n == 0);
    free(v);
    CHECK(virSecretSetValue(s, (const unsigned char *) "x", 1, 1) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x1) in function testSecretSetValue");
    CHECK(virSecretGetValue(s, NULL, 0) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "value_size");
    CHECK(virSecretGetValue(s, &n, 2) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x2)");

    /* a private secret takes a value but never hands it out */
    CHECK(virSecretSetValue(p, (const unsigned char *) "key", 3, 0) == 0);
    CHECK(virSecretGetValue(p, &n, 0) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_SECRET, "secret is private");

    /* the XML carries no value */
    {
        char *xml = virSecretGetXMLDesc(s, 0);
        CHECK(xml && !strstr(xml, "abc"));
        free(xml);
    }
    CHECK(virSecretUndefine(s) == 0 && virSecretUndefine(p) == 0);
    virSecretFree(s);
    virSecretFree(p);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testConflicts(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virSecretPtr s, p, t;

    CHECK(conn);
    CHECK((s = virSecretDefineXML(conn, volXML, 0)));
    CHECK((p = virSecretDefineXML(conn, privXML, 0)));
    /* another UUID for the same usage */
    CHECK(virSecretDefineXML(conn, "<secret><usage type='volume'><volume>/img/a.qcow2</volume>"
                             "</usage></secret>", 0) == NULL);
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR,
              "a secret with UUID " UUID1 " already defined for use with /img/a.qcow2");
    /* the same usage id under another usage type is no conflict */
    CHECK((t = virSecretDefineXML(conn, "<secret><usage type='iscsi'><target>/img/a.qcow2"
                                  "</target></usage></secret>", 0)));
    CHECK(virSecretUndefine(t) == 0);
    virSecretFree(t);
    /* the same UUID for another usage */
    CHECK(virSecretDefineXML(conn, "<secret><uuid>" UUID1 "</uuid><usage type='volume'>"
                             "<volume>/img/b</volume></usage></secret>", 0) == NULL);
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR,
              "a secret with UUID " UUID1 " is already defined for use with /img/a.qcow2");
    /* a private secret stays private; a public one may become private */
    CHECK(virSecretDefineXML(conn, "<secret private='no'><uuid>" UUID2 "</uuid>"
                             "<usage type='ceph'><name>cephx</name></usage></secret>", 0) == NULL);
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "cannot change private flag on existing secret");
    CHECK((t = virSecretDefineXML(conn, "<secret private='yes'><uuid>" UUID1 "</uuid>"
                                  "<description>now private</description><usage type='volume'>"
                                  "<volume>/img/a.qcow2</volume></usage></secret>", 0)));
    virSecretFree(t);
    CHECK(virConnectNumOfSecrets(conn) == 2);
    CHECK(virConnectListAllSecrets(conn, NULL, VIR_CONNECT_LIST_SECRETS_NO_PRIVATE) == 0);

    /* arguments and documents */
    CHECK(virSecretDefineXML(conn, NULL, 0) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "xml");
    CHECK(virSecretDefineXML(conn, volXML, 2) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x2) in function testSecretDefineXML");
    CHECK(virSecretDefineXML(conn, "<secret", 0) == NULL);
    CHECK_ERR(VIR_ERR_XML_DETAIL, NULL);
    CHECK(virSecretDefineXML(conn, "<secret><usage type='tls'/></secret>", 0) == NULL);
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "TLS usage specified, but name is missing");
    CHECK(virSecretDefineXML(conn, "<secret><x/></secret>", VIR_SECRET_DEFINE_VALIDATE) == NULL);
    CHECK_ERR(VIR_ERR_XML_INVALID_SCHEMA, NULL);
    CHECK(virSecretLookupByUsage(conn, VIR_SECRET_USAGE_TYPE_VOLUME, NULL) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "usageID");
    CHECK(virSecretLookupByUUID(conn, NULL) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_ARG, NULL);
    CHECK(virSecretGetXMLDesc(s, 1) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x1)");
    CHECK(virSecretGetXMLDesc(NULL, 0) == NULL);
    CHECK_ERR(VIR_ERR_INVALID_SECRET, NULL);

    CHECK(virSecretUndefine(s) == 0 && virSecretUndefine(p) == 0);
    virSecretFree(s);
    virSecretFree(p);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testReadOnly(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virConnectPtr ro = virConnectOpenReadOnly(URI);
    virSecretPtr s, r;
    size_t n;

    CHECK(conn && ro);
    CHECK((s = virSecretDefineXML(conn, privXML, 0)));
    CHECK(virSecretDefineXML(ro, volXML, 0) == NULL);
    CHECK_ERR(VIR_ERR_OPERATION_DENIED, NULL);
    CHECK((r = virSecretLookupByUUIDString(ro, UUID2)));
    CHECK(virSecretGetValue(r, &n, 0) == NULL);
    CHECK_ERR(VIR_ERR_OPERATION_DENIED, NULL);
    CHECK(virSecretSetValue(r, (const unsigned char *) "a", 1, 0) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_DENIED, NULL);
    CHECK(virSecretUndefine(r) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_DENIED, NULL);
    virSecretFree(r);
    CHECK(virSecretUndefine(s) == 0);
    virSecretFree(s);
    virConnectClose(ro);
    virConnectClose(conn);
    return 0;
}

typedef struct {
    int defined, undefined, changed;
} counts;

static void
onLifecycle(virConnectPtr conn, virSecretPtr secret, int event, int detail, void *opaque)
{
    counts *c = opaque;
    char buf[VIR_UUID_STRING_BUFLEN];

    (void) conn;
    (void) detail;
    if (virSecretGetUUIDString(secret, buf) == 0 && strcmp(buf, UUID1) == 0 &&
        virSecretGetUsageType(secret) == VIR_SECRET_USAGE_TYPE_VOLUME) {
        if (event == VIR_SECRET_EVENT_DEFINED)
            c->defined++;
        else if (event == VIR_SECRET_EVENT_UNDEFINED)
            c->undefined++;
    }
}

static void
onValue(virConnectPtr conn, virSecretPtr secret, void *opaque)
{
    (void) conn;
    if (strcmp(virSecretGetUsageID(secret), "/img/a.qcow2") == 0)
        ((counts *) opaque)->changed++;
}

static int
testEvents(void)
{
    virConnectPtr conn;
    virSecretPtr s;
    counts c = { 0 };
    int id1, id2;

    CHECK(virEventRegisterDefaultImpl() == 0);
    CHECK((conn = virConnectOpen(URI)));
    CHECK((id1 = virConnectSecretEventRegisterAny(conn, NULL, VIR_SECRET_EVENT_ID_LIFECYCLE,
                                                  VIR_SECRET_EVENT_CALLBACK(onLifecycle),
                                                  &c, NULL)) > 0);
    CHECK((id2 = virConnectSecretEventRegisterAny(conn, NULL, VIR_SECRET_EVENT_ID_VALUE_CHANGED,
                                                  VIR_SECRET_EVENT_CALLBACK(onValue),
                                                  &c, NULL)) > 0);
    CHECK(virConnectSecretEventRegisterAny(conn, NULL, 2,
                                           VIR_SECRET_EVENT_CALLBACK(onValue), &c, NULL) < 0);
    CHECK_ERR(VIR_ERR_INVALID_ARG, NULL);
    CHECK((s = virSecretDefineXML(conn, volXML, 0)));
    CHECK(virSecretSetValue(s, (const unsigned char *) "v", 1, 0) == 0);
    CHECK(virSecretUndefine(s) == 0);
    virSecretFree(s);
    for (int i = 0; i < 50 && c.undefined == 0; i++)
        virEventRunDefaultImpl();
    CHECK(c.defined == 1 && c.changed == 1 && c.undefined == 1);
    CHECK(virConnectSecretEventDeregisterAny(conn, id1) == 0);
    CHECK(virConnectSecretEventDeregisterAny(conn, id2) == 0);
    CHECK(virConnectSecretEventDeregisterAny(conn, id2) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, NULL);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

int
main(void)
{
    static const testCase cases[] = {
        { "define, list and look up", testDefineLookup },
        { "values and the private rule", testValues },
        { "usage and UUID conflicts, bad arguments", testConflicts },
        { "read-only connections", testReadOnly },
        { "lifecycle and value events", testEvents },
    };

    return testRunAll(cases, G_N_ELEMENTS(cases));
}
