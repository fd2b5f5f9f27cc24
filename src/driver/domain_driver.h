/*
 * domain_driver.h: what every hypervisor driver that keeps its domains in
 * a nuvDomainObjList (QEMU, LXC) does the same way: find the domain behind
 * a handle or a name with libvirt's errors, make handles, list.
 */
#pragma once

#include "libvirt/libvirt.h"
#include "conf/domain_obj.h"

/* The domain behind @dom, locked and referenced; VIR_ERR_NO_DOMAIN
 * ("no domain with matching uuid '...' (name)") otherwise, in the calling
 * driver's error domain @errDomain, as libvirt reports it. */
nuvDomainObj *nuvDomainDriverObjFromDomain(nuvDomainObjList *list, virDomainPtr dom,
                                           int errDomain);

/* A handle for @obj (locked). */
virDomainPtr nuvDomainDriverHandle(virConnectPtr conn, nuvDomainObj *obj);

/* VIR_ERR_OPERATION_INVALID "domain is not running" unless @obj runs. */
int nuvDomainDriverCheckActive(nuvDomainObj *obj);

/* virDomainLookupBy*: a handle, or VIR_ERR_NO_DOMAIN in libvirt's words. */
virDomainPtr nuvDomainDriverLookupByName(nuvDomainObjList *list, virConnectPtr conn,
                                         const char *name, int errDomain);
virDomainPtr nuvDomainDriverLookupByUUID(nuvDomainObjList *list, virConnectPtr conn,
                                         const unsigned char *uuid, int errDomain);
virDomainPtr nuvDomainDriverLookupByID(nuvDomainObjList *list, virConnectPtr conn, int id,
                                       int errDomain);

/* virConnectListAllDomains for @flags (already checked by the caller,
 * since the flag error names the driver's method); @domains may be NULL
 * to count. */
int nuvDomainDriverListAll(nuvDomainObjList *list, virConnectPtr conn,
                           virDomainPtr **domains, unsigned int flags);
/* virConnectListDomains (ids of the running ones) and
 * virConnectListDefinedDomains (names of the inactive ones). */
int nuvDomainDriverListIDs(nuvDomainObjList *list, virConnectPtr conn, int *ids, int maxids);
int nuvDomainDriverListNames(nuvDomainObjList *list, virConnectPtr conn, char **const names,
                             int maxnames);

/* virNodeGetInfo of this host (sysconf's CPUs and memory, one cell). */
int nuvDomainDriverNodeGetInfo(virNodeInfoPtr info);
/* virConnectGetHostname. */
char *nuvDomainDriverGetHostname(void);
