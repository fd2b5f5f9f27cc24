/*
 * test_nwfilter.c: network filters and filter bindings of the test
 * driver, kept in memory with the rules of libvirt's nwfilter driver
 * (conf/nwfilter_obj.h): names and UUIDs are unique, a definition may not
 * make a filter reach itself through its references, a filter a binding
 * or another filter uses cannot be removed, and a binding needs every
 * filter it reaches.  Nothing is applied to a host firewall.
 */
#include <string.h>

#include "test/test_private.h"
#include "conf/nwfilter_obj.h"
#include "util/error.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_NWFILTER

#define TEST_NWFILTER_XML_MAX (10 * 1024 * 1024)

static nuvNWFilterObjList *
listOf(virConnectPtr conn)
{
    return testDriverOf(conn)->nwfilters;
}

static nuvNWFilterObj *
findByUUIDOrReport(nuvNWFilterObjList *list, const unsigned char *uuid)
{
    nuvNWFilterObj *obj = nuvNWFilterObjListFindByUUID(list, uuid);
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    if (!obj)
        nuvReportError(VIR_ERR_NO_NWFILTER, "no nwfilter with matching uuid '%s'",
                       nuvUUIDFormat(uuid, uuidstr));
    return obj;
}

static nuvNWFilterBindingObj *
findBindingOrReport(nuvNWFilterObjList *list, const char *portdev)
{
    nuvNWFilterBindingObj *obj = nuvNWFilterObjListFindBinding(list, portdev);

    if (!obj)
        nuvReportError(VIR_ERR_NO_NWFILTER_BINDING, "no nwfilter binding for port dev '%s'",
                       portdev);
    return obj;
}

/* ---- filters ---- */

static virNWFilterPtr
handleOf(virConnectPtr conn, const nuvNWFilterObj *obj)
{
    return nuvGetNWFilter(conn, obj->def->name, obj->def->uuid);
}

static int
testConnectNumOfNWFilters(virConnectPtr conn)
{
    return nuvNWFilterObjListCount(listOf(conn));
}

static int
testConnectListNWFilters(virConnectPtr conn, char **const names, int maxnames)
{
    nuvNWFilterObj **objs;
    size_t count;
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
    objs = nuvNWFilterObjListCollect(listOf(conn), &count);
    /* the name is the object's key: immutable while it is listed */
    for (size_t i = 0; i < count && n < maxnames; i++)
        names[n++] = g_strdup(objs[i]->parent.name);
    nuvObjListFreeArray((nuvObj **)objs, count);
    return n;
}

static int
testConnectListAllNWFilters(virConnectPtr conn, virNWFilterPtr **filters, unsigned int flags)
{
    nuvNWFilterObj **objs;
    size_t count;

    nuvCheckFlags(0, -1);

    objs = nuvNWFilterObjListCollect(listOf(conn), &count);
    if (filters) {
        *filters = g_new0(virNWFilterPtr, count + 1);
        for (size_t i = 0; i < count; i++)
            (*filters)[i] = nuvGetNWFilter(conn, objs[i]->parent.name, objs[i]->parent.uuid);
    }
    nuvObjListFreeArray((nuvObj **)objs, count);
    return count;
}

static virNWFilterPtr
testNWFilterLookupByName(virConnectPtr conn, const char *name)
{
    virNWFilterPtr ret = NULL;
    nuvNWFilterObj *obj;

    if ((obj = nuvNWFilterObjListFindByName(listOf(conn), name)))
        ret = handleOf(conn, obj);
    else
        nuvReportError(VIR_ERR_NO_NWFILTER, "no nwfilter with matching name '%s'", name);
    nuvNWFilterObjEndAPI(&obj);
    return ret;
}

static virNWFilterPtr
testNWFilterLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    virNWFilterPtr ret = NULL;
    nuvNWFilterObj *obj;

    if ((obj = findByUUIDOrReport(listOf(conn), uuid)))
        ret = handleOf(conn, obj);
    nuvNWFilterObjEndAPI(&obj);
    return ret;
}

static virNWFilterPtr
testNWFilterDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    g_autoptr(nuvNWFilterDef) def = NULL;
    virNWFilterPtr ret;
    nuvNWFilterObj *obj;

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
    if (!(obj = nuvNWFilterObjListAssign(listOf(conn), &def)))
        return NULL;
    ret = handleOf(conn, obj);
    nuvNWFilterObjEndAPI(&obj);
    return ret;
}

static int
testNWFilterUndefine(virNWFilterPtr nwfilter)
{
    return nuvNWFilterObjListUndefine(listOf(nwfilter->conn), nwfilter->uuid);
}

static char *
testNWFilterGetXMLDesc(virNWFilterPtr nwfilter, unsigned int flags)
{
    nuvNWFilterObj *obj;
    char *ret = NULL;

    nuvCheckFlags(0, NULL);

    if ((obj = findByUUIDOrReport(listOf(nwfilter->conn), nwfilter->uuid)))
        ret = nuvNWFilterDefFormat(obj->def);
    nuvNWFilterObjEndAPI(&obj);
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
    nuvNWFilterBindingObj **objs;
    size_t count;

    nuvCheckFlags(0, -1);

    objs = nuvNWFilterObjListCollectBindings(listOf(conn), &count);
    if (bindings) {
        *bindings = g_new0(virNWFilterBindingPtr, count + 1);
        /* a binding's definition never changes once it is added */
        for (size_t i = 0; i < count; i++)
            (*bindings)[i] = bindingHandle(conn, objs[i]->def);
    }
    nuvObjListFreeArray((nuvObj **)objs, count);
    return count;
}

static virNWFilterBindingPtr
testNWFilterBindingLookupByPortDev(virConnectPtr conn, const char *portdev)
{
    virNWFilterBindingPtr ret = NULL;
    nuvNWFilterBindingObj *obj;

    if ((obj = findBindingOrReport(listOf(conn), portdev)))
        ret = bindingHandle(conn, obj->def);
    nuvNWFilterBindingObjEndAPI(&obj);
    return ret;
}

static virNWFilterBindingPtr
testNWFilterBindingCreateXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    g_autoptr(nuvNWFilterBindingDef) def = NULL;
    virNWFilterBindingPtr ret;
    nuvNWFilterBindingObj *obj;

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
    if (!(obj = nuvNWFilterObjListAddBinding(listOf(conn), &def)))
        return NULL;
    ret = bindingHandle(conn, obj->def);
    nuvNWFilterBindingObjEndAPI(&obj);
    return ret;
}

static int
testNWFilterBindingDelete(virNWFilterBindingPtr binding)
{
    nuvNWFilterObjList *list = listOf(binding->conn);
    nuvNWFilterBindingObj *obj;

    if (!(obj = findBindingOrReport(list, binding->portdev)))
        return -1;
    nuvNWFilterObjListRemoveBinding(list, obj);
    nuvNWFilterBindingObjEndAPI(&obj);
    return 0;
}

static char *
testNWFilterBindingGetXMLDesc(virNWFilterBindingPtr binding, unsigned int flags)
{
    nuvNWFilterBindingObj *obj;
    char *ret = NULL;

    nuvCheckFlags(0, NULL);

    if ((obj = findBindingOrReport(listOf(binding->conn), binding->portdev)))
        ret = nuvNWFilterBindingDefFormat(obj->def);
    nuvNWFilterBindingObjEndAPI(&obj);
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
