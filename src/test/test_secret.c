/*
 * test_secret.c: secrets of the test driver, kept in memory with the
 * rules of libvirt's secret driver (conf/secret_obj.h): usage ids are
 * unique per usage type, a private secret's value is never handed out
 * through the API and a private secret cannot be made public by
 * redefining it.  Nothing is written to disk, so ephemeral and persistent
 * secrets behave alike except in what they report.
 */
#include <string.h>

#include "test/test_private.h"
#include "conf/secret_obj.h"
#include "util/error.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_SECRET

#define TEST_SECRET_XML_MAX (10 * 1024 * 1024)

static nuvSecretObjList *
listOf(virConnectPtr conn)
{
    return testDriverOf(conn)->secrets;
}

static nuvSecretObj *
findOrReport(nuvSecretObjList *list, const unsigned char *uuid)
{
    nuvSecretObj *obj = nuvSecretObjListFindByUUID(list, uuid);
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    if (!obj)
        nuvReportError(VIR_ERR_NO_SECRET, "no secret with matching uuid '%s'",
                       nuvUUIDFormat(uuid, uuidstr));
    return obj;
}

static virSecretPtr
handleOf(virConnectPtr conn, const nuvSecretObj *obj)
{
    return nuvGetSecret(conn, obj->def->uuid, obj->def->usageType, obj->def->usageID);
}

static nuvEvent *
lifecycleEvent(const nuvSecretObj *obj, int type)
{
    return nuvSecretEventLifecycleNew(obj->def->uuid, obj->def->usageType,
                                      obj->def->usageID, type, 0);
}

/* ---- lists ---- */

static int
testConnectListAllSecrets(virConnectPtr conn, virSecretPtr **secrets, unsigned int flags)
{
    virSecretPtr *out = NULL;
    nuvSecretObj **objs;
    size_t count;
    int n = 0;

    nuvCheckFlags(VIR_CONNECT_LIST_SECRETS_EPHEMERAL | VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL |
                  VIR_CONNECT_LIST_SECRETS_PRIVATE | VIR_CONNECT_LIST_SECRETS_NO_PRIVATE, -1);

    objs = nuvSecretObjListCollect(listOf(conn), &count);
    if (secrets)
        out = g_new0(virSecretPtr, count + 1);
    for (size_t i = 0; i < count; i++) {
        nuvSecretObj *obj = objs[i];

        nuvSecretObjLock(obj);
        if (!nuvSecretObjIsRemoved(obj) &&
            nuvFilterGroupMatches(flags, VIR_CONNECT_LIST_SECRETS_EPHEMERAL,
                                  VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL, obj->def->isEphemeral) &&
            nuvFilterGroupMatches(flags, VIR_CONNECT_LIST_SECRETS_PRIVATE,
                                  VIR_CONNECT_LIST_SECRETS_NO_PRIVATE, obj->def->isPrivate)) {
            if (out)
                out[n] = handleOf(conn, obj);
            n++;
        }
        nuvSecretObjUnlock(obj);
    }
    nuvSecretObjListFreeArray(objs, count);
    if (secrets)
        *secrets = out;
    return n;
}

static int
testConnectNumOfSecrets(virConnectPtr conn)
{
    return nuvSecretObjListCount(listOf(conn));
}

static int
testConnectListSecrets(virConnectPtr conn, char **uuids, int maxuuids)
{
    nuvSecretObj **objs;
    size_t count;
    int n = 0;

    if (maxuuids < 0) {
        nuvReportErrorRaw(VIR_ERR_INVALID_ARG,
                          "maxuuids in virConnectListSecrets must be zero or greater");
        return -1;
    }
    objs = nuvSecretObjListCollect(listOf(conn), &count);
    for (size_t i = 0; i < count && n < maxuuids; i++) {
        /* the UUID is the object's key: immutable while it is listed */
        uuids[n] = g_malloc0(VIR_UUID_STRING_BUFLEN);
        nuvUUIDFormat(objs[i]->parent.uuid, uuids[n]);
        n++;
    }
    nuvSecretObjListFreeArray(objs, count);
    return n;
}

/* ---- lookups ---- */

static virSecretPtr
testSecretLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    virSecretPtr ret = NULL;
    nuvSecretObj *obj;

    if ((obj = findOrReport(listOf(conn), uuid)))
        ret = handleOf(conn, obj);
    nuvSecretObjEndAPI(&obj);
    return ret;
}

static virSecretPtr
testSecretLookupByUsage(virConnectPtr conn, int usageType, const char *usageID)
{
    virSecretPtr ret = NULL;
    nuvSecretObj *obj;

    if ((obj = nuvSecretObjListFindByUsage(listOf(conn), usageType, usageID)))
        ret = handleOf(conn, obj);
    else
        nuvReportError(VIR_ERR_NO_SECRET, "no secret with matching usage '%s'", usageID);
    nuvSecretObjEndAPI(&obj);
    return ret;
}

/* ---- define, undefine ---- */

static virSecretPtr
testSecretDefineXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    testDriver *drv = testDriverOf(conn);
    g_autoptr(nuvSecretDef) def = NULL;
    virSecretPtr ret = NULL;
    nuvEvent *event = NULL;
    nuvSecretObj *obj;

    nuvCheckFlags(VIR_SECRET_DEFINE_VALIDATE, NULL);

    if (strlen(xml) > TEST_SECRET_XML_MAX) {
        nuvReportError(VIR_ERR_XML_ERROR, "secret XML of %zu bytes exceeds the limit of %d bytes",
                       strlen(xml), TEST_SECRET_XML_MAX);
        return NULL;
    }
    if (!(def = nuvSecretDefParseString(xml, (flags & VIR_SECRET_DEFINE_VALIDATE) ?
                                        NUV_SECRET_DEF_PARSE_VALIDATE : 0)))
        return NULL;

    if (!(obj = nuvSecretObjListAdd(drv->secrets, &def)))
        return NULL;
    event = lifecycleEvent(obj, VIR_SECRET_EVENT_DEFINED);
    ret = handleOf(conn, obj);
    nuvSecretObjEndAPI(&obj);
    nuvEventQueue(drv->events, event);
    return ret;
}

static int
testSecretUndefine(virSecretPtr secret)
{
    testDriver *drv = testDriverOf(secret->conn);
    nuvEvent *event = NULL;
    nuvSecretObj *obj;

    if (!(obj = findOrReport(drv->secrets, secret->uuid)))
        return -1;
    event = lifecycleEvent(obj, VIR_SECRET_EVENT_UNDEFINED);
    nuvSecretObjListRemove(drv->secrets, obj);
    nuvSecretObjEndAPI(&obj);
    nuvEventQueue(drv->events, event);
    return 0;
}

static char *
testSecretGetXMLDesc(virSecretPtr secret, unsigned int flags)
{
    char *ret = NULL;
    nuvSecretObj *obj;

    nuvCheckFlags(0, NULL);

    if ((obj = findOrReport(listOf(secret->conn), secret->uuid)))
        ret = nuvSecretDefFormat(obj->def);
    nuvSecretObjEndAPI(&obj);
    return ret;
}

/* ---- values ---- */

static int
testSecretSetValue(virSecretPtr secret, const unsigned char *value, size_t value_size,
                   unsigned int flags)
{
    testDriver *drv = testDriverOf(secret->conn);
    nuvEvent *event;
    nuvSecretObj *obj;

    nuvCheckFlags(0, -1);

    if (!(obj = findOrReport(drv->secrets, secret->uuid)))
        return -1;
    nuvSecretObjSetValue(obj, value, value_size);
    event = nuvSecretEventValueChangedNew(obj->def->uuid, obj->def->usageType,
                                          obj->def->usageID);
    nuvSecretObjEndAPI(&obj);
    nuvEventQueue(drv->events, event);
    return 0;
}

static unsigned char *
testSecretGetValue(virSecretPtr secret, size_t *value_size, unsigned int flags)
{
    unsigned char *ret = NULL;
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    nuvSecretObj *obj;

    nuvCheckFlags(0, NULL);

    if (!(obj = findOrReport(listOf(secret->conn), secret->uuid)))
        return NULL;
    if (obj->def->isPrivate) {
        nuvReportError(VIR_ERR_INVALID_SECRET, "%s", "secret is private");
        goto cleanup;
    }
    if (!obj->value) {
        nuvReportError(VIR_ERR_NO_SECRET, "secret '%s' does not have a value",
                       nuvUUIDFormat(obj->def->uuid, uuidstr));
        goto cleanup;
    }
    ret = g_malloc0(obj->valueSize + 1);
    memcpy(ret, obj->value, obj->valueSize);
    *value_size = obj->valueSize;

 cleanup:
    nuvSecretObjEndAPI(&obj);
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
