/*
 * test_snapshot.c: domain snapshots in the test driver.
 *
 * A snapshot here is metadata only: the domain's definition and state at
 * the time, kept in a tree per domain (conf/moment_list.h) under the
 * domain object's lock.  Reverting replaces the definition and replays
 * the state changes with libvirt 9.0's test driver's events.
 */
#include <string.h>

#include "test/test_private.h"
#include "conf/snapshot_def.h"
#include "util/error.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_TEST

#define TEST_SNAPSHOT_XML_MAX (10 * 1024 * 1024)

#define FILTERS_ALL \
    (VIR_DOMAIN_SNAPSHOT_LIST_LEAVES | VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES | \
     VIR_DOMAIN_SNAPSHOT_LIST_METADATA | VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA | \
     VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE | VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE | \
     VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY | VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL | \
     VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL)
#define FILTERS_STATUS \
    (VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE | VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE | \
     VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY)
#define FILTERS_LOCATION \
    (VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL | VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL)

static void
snapDefFree(gpointer def)
{
    nuvSnapshotDefFree(def);
}

static nuvMomentList *
snapList(nuvDomainObj *obj)
{
    if (!obj->snapshots)
        obj->snapshots = nuvMomentListNew(snapDefFree);
    return obj->snapshots;
}

static inline nuvSnapshotDef *
snapDef(const nuvMoment *moment)
{
    return (nuvSnapshotDef *)moment->def;
}

size_t
testSnapshotCount(nuvDomainObj *obj)
{
    return nuvMomentListSize(obj->snapshots);
}

void
testSnapshotDropAll(nuvDomainObj *obj)
{
    g_clear_pointer(&obj->snapshots, nuvMomentListFree);
}

static nuvMoment *
snapFromName(nuvDomainObj *obj, const char *name)
{
    nuvMoment *snap = nuvMomentListFind(obj->snapshots, name);

    if (!snap)
        nuvReportError(VIR_ERR_NO_DOMAIN_SNAPSHOT,
                       "no domain snapshot with matching name '%s'", name);
    return snap;
}

static nuvDomainObj *
objFromSnapshot(virDomainSnapshotPtr snapshot, nuvMoment **snap)
{
    nuvDomainObj *obj = testDomObjFromDomain(snapshot->domain);

    if (obj && !(*snap = snapFromName(obj, snapshot->name)))
        nuvDomainObjEndAPI(&obj);
    return obj;
}

/* objFromSnapshot for a change: the domain's job taken (testDomObjBeginJob). */
static nuvDomainObj *
objFromSnapshotJob(virDomainSnapshotPtr snapshot, nuvMoment **snap, const char *api)
{
    nuvDomainObj *obj = testDomObjBeginJob(snapshot->domain, NUV_DOMAIN_JOB_MODIFY, api);

    if (obj && !(*snap = snapFromName(obj, snapshot->name)))
        testDomObjEndJob(&obj);
    return obj;
}

/* ---- listing ---- */

static bool
snapFilter(const nuvMoment *moment, unsigned int flags)
{
    const nuvSnapshotDef *def = snapDef(moment);

    if (flags & FILTERS_STATUS) {
        if (!(flags & VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE) &&
            def->state == NUV_SNAPSHOT_STATE_SHUTOFF)
            return false;
        if (!(flags & VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY) &&
            def->state == NUV_SNAPSHOT_STATE_DISK_SNAPSHOT)
            return false;
        if (!(flags & VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE) &&
            def->state != NUV_SNAPSHOT_STATE_SHUTOFF &&
            def->state != NUV_SNAPSHOT_STATE_DISK_SNAPSHOT)
            return false;
    }
    if ((flags & VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL) && nuvSnapshotDefIsExternal(def))
        return false;
    if ((flags & VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL) && !nuvSnapshotDefIsExternal(def))
        return false;
    return true;
}

/* The snapshots that the public list @flags select, from @from (NULL:
 * the domain).  ROOTS (for a domain) and DESCENDANTS (for a snapshot)
 * share one bit with opposite senses. */
static GPtrArray *
collect(nuvDomainObj *obj, nuvMoment *from, unsigned int flags)
{
    unsigned int mflags = 0;
    unsigned int filter = flags & (FILTERS_STATUS | FILTERS_LOCATION);

    if (from ? (flags & VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS) :
               !(flags & VIR_DOMAIN_SNAPSHOT_LIST_ROOTS))
        mflags |= NUV_MOMENT_LIST_ALL;
    if (flags & VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL)
        mflags |= NUV_MOMENT_LIST_TOPOLOGICAL;
    if (flags & VIR_DOMAIN_SNAPSHOT_LIST_LEAVES)
        mflags |= NUV_MOMENT_LIST_LEAVES;
    if (flags & VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES)
        mflags |= NUV_MOMENT_LIST_NO_LEAVES;
    if (flags & VIR_DOMAIN_SNAPSHOT_LIST_METADATA)
        mflags |= NUV_MOMENT_LIST_METADATA;
    if (flags & VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA)
        mflags |= NUV_MOMENT_LIST_NO_METADATA;
    /* A whole group asked for filters nothing. */
    if ((filter & FILTERS_STATUS) == FILTERS_STATUS)
        filter &= ~FILTERS_STATUS;
    if ((filter & FILTERS_LOCATION) == FILTERS_LOCATION)
        filter &= ~FILTERS_LOCATION;
    return nuvMomentListCollect(obj->snapshots, from, mflags, snapFilter, filter);
}

static int
listNames(nuvDomainObj *obj, nuvMoment *from, char **names, int maxnames, unsigned int flags)
{
    g_autoptr(GPtrArray) found = collect(obj, from, flags);
    int n = 0;
    guint i;

    for (i = 0; i < found->len && n < maxnames; i++)
        names[n++] = g_strdup(((nuvMoment *)g_ptr_array_index(found, i))->def->name);
    return n;
}

static int
listHandles(nuvDomainObj *obj, nuvMoment *from, virDomainPtr dom,
            virDomainSnapshotPtr **snaps, unsigned int flags)
{
    g_autoptr(GPtrArray) found = collect(obj, from, flags);
    virDomainSnapshotPtr *list;
    guint i;

    if (!snaps)
        return (int)found->len;
    list = g_new0(virDomainSnapshotPtr, found->len + 1);
    for (i = 0; i < found->len; i++)
        list[i] = nuvGetDomainSnapshot(dom, ((nuvMoment *)g_ptr_array_index(found, i))->def->name);
    *snaps = list;
    return (int)found->len;
}

int
testDomainSnapshotNum(virDomainPtr domain, unsigned int flags)
{
    nuvDomainObj *obj;
    g_autoptr(GPtrArray) found = NULL;

    nuvCheckFlags(VIR_DOMAIN_SNAPSHOT_LIST_ROOTS | VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL |
                  FILTERS_ALL, -1);

    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    found = collect(obj, NULL, flags);
    nuvDomainObjEndAPI(&obj);
    return (int)found->len;
}

int
testDomainSnapshotListNames(virDomainPtr domain, char **names, int nameslen,
                            unsigned int flags)
{
    nuvDomainObj *obj;
    int n;

    /* libvirt reports the name of the counting function for this one. */
    if (flags & ~(VIR_DOMAIN_SNAPSHOT_LIST_ROOTS | VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL |
                  FILTERS_ALL)) {
        return testDomainSnapshotNum(domain, flags);
    }

    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    n = listNames(obj, NULL, names, nameslen, flags);
    nuvDomainObjEndAPI(&obj);
    return n;
}

int
testDomainListAllSnapshots(virDomainPtr domain, virDomainSnapshotPtr **snaps,
                           unsigned int flags)
{
    nuvDomainObj *obj;
    int n;

    nuvCheckFlags(VIR_DOMAIN_SNAPSHOT_LIST_ROOTS | VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL |
                  FILTERS_ALL, -1);

    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    n = listHandles(obj, NULL, domain, snaps, flags);
    nuvDomainObjEndAPI(&obj);
    return n;
}

int
testDomainSnapshotNumChildren(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    nuvDomainObj *obj;
    nuvMoment *snap = NULL;
    g_autoptr(GPtrArray) found = NULL;

    nuvCheckFlags(VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS | VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL |
                  FILTERS_ALL, -1);

    if (!(obj = objFromSnapshot(snapshot, &snap)))
        return -1;
    found = collect(obj, snap, flags);
    nuvDomainObjEndAPI(&obj);
    return (int)found->len;
}

int
testDomainSnapshotListChildrenNames(virDomainSnapshotPtr snapshot, char **names, int nameslen,
                                    unsigned int flags)
{
    nuvDomainObj *obj;
    nuvMoment *snap = NULL;
    int n;

    nuvCheckFlags(VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS | VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL |
                  FILTERS_ALL, -1);

    if (!(obj = objFromSnapshot(snapshot, &snap)))
        return -1;
    n = listNames(obj, snap, names, nameslen, flags);
    nuvDomainObjEndAPI(&obj);
    return n;
}

int
testDomainSnapshotListAllChildren(virDomainSnapshotPtr snapshot, virDomainSnapshotPtr **snaps,
                                  unsigned int flags)
{
    nuvDomainObj *obj;
    nuvMoment *snap = NULL;
    int n;

    nuvCheckFlags(VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS | VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL |
                  FILTERS_ALL, -1);

    if (!(obj = objFromSnapshot(snapshot, &snap)))
        return -1;
    n = listHandles(obj, snap, snapshot->domain, snaps, flags);
    nuvDomainObjEndAPI(&obj);
    return n;
}

/* ---- single snapshots ---- */

virDomainSnapshotPtr
testDomainSnapshotLookupByName(virDomainPtr domain, const char *name, unsigned int flags)
{
    nuvDomainObj *obj;
    nuvMoment *snap;
    virDomainSnapshotPtr ret = NULL;

    nuvCheckFlags(0, NULL);

    if (!(obj = testDomObjFromDomain(domain)))
        return NULL;
    if ((snap = snapFromName(obj, name)))
        ret = nuvGetDomainSnapshot(domain, snap->def->name);
    nuvDomainObjEndAPI(&obj);
    return ret;
}

int
testDomainHasCurrentSnapshot(virDomainPtr domain, unsigned int flags)
{
    nuvDomainObj *obj;
    int ret;

    nuvCheckFlags(0, -1);

    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    ret = nuvMomentListGetCurrent(obj->snapshots) != NULL;
    nuvDomainObjEndAPI(&obj);
    return ret;
}

virDomainSnapshotPtr
testDomainSnapshotCurrent(virDomainPtr domain, unsigned int flags)
{
    nuvDomainObj *obj;
    nuvMoment *current;
    virDomainSnapshotPtr ret = NULL;

    nuvCheckFlags(0, NULL);

    if (!(obj = testDomObjFromDomain(domain)))
        return NULL;
    if (!(current = nuvMomentListGetCurrent(obj->snapshots)))
        nuvReportError(VIR_ERR_NO_DOMAIN_SNAPSHOT, "%s",
                       "the domain does not have a current snapshot");
    else
        ret = nuvGetDomainSnapshot(domain, current->def->name);
    nuvDomainObjEndAPI(&obj);
    return ret;
}

virDomainSnapshotPtr
testDomainSnapshotGetParent(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    nuvDomainObj *obj;
    nuvMoment *snap = NULL;
    virDomainSnapshotPtr ret = NULL;

    nuvCheckFlags(0, NULL);

    if (!(obj = objFromSnapshot(snapshot, &snap)))
        return NULL;
    if (!snap->def->parentName)
        nuvReportError(VIR_ERR_NO_DOMAIN_SNAPSHOT, "snapshot '%s' does not have a parent",
                       snap->def->name);
    else
        ret = nuvGetDomainSnapshot(snapshot->domain, snap->def->parentName);
    nuvDomainObjEndAPI(&obj);
    return ret;
}

char *
testDomainSnapshotGetXMLDesc(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    nuvDomainObj *obj;
    nuvMoment *snap = NULL;
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    char *xml;

    nuvCheckFlags(VIR_DOMAIN_SNAPSHOT_XML_SECURE, NULL);

    if (!(obj = objFromSnapshot(snapshot, &snap)))
        return NULL;
    xml = nuvSnapshotDefFormat(snapDef(snap), nuvUUIDFormat(snapshot->domain->uuid, uuidstr),
                               flags);
    nuvDomainObjEndAPI(&obj);
    return xml;
}

int
testDomainSnapshotIsCurrent(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    nuvDomainObj *obj;
    nuvMoment *snap = NULL;
    int ret;

    nuvCheckFlags(0, -1);

    if (!(obj = objFromSnapshot(snapshot, &snap)))
        return -1;
    ret = snap == nuvMomentListGetCurrent(obj->snapshots);
    nuvDomainObjEndAPI(&obj);
    return ret;
}

int
testDomainSnapshotHasMetadata(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    nuvDomainObj *obj;
    nuvMoment *snap = NULL;

    nuvCheckFlags(0, -1);

    /* Every snapshot of this driver is metadata. */
    if (!(obj = objFromSnapshot(snapshot, &snap)))
        return -1;
    nuvDomainObjEndAPI(&obj);
    return 1;
}

/* ---- state changes ---- */

/* Start @obj (locked, inactive) in @state; unlike a normal start, a
 * revert never drops a transient domain that it stopped on the way. */
static void
snapStart(testDriver *drv, nuvDomainObj *obj, int state, int reason)
{
    nuvDomainObjListSetID(drv->domains, obj, g_atomic_int_add(&drv->nextDomID, 1));
    nuvDomainObjSetState(obj, state, reason);
    obj->startedAt = g_get_monotonic_time();
}

static void
snapStop(testDriver *drv, nuvDomainObj *obj)
{
    nuvDomainObjSetState(obj, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT);
    nuvDomainObjListSetID(drv->domains, obj, -1);
    obj->updated = false;
    if (obj->newDef) {
        nuvDomainDefFree(obj->def);
        obj->def = g_steal_pointer(&obj->newDef);
    }
}

static bool
stateIsOnline(int state)
{
    return state == NUV_SNAPSHOT_STATE_RUNNING || state == NUV_SNAPSHOT_STATE_PAUSED;
}

/* The test driver's disk rules for a new snapshot: the state is the
 * domain's, memory follows it, disks are internal unless memory goes to
 * a file. */
static int
alignNewSnapshot(nuvDomainObj *obj, nuvSnapshotDef *def)
{
    def->state = obj->state;
    if (def->memory == NUV_SNAPSHOT_LOC_EXTERNAL)
        return nuvSnapshotDefAlignDisks(def, NULL, NUV_SNAPSHOT_LOC_EXTERNAL, false);
    def->memory = def->state == NUV_SNAPSHOT_STATE_SHUTOFF ?
                  NUV_SNAPSHOT_LOC_NO : NUV_SNAPSHOT_LOC_INTERNAL;
    return nuvSnapshotDefAlignDisks(def, NULL, NUV_SNAPSHOT_LOC_INTERNAL, true);
}

/* Checks on a snapshot described again (libvirt's redefine rules). */
static int
checkRedefine(nuvDomainObj *obj, nuvSnapshotDef *def, nuvMoment *other)
{
    if (nuvMomentListCheckCycles(obj->snapshots, &def->common, VIR_FROM_DOMAIN_SNAPSHOT) < 0)
        return -1;
    if (def->common.dom &&
        memcmp(def->common.dom->uuid, obj->def->uuid, VIR_UUID_BUFLEN) != 0) {
        char uuidstr[VIR_UUID_STRING_BUFLEN];

        nuvReportErrorFrom(VIR_FROM_DOMAIN_SNAPSHOT, VIR_ERR_INVALID_ARG,
                           "definition for snapshot %s must use uuid %s",
                           def->common.name, nuvUUIDFormat(obj->def->uuid, uuidstr));
        return -1;
    }
    if (other) {
        nuvSnapshotDef *odef = snapDef(other);

        if (stateIsOnline(odef->state) != stateIsOnline(def->state)) {
            nuvReportErrorFrom(VIR_FROM_DOMAIN_SNAPSHOT, VIR_ERR_INVALID_ARG,
                               "cannot change between online and offline snapshot state "
                               "in snapshot %s", def->common.name);
            return -1;
        }
        if ((odef->state == NUV_SNAPSHOT_STATE_DISK_SNAPSHOT) !=
            (def->state == NUV_SNAPSHOT_STATE_DISK_SNAPSHOT)) {
            nuvReportErrorFrom(VIR_FROM_DOMAIN_SNAPSHOT, VIR_ERR_INVALID_ARG,
                               "cannot change between disk only and full system "
                               "in snapshot %s", def->common.name);
            return -1;
        }
    }
    return nuvSnapshotDefAlignDisks(def, other ? snapDef(other)->common.dom : NULL,
                                    (def->state == NUV_SNAPSHOT_STATE_DISK_SNAPSHOT ||
                                     nuvSnapshotDefIsExternal(def)) ?
                                    NUV_SNAPSHOT_LOC_EXTERNAL : NUV_SNAPSHOT_LOC_INTERNAL,
                                    true);
}

/* Remove the PS/2 keyboard that every x86 guest has anyway (libvirt's
 * migratable form leaves out both PS/2 inputs, and reading it back
 * restores the mouse only). */
static void
dropImplicitInputs(nuvDomainDef *def)
{
    nuvXNode *devices = nuvDomainDefDevices(def);
    size_t i;

    if (!def->arch || (strcmp(def->arch, "i686") != 0 && strcmp(def->arch, "x86_64") != 0))
        return;
    for (i = nuvXNodeCountChildren(devices, "input"); i > 0; i--) {
        nuvXNode *input = nuvXNodeNthChild(devices, "input", i - 1);
        nuvDomainInputView iv;

        nuvDomainInputViewFill(&iv, input);
        if (iv.bus == NUV_DOMAIN_INPUT_BUS_PS2 && iv.type == NUV_DOMAIN_INPUT_TYPE_KEYBOARD) {
            nuvXNodeDetach(input);
            nuvXNodeFree(input);
        }
    }
}

nuvDomainDef *
testMomentDomainCopy(nuvDomainObj *obj)
{
    g_autoptr(nuvDomainDef) copy = nuvDomainDefCopy(obj->def);
    g_autofree char *domxml = NULL;

    dropImplicitInputs(copy);
    if (!(domxml = nuvDomainDefFormat(copy, -1, VIR_DOMAIN_XML_INACTIVE |
                                      VIR_DOMAIN_XML_SECURE)))
        return NULL;
    return nuvDomainDefParseString(domxml, NUV_DOMAIN_DEF_PARSE_INACTIVE);
}

virDomainSnapshotPtr
testDomainSnapshotCreateXML(virDomainPtr domain, const char *xmlDesc, unsigned int flags)
{
    testDriver *drv = testDriverOf(domain->conn);
    g_autoptr(nuvSnapshotDef) def = NULL;
    nuvDomainObj *obj;
    nuvMoment *snap = NULL;
    nuvMomentList *list;
    virDomainSnapshotPtr ret = NULL;
    bool redefine = flags & VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE;

    /* The flag pairs libvirt's entry point refuses come first, in its
     * order and with its error domain. */
    if ((flags & VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT) && !redefine) {
        nuvReportErrorRawFrom(VIR_FROM_DOMAIN_SNAPSHOT, VIR_ERR_INVALID_ARG,
                              "%s", "Flag 'VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE' is "
                              "required by flag 'VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT'");
        return NULL;
    }
    if (redefine && (flags & (VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA |
                              VIR_DOMAIN_SNAPSHOT_CREATE_HALT))) {
        nuvReportErrorRawFrom(VIR_FROM_DOMAIN_SNAPSHOT, VIR_ERR_INVALID_ARG,
                              "Flags 'VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE' and '%s' "
                              "are mutually exclusive",
                              (flags & VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA) ?
                              "VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA" :
                              "VIR_DOMAIN_SNAPSHOT_CREATE_HALT");
        return NULL;
    }

    /* DISK_ONLY, REUSE_EXT and NO_METADATA are refused as libvirt's test
     * driver refuses them; QUIESCE, ATOMIC and LIVE have nothing to do. */
    nuvCheckFlags(VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE | VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT |
                  VIR_DOMAIN_SNAPSHOT_CREATE_HALT | VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE |
                  VIR_DOMAIN_SNAPSHOT_CREATE_ATOMIC | VIR_DOMAIN_SNAPSHOT_CREATE_LIVE |
                  VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE, NULL);

    if (strlen(xmlDesc) > TEST_SNAPSHOT_XML_MAX) {
        nuvReportErrorFrom(VIR_FROM_DOMAIN_SNAPSHOT, VIR_ERR_XML_ERROR,
                           "snapshot XML of %zu bytes exceeds the limit of %d bytes",
                           strlen(xmlDesc), TEST_SNAPSHOT_XML_MAX);
        return NULL;
    }

    if (!(obj = testDomObjBeginJob(domain, NUV_DOMAIN_JOB_MODIFY, __func__)))
        return NULL;
    if (nuvMomentListSize(obj->checkpoints) > 0) {
        nuvReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       "cannot create snapshot while checkpoint exists");
        goto cleanup;
    }
    if (!obj->persistent && (flags & VIR_DOMAIN_SNAPSHOT_CREATE_HALT)) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       "cannot halt after transient domain snapshot");
        goto cleanup;
    }
    if (!(def = nuvSnapshotDefParseString(xmlDesc, redefine ? NUV_SNAPSHOT_PARSE_REDEFINE : 0)))
        goto cleanup;
    list = snapList(obj);

    /* Everything that can fail is checked before the tree changes, so a
     * refused snapshot leaves it as it was. */
    if (redefine) {
        nuvMoment *other = nuvMomentListFind(list, def->common.name);

        if (checkRedefine(obj, def, other) < 0)
            goto cleanup;
        if (other) {
            /* Same name: the snapshot keeps its children, takes the new
             * description, and its old domain when the new one has none. */
            if (!def->common.dom)
                def->common.dom = g_steal_pointer(&other->def->dom);
            nuvMomentReplaceDef(list, other, (nuvMomentDef **)&def);
            snap = other;
        }
    } else {
        /* libvirt copies the definition by writing out its migratable
         * form (without the implicit PS/2 keyboard of an x86 guest) and
         * reading it back, which runs the parse-time defaults once more;
         * the snapshot shows that. */
        if (!(def->common.dom = testMomentDomainCopy(obj)))
            goto cleanup;
        if (alignNewSnapshot(obj, def) < 0)
            goto cleanup;
        if (nuvMomentListFind(list, def->common.name)) {
            nuvReportErrorFrom(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_FAILED,
                               "domain moment %s already exists", def->common.name);
            goto cleanup;
        }
        if (nuvMomentListGetCurrent(list))
            def->common.parentName = g_strdup(nuvMomentListGetCurrent(list)->def->name);
    }
    if (!snap && !(snap = nuvMomentListAdd(list, (nuvMomentDef **)&def)))
        goto cleanup;
    nuvMomentListLink(list, snap);
    if (!redefine || (flags & VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT))
        nuvMomentListSetCurrent(list, snap);

    if (!redefine && (flags & VIR_DOMAIN_SNAPSHOT_CREATE_HALT) && nuvDomainObjIsActive(obj)) {
        snapStop(drv, obj);
        testEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_STOPPED,
                          VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT);
        domain->id = -1;
    }
    ret = nuvGetDomainSnapshot(domain, snap->def->name);

 cleanup:
    testDomObjEndJob(&obj);
    return ret;
}

int
testDomainSnapshotDelete(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    nuvDomainObj *obj;
    nuvMoment *snap = NULL;

    if ((flags & VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN) &&
        (flags & VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY)) {
        nuvReportErrorRawFrom(VIR_FROM_DOMAIN_SNAPSHOT, VIR_ERR_INVALID_ARG,
                              "%s", "Flags 'VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN' and "
                              "'VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY' are mutually exclusive");
        return -1;
    }
    /* METADATA_ONLY is refused, as libvirt 9.0's test driver does. */
    nuvCheckFlags(VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN |
                  VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY, -1);

    if (!(obj = objFromSnapshotJob(snapshot, &snap, __func__)))
        return -1;
    if (flags & (VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN | VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY))
        nuvMomentListDeleteDescendants(obj->snapshots, snap);
    if (!(flags & VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY))
        nuvMomentListDelete(obj->snapshots, snap);
    testDomObjEndJob(&obj);
    return 0;
}

int
testDomainRevertToSnapshot(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    testDriver *drv = testDriverOf(snapshot->domain->conn);
    nuvDomainObj *obj;
    nuvMoment *snap = NULL;
    nuvSnapshotDef *def;
    nuvDomainDef *config;
    bool wantRun = flags & VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING;
    bool wantPause = flags & VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED;
    int ret = -1;

    if (wantRun && wantPause) {
        nuvReportErrorRawFrom(VIR_FROM_DOMAIN_SNAPSHOT, VIR_ERR_INVALID_ARG,
                              "%s", "Flags 'VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING' and "
                              "'VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED' are mutually exclusive");
        return -1;
    }
    /* RESET_NVRAM is refused: the test hypervisor has no firmware. */
    nuvCheckFlags(VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING | VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED |
                  VIR_DOMAIN_SNAPSHOT_REVERT_FORCE, -1);

    if (!(obj = objFromSnapshotJob(snapshot, &snap, __func__)))
        return -1;
    def = snapDef(snap);

    if (!obj->persistent && !stateIsOnline(def->state) && !wantRun && !wantPause) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       "transient domain needs to request run or pause "
                       "to revert to inactive snapshot");
        goto cleanup;
    }
    if (!def->common.dom) {
        nuvReportError(VIR_ERR_SNAPSHOT_REVERT_RISKY,
                       "snapshot '%s' lacks domain '%s' rollback info",
                       def->common.name, obj->def->name);
        goto cleanup;
    }

    /* From here on nothing fails: the domain takes the snapshot's
     * definition and goes through the state changes libvirt 9.0's test
     * driver makes, with its events. */
    config = nuvDomainDefCopy(def->common.dom);
    if (nuvDomainObjIsActive(obj)) {
        /* The running domain goes down; its next life uses the
         * snapshot's definition. */
        nuvDomainDefFree(obj->newDef);
        obj->newDef = config;
        snapStop(drv, obj);
        testEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_STOPPED,
                          VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT);
    } else {
        nuvDomainDefFree(obj->def);
        obj->def = config;
    }

    if (stateIsOnline(def->state)) {
        snapStart(drv, obj, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_FROM_SNAPSHOT);
        testEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_STARTED,
                          VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT);
        if (!wantRun && (def->state == NUV_SNAPSHOT_STATE_PAUSED || wantPause)) {
            nuvDomainObjSetState(obj, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_FROM_SNAPSHOT);
            testEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_SUSPENDED,
                              VIR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT);
        }
    } else if (wantRun || wantPause) {
        /* libvirt 9.0's test driver announces a start here but leaves the
         * domain shut off; the events are kept for clients that count
         * them, the state is what libvirt reports. */
        testEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_STARTED,
                          VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT);
        if (wantPause)
            testEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_SUSPENDED,
                              VIR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT);
    }
    if (!obj->persistent && !nuvDomainObjIsActive(obj))
        nuvDomainObjListRemove(drv->domains, obj);
    snapshot->domain->id = obj->id;
    nuvMomentListSetCurrent(obj->snapshots, snap);
    ret = 0;

 cleanup:
    testDomObjEndJob(&obj);
    return ret;
}

/* ---- node files ---- */

/* Link the snapshots of @obj just loaded from a node file; as libvirt,
 * every parent must be among them and none may be its own ancestor. */
static int
linkNodeSnapshots(nuvDomainObj *obj)
{
    g_autoptr(GPtrArray) all = NULL;
    guint i;

    all = nuvMomentListCollect(obj->snapshots, NULL, NUV_MOMENT_LIST_ALL, NULL, 0);
    for (i = 0; i < all->len; i++) {
        nuvMoment *snap = g_ptr_array_index(all, i);
        const char *parent = snap->def->parentName;
        nuvMoment *up = nuvMomentListFind(obj->snapshots, parent);
        size_t steps = 0;

        if (parent && !up)
            goto inconsistent;
        for (; up; up = nuvMomentListFind(obj->snapshots, up->def->parentName)) {
            if (up == snap || ++steps > all->len)
                goto inconsistent;
        }
    }
    /* Nothing is linked yet (the collection above went through the
     * name index), so each goes under its parent now. */
    for (i = 0; i < all->len; i++)
        nuvMomentListLink(obj->snapshots, g_ptr_array_index(all, i));
    return 0;

 inconsistent:
    nuvReportError(VIR_ERR_INTERNAL_ERROR,
                   "Snapshots have inconsistent relations for domain %s",
                   obj->def->name);
    return -1;
}

int
testSnapshotLoadNode(testDriver *drv)
{
    g_autoptr(GPtrArray) touched = g_ptr_array_new_with_free_func(g_free);
    guint i;

    for (i = 0; drv->nodeSnapshots && i < drv->nodeSnapshots->len; i++) {
        testNodeSnapshot *ns = g_ptr_array_index(drv->nodeSnapshots, i);
        nuvDomainObj *obj = nuvDomainObjListFindByName(drv->domains, ns->domain);
        g_autoptr(nuvSnapshotDef) def = NULL;
        nuvMoment *snap;
        bool current = false;

        if (!obj)
            continue;
        if (!(def = nuvSnapshotDefParseNodeString(ns->xml, &current)) ||
            !(snap = nuvMomentListAdd(snapList(obj), (nuvMomentDef **)&def))) {
            nuvDomainObjEndAPI(&obj);
            return -1;
        }
        if (current) {
            if (nuvMomentListGetCurrent(obj->snapshots)) {
                nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                               "more than one snapshot claims to be active");
                nuvDomainObjEndAPI(&obj);
                return -1;
            }
            nuvMomentListSetCurrent(obj->snapshots, snap);
        }
        if (!g_ptr_array_find_with_equal_func(touched, ns->domain, g_str_equal, NULL))
            g_ptr_array_add(touched, g_strdup(ns->domain));
        nuvDomainObjEndAPI(&obj);
    }

    for (i = 0; i < touched->len; i++) {
        nuvDomainObj *obj = nuvDomainObjListFindByName(drv->domains,
                                                       g_ptr_array_index(touched, i));
        int rc;

        if (!obj)
            continue;
        rc = linkNodeSnapshots(obj);
        nuvDomainObjEndAPI(&obj);
        if (rc < 0)
            return -1;
    }
    return 0;
}
