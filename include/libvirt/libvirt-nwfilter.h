/*
 * libvirt-nwfilter.h: network filters and their bindings to ports
 *
 * Part of nuvirt's public interface, which is source and binary compatible
 * with libvirt 9.0: names, values, types and layouts must not change.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_NWFILTER_H
# define LIBVIRT_NWFILTER_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "libvirt-nwfilter.h is a part of libvirt.h: include <libvirt/libvirt.h>"
# endif

/* ---- enumerations ---- */

/* virNWFilterBindingCreateFlags: since 7.8.0 */
typedef enum {
    VIR_NWFILTER_BINDING_CREATE_VALIDATE = 1 << 0, /* since 7.8.0 */
} virNWFilterBindingCreateFlags;

/* virNWFilterDefineFlags: since 7.7.0 */
typedef enum {
    VIR_NWFILTER_DEFINE_VALIDATE = 1 << 0, /* since 7.7.0 */
} virNWFilterDefineFlags;

/* ---- object and record types ---- */

typedef struct _virNWFilter virNWFilter; /* since 0.8.0 */
typedef struct _virNWFilterBinding virNWFilterBinding; /* since 4.5.0 */

typedef virNWFilterBinding *virNWFilterBindingPtr;
typedef virNWFilter *virNWFilterPtr;

/* ---- functions ---- */

int virConnectListAllNWFilterBindings(virConnectPtr conn,
                                      virNWFilterBindingPtr **bindings,
                                      unsigned int flags);
int virConnectListAllNWFilters(virConnectPtr conn, virNWFilterPtr **filters,
                               unsigned int flags);
int virConnectListNWFilters(virConnectPtr conn, char ** const names,
                            int maxnames);
int virConnectNumOfNWFilters(virConnectPtr conn);
virNWFilterBindingPtr virNWFilterBindingCreateXML(virConnectPtr conn,
                                                  const char *xml,
                                                  unsigned int flags);
int virNWFilterBindingDelete(virNWFilterBindingPtr binding);
int virNWFilterBindingFree(virNWFilterBindingPtr binding);
const char *virNWFilterBindingGetFilterName(virNWFilterBindingPtr binding);
const char *virNWFilterBindingGetPortDev(virNWFilterBindingPtr binding);
char *virNWFilterBindingGetXMLDesc(virNWFilterBindingPtr binding,
                                   unsigned int flags);
virNWFilterBindingPtr virNWFilterBindingLookupByPortDev(virConnectPtr conn,
                                                        const char *portdev);
int virNWFilterBindingRef(virNWFilterBindingPtr binding);
virNWFilterPtr virNWFilterDefineXML(virConnectPtr conn, const char *xmlDesc);
virNWFilterPtr virNWFilterDefineXMLFlags(virConnectPtr conn,
                                         const char *xmlDesc,
                                         unsigned int flags);
int virNWFilterFree(virNWFilterPtr nwfilter);
const char *virNWFilterGetName(virNWFilterPtr nwfilter);
int virNWFilterGetUUID(virNWFilterPtr nwfilter, unsigned char *uuid);
int virNWFilterGetUUIDString(virNWFilterPtr nwfilter, char *buf);
char *virNWFilterGetXMLDesc(virNWFilterPtr nwfilter, unsigned int flags);
virNWFilterPtr virNWFilterLookupByName(virConnectPtr conn, const char *name);
virNWFilterPtr virNWFilterLookupByUUID(virConnectPtr conn,
                                       const unsigned char *uuid);
virNWFilterPtr virNWFilterLookupByUUIDString(virConnectPtr conn,
                                             const char *uuidstr);
int virNWFilterRef(virNWFilterPtr nwfilter);
int virNWFilterUndefine(virNWFilterPtr nwfilter);

#endif /* LIBVIRT_NWFILTER_H */
