/*
 * eventtest.c: domain events through the default event loop: lifecycle
 * events with libvirt's detail codes, the old and new registration forms,
 * per-domain filters, free callbacks, and errors.
 */
#include <stdlib.h>
#include <glib.h>

#include "testlib.h"

/* VIR_DOMAIN_EVENT_CALLBACK casts between callback types, as applications
 * must; the warning is about that documented cast. */
#pragma GCC diagnostic ignored "-Wcast-function-type"

static GString *seen;     /* "type/detail name;" for each lifecycle event */
static int reboots;
static int metadataChanges;
static int freed;

static int
lifecycleCb(virConnectPtr conn, virDomainPtr dom, int event, int detail, void *opaque)
{
    (void)conn;
    g_string_append_printf(seen, "%s%d/%d %s;", opaque ? (const char *)opaque : "",
                           event, detail, virDomainGetName(dom));
    return 0;
}

static void
rebootCb(virConnectPtr conn, virDomainPtr dom, void *opaque)
{
    (void)conn; (void)dom; (void)opaque;
    reboots++;
}

static void
metadataCb(virConnectPtr conn, virDomainPtr dom, int type, const char *nsuri, void *opaque)
{
    (void)conn; (void)dom; (void)nsuri; (void)opaque;
    if (type == VIR_DOMAIN_METADATA_TITLE)
        metadataChanges++;
}

static void
freeCb(void *opaque)
{
    (void)opaque;
    freed++;
}

static void
tick(int timer, void *opaque)
{
    (void)timer; (void)opaque;
}

static int
testLifecycleEvents(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    const char *xml = "<domain type='test'><name>ev1</name><memory>1024</memory>"
                      "<os><type>hvm</type></os></domain>";
    virDomainPtr dom;
    int id;
    char expect[512];
    int t = virEventAddTimeout(10, tick, NULL, NULL);

    seen = g_string_new("");
    id = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                          VIR_DOMAIN_EVENT_CALLBACK(lifecycleCb), NULL, freeCb);
    CHECK(id > 0);
    CHECK((dom = virDomainDefineXML(conn, xml)));
    CHECK(virDomainCreate(dom) == 0);
    CHECK(virDomainSuspend(dom) == 0);
    CHECK(virDomainResume(dom) == 0);
    CHECK(virDomainDestroy(dom) == 0);
    CHECK(virDomainUndefine(dom) == 0);
    for (int i = 0; i < 5; i++)
        virEventRunDefaultImpl();
    g_snprintf(expect, sizeof(expect), "%d/%d ev1;%d/%d ev1;%d/%d ev1;%d/%d ev1;%d/%d ev1;%d/%d ev1;",
               VIR_DOMAIN_EVENT_DEFINED, VIR_DOMAIN_EVENT_DEFINED_ADDED,
               VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED,
               VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED,
               VIR_DOMAIN_EVENT_RESUMED, VIR_DOMAIN_EVENT_RESUMED_UNPAUSED,
               VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_DESTROYED,
               VIR_DOMAIN_EVENT_UNDEFINED, VIR_DOMAIN_EVENT_UNDEFINED_REMOVED);
    if (strcmp(seen->str, expect) != 0)
        fprintf(stderr, "  got '%s'\n  want '%s'\n", seen->str, expect);
    CHECK(strcmp(seen->str, expect) == 0);
    CHECK(virConnectDomainEventDeregisterAny(conn, id) == 0);
    CHECK(freed == 1);
    CHECK(virConnectDomainEventDeregisterAny(conn, id) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "could not find event callback");
    virDomainFree(dom);
    virEventRemoveTimeout(t);
    g_string_free(seen, TRUE);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testFiltersAndKinds(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virDomainPtr test = virDomainLookupByName(conn, "test");
    const char *xml = "<domain type='test'><name>ev2</name><memory>1024</memory>"
                      "<os><type>hvm</type></os></domain>";
    virDomainPtr other;
    int t = virEventAddTimeout(10, tick, NULL, NULL);
    int idFiltered, idReboot, idMeta;

    seen = g_string_new("");
    reboots = metadataChanges = 0;
    /* Only events of "test" reach this one. */
    idFiltered = virConnectDomainEventRegisterAny(conn, test, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                                  VIR_DOMAIN_EVENT_CALLBACK(lifecycleCb),
                                                  (void *)"F", NULL);
    idReboot = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_REBOOT,
                                                VIR_DOMAIN_EVENT_CALLBACK(rebootCb), NULL, NULL);
    idMeta = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_METADATA_CHANGE,
                                              VIR_DOMAIN_EVENT_CALLBACK(metadataCb), NULL, NULL);
    CHECK(idFiltered > 0 && idReboot > 0 && idMeta > 0);
    /* The old form: lifecycle of every domain. */
    CHECK(virConnectDomainEventRegister(conn, lifecycleCb, (void *)"L", NULL) == 0);
    CHECK(virConnectDomainEventRegister(conn, lifecycleCb, NULL, NULL) == -1);

    CHECK((other = virDomainDefineXML(conn, xml)));
    CHECK(virDomainSuspend(test) == 0);
    CHECK(virDomainReboot(test, 0) == 0);
    CHECK(virDomainSetMetadata(test, VIR_DOMAIN_METADATA_TITLE, "t", NULL, NULL, 0) == 0);
    for (int i = 0; i < 5; i++)
        virEventRunDefaultImpl();
    /* The legacy callback saw both domains, the filtered one only test. */
    CHECK(strstr(seen->str, "L0/0 ev2;"));
    CHECK(strstr(seen->str, "F3/0 test;"));
    CHECK(strstr(seen->str, "L3/0 test;"));
    CHECK(!strstr(seen->str, "F0/0 ev2;"));
    CHECK(reboots == 1 && metadataChanges == 1);

    CHECK(virConnectDomainEventDeregister(conn, lifecycleCb) == 0);
    CHECK(virConnectDomainEventDeregister(conn, lifecycleCb) == -1);
    CHECK(virConnectDomainEventRegisterAny(conn, NULL, 999, VIR_DOMAIN_EVENT_CALLBACK(rebootCb),
                                           NULL, NULL) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "eventID");
    CHECK(virConnectDomainEventRegisterAny(conn, NULL, 0, NULL, NULL, NULL) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "cb in virConnectDomainEventRegisterAny must not be NULL");
    virConnectDomainEventDeregisterAny(conn, idFiltered);
    virConnectDomainEventDeregisterAny(conn, idReboot);
    virConnectDomainEventDeregisterAny(conn, idMeta);
    virDomainUndefine(other);
    virDomainFree(other);
    virDomainFree(test);
    virEventRemoveTimeout(t);
    g_string_free(seen, TRUE);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

int
main(void)
{
    static const testCase cases[] = {
        { "lifecycle events in order", testLifecycleEvents },
        { "filters, old form, reboot and metadata", testFiltersAndKinds },
    };
    if (virEventRegisterDefaultImpl() < 0)
        return 1;
    return testRunAll(cases, G_N_ELEMENTS(cases));
}
