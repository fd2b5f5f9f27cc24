/*
 * secret_driver.c: secrets of the host, with libvirt's rules: a usage id
 * is unique per usage type; a redefinition keeps what the secret is for
 * and never makes a private secret public; a private value is never
 * handed out through the API; an ephemeral secret never touches the disk.
 *
 * One mutex guards the table: each call is a short change (plus, for a
 * persistent secret, an atomic write of a small file) and one lock keeps
 * the uniqueness checks atomic with the change.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "secret/secret_driver.h"
#include "conf/secret_def.h"
#include "driver/driver.h"
#include "driver/event.h"
#include "driver/state.h"
#include "util/error.h"
#include "util/file.h"
#include "util/locks.h"
#include "util/log.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_SECRET

/* libvirt's bound on a secret document. */
#define SECRET_XML_MAX (10 * 1024 * 1024)

typedef struct {
    nuvSecretDef *def;
    unsigned char *value;       /* NULL until set; one spare zero byte */
    size_t valueSize;
} hostSecret;

typedef struct {
    GMutex lock;
    char *configDir;
    GHashTable *byUUID;         /* uuid string -> hostSecret * (owned) */
    nuvEventState *events;
} secretDriver;

static secretDriver *theDriver;

static void
hostSecretFree(hostSecret *s)
{
    if (!s)
        return;
    if (s->value) {
        memset(s->value, 0, s->valueSize);
        g_free(s->value);
    }
    nuvSecretDefFree(s->def);
    g_free(s);
}

static secretDriver *
driverGet(void)
{
    if (!theDriver)
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       "the host's secret driver is not running in this process");
    return theDriver;
}

/* ---- files ---- */

static char *
secretFile(secretDriver *drv, const unsigned char *uuid, const char *ext)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    g_autofree char *base = g_strdup_printf("%s.%s", nuvUUIDFormat(uuid, uuidstr), ext);
    return g_build_filename(drv->configDir, base, NULL);
}

static int
saveDef(secretDriver *drv, const nuvSecretDef *def)
{
    g_autofree char *path = secretFile(drv, def->uuid, "xml");
    g_autofree char *xml = nuvSecretDefFormat(def);

    if (nuvDirMake(drv->configDir, 0700) < 0)
        return -1;
    return nuvFileWriteAtomic(path, xml, strlen(xml), 0600);
}

static int
saveValue(secretDriver *drv, const hostSecret *s)
{
    g_autofree char *path = secretFile(drv, s->def->uuid, "base64");
    g_autofree char *b64 = g_base64_encode(s->value, s->valueSize);
    int ret;

    if (nuvDirMake(drv->configDir, 0700) < 0)
        return -1;
    ret = nuvFileWriteAtomic(path, b64, strlen(b64), 0600);
    memset(b64, 0, strlen(b64));
    return ret;
}

static void
dropFiles(secretDriver *drv, const unsigned char *uuid)
{
    g_autofree char *x = secretFile(drv, uuid, "xml");
    g_autofree char *v = secretFile(drv, uuid, "base64");
    unlink(x);
    unlink(v);
}

static void
loadSecrets(secretDriver *drv)
{
    g_autoptr(GDir) dir = g_dir_open(drv->configDir, 0, NULL);
    const char *ent;

    if (!dir)
        return;
    while ((ent = g_dir_read_name(dir))) {
        g_autofree char *path = NULL;
        g_autofree char *xml = NULL;
        g_autofree char *vpath = NULL;
        g_autofree char *b64 = NULL;
        char uuidstr[VIR_UUID_STRING_BUFLEN];
        nuvSecretDef *def;
        hostSecret *s;

        if (!g_str_has_suffix(ent, ".xml"))
            continue;
        path = g_build_filename(drv->configDir, ent, NULL);
        if (!g_file_get_contents(path, &xml, NULL, NULL))
            continue;
        if (!(def = nuvSecretDefParseString(xml, 0))) {
            NUV_DEBUG("secret: ignoring unreadable definition '%s'", path);
            continue;
        }
        if (def->isEphemeral) {
            /* never written by us: someone else's file */
            nuvSecretDefFree(def);
            continue;
        }
        s = g_new0(hostSecret, 1);
        s->def = def;
        vpath = secretFile(drv, def->uuid, "base64");
        if (g_file_get_contents(vpath, &b64, NULL, NULL)) {
            gsize len = 0;
            guchar *raw = g_base64_decode(g_strstrip(b64), &len);
            s->value = g_malloc0(len + 1);
            memcpy(s->value, raw, len);
            s->valueSize = len;
            memset(raw, 0, len);
            g_free(raw);
        }
        g_hash_table_replace(drv->byUUID, g_strdup(nuvUUIDFormat(def->uuid, uuidstr)), s);
    }
}

/* ---- state driver ---- */

/* The paths follow the storage and QEMU drivers' (embedded root, or a
 * daemon's --root re-rooting the system or session layout). */
static nuvStateInitResult
secretStateInitialize(bool privileged, const char *root, bool embedded)
{
    secretDriver *drv = g_new0(secretDriver, 1);

    g_mutex_init(&drv->lock);
    if (embedded) {
        drv->configDir = g_build_filename(root, "etc", "secrets", NULL);
    } else if (privileged) {
        drv->configDir = g_build_filename(root ? root : "/", "etc", "nuvirt", "secrets", NULL);
    } else {
        g_autofree char *config = root ? g_build_filename(root, ".config", NULL)
                                       : g_strdup(g_get_user_config_dir());
        drv->configDir = g_build_filename(config, "nuvirt", "secrets", NULL);
    }
    drv->byUUID = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) hostSecretFree);
    drv->events = nuvEventStateNew();
    loadSecrets(drv);
    theDriver = drv;
    return NUV_STATE_INIT_COMPLETE;
}

static int
secretStateShutdown(void)
{
    secretDriver *drv = g_steal_pointer(&theDriver);

    if (!drv)
        return 0;
    g_hash_table_unref(drv->byUUID);
    nuvEventStateFree(drv->events);
    g_free(drv->configDir);
    g_mutex_clear(&drv->lock);
    g_free(drv);
    return 0;
}

static const nuvStateDriver secretStateDriver = {
    .name = "secret",
    .initialize = secretStateInitialize,
    .shutdown = secretStateShutdown,
};

/* ---- lookups (lock held) ---- */

static hostSecret *
lookupUUID(secretDriver *drv, const unsigned char *uuid, bool report)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    hostSecret *s = g_hash_table_lookup(drv->byUUID, nuvUUIDFormat(uuid, uuidstr));

    if (!s && report)
        nuvReportError(VIR_ERR_NO_SECRET, "no secret with matching uuid '%s'", uuidstr);
    return s;
}

static hostSecret *
lookupUsage(secretDriver *drv, int usageType, const char *usageID)
{
    GHashTableIter it;
    gpointer v;

    if (usageType == VIR_SECRET_USAGE_TYPE_NONE || !usageID)
        return NULL;
    g_hash_table_iter_init(&it, drv->byUUID);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        hostSecret *s = v;
        if (s->def->usageType == usageType && g_strcmp0(s->def->usageID, usageID) == 0)
            return s;
    }
    return NULL;
}

static virSecretPtr
handleOf(virConnectPtr conn, const hostSecret *s)
{
    return nuvGetSecret(conn, s->def->uuid, s->def->usageType, s->def->usageID);
}

static gint
cmpByUUID(gconstpointer a, gconstpointer b)
{
    const hostSecret *x = *(hostSecret *const *)a;
    const hostSecret *y = *(hostSecret *const *)b;
    return memcmp(x->def->uuid, y->def->uuid, VIR_UUID_BUFLEN);
}

/* The secrets, sorted by UUID so that listings are stable (lock held). */
static GPtrArray *
sortedSecrets(secretDriver *drv)
{
    GPtrArray *all = g_ptr_array_new();
    GHashTableIter it;
    gpointer v;

    g_hash_table_iter_init(&it, drv->byUUID);
    while (g_hash_table_iter_next(&it, NULL, &v))
        g_ptr_array_add(all, v);
    g_ptr_array_sort(all, cmpByUUID);
    return all;
}

/* ---- the table ---- */

static bool
flagGroup(unsigned int flags, unsigned int yes, unsigned int no, bool value)
{
    if (!(flags & yes) == !(flags & no))
        return true;
    return (flags & yes) ? value : !value;
}

static int
secretConnectListAllSecrets(virConnectPtr conn, virSecretPtr **secrets, unsigned int flags)
{
    secretDriver *drv;
    g_autoptr(GPtrArray) all = NULL;
    virSecretPtr *out = NULL;
    int n = 0;

    nuvCheckFlags(VIR_CONNECT_LIST_SECRETS_EPHEMERAL | VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL |
                  VIR_CONNECT_LIST_SECRETS_PRIVATE | VIR_CONNECT_LIST_SECRETS_NO_PRIVATE, -1);
    if (!(drv = driverGet()))
        return -1;
    nuvMutexLock(&drv->lock);
    all = sortedSecrets(drv);
    if (secrets)
        out = g_new0(virSecretPtr, all->len + 1);
    for (guint i = 0; i < all->len; i++) {
        hostSecret *s = g_ptr_array_index(all, i);
        if (!flagGroup(flags, VIR_CONNECT_LIST_SECRETS_EPHEMERAL,
                       VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL, s->def->isEphemeral) ||
            !flagGroup(flags, VIR_CONNECT_LIST_SECRETS_PRIVATE,
                       VIR_CONNECT_LIST_SECRETS_NO_PRIVATE, s->def->isPrivate))
            continue;
        if (out)
            out[n] = handleOf(conn, s);
        n++;
    }
    nuvMutexUnlock(&drv->lock);
    if (secrets)
        *secrets = out;
    return n;
}

static int
secretConnectNumOfSecrets(virConnectPtr conn G_GNUC_UNUSED)
{
    secretDriver *drv = driverGet();
    int n;

    if (!drv)
        return -1;
    nuvMutexLock(&drv->lock);
    n = g_hash_table_size(drv->byUUID);
    nuvMutexUnlock(&drv->lock);
    return n;
}

static int
secretConnectListSecrets(virConnectPtr conn G_GNUC_UNUSED, char **uuids, int maxuuids)
{
    secretDriver *drv = driverGet();
    g_autoptr(GPtrArray) all = NULL;
    int n = 0;

    if (!drv)
        return -1;
    nuvMutexLock(&drv->lock);
    all = sortedSecrets(drv);
    for (guint i = 0; i < all->len && n < maxuuids; i++) {
        hostSecret *s = g_ptr_array_index(all, i);
        uuids[n] = g_malloc0(VIR_UUID_STRING_BUFLEN);
        nuvUUIDFormat(s->def->uuid, uuids[n++]);
    }
    nuvMutexUnlock(&drv->lock);
    return n;
}

static virSecretPtr
secretLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    secretDriver *drv = driverGet();
    virSecretPtr ret = NULL;
    hostSecret *s;

    if (!drv)
        return NULL;
    nuvMutexLock(&drv->lock);
    if ((s = lookupUUID(drv, uuid, true)))
        ret = handleOf(conn, s);
    nuvMutexUnlock(&drv->lock);
    return ret;
}

static virSecretPtr
secretLookupByUsage(virConnectPtr conn, int usageType, const char *usageID)
{
    secretDriver *drv = driverGet();
    virSecretPtr ret = NULL;
    hostSecret *s;

    if (!drv)
        return NULL;
    nuvMutexLock(&drv->lock);
    if ((s = lookupUsage(drv, usageType, usageID)))
        ret = handleOf(conn, s);
    else
        nuvReportError(VIR_ERR_NO_SECRET, "no secret with matching usage '%s'", usageID);
    nuvMutexUnlock(&drv->lock);
    return ret;
}

/* Make the files match @s after a (re)definition: a persistent secret
 * has its definition and value on disk, an ephemeral one nothing. */
static int
syncFiles(secretDriver *drv, hostSecret *s)
{
    if (s->def->isEphemeral) {
        dropFiles(drv, s->def->uuid);
        return 0;
    }
    if (saveDef(drv, s->def) < 0)
        return -1;
    if (s->value && saveValue(drv, s) < 0)
        return -1;
    return 0;
}

static virSecretPtr
secretDefineXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    secretDriver *drv;
    g_autoptr(nuvSecretDef) def = NULL;
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    virSecretPtr ret = NULL;
    nuvEvent *event = NULL;
    hostSecret *s;

    nuvCheckFlags(VIR_SECRET_DEFINE_VALIDATE, NULL);
    if (!(drv = driverGet()))
        return NULL;
    if (strlen(xml) > SECRET_XML_MAX) {
        nuvReportError(VIR_ERR_XML_ERROR, "secret XML of %zu bytes exceeds the limit of %d bytes",
                       strlen(xml), SECRET_XML_MAX);
        return NULL;
    }
    if (!(def = nuvSecretDefParseString(xml, (flags & VIR_SECRET_DEFINE_VALIDATE) ?
                                        NUV_SECRET_DEF_PARSE_VALIDATE : 0)))
        return NULL;

    nuvMutexLock(&drv->lock);
    nuvUUIDFormat(def->uuid, uuidstr);
    if ((s = lookupUUID(drv, def->uuid, false))) {
        nuvSecretDef *old;
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
        old = s->def;
        s->def = g_steal_pointer(&def);
        if (syncFiles(drv, s) < 0) {
            /* the files are as they were: so is the definition */
            def = s->def;
            s->def = old;
            syncFiles(drv, s);
            goto cleanup;
        }
        nuvSecretDefFree(old);
    } else {
        hostSecret *other = lookupUsage(drv, def->usageType, def->usageID);
        if (other) {
            nuvReportError(VIR_ERR_INTERNAL_ERROR,
                           "a secret with UUID %s already defined for use with %s",
                           nuvUUIDFormat(other->def->uuid, uuidstr), def->usageID);
            goto cleanup;
        }
        s = g_new0(hostSecret, 1);
        s->def = g_steal_pointer(&def);
        if (syncFiles(drv, s) < 0) {
            dropFiles(drv, s->def->uuid);
            hostSecretFree(s);
            goto cleanup;
        }
        g_hash_table_replace(drv->byUUID, g_strdup(uuidstr), s);
    }
    event = nuvSecretEventLifecycleNew(s->def->uuid, s->def->usageType, s->def->usageID,
                                       VIR_SECRET_EVENT_DEFINED, 0);
    ret = handleOf(conn, s);
 cleanup:
    nuvMutexUnlock(&drv->lock);
    nuvEventQueue(drv->events, event);
    return ret;
}

static int
secretUndefine(virSecretPtr secret)
{
    secretDriver *drv = driverGet();
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    nuvEvent *event = NULL;
    hostSecret *s;

    if (!drv)
        return -1;
    nuvMutexLock(&drv->lock);
    if ((s = lookupUUID(drv, secret->uuid, true))) {
        event = nuvSecretEventLifecycleNew(s->def->uuid, s->def->usageType, s->def->usageID,
                                           VIR_SECRET_EVENT_UNDEFINED, 0);
        dropFiles(drv, s->def->uuid);
        g_hash_table_remove(drv->byUUID, nuvUUIDFormat(secret->uuid, uuidstr));
    }
    nuvMutexUnlock(&drv->lock);
    if (!event)
        return -1;
    nuvEventQueue(drv->events, event);
    return 0;
}

static char *
secretGetXMLDesc(virSecretPtr secret, unsigned int flags)
{
    secretDriver *drv;
    char *ret = NULL;
    hostSecret *s;

    nuvCheckFlags(0, NULL);
    if (!(drv = driverGet()))
        return NULL;
    nuvMutexLock(&drv->lock);
    if ((s = lookupUUID(drv, secret->uuid, true)))
        ret = nuvSecretDefFormat(s->def);
    nuvMutexUnlock(&drv->lock);
    return ret;
}

static int
secretSetValue(virSecretPtr secret, const unsigned char *value, size_t value_size,
               unsigned int flags)
{
    secretDriver *drv;
    nuvEvent *event = NULL;
    hostSecret *s;

    nuvCheckFlags(0, -1);
    if (!(drv = driverGet()))
        return -1;
    nuvMutexLock(&drv->lock);
    if ((s = lookupUUID(drv, secret->uuid, true))) {
        unsigned char *oldValue = s->value;
        size_t oldSize = s->valueSize;

        s->value = g_malloc0(value_size + 1);
        if (value_size)
            memcpy(s->value, value, value_size);
        s->valueSize = value_size;
        if (!s->def->isEphemeral && saveValue(drv, s) < 0) {
            memset(s->value, 0, value_size);
            g_free(s->value);
            s->value = oldValue;
            s->valueSize = oldSize;
        } else {
            if (oldValue)
                memset(oldValue, 0, oldSize);
            g_free(oldValue);
            event = nuvSecretEventValueChangedNew(s->def->uuid, s->def->usageType,
                                                  s->def->usageID);
        }
    }
    nuvMutexUnlock(&drv->lock);
    if (!event)
        return -1;
    nuvEventQueue(drv->events, event);
    return 0;
}

static unsigned char *
secretGetValue(virSecretPtr secret, size_t *value_size, unsigned int flags)
{
    secretDriver *drv;
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    unsigned char *ret = NULL;
    hostSecret *s;

    nuvCheckFlags(0, NULL);
    if (!(drv = driverGet()))
        return NULL;
    nuvMutexLock(&drv->lock);
    if (!(s = lookupUUID(drv, secret->uuid, true)))
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
    nuvMutexUnlock(&drv->lock);
    return ret;
}

static int
secretConnectSecretEventRegisterAny(virConnectPtr conn, virSecretPtr secret, int eventID,
                                    virConnectSecretEventGenericCallback cb, void *opaque,
                                    virFreeCallback freecb)
{
    secretDriver *drv = driverGet();

    if (!drv)
        return -1;
    return nuvEventRegisterSecret(drv->events, conn, secret, eventID, cb, opaque, freecb);
}

static int
secretConnectSecretEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    secretDriver *drv = driverGet();

    if (!drv)
        return -1;
    return nuvEventDeregister(drv->events, conn, callbackID);
}

static const nuvSecretDriver secretDriverTable = {
    .name = "secret",
    .connectNumOfSecrets = secretConnectNumOfSecrets,                   /* 0.7.1 */
    .connectListSecrets = secretConnectListSecrets,                     /* 0.7.1 */
    .connectListAllSecrets = secretConnectListAllSecrets,               /* 0.10.2 */
    .secretLookupByUUID = secretLookupByUUID,                           /* 0.7.1 */
    .secretLookupByUsage = secretLookupByUsage,                         /* 0.7.1 */
    .secretDefineXML = secretDefineXML,                                 /* 0.7.1 */
    .secretGetXMLDesc = secretGetXMLDesc,                               /* 0.7.1 */
    .secretSetValue = secretSetValue,                                   /* 0.7.1 */
    .secretGetValue = secretGetValue,                                   /* 0.7.1 */
    .secretUndefine = secretUndefine,                                   /* 0.7.1 */
    .connectSecretEventRegisterAny = secretConnectSecretEventRegisterAny,       /* 3.0.0 */
    .connectSecretEventDeregisterAny = secretConnectSecretEventDeregisterAny,   /* 3.0.0 */
};

static const nuvSecondaryDriver secretSecondaryDriver = {
    .name = "secret",
    .secret = &secretDriverTable,
};

int
secretRegister(void)
{
    if (nuvStateDriverRegister(&secretStateDriver) < 0)
        return -1;
    return nuvSecondaryDriverRegister(&secretSecondaryDriver);
}
