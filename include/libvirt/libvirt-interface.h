/*
 * libvirt-interface.h: host network interfaces
 *
 * Part of nuvirt's public interface, which is source and binary compatible
 * with libvirt 9.0: names, values, types and layouts must not change.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_INTERFACE_H
# define LIBVIRT_INTERFACE_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "libvirt-interface.h is a part of libvirt.h: include <libvirt/libvirt.h>"
# endif

/* ---- enumerations ---- */

/* virConnectListAllInterfacesFlags: since 0.10.2 */
typedef enum {
    VIR_CONNECT_LIST_INTERFACES_INACTIVE = 1 << 0, /* since 0.10.2 */
    VIR_CONNECT_LIST_INTERFACES_ACTIVE   = 1 << 1, /* since 0.10.2 */
} virConnectListAllInterfacesFlags;

/* virInterfaceDefineFlags: since 7.7.0 */
typedef enum {
    VIR_INTERFACE_DEFINE_VALIDATE = 1 << 0, /* since 7.7.0 */
} virInterfaceDefineFlags;

/* virInterfaceXMLFlags: since 0.7.3 */
typedef enum {
    VIR_INTERFACE_XML_INACTIVE = 1 << 0, /* since 0.7.3 */
} virInterfaceXMLFlags;

/* ---- object and record types ---- */

typedef struct _virInterface virInterface; /* since 0.6.4 */

typedef virInterface *virInterfacePtr;

/* ---- functions ---- */

int virConnectListAllInterfaces(virConnectPtr conn, virInterfacePtr **ifaces,
                                unsigned int flags);
int virConnectListDefinedInterfaces(virConnectPtr conn, char ** const names,
                                    int maxnames);
int virConnectListInterfaces(virConnectPtr conn, char ** const names,
                             int maxnames);
int virConnectNumOfDefinedInterfaces(virConnectPtr conn);
int virConnectNumOfInterfaces(virConnectPtr conn);
int virInterfaceChangeBegin(virConnectPtr conn, unsigned int flags);
int virInterfaceChangeCommit(virConnectPtr conn, unsigned int flags);
int virInterfaceChangeRollback(virConnectPtr conn, unsigned int flags);
int virInterfaceCreate(virInterfacePtr iface, unsigned int flags);
virInterfacePtr virInterfaceDefineXML(virConnectPtr conn, const char *xml,
                                      unsigned int flags);
int virInterfaceDestroy(virInterfacePtr iface, unsigned int flags);
int virInterfaceFree(virInterfacePtr iface);
virConnectPtr virInterfaceGetConnect(virInterfacePtr iface);
const char *virInterfaceGetMACString(virInterfacePtr iface);
const char *virInterfaceGetName(virInterfacePtr iface);
char *virInterfaceGetXMLDesc(virInterfacePtr iface, unsigned int flags);
int virInterfaceIsActive(virInterfacePtr iface);
virInterfacePtr virInterfaceLookupByMACString(virConnectPtr conn,
                                              const char *macstr);
virInterfacePtr virInterfaceLookupByName(virConnectPtr conn, const char *name);
int virInterfaceRef(virInterfacePtr iface);
int virInterfaceUndefine(virInterfacePtr iface);

#endif /* LIBVIRT_INTERFACE_H */
