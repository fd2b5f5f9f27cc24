/*
 * domain_driver.c: lookups and lists shared by the hypervisor drivers
 * that hold their domains in a nuvDomainObjList.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "driver/domain_driver.h"
#include "driver/datatypes.h"
#include "util/error.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

nuvDomainObj *
nuvDomainDriverObjFromDomain(nuvDomainObjList *list, virDomainPtr dom, int errDomain)
{
    nuvDomainObj *obj;
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    if (!(obj = nuvDomainObjListFindByUUID(list, dom->uuid))) {
        nuvReportErrorFrom(errDomain, VIR_ERR_NO_DOMAIN,
                           "no domain with matching uuid '%s' (%s)",
                           nuvUUIDFormat(dom->uuid, uuidstr), dom->name);
    }
    return obj;
}

virDomainPtr
nuvDomainDriverHandle(virConnectPtr conn, nuvDomainObj *obj)
{
    return nuvGetDomain(conn, obj->def->name, obj->def->uuid, obj->id);
}

int
nuvDomainDriverCheckActive(nuvDomainObj *obj)
{
    if (!nuvDomainObjIsActive(obj)) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s", "domain is not running");
        return -1;
    }
    return 0;
}

/* @obj found (or not) by a lookup: its handle, or the error @what says. */
static virDomainPtr
nuvDomainDriverFound(virConnectPtr conn, nuvDomainObj *obj, int errDomain, const char *what)
{
    virDomainPtr dom;

    if (!obj) {
        nuvReportErrorFrom(errDomain, VIR_ERR_NO_DOMAIN, "%s", what);
        return NULL;
    }
    dom = nuvDomainDriverHandle(conn, obj);
    nuvDomainObjEndAPI(&obj);
    return dom;
}

virDomainPtr
nuvDomainDriverLookupByName(nuvDomainObjList *list, virConnectPtr conn, const char *name,
                            int errDomain)
{
    g_autofree char *what = g_strdup_printf("no domain with matching name '%s'", name);

    return nuvDomainDriverFound(conn, nuvDomainObjListFindByName(list, name), errDomain, what);
}

virDomainPtr
nuvDomainDriverLookupByUUID(nuvDomainObjList *list, virConnectPtr conn,
                            const unsigned char *uuid, int errDomain)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    g_autofree char *what = g_strdup_printf("no domain with matching uuid '%s'",
                                            nuvUUIDFormat(uuid, uuidstr));

    return nuvDomainDriverFound(conn, nuvDomainObjListFindByUUID(list, uuid), errDomain, what);
}

virDomainPtr
nuvDomainDriverLookupByID(nuvDomainObjList *list, virConnectPtr conn, int id, int errDomain)
{
    g_autofree char *what = g_strdup_printf("no domain with matching id %d", id);

    return nuvDomainDriverFound(conn, nuvDomainObjListFindByID(list, id), errDomain, what);
}

int
nuvDomainDriverListAll(nuvDomainObjList *list, virConnectPtr conn, virDomainPtr **domains,
                       unsigned int flags)
{
    size_t count, n = 0;
    nuvDomainObj **objs = nuvDomainObjListCollect(list, &count);
    virDomainPtr *doms = domains ? g_new0(virDomainPtr, count + 1) : NULL;

    for (size_t i = 0; i < count; i++) {
        nuvDomainObjLock(objs[i]);
        if (!nuvDomainObjIsRemoved(objs[i]) && nuvDomainObjMatchesFilter(objs[i], flags)) {
            if (doms)
                doms[n] = nuvDomainDriverHandle(conn, objs[i]);
            n++;
        }
        nuvDomainObjUnlock(objs[i]);
    }
    nuvDomainObjListFreeArray(objs, count);
    if (domains)
        *domains = doms;
    return (int) n;
}

int
nuvDomainDriverListIDs(nuvDomainObjList *list, virConnectPtr conn, int *ids, int maxids)
{
    virDomainPtr *doms = NULL;
    int n = nuvDomainDriverListAll(list, conn, &doms, VIR_CONNECT_LIST_DOMAINS_ACTIVE);
    int out = 0;

    for (int i = 0; i < n; i++) {
        if (out < maxids)
            ids[out++] = doms[i]->id;
        virDomainFree(doms[i]);
    }
    g_free(doms);
    return out;
}

int
nuvDomainDriverListNames(nuvDomainObjList *list, virConnectPtr conn, char **const names,
                         int maxnames)
{
    virDomainPtr *doms = NULL;
    int n = nuvDomainDriverListAll(list, conn, &doms, VIR_CONNECT_LIST_DOMAINS_INACTIVE);
    int out = 0;

    for (int i = 0; i < n; i++) {
        if (out < maxnames)
            names[out++] = g_strdup(doms[i]->name);
        virDomainFree(doms[i]);
    }
    g_free(doms);
    return out;
}

int
nuvDomainDriverNodeGetInfo(virNodeInfoPtr info)
{
    long ncpus = sysconf(_SC_NPROCESSORS_ONLN);

    memset(info, 0, sizeof(*info));
    g_strlcpy(info->model, "x86_64", sizeof(info->model));
    info->memory = (unsigned long) ((unsigned long long) sysconf(_SC_PHYS_PAGES) *
                                    sysconf(_SC_PAGESIZE) / 1024);
    info->cpus = ncpus;
    info->nodes = 1;
    info->sockets = 1;
    info->cores = ncpus;
    info->threads = 1;
    return 0;
}

char *
nuvDomainDriverGetHostname(void)
{
    char buf[256];

    if (gethostname(buf, sizeof(buf)) < 0) {
        nuvReportSystemError(errno, "%s", "cannot look up the host name");
        return NULL;
    }
    buf[sizeof(buf) - 1] = '\0';
    return g_strdup(buf);
}
