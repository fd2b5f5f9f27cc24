/*
 * drivertest.c: how a connection's driver is composed from its hypervisor
 * driver and the shared secondary drivers, and the state drivers' start-up,
 * reload and shutdown (src/driver/registry.c, src/driver/state.c).
 */
#include <stdio.h>
#include <string.h>

#include "driver/driver.h"
#include "driver/state.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_NONE

#define CHECK(cond) \
    do { \
        if (!(cond)) { \
            fprintf(stderr, "  %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            return -1; \
        } \
    } while (0)

/* ---- composition ---- */

static const nuvNetworkDriver sharedNetwork = { .name = "shared-network" };
static const nuvStorageDriver sharedStorage = { .name = "shared-storage" };
static const nuvNetworkDriver otherNetwork = { .name = "other-network" };
static const nuvStorageDriver ownStorage = { .name = "own-storage" };
static const nuvHypervisorDriver hvTable = { .name = "hv" };

static const nuvSecondaryDriver sharedNetworkDrv = { .name = "network", .network = &sharedNetwork };
static const nuvSecondaryDriver sharedStorageDrv = { .name = "storage", .storage = &sharedStorage };
static const nuvSecondaryDriver secondNetworkDrv = { .name = "network2", .network = &otherNetwork };
static const nuvSecondaryDriver twoKindsDrv = {
    .name = "both", .network = &otherNetwork, .storage = &sharedStorage,
};

/* A hypervisor driver like qemu: no secondary table of its own. */
static const nuvConnectDriver bareHypervisor = { .name = "bare", .hypervisor = &hvTable };
/* One like test: it brings its own storage (and, here, nothing else). */
static const nuvConnectDriver ownStorageHypervisor = {
    .name = "own", .hypervisor = &hvTable, .storage = &ownStorage,
};

static int
testNothingSharedYet(void)
{
    /* With no shared driver registered, nothing is composed: the
     * connection uses its driver as it is. */
    CHECK(nuvDriverCompose(&bareHypervisor) == NULL);
    return 0;
}

static int
testRegisterShared(void)
{
    CHECK(nuvSecondaryDriverRegister(&sharedNetworkDrv) == 0);
    CHECK(nuvSecondaryDriverRegister(&sharedStorageDrv) == 0);
    /* One shared driver per kind, and one kind per registration. */
    CHECK(nuvSecondaryDriverRegister(&secondNetworkDrv) == -1);
    CHECK(nuvErrorCurrent()->code == VIR_ERR_INTERNAL_ERROR);
    CHECK(nuvSecondaryDriverRegister(&twoKindsDrv) == -1);
    return 0;
}

static int
testComposeFillsMissing(void)
{
    g_autofree nuvConnectDriver *c = nuvDriverCompose(&bareHypervisor);

    CHECK(c != NULL);
    CHECK(c->hypervisor == &hvTable);
    CHECK(g_strcmp0(c->name, "bare") == 0);
    CHECK(c->network == &sharedNetwork);
    CHECK(c->storage == &sharedStorage);
    CHECK(c->secret == NULL && c->nodedev == NULL && c->iface == NULL &&
          c->nwfilter == NULL);
    return 0;
}

static int
testComposeKeepsOwn(void)
{
    g_autofree nuvConnectDriver *c = nuvDriverCompose(&ownStorageHypervisor);

    CHECK(c != NULL);
    CHECK(c->storage == &ownStorage);       /* its own wins */
    CHECK(c->network == &sharedNetwork);    /* the missing one is shared */
    return 0;
}

/* ---- state drivers ---- */

static GString *trace;
static bool failInit;
static bool failReconnect;
static int embeddedSeen = -1;   /* the last initialize's @embedded */

#define FAKE_STATE(N, SKIP) \
    static nuvStateInitResult \
    init##N(bool privileged, const char *root, bool embedded) \
    { \
        g_string_append_printf(trace, "init" #N "(%d,%s) ", privileged, root ? root : "-"); \
        embeddedSeen = embedded; \
        if (N == 2 && failInit) { \
            nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "driver 2 cannot start"); \
            return NUV_STATE_INIT_ERROR; \
        } \
        return (SKIP) && embedded ? NUV_STATE_INIT_SKIPPED : NUV_STATE_INIT_COMPLETE; \
    } \
    static int \
    reconnect##N(void) \
    { \
        g_string_append(trace, "reconnect" #N " "); \
        if (N == 3 && failReconnect) { \
            nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "driver 3 cannot reconnect"); \
            return -1; \
        } \
        return 0; \
    } \
    static int \
    reload##N(void) \
    { \
        g_string_append(trace, "reload" #N " "); \
        return 0; \
    } \
    static int \
    shutdown##N(void) \
    { \
        g_string_append(trace, "shutdown" #N " "); \
        return 0; \
    } \
    static const nuvStateDriver state##N = { \
        .name = "state" #N, .initialize = init##N, .reconnect = reconnect##N, \
        .reload = reload##N, .shutdown = shutdown##N, \
    };

FAKE_STATE(1, false)
FAKE_STATE(2, true)     /* cannot be embedded: skips when embedded */
FAKE_STATE(3, false)

static int
testStateLifecycle(void)
{
    const char *root = "x";

    CHECK(nuvStateDriverRegister(&state1) == 0);
    CHECK(nuvStateDriverRegister(&state2) == 0);
    CHECK(nuvStateDriverRegister(&state3) == 0);
    CHECK(!nuvStateIsInitialized(NULL));

    g_string_truncate(trace, 0);
    CHECK(nuvStateInitialize(true, NULL, false) == 0);
    /* All initialise, in order, before any reconnects. */
    CHECK(g_str_equal(trace->str, "init1(1,-) init2(1,-) init3(1,-) "
                                  "reconnect1 reconnect2 reconnect3 "));
    CHECK(nuvStateIsInitialized(&root) && root == NULL);

    /* Not twice. */
    CHECK(nuvStateInitialize(true, NULL, false) == -1);
    CHECK(nuvErrorCurrent()->code == VIR_ERR_OPERATION_INVALID);

    g_string_truncate(trace, 0);
    CHECK(nuvStateReload() == 0);
    CHECK(g_str_equal(trace->str, "reload1 reload2 reload3 "));

    g_string_truncate(trace, 0);
    CHECK(nuvStateShutdown() == 0);
    CHECK(g_str_equal(trace->str, "shutdown3 shutdown2 shutdown1 "));
    CHECK(!nuvStateIsInitialized(NULL));

    /* Nothing runs: reload and shutdown call nobody. */
    g_string_truncate(trace, 0);
    CHECK(nuvStateReload() == 0 && nuvStateShutdown() == 0);
    CHECK(trace->len == 0);
    return 0;
}

static int
testStateFailureRollsBack(void)
{
    g_string_truncate(trace, 0);
    failInit = true;
    CHECK(nuvStateInitialize(false, NULL, false) == -1);
    CHECK(strstr(nuvErrorCurrent()->message, "driver 2 cannot start") != NULL);
    /* Driver 1 had started: it is shut down; 3 never started. */
    CHECK(g_str_equal(trace->str, "init1(0,-) init2(0,-) shutdown1 "));
    CHECK(!nuvStateIsInitialized(NULL));
    failInit = false;

    g_string_truncate(trace, 0);
    failReconnect = true;
    CHECK(nuvStateInitialize(false, NULL, false) == -1);
    CHECK(g_str_equal(trace->str, "init1(0,-) init2(0,-) init3(0,-) reconnect1 reconnect2 "
                                  "reconnect3 shutdown3 shutdown2 shutdown1 "));
    failReconnect = false;
    CHECK(!nuvStateIsInitialized(NULL));
    return 0;
}

static int
testStateEmbedded(void)
{
    const char *root = NULL;

    CHECK(nuvStateInitialize(false, "relative/dir", true) == -1);
    CHECK(nuvErrorCurrent()->code == VIR_ERR_INVALID_ARG);

    g_string_truncate(trace, 0);
    CHECK(nuvStateInitialize(false, "/tmp/embed-a", true) == 0);
    /* Driver 2 skips embedding: it neither reconnects nor shuts down. */
    CHECK(g_str_equal(trace->str, "init1(0,/tmp/embed-a) init2(0,/tmp/embed-a) "
                                  "init3(0,/tmp/embed-a) reconnect1 reconnect3 "));
    CHECK(nuvStateIsInitialized(&root) && g_strcmp0(root, "/tmp/embed-a") == 0);

    /* A second embedded open with the same root shares the drivers... */
    g_string_truncate(trace, 0);
    CHECK(nuvStateInitialize(false, "/tmp/embed-a", true) == 0);
    CHECK(trace->len == 0);
    /* ...one with another root cannot. */
    CHECK(nuvStateInitialize(false, "/tmp/embed-b", true) == -1);
    CHECK(strstr(nuvErrorCurrent()->message, "'/tmp/embed-a'") != NULL);

    g_string_truncate(trace, 0);
    CHECK(nuvStateShutdown() == 0);
    CHECK(g_str_equal(trace->str, "shutdown3 shutdown1 "));
    return 0;
}

/* A daemon given a root (nuvirtd --root, for tests): the drivers get the
 * root but are not embedded, and nothing embedded may join them. */
static int
testStateDaemonRoot(void)
{
    const char *root = "x";

    CHECK(nuvStateInitialize(false, NULL, true) == -1);
    CHECK(nuvErrorCurrent()->code == VIR_ERR_INVALID_ARG);
    g_string_truncate(trace, 0);
    embeddedSeen = -1;
    CHECK(nuvStateInitialize(true, "/tmp/daemon-root", false) == 0);
    CHECK(g_str_equal(trace->str, "init1(1,/tmp/daemon-root) init2(1,/tmp/daemon-root) "
                                  "init3(1,/tmp/daemon-root) reconnect1 reconnect2 reconnect3 "));
    CHECK(embeddedSeen == 0);
    CHECK(nuvStateIsInitialized(&root) && root == NULL);
    CHECK(nuvStateInitialize(false, "/tmp/daemon-root", true) == -1);
    CHECK(nuvErrorCurrent()->code == VIR_ERR_OPERATION_INVALID);
    CHECK(nuvStateShutdown() == 0);

    CHECK(nuvStateInitialize(false, "/tmp/embed-c", true) == 0);
    CHECK(embeddedSeen == 1);
    CHECK(nuvStateShutdown() == 0);
    return 0;
}

int
main(void)
{
    static const struct {
        const char *name;
        int (*fn)(void);
    } cases[] = {
        { "nothing-shared-yet", testNothingSharedYet },
        { "register-shared", testRegisterShared },
        { "compose-fills-missing", testComposeFillsMissing },
        { "compose-keeps-own", testComposeKeepsOwn },
        { "state-lifecycle", testStateLifecycle },
        { "state-failure-rolls-back", testStateFailureRollsBack },
        { "state-embedded", testStateEmbedded },
        { "state-daemon-root", testStateDaemonRoot },
    };
    int failed = 0;

    trace = g_string_new(NULL);
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        int ret = cases[i].fn();
        printf("%s %s\n", ret == 0 ? "PASS" : "FAIL", cases[i].name);
        failed += ret != 0;
    }
    g_string_free(trace, TRUE);
    printf("%zu passed, %d failed\n", G_N_ELEMENTS(cases) - failed, failed);
    return failed ? 1 : 0;
}
