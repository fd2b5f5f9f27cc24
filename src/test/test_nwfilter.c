/*
 * test_nwfilter.c: network filters and filter bindings of the test
 * driver, kept in memory with the rules of libvirt's nwfilter driver:
 * names and UUIDs are unique, a definition may not make a filter reach
 * itself through its references, a filter a binding or another filter
 * uses cannot be removed, and a binding needs every filter it reaches.
 * Nothing is applied to a host firewall.
 *
 * One mutex guards filters and bindings together: the reference checks
 * span both, and every operation is a short in-memory change.
 */
#include <string.h>

#include "util/locks.h"
#include "test/test_private.h"
#include "conf/nwfilter_def.h"
#include "util/error.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_NWFILTER

#define TEST_NWFILTER_XML_MAX (10 * 1024 * 1024)

struct _testNWFilterStore {
    GMutex lock;
    GPtrArray *filters;         /* nuvNWFilterDef *, in definition order */
    GPtrArray *bindings;        /* nuvNWFilterBindingDef * */
};

testNWFilterStore *
testNWFilterStoreNew(void)
{
    testNWFilterStore *store = g_new0(testNWFilterStore, 1);

    g_mutex_init(&store->lock);
    store->filters = g_ptr_array_new_with_free_func((GDestroyNotify) nuvNWFilterDefFree);
    store->bindings = g_ptr_array_new_with_free_func((GDestroyNotify) nuvNWFilterBindingDefFree);
    return store;
}

void
testNWFilterStoreFree(testNWFilterStore *store)
{
    if (!store)
        return;
    g_ptr_array_unref(store->filters);
    g_ptr_array_unref(store->bindings);
    g_mutex_clear(&store->lock);
    g_free(store);
}

static testNWFilterStore *
storeOf(virConnectPtr conn)
{
    return testDriverOf(conn)->nwfilters;
}

/* All finders: call with the lock held. */
static nuvNWFilterDef *
findByName(testNWFilterStore *store, const char *name)
{
    for (guint i = 0; i < store->filters->len; i++) {
        nuvNWFilterDef *def = g_ptr_array_index(store->filters, i);
        if (strcmp(def->name, name) == 0)
            return def;
    }
    return NULL;
}

static nuvNWFilterDef *
findByUUID(testNWFilterStore *store, const unsigned char *uuid)
{
    for (guint i = 0; i < store->filters->len; i++) {
        nuvNWFilterDef *def = g_ptr_array_index(store->filters, i);
        if (memcmp(def->uuid, uuid, VIR_UUID_BUFLEN) == 0)
            return def;
    }
    return NULL;
}

static nuvNWFilterDef *
findByUUIDOrReport(testNWFilterStore *store, const unsigned char *uuid)
{
    nuvNWFilterDef *def = findByUUID(store, uuid);
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    if (!def)
        nuvReportError(VIR_ERR_NO_NWFILTER, "no nwfilter with matching uuid '%s'",
                       nuvUUIDFormat(uuid, uuidstr));
    return def;
}

static nuvNWFilterBindingDef *
findBinding(testNWFilterStore *store, const char *portdev)
{
    for (guint i = 0; i < store->bindings->len; i++) {
        nuvNWFilterBindingDef *b = g_ptr_array_index(store->bindings, i);
        if (strcmp(b->portdev, portdev) == 0)
            return b;
    }
    return NULL;
}

static nuvNWFilterBindingDef *
findBindingOrReport(testNWFilterStore *store, const char *portdev)
{
    nuvNWFilterBindingDef *b = findBinding(store, portdev);

    if (!b)
        nuvReportError(VIR_ERR_NO_NWFILTER_BINDING, "no nwfilter binding for port dev '%s'",
                       portdev);
    return b;
}

/* Does @from reach the filter called @target through references, with
 * @replaced standing in for the defined filter of the same name? */
static bool
reaches(testNWFilterStore *store, const nuvNWFilterDef *from, const char *target,
        const nuvNWFilterDef *replaced, GHashTable *seen)
{
    g_autoptr(GPtrArray) refs = nuvNWFilterDefRefs(from);

    for (guint i = 0; i < refs->len; i++) {
        const char *name = g_ptr_array_index(refs, i);
        const nuvNWFilterDef *next;

        if (strcmp(name, target) == 0)
            return true;
        if (g_hash_table_contains(seen, name))
            continue;
        g_hash_table_add(seen, (gpointer) name);
        next = replaced && strcmp(replaced->name, name) == 0 ? replaced
                                                              : findByName(store, name);
        if (next && reaches(store, next, target, replaced, seen))
            return true;
    }
    return false;
}

/* The first filter @name needs (itself included) that is not defined. */
static const char *
missingFilter(testNWFilterStore *store, const char *name, GHashTable *seen)
{
    const nuvNWFilterDef *def;
    g_autoptr(GPtrArray) refs = NULL;

    if (g_hash_table_contains(seen, name))
        return NULL;
    g_hash_table_add(seen, (gpointer) name);
    if (!(def = findByName(store, name)))
        return name;
    refs = nuvNWFilterDefRefs(def);
    for (guint i = 0; i < refs->len; i++) {
        const char *missing = missingFilter(store, g_ptr_array_index(refs, i), seen);
        if (missing)
            return missing;
    }
    return NULL;
}

static bool
inUse(testNWFilterStore *store, const nuvNWFilterDef *def)
{
    for (guint i = 0; i < store->filters->len; i++) {
        const nuvNWFilterDef *other = g_ptr_array_index(store->filters, i);
        g_autoptr(GPtrArray) refs = NULL;

        if (other == def)
            continue;
        refs = nuvNWFilterDefRefs(other);
        for (guint j = 0; j < refs->len; j++) {
            if (strcmp(g_ptr_array_index(refs, j), def->name) == 0)
                return true;
        }
    }
    for (guint i = 0; i < store->bindings->len; i++) {
        const nuvNWFilterBindingDef *b = g_ptr_array_index(store->bindings, i);
        g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
        const nuvNWFilterDef *top;

        if (strcmp(b->filter, def->name) == 0)
            return true;
        if ((top = findByName(store, b->filter)) &&
            reaches(store, top, def->name, NULL, seen))
            return true;
    }
    return false;
}

/* ---- filters ---- */

static virNWFilterPtr
handleOf(virConnectPtr conn, const nuvNWFilterDef *def)
{
    return nuvGetNWFilter(conn, def->name, def->uuid);
}

static int
testConnectNumOfNWFilters(virConnectPtr conn)
{
    testNWFilterStore *store = storeOf(conn);
    int n;

    nuvMutexLock(&store->lock);
    n = store->filters->len;
    nuvMutexUnlock(&store->lock);
    return n;
}

static int
testConnectListNWFilters(virConnectPtr conn, char **const names, int maxnames)
{
    testNWFilterStore *store = storeOf(conn);
    int n = 0;

    if (maxnames < 0) {
        nuvReportErrorRaw(VIR_ERR_INVALID_ARG,
                          "maxnames in virConnectListNWFilters must be zero or greater");
        return -1;
    }
    if (!names && maxnames > 0) {
        nuvReportErrorRaw(VIR_ERR_INVALID_ARG,
                          "names in virConnectListNWFilters must not be NULL");
        return -1;
    }
    nuvMutexLock(&store->lock);
    for (guint i = 0; i < store->filters->len && n < maxnames; i++) {
        const nuvNWFilterDef *def = g_ptr_array_index(store->filters, i);
        names[n++] = g_strdup(def->name);
    }
    nuvMutexUnlock(&store->lock);
    return n;
}

static int
testConnectListAllNWFilters(virConnectPtr conn, virNWFilterPtr **filters, unsigned int flags)
{
    testNWFilterStore *store = storeOf(conn);
    int n;

    nuvCheckFlags(0, -1);

    nuvMutexLock(&store->lock);
    n = store->filters->len;
    if (filters) {
        *filters = g_new0(virNWFilterPtr, n + 1);
        for (int i = 0; i < n; i++)
            (*filters)[i] = handleOf(conn, g_ptr_array_index(store->filters, i));
    }
    nuvMutexUnlock(&store->lock);
    return n;
}

static virNWFilterPtr
testNWFilterLookupByName(virConnectPtr conn, const char *name)
{
    testNWFilterStore *store = storeOf(conn);
    virNWFilterPtr ret = NULL;
    nuvNWFilterDef *def;

    nuvMutexLock(&store->lock);
    if ((def = findByName(store, name)))
        ret = handleOf(conn, def);
    else
        nuvReportError(VIR_ERR_NO_NWFILTER, "no nwfilter with matching name '%s'", name);
    nuvMutexUnlock(&store->lock);
    return ret;
}

static virNWFilterPtr
testNWFilterLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    testNWFilterStore *store = storeOf(conn);
    virNWFilterPtr ret = NULL;
    nuvNWFilterDef *def;

    nuvMutexLock(&store->lock);
    if ((def = findByUUIDOrReport(store, uuid)))
        ret = handleOf(conn, def);
    nuvMutexUnlock(&store->lock);
    return ret;
}

static virNWFilterPtr
testNWFilterDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    testNWFilterStore *store = storeOf(conn);
    g_autoptr(nuvNWFilterDef) def = NULL;
    g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    virNWFilterPtr ret = NULL;
    nuvNWFilterDef *byUUID, *byName;

    nuvCheckFlags(VIR_NWFILTER_DEFINE_VALIDATE, NULL);

    if (strlen(xml) > TEST_NWFILTER_XML_MAX) {
        nuvReportError(VIR_ERR_XML_ERROR,
                       "nwfilter XML of %zu bytes exceeds the limit of %d bytes",
                       strlen(xml), TEST_NWFILTER_XML_MAX);
        return NULL;
    }
    if (!(def = nuvNWFilterDefParseString(xml, (flags & VIR_NWFILTER_DEFINE_VALIDATE) ?
                                          NUV_NWFILTER_DEF_PARSE_VALIDATE : 0)))
        return NULL;

    nuvMutexLock(&store->lock);
    byName = findByName(store, def->name);
    /* redefining by name alone keeps the filter's identity */
    if (byName && !def->uuidSpecified)
        memcpy(def->uuid, byName->uuid, VIR_UUID_BUFLEN);
    byUUID = findByUUID(store, def->uuid);
    if (byUUID && strcmp(byUUID->name, def->name) != 0) {
        nuvReportError(VIR_ERR_OPERATION_FAILED,
                       "filter with same UUID but different name ('%s') already exists",
                       byUUID->name);
        goto cleanup;
    }
    if (byName && !byUUID) {
        nuvReportError(VIR_ERR_OPERATION_FAILED, "filter '%s' already exists with uuid %s",
                       def->name, nuvUUIDFormat(byName->uuid, uuidstr));
        goto cleanup;
    }
    if (reaches(store, def, def->name, def, seen)) {
        nuvReportError(VIR_ERR_OPERATION_FAILED, "%s", "filter would introduce a loop");
        goto cleanup;
    }
    ret = handleOf(conn, def);
    if (byName) {
        guint idx;
        g_ptr_array_find(store->filters, byName, &idx);
        g_ptr_array_index(store->filters, idx) = g_steal_pointer(&def);
        nuvNWFilterDefFree(byName);
    } else {
        g_ptr_array_add(store->filters, g_steal_pointer(&def));
    }

 cleanup:
    nuvMutexUnlock(&store->lock);
    return ret;
}

static int
testNWFilterUndefine(virNWFilterPtr nwfilter)
{
    testNWFilterStore *store = storeOf(nwfilter->conn);
    nuvNWFilterDef *def;
    int ret = -1;

    nuvMutexLock(&store->lock);
    if (!(def = findByUUIDOrReport(store, nwfilter->uuid)))
        goto cleanup;
    if (inUse(store, def)) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s", "nwfilter is in use");
        goto cleanup;
    }
    g_ptr_array_remove(store->filters, def);
    ret = 0;

 cleanup:
    nuvMutexUnlock(&store->lock);
    return ret;
}

static char *
testNWFilterGetXMLDesc(virNWFilterPtr nwfilter, unsigned int flags)
{
    testNWFilterStore *store = storeOf(nwfilter->conn);
    nuvNWFilterDef *def;
    char *ret = NULL;

    nuvCheckFlags(0, NULL);

    nuvMutexLock(&store->lock);
    if ((def = findByUUIDOrReport(store, nwfilter->uuid)))
        ret = nuvNWFilterDefFormat(def);
    nuvMutexUnlock(&store->lock);
    return ret;
}

/* ---- bindings ---- */

static virNWFilterBindingPtr
bindingHandle(virConnectPtr conn, const nuvNWFilterBindingDef *b)
{
    return nuvGetNWFilterBinding(conn, b->portdev, b->filter);
}

static int
testConnectListAllNWFilterBindings(virConnectPtr conn, virNWFilterBindingPtr **bindings,
                                   unsigned int flags)
{
    testNWFilterStore *store = storeOf(conn);
    int n;

    nuvCheckFlags(0, -1);

    nuvMutexLock(&store->lock);
    n = store->bindings->len;
    if (bindings) {
        *bindings = g_new0(virNWFilterBindingPtr, n + 1);
        for (int i = 0; i < n; i++)
            (*bindings)[i] = bindingHandle(conn, g_ptr_array_index(store->bindings, i));
    }
    nuvMutexUnlock(&store->lock);
    return n;
}

static virNWFilterBindingPtr
testNWFilterBindingLookupByPortDev(virConnectPtr conn, const char *portdev)
{
    testNWFilterStore *store = storeOf(conn);
    virNWFilterBindingPtr ret = NULL;
    nuvNWFilterBindingDef *b;

    nuvMutexLock(&store->lock);
    if ((b = findBindingOrReport(store, portdev)))
        ret = bindingHandle(conn, b);
    nuvMutexUnlock(&store->lock);
    return ret;
}

static virNWFilterBindingPtr
testNWFilterBindingCreateXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    testNWFilterStore *store = storeOf(conn);
    g_autoptr(nuvNWFilterBindingDef) def = NULL;
    g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
    virNWFilterBindingPtr ret = NULL;
    const char *missing;

    nuvCheckFlags(VIR_NWFILTER_BINDING_CREATE_VALIDATE, NULL);

    if (strlen(xml) > TEST_NWFILTER_XML_MAX) {
        nuvReportError(VIR_ERR_XML_ERROR,
                       "nwfilter binding XML of %zu bytes exceeds the limit of %d bytes",
                       strlen(xml), TEST_NWFILTER_XML_MAX);
        return NULL;
    }
    if (!(def = nuvNWFilterBindingDefParseString(
              xml, (flags & VIR_NWFILTER_BINDING_CREATE_VALIDATE) ?
              NUV_NWFILTER_DEF_PARSE_VALIDATE : 0)))
        return NULL;

    nuvMutexLock(&store->lock);
    if (findBinding(store, def->portdev)) {
        nuvReportError(VIR_ERR_OPERATION_FAILED, "filter binding for portdev %s already exists",
                       def->portdev);
        goto cleanup;
    }
    /* applying the binding needs every filter it reaches */
    if ((missing = missingFilter(store, def->filter, seen))) {
        nuvReportError(VIR_ERR_NO_NWFILTER, "referenced filter '%s' is missing", missing);
        goto cleanup;
    }
    ret = bindingHandle(conn, def);
    g_ptr_array_add(store->bindings, g_steal_pointer(&def));

 cleanup:
    nuvMutexUnlock(&store->lock);
    return ret;
}

static int
testNWFilterBindingDelete(virNWFilterBindingPtr binding)
{
    testNWFilterStore *store = storeOf(binding->conn);
    nuvNWFilterBindingDef *b;

    nuvMutexLock(&store->lock);
    if ((b = findBindingOrReport(store, binding->portdev)))
        g_ptr_array_remove(store->bindings, b);
    nuvMutexUnlock(&store->lock);
    return b ? 0 : -1;
}

static char *
testNWFilterBindingGetXMLDesc(virNWFilterBindingPtr binding, unsigned int flags)
{
    testNWFilterStore *store = storeOf(binding->conn);
    nuvNWFilterBindingDef *b;
    char *ret = NULL;

    nuvCheckFlags(0, NULL);

    nuvMutexLock(&store->lock);
    if ((b = findBindingOrReport(store, binding->portdev)))
        ret = nuvNWFilterBindingDefFormat(b);
    nuvMutexUnlock(&store->lock);
    return ret;
}

const nuvNWFilterDriver testNWFilterDriver = {
    .connectNumOfNWFilters = testConnectNumOfNWFilters,                 /* 0.8.0 */
    .connectListNWFilters = testConnectListNWFilters,                   /* 0.8.0 */
    .connectListAllNWFilters = testConnectListAllNWFilters,             /* 0.10.2 */
    .nwfilterLookupByName = testNWFilterLookupByName,                   /* 0.8.0 */
    .nwfilterLookupByUUID = testNWFilterLookupByUUID,                   /* 0.8.0 */
    .nwfilterDefineXMLFlags = testNWFilterDefineXMLFlags,               /* 7.7.0 */
    .nwfilterUndefine = testNWFilterUndefine,                           /* 0.8.0 */
    .nwfilterGetXMLDesc = testNWFilterGetXMLDesc,                       /* 0.8.0 */
    .nwfilterBindingLookupByPortDev = testNWFilterBindingLookupByPortDev,       /* 4.5.0 */
    .connectListAllNWFilterBindings = testConnectListAllNWFilterBindings,       /* 4.5.0 */
    .nwfilterBindingGetXMLDesc = testNWFilterBindingGetXMLDesc,                 /* 4.5.0 */
    .nwfilterBindingCreateXML = testNWFilterBindingCreateXML,                   /* 4.5.0 */
    .nwfilterBindingDelete = testNWFilterBindingDelete,                         /* 4.5.0 */
};
