/*
 * test_checkpoint.c: domain checkpoints in the test driver.
 *
 * As in libvirt's test driver, a checkpoint is metadata only: a name, a
 * parent, the domain's definition and a bitmap name per disk, kept in a
 * tree per domain (conf/moment_list.h) under the domain object's lock.
 * Only a running domain without snapshots takes new checkpoints.
 */
#include <string.h>

#include "test/test_private.h"
#include "conf/checkpoint_def.h"
#include "util/error.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_TEST

#define TEST_CHECKPOINT_XML_MAX (10 * 1024 * 1024)

#define FILTERS_ALL \
    (VIR_DOMAIN_CHECKPOINT_LIST_LEAVES | VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES)

static void
chkDefFree(gpointer def)
{
    nuvCheckpointDefFree(def);
}

static nuvMomentList *
chkList(nuvDomainObj *obj)
{
    if (!obj->checkpoints)
        obj->checkpoints = nuvMomentListNew(chkDefFree);
    return obj->checkpoints;
}

static inline nuvCheckpointDef *
chkDef(const nuvMoment *moment)
{
    return (nuvCheckpointDef *)moment->def;
}

static nuvMoment *
chkFromName(nuvDomainObj *obj, const char *name)
{
    nuvMoment *chk = nuvMomentListFind(obj->checkpoints, name);

    if (!chk)
        nuvReportError(VIR_ERR_NO_DOMAIN_CHECKPOINT,
                       "no domain checkpoint with matching name '%s'", name);
    return chk;
}

static nuvDomainObj *
objFromCheckpoint(virDomainCheckpointPtr checkpoint, nuvMoment **chk)
{
    nuvDomainObj *obj = testDomObjFromDomain(checkpoint->domain);

    if (obj && !(*chk = chkFromName(obj, checkpoint->name)))
        nuvDomainObjEndAPI(&obj);
    return obj;
}

/* objFromCheckpoint for a change: the domain's job taken (testDomObjBeginJob). */
static nuvDomainObj *
objFromCheckpointJob(virDomainCheckpointPtr checkpoint, nuvMoment **chk, const char *api)
{
    nuvDomainObj *obj = testDomObjBeginJob(checkpoint->domain, NUV_DOMAIN_JOB_MODIFY, api);

    if (obj && !(*chk = chkFromName(obj, checkpoint->name)))
        testDomObjEndJob(&obj);
    return obj;
}

/* ---- creation ---- */

/* libvirt's checks on a checkpoint described again; sets *makeCurrent
 * when it is to become the current one (its parent is, or there is
 * none yet). */
static int
checkRedefine(nuvDomainObj *obj, nuvCheckpointDef *def, bool *makeCurrent)
{
    nuvMomentList *list = chkList(obj);
    nuvMoment *current = nuvMomentListGetCurrent(list);

    if (nuvMomentListCheckCycles(list, &def->common, VIR_FROM_DOMAIN) < 0)
        return -1;
    if (def->common.dom) {
        if (memcmp(def->common.dom->uuid, obj->def->uuid, VIR_UUID_BUFLEN) != 0) {
            char uuidstr[VIR_UUID_STRING_BUFLEN];

            nuvReportErrorFrom(VIR_FROM_DOMAIN_CHECKPOINT, VIR_ERR_INVALID_ARG,
                               "definition for checkpoint %s must use uuid %s",
                               def->common.name, nuvUUIDFormat(obj->def->uuid, uuidstr));
            return -1;
        }
        if (nuvCheckpointDefAlignDisks(def) < 0)
            return -1;
    } else {
        nuvCheckpointDefAssignBitmapNames(def);
    }
    if (def->common.parentName && current &&
        nuvMomentListFind(list, def->common.parentName) == current)
        *makeCurrent = true;
    if (!current)
        *makeCurrent = true;
    return 0;
}

virDomainCheckpointPtr
testDomainCheckpointCreateXML(virDomainPtr domain, const char *xmlDesc, unsigned int flags)
{
    g_autoptr(nuvCheckpointDef) def = NULL;
    nuvDomainObj *obj;
    nuvMomentList *list;
    nuvMoment *chk = NULL;
    nuvMoment *current;
    virDomainCheckpointPtr ret = NULL;
    bool redefine = flags & VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE;
    bool makeCurrent = !redefine;

    /* libvirt's entry point refuses these pairs first, in its own error
     * domain; the driver then takes REDEFINE and QUIESCE only, which
     * leaves REDEFINE_VALIDATE refused as an unknown flag. */
    if (redefine && (flags & VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE)) {
        nuvReportErrorRawFrom(VIR_FROM_DOMAIN_CHECKPOINT, VIR_ERR_INVALID_ARG, "%s",
                              "Flags 'VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE' and "
                              "'VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE' are mutually exclusive");
        return NULL;
    }
    if ((flags & VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE_VALIDATE) && !redefine) {
        nuvReportErrorRawFrom(VIR_FROM_DOMAIN_CHECKPOINT, VIR_ERR_INVALID_ARG, "%s",
                              "Flag 'VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE' is required by "
                              "flag 'VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE_VALIDATE'");
        return NULL;
    }
    nuvCheckFlags(VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE |
                  VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE, NULL);

    if (strlen(xmlDesc) > TEST_CHECKPOINT_XML_MAX) {
        nuvReportErrorFrom(VIR_FROM_DOMAIN_CHECKPOINT, VIR_ERR_XML_ERROR,
                           "checkpoint XML of %zu bytes exceeds the limit of %d bytes",
                           strlen(xmlDesc), TEST_CHECKPOINT_XML_MAX);
        return NULL;
    }

    if (!(obj = testDomObjBeginJob(domain, NUV_DOMAIN_JOB_MODIFY, __func__)))
        return NULL;
    if (nuvMomentListSize(obj->snapshots) > 0) {
        nuvReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       "cannot create checkpoint while snapshot exists");
        goto cleanup;
    }
    if (!nuvDomainObjIsActive(obj)) {
        nuvReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       "cannot create checkpoint for inactive domain");
        goto cleanup;
    }
    if (!(def = nuvCheckpointDefParseString(xmlDesc,
                                            redefine ? NUV_CHECKPOINT_PARSE_REDEFINE : 0)))
        goto cleanup;
    list = chkList(obj);
    current = nuvMomentListGetCurrent(list);

    /* Everything that can fail happens before the tree changes, so a
     * refused checkpoint leaves it as it was. */
    if (redefine) {
        if (checkRedefine(obj, def, &makeCurrent) < 0)
            goto cleanup;
        if ((chk = nuvMomentListFind(list, def->common.name))) {
            /* The checkpoint keeps its children and takes the new
             * definition whole. */
            nuvMomentReplaceDef(list, chk, (nuvMomentDef **)&def);
        }
    } else {
        if (!(def->common.dom = testMomentDomainCopy(obj)) ||
            nuvCheckpointDefAlignDisks(def) < 0)
            goto cleanup;
        if (current && !nuvMomentListFind(list, def->common.name))
            def->common.parentName = g_strdup(current->def->name);
    }
    if (!chk && !(chk = nuvMomentListAdd(list, (nuvMomentDef **)&def)))
        goto cleanup;
    nuvMomentListLink(list, chk);
    if (makeCurrent)
        nuvMomentListSetCurrent(list, chk);
    ret = nuvGetDomainCheckpoint(domain, chk->def->name);

 cleanup:
    testDomObjEndJob(&obj);
    return ret;
}

/* ---- listing ---- */

/* ROOTS (for a domain) and DESCENDANTS (for a checkpoint) share one bit
 * with opposite senses. */
static int
listHandles(nuvDomainObj *obj, nuvMoment *from, virDomainPtr dom,
            virDomainCheckpointPtr **chks, unsigned int flags)
{
    g_autoptr(GPtrArray) found = NULL;
    unsigned int mflags = 0;
    virDomainCheckpointPtr *out;
    guint i;

    if (from ? (flags & VIR_DOMAIN_CHECKPOINT_LIST_DESCENDANTS) :
               !(flags & VIR_DOMAIN_CHECKPOINT_LIST_ROOTS))
        mflags |= NUV_MOMENT_LIST_ALL;
    if (flags & VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL)
        mflags |= NUV_MOMENT_LIST_TOPOLOGICAL;
    if (flags & VIR_DOMAIN_CHECKPOINT_LIST_LEAVES)
        mflags |= NUV_MOMENT_LIST_LEAVES;
    if (flags & VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES)
        mflags |= NUV_MOMENT_LIST_NO_LEAVES;
    /* Unlike snapshots, libvirt does not drop a filter pair asked for
     * whole: no checkpoint is both a leaf and not one. */
    if ((mflags & (NUV_MOMENT_LIST_LEAVES | NUV_MOMENT_LIST_NO_LEAVES)) ==
        (NUV_MOMENT_LIST_LEAVES | NUV_MOMENT_LIST_NO_LEAVES))
        found = g_ptr_array_new();
    else
        found = nuvMomentListCollect(obj->checkpoints, from, mflags, NULL, 0);

    if (!chks)
        return (int)found->len;
    out = g_new0(virDomainCheckpointPtr, found->len + 1);
    for (i = 0; i < found->len; i++)
        out[i] = nuvGetDomainCheckpoint(dom, ((nuvMoment *)g_ptr_array_index(found, i))->def->name);
    *chks = out;
    return (int)found->len;
}

int
testDomainListAllCheckpoints(virDomainPtr domain, virDomainCheckpointPtr **chks,
                             unsigned int flags)
{
    nuvDomainObj *obj;
    int n;

    if (chks)
        *chks = NULL;
    nuvCheckFlags(VIR_DOMAIN_CHECKPOINT_LIST_ROOTS | VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL |
                  FILTERS_ALL, -1);

    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    n = listHandles(obj, NULL, domain, chks, flags);
    nuvDomainObjEndAPI(&obj);
    return n;
}

int
testDomainCheckpointListAllChildren(virDomainCheckpointPtr checkpoint,
                                    virDomainCheckpointPtr **chks, unsigned int flags)
{
    nuvDomainObj *obj;
    nuvMoment *chk = NULL;
    int n;

    if (chks)
        *chks = NULL;
    nuvCheckFlags(VIR_DOMAIN_CHECKPOINT_LIST_DESCENDANTS |
                  VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL | FILTERS_ALL, -1);

    if (!(obj = objFromCheckpoint(checkpoint, &chk)))
        return -1;
    n = listHandles(obj, chk, checkpoint->domain, chks, flags);
    nuvDomainObjEndAPI(&obj);
    return n;
}

/* ---- single checkpoints ---- */

virDomainCheckpointPtr
testDomainCheckpointLookupByName(virDomainPtr domain, const char *name, unsigned int flags)
{
    nuvDomainObj *obj;
    nuvMoment *chk;
    virDomainCheckpointPtr ret = NULL;

    nuvCheckFlags(0, NULL);

    if (!(obj = testDomObjFromDomain(domain)))
        return NULL;
    if ((chk = chkFromName(obj, name)))
        ret = nuvGetDomainCheckpoint(domain, chk->def->name);
    nuvDomainObjEndAPI(&obj);
    return ret;
}

virDomainCheckpointPtr
testDomainCheckpointGetParent(virDomainCheckpointPtr checkpoint, unsigned int flags)
{
    nuvDomainObj *obj;
    nuvMoment *chk = NULL;
    virDomainCheckpointPtr ret = NULL;

    nuvCheckFlags(0, NULL);

    if (!(obj = objFromCheckpoint(checkpoint, &chk)))
        return NULL;
    if (!chk->def->parentName)
        nuvReportError(VIR_ERR_NO_DOMAIN_CHECKPOINT,
                       "checkpoint '%s' does not have a parent",
                       chk->def->name);
    else
        ret = nuvGetDomainCheckpoint(checkpoint->domain, chk->def->parentName);
    nuvDomainObjEndAPI(&obj);
    return ret;
}

char *
testDomainCheckpointGetXMLDesc(virDomainCheckpointPtr checkpoint, unsigned int flags)
{
    nuvDomainObj *obj;
    nuvMoment *chk = NULL;
    char *xml = NULL;

    nuvCheckFlags(VIR_DOMAIN_CHECKPOINT_XML_SECURE | VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN |
                  VIR_DOMAIN_CHECKPOINT_XML_SIZE, NULL);

    if (!(obj = objFromCheckpoint(checkpoint, &chk)))
        return NULL;
    /* Sizes need a running domain; libvirt 9.0's test driver then still
     * prints none, having no size it could claim to know. */
    if (!(flags & VIR_DOMAIN_CHECKPOINT_XML_SIZE) || testCheckActive(obj) == 0)
        xml = nuvCheckpointDefFormat(chkDef(chk), flags);
    nuvDomainObjEndAPI(&obj);
    return xml;
}

int
testDomainCheckpointDelete(virDomainCheckpointPtr checkpoint, unsigned int flags)
{
    nuvDomainObj *obj;
    nuvMoment *chk = NULL;

    if ((flags & VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN) &&
        (flags & VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY)) {
        nuvReportErrorRawFrom(VIR_FROM_DOMAIN_CHECKPOINT, VIR_ERR_INVALID_ARG, "%s",
                              "Flags 'VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN' and "
                              "'VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY' are mutually "
                              "exclusive");
        return -1;
    }
    /* METADATA_ONLY changes nothing here: there is only metadata. */
    nuvCheckFlags(VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN |
                  VIR_DOMAIN_CHECKPOINT_DELETE_METADATA_ONLY |
                  VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY, -1);

    if (!(obj = objFromCheckpointJob(checkpoint, &chk, __func__)))
        return -1;
    if (flags & (VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN |
                 VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY))
        nuvMomentListDeleteDescendants(obj->checkpoints, chk);
    if (!(flags & VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY))
        nuvMomentListDelete(obj->checkpoints, chk);
    testDomObjEndJob(&obj);
    return 0;
}
