/*
 * test_secret.c: secrets of the test driver, kept in memory with the
 * rules of libvirt's secret driver: usage ids are unique per usage type,
 * a private secret's value is never handed out through the API and a
 * private secret cannot be made public by redefining it.  Nothing is
 * written to disk, so ephemeral and persistent secrets behave alike
 * except in what they report.
 *
 * The whole store is guarded by one mutex: every operation is a short
 * in-memory change with nothing slow under the lock, and one lock keeps
 * the UUID and usage uniqueness checks atomic with the change.
 */
#include <string.h>

#include "util/locks.h"
#include "test/test_private.h"
#include "conf/secret_def.h"
#include "util/error.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_SECRET

#define TEST_SECRET_XML_MAX (10 * 1024 * 1024)

typedef struct {
    nuvSecretDef *def;
    unsigned char *value;       /* NULL until set */
    size_t valueSize;
} testSecret;

struct _testSecretStore {
    GMutex lock;
    GPtrArray *secrets;         /* testSecret *, in definition order */
};

static void
secretFree(testSecret *s)
{
    if (!s)
        return;
    if (s->value)
        memset(s->value, 0, s->valueSize);
    g_free(s->value);
    nuvSecretDefFree(s->def);
    g_free(s);
}

testSecretStore *
testSecretStoreNew(void)
{
    testSecretStore *store = g_new0(testSecretStore, 1);

    g_mutex_init(&store->lock);
    store->secrets = g_ptr_array_new_with_free_func((GDestroyNotify) secretFree);
    return store;
}

void
testSecretStoreFree(testSecretStore *store)
{
    if (!store)
        return;
    g_ptr_array_unref(store->secrets);
    g_mutex_clear(&store->lock);
    g_free(store);
}

static testSecretStore *
storeOf(virConnectPtr conn)
{
    return testDriverOf(conn)->secrets;
}

/* Call with the lock held. */
static testSecret *
findByUUID(testSecretStore *store, const unsigned char *uuid)
{
    for (guint i = 0; i < store->secrets->len; i++) {
        testSecret *s = g_ptr_array_index(store->secrets, i);
        if (memcmp(s->def->uuid, uuid, VIR_UUID_BUFLEN) == 0)
            return s;
    }
    return NULL;
}

/* Secrets without a usage never match one. */
static testSecret *
findByUsage(testSecretStore *store, int usageType, const char *usageID)
{
    if (usageType == VIR_SECRET_USAGE_TYPE_NONE || !usageID)
        return NULL;
    for (guint i = 0; i < store->secrets->len; i++) {
        testSecret *s = g_ptr_array_index(store->secrets, i);
        if (s->def->usageType == usageType && g_strcmp0(s->def->usageID, usageID) == 0)
            return s;
    }
    return NULL;
}

static testSecret *
findOrReport(testSecretStore *store, const unsigned char *uuid)
{
    testSecret *s = findByUUID(store, uuid);
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    if (!s)
        nuvReportError(VIR_ERR_NO_SECRET, "no secret with matching uuid '%s'",
                       nuvUUIDFormat(uuid, uuidstr));
    return s;
}

static virSecretPtr
handleOf(virConnectPtr conn, const testSecret *s)
{
    return nuvGetSecret(conn, s->def->uuid, s->def->usageType, s->def->usageID);
}

static nuvEvent *
lifecycleEvent(const testSecret *s, int type)
{
    return nuvSecretEventLifecycleNew(s->def->uuid, s->def->usageType, s->def->usageID,
                                      type, 0);
}

/* ---- lists ---- */

static bool
groupMatches(unsigned int flags, unsigned int yes, unsigned int no, bool value)
{
    bool wantYes = flags & yes;
    bool wantNo = flags & no;

    if (wantYes == wantNo)
        return true;
    return wantYes ? value : !value;
}

static int
testConnectListAllSecrets(virConnectPtr conn, virSecretPtr **secrets, unsigned int flags)
{
    testSecretStore *store = storeOf(conn);
    virSecretPtr *out = NULL;
    int n = 0;

    nuvCheckFlags(VIR_CONNECT_LIST_SECRETS_EPHEMERAL | VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL |
                  VIR_CONNECT_LIST_SECRETS_PRIVATE | VIR_CONNECT_LIST_SECRETS_NO_PRIVATE, -1);

    nuvMutexLock(&store->lock);
    if (secrets)
        out = g_new0(virSecretPtr, store->secrets->len + 1);
    for (guint i = 0; i < store->secrets->len; i++) {
        testSecret *s = g_ptr_array_index(store->secrets, i);
        if (!groupMatches(flags, VIR_CONNECT_LIST_SECRETS_EPHEMERAL,
                          VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL, s->def->isEphemeral) ||
            !groupMatches(flags, VIR_CONNECT_LIST_SECRETS_PRIVATE,
                          VIR_CONNECT_LIST_SECRETS_NO_PRIVATE, s->def->isPrivate))
            continue;
        if (out)
            out[n] = handleOf(conn, s);
        n++;
    }
    nuvMutexUnlock(&store->lock);
    if (secrets)
        *secrets = out;
    return n;
}

static int
testConnectNumOfSecrets(virConnectPtr conn)
{
    testSecretStore *store = storeOf(conn);
    int n;

    nuvMutexLock(&store->lock);
    n = store->secrets->len;
    nuvMutexUnlock(&store->lock);
    return n;
}

static int
testConnectListSecrets(virConnectPtr conn, char **uuids, int maxuuids)
{
    testSecretStore *store = storeOf(conn);
    int n = 0;

    if (maxuuids < 0) {
        nuvReportErrorRaw(VIR_ERR_INVALID_ARG,
                          "maxuuids in virConnectListSecrets must be zero or greater");
        return -1;
    }
    nuvMutexLock(&store->lock);
    for (guint i = 0; i < store->secrets->len && n < maxuuids; i++) {
        testSecret *s = g_ptr_array_index(store->secrets, i);
        uuids[n] = g_malloc0(VIR_UUID_STRING_BUFLEN);
        nuvUUIDFormat(s->def->uuid, uuids[n]);
        n++;
    }
    nuvMutexUnlock(&store->lock);
    return n;
}

/* ---- lookups ---- */

static virSecretPtr
testSecretLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    testSecretStore *store = storeOf(conn);
    virSecretPtr ret = NULL;
    testSecret *s;

    nuvMutexLock(&store->lock);
    if ((s = findOrReport(store, uuid)))
        ret = handleOf(conn, s);
    nuvMutexUnlock(&store->lock);
    return ret;
}

static virSecretPtr
testSecretLookupByUsage(virConnectPtr conn, int usageType, const char *usageID)
{
    testSecretStore *store = storeOf(conn);
    virSecretPtr ret = NULL;
    testSecret *s;

    nuvMutexLock(&store->lock);
    if ((s = findByUsage(store, usageType, usageID)))
        ret = handleOf(conn, s);
    else
        nuvReportError(VIR_ERR_NO_SECRET, "no secret with matching usage '%s'", usageID);
    nuvMutexUnlock(&store->lock);
    return ret;
}

/* ---- define, undefine ---- */

static virSecretPtr
testSecretDefineXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    testDriver *drv = testDriverOf(conn);
    testSecretStore *store = drv->secrets;
    g_autoptr(nuvSecretDef) def = NULL;
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    virSecretPtr ret = NULL;
    nuvEvent *event = NULL;
    testSecret *s;

    nuvCheckFlags(VIR_SECRET_DEFINE_VALIDATE, NULL);

    if (strlen(xml) > TEST_SECRET_XML_MAX) {
        nuvReportError(VIR_ERR_XML_ERROR, "secret XML of %zu bytes exceeds the limit of %d bytes",
                       strlen(xml), TEST_SECRET_XML_MAX);
        return NULL;
    }
    if (!(def = nuvSecretDefParseString(xml, (flags & VIR_SECRET_DEFINE_VALIDATE) ?
                                        NUV_SECRET_DEF_PARSE_VALIDATE : 0)))
        return NULL;

    nuvMutexLock(&store->lock);
    nuvUUIDFormat(def->uuid, uuidstr);
    if ((s = findByUUID(store, def->uuid))) {
        /* a redefinition may change anything but what the secret is for,
         * and may not reveal a private secret */
        if (g_strcmp0(s->def->usageID, def->usageID) != 0) {
            nuvReportError(VIR_ERR_INTERNAL_ERROR,
                           "a secret with UUID %s is already defined for use with %s",
                           uuidstr, s->def->usageID);
            goto cleanup;
        }
        if (s->def->isPrivate && !def->isPrivate) {
            nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           "cannot change private flag on existing secret");
            goto cleanup;
        }
        nuvSecretDefFree(s->def);
        s->def = g_steal_pointer(&def);
    } else {
        testSecret *other = findByUsage(store, def->usageType, def->usageID);
        if (other) {
            nuvReportError(VIR_ERR_INTERNAL_ERROR,
                           "a secret with UUID %s already defined for use with %s",
                           nuvUUIDFormat(other->def->uuid, uuidstr), def->usageID);
            goto cleanup;
        }
        s = g_new0(testSecret, 1);
        s->def = g_steal_pointer(&def);
        g_ptr_array_add(store->secrets, s);
    }
    event = lifecycleEvent(s, VIR_SECRET_EVENT_DEFINED);
    ret = handleOf(conn, s);

 cleanup:
    nuvMutexUnlock(&store->lock);
    nuvEventQueue(drv->events, event);
    return ret;
}

static int
testSecretUndefine(virSecretPtr secret)
{
    testDriver *drv = testDriverOf(secret->conn);
    testSecretStore *store = drv->secrets;
    nuvEvent *event = NULL;
    testSecret *s;

    nuvMutexLock(&store->lock);
    if ((s = findOrReport(store, secret->uuid))) {
        event = lifecycleEvent(s, VIR_SECRET_EVENT_UNDEFINED);
        g_ptr_array_remove(store->secrets, s);
    }
    nuvMutexUnlock(&store->lock);
    if (!event)
        return -1;
    nuvEventQueue(drv->events, event);
    return 0;
}

static char *
testSecretGetXMLDesc(virSecretPtr secret, unsigned int flags)
{
    testSecretStore *store = storeOf(secret->conn);
    char *ret = NULL;
    testSecret *s;

    nuvCheckFlags(0, NULL);

    nuvMutexLock(&store->lock);
    if ((s = findOrReport(store, secret->uuid)))
        ret = nuvSecretDefFormat(s->def);
    nuvMutexUnlock(&store->lock);
    return ret;
}

/* ---- values ---- */

static int
testSecretSetValue(virSecretPtr secret, const unsigned char *value, size_t value_size,
                   unsigned int flags)
{
    testDriver *drv = testDriverOf(secret->conn);
    testSecretStore *store = drv->secrets;
    nuvEvent *event = NULL;
    testSecret *s;

    nuvCheckFlags(0, -1);

    nuvMutexLock(&store->lock);
    if ((s = findOrReport(store, secret->uuid))) {
        if (s->value)
            memset(s->value, 0, s->valueSize);
        g_free(s->value);
        /* one byte more, so that an empty value is still "set" */
        s->value = g_malloc0(value_size + 1);
        if (value_size)
            memcpy(s->value, value, value_size);
        s->valueSize = value_size;
        event = nuvSecretEventValueChangedNew(s->def->uuid, s->def->usageType,
                                              s->def->usageID);
    }
    nuvMutexUnlock(&store->lock);
    if (!event)
        return -1;
    nuvEventQueue(drv->events, event);
    return 0;
}

static unsigned char *
testSecretGetValue(virSecretPtr secret, size_t *value_size, unsigned int flags)
{
    testSecretStore *store = storeOf(secret->conn);
    unsigned char *ret = NULL;
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    testSecret *s;

    nuvCheckFlags(0, NULL);

    nuvMutexLock(&store->lock);
    if (!(s = findOrReport(store, secret->uuid)))
        goto cleanup;
    if (s->def->isPrivate) {
        nuvReportError(VIR_ERR_INVALID_SECRET, "%s", "secret is private");
        goto cleanup;
    }
    if (!s->value) {
        nuvReportError(VIR_ERR_NO_SECRET, "secret '%s' does not have a value",
                       nuvUUIDFormat(s->def->uuid, uuidstr));
        goto cleanup;
    }
    ret = g_malloc0(s->valueSize + 1);
    memcpy(ret, s->value, s->valueSize);
    *value_size = s->valueSize;

 cleanup:
    nuvMutexUnlock(&store->lock);
    return ret;
}

/* ---- events ---- */

static int
testConnectSecretEventRegisterAny(virConnectPtr conn, virSecretPtr secret, int eventID,
                                  virConnectSecretEventGenericCallback cb, void *opaque,
                                  virFreeCallback freecb)
{
    return nuvEventRegisterSecret(testDriverOf(conn)->events, conn, secret, eventID, cb,
                                  opaque, freecb);
}

static int
testConnectSecretEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    return nuvEventDeregister(testDriverOf(conn)->events, conn, callbackID);
}

const nuvSecretDriver testSecretDriver = {
    .connectNumOfSecrets = testConnectNumOfSecrets,                     /* 0.7.1 */
    .connectListSecrets = testConnectListSecrets,                       /* 0.7.1 */
    .connectListAllSecrets = testConnectListAllSecrets,                 /* 0.10.2 */
    .secretLookupByUUID = testSecretLookupByUUID,                       /* 0.7.1 */
    .secretLookupByUsage = testSecretLookupByUsage,                     /* 0.7.1 */
    .secretDefineXML = testSecretDefineXML,                             /* 0.7.1 */
    .secretGetXMLDesc = testSecretGetXMLDesc,                           /* 0.7.1 */
    .secretSetValue = testSecretSetValue,                               /* 0.7.1 */
    .secretGetValue = testSecretGetValue,                               /* 0.7.1 */
    .secretUndefine = testSecretUndefine,                               /* 0.7.1 */
    .connectSecretEventRegisterAny = testConnectSecretEventRegisterAny,       /* 3.0.0 */
    .connectSecretEventDeregisterAny = testConnectSecretEventDeregisterAny,   /* 3.0.0 */
};
