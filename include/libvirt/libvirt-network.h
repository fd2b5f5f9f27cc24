/*
 * libvirt-network.h: virtual networks, their ports and DHCP leases
 *
 * Part of nuvirt's public interface, which is source and binary compatible
 * with libvirt 9.0: names, values, types and layouts must not change.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_NETWORK_H
# define LIBVIRT_NETWORK_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "libvirt-network.h is a part of libvirt.h: include <libvirt/libvirt.h>"
# endif

/* ---- constants and helper macros ---- */

# define VIR_NETWORK_PORT_BANDWIDTH_IN_AVERAGE "inbound.average"
# define VIR_NETWORK_PORT_BANDWIDTH_IN_BURST "inbound.burst"
# define VIR_NETWORK_PORT_BANDWIDTH_IN_FLOOR "inbound.floor"
# define VIR_NETWORK_PORT_BANDWIDTH_IN_PEAK "inbound.peak"
# define VIR_NETWORK_PORT_BANDWIDTH_OUT_AVERAGE "outbound.average"
# define VIR_NETWORK_PORT_BANDWIDTH_OUT_BURST "outbound.burst"
# define VIR_NETWORK_PORT_BANDWIDTH_OUT_PEAK "outbound.peak"

# define VIR_NETWORK_EVENT_CALLBACK(cb) \
    ((virConnectNetworkEventGenericCallback)(cb))

/* ---- enumerations ---- */

/* virConnectListAllNetworksFlags: since 0.10.2 */
typedef enum {
    VIR_CONNECT_LIST_NETWORKS_INACTIVE     = 1 << 0, /* since 0.10.2 */
    VIR_CONNECT_LIST_NETWORKS_ACTIVE       = 1 << 1, /* since 0.10.2 */
    VIR_CONNECT_LIST_NETWORKS_PERSISTENT   = 1 << 2, /* since 0.10.2 */
    VIR_CONNECT_LIST_NETWORKS_TRANSIENT    = 1 << 3, /* since 0.10.2 */
    VIR_CONNECT_LIST_NETWORKS_AUTOSTART    = 1 << 4, /* since 0.10.2 */
    VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART = 1 << 5, /* since 0.10.2 */
} virConnectListAllNetworksFlags;

/* virIPAddrType: since 1.2.6 */
typedef enum {
    VIR_IP_ADDR_TYPE_IPV4 = 0, /* since 1.2.6 */
    VIR_IP_ADDR_TYPE_IPV6 = 1, /* since 1.2.6 */

# ifdef VIR_ENUM_SENTINELS
    VIR_IP_ADDR_TYPE_LAST = 2,
# endif
} virIPAddrType;

/* virNetworkCreateFlags: since 7.8.0 */
typedef enum {
    VIR_NETWORK_CREATE_VALIDATE = 1 << 0, /* since 7.8.0 */
} virNetworkCreateFlags;

/* virNetworkDefineFlags: since 7.7.0 */
typedef enum {
    VIR_NETWORK_DEFINE_VALIDATE = 1 << 0, /* since 7.7.0 */
} virNetworkDefineFlags;

/* virNetworkEventID: since 1.2.1 */
typedef enum {
    VIR_NETWORK_EVENT_ID_LIFECYCLE = 0, /* since 1.2.1 */

# ifdef VIR_ENUM_SENTINELS
    VIR_NETWORK_EVENT_ID_LAST      = 1,
# endif
} virNetworkEventID;

/* virNetworkEventLifecycleType: since 1.2.1 */
typedef enum {
    VIR_NETWORK_EVENT_DEFINED   = 0, /* since 1.2.1 */
    VIR_NETWORK_EVENT_UNDEFINED = 1, /* since 1.2.1 */
    VIR_NETWORK_EVENT_STARTED   = 2, /* since 1.2.1 */
    VIR_NETWORK_EVENT_STOPPED   = 3, /* since 1.2.1 */

# ifdef VIR_ENUM_SENTINELS
    VIR_NETWORK_EVENT_LAST      = 4,
# endif
} virNetworkEventLifecycleType;

/* virNetworkPortCreateFlags: since 5.5.0 */
typedef enum {
    VIR_NETWORK_PORT_CREATE_RECLAIM  = 1 << 0, /* since 5.5.0 */
    VIR_NETWORK_PORT_CREATE_VALIDATE = 1 << 1, /* since 7.8.0 */
} virNetworkPortCreateFlags;

/* virNetworkUpdateCommand: since 0.10.2 */
typedef enum {
    VIR_NETWORK_UPDATE_COMMAND_NONE      = 0, /* since 0.10.2 */
    VIR_NETWORK_UPDATE_COMMAND_MODIFY    = 1, /* since 0.10.2 */
    VIR_NETWORK_UPDATE_COMMAND_DELETE    = 2, /* since 0.10.2 */
    VIR_NETWORK_UPDATE_COMMAND_ADD_LAST  = 3, /* since 0.10.2 */
    VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST = 4, /* since 0.10.2 */

# ifdef VIR_ENUM_SENTINELS
    VIR_NETWORK_UPDATE_COMMAND_LAST      = 5,
# endif
} virNetworkUpdateCommand;

/* virNetworkUpdateFlags: since 0.10.2 */
typedef enum {
    VIR_NETWORK_UPDATE_AFFECT_CURRENT = 0, /* since 0.10.2 */
    VIR_NETWORK_UPDATE_AFFECT_LIVE    = 1 << 0, /* since 0.10.2 */
    VIR_NETWORK_UPDATE_AFFECT_CONFIG  = 1 << 1, /* since 0.10.2 */
} virNetworkUpdateFlags;

/* virNetworkUpdateSection: since 0.10.2 */
typedef enum {
    VIR_NETWORK_SECTION_NONE              = 0, /* since 0.10.2 */
    VIR_NETWORK_SECTION_BRIDGE            = 1, /* since 0.10.2 */
    VIR_NETWORK_SECTION_DOMAIN            = 2, /* since 0.10.2 */
    VIR_NETWORK_SECTION_IP                = 3, /* since 0.10.2 */
    VIR_NETWORK_SECTION_IP_DHCP_HOST      = 4, /* since 0.10.2 */
    VIR_NETWORK_SECTION_IP_DHCP_RANGE     = 5, /* since 0.10.2 */
    VIR_NETWORK_SECTION_FORWARD           = 6, /* since 0.10.2 */
    VIR_NETWORK_SECTION_FORWARD_INTERFACE = 7, /* since 0.10.2 */
    VIR_NETWORK_SECTION_FORWARD_PF        = 8, /* since 0.10.2 */
    VIR_NETWORK_SECTION_PORTGROUP         = 9, /* since 0.10.2 */
    VIR_NETWORK_SECTION_DNS_HOST          = 10, /* since 0.10.2 */
    VIR_NETWORK_SECTION_DNS_TXT           = 11, /* since 0.10.2 */
    VIR_NETWORK_SECTION_DNS_SRV           = 12, /* since 0.10.2 */

# ifdef VIR_ENUM_SENTINELS
    VIR_NETWORK_SECTION_LAST              = 13,
# endif
} virNetworkUpdateSection;

/* virNetworkXMLFlags: since 0.9.10 */
typedef enum {
    VIR_NETWORK_XML_INACTIVE = 1 << 0, /* since 0.9.10 */
} virNetworkXMLFlags;

/* ---- object and record types ---- */

typedef struct _virNetwork virNetwork; /* since 0.2.0 */
typedef struct _virNetworkDHCPLease virNetworkDHCPLease; /* since 1.2.6 */
typedef struct _virNetworkPort virNetworkPort; /* since 5.5.0 */

typedef virNetworkDHCPLease *virNetworkDHCPLeasePtr;
typedef virNetworkPort *virNetworkPortPtr;
typedef virNetwork *virNetworkPtr;

/* ---- callback types ---- */

/* since 1.2.1 */
typedef void (*virConnectNetworkEventGenericCallback)(virConnectPtr conn,
                                                      virNetworkPtr net,
                                                      void *opaque);

/* since 1.2.1 */
typedef void (*virConnectNetworkEventLifecycleCallback)(virConnectPtr conn,
                                                        virNetworkPtr net,
                                                        int event, int detail,
                                                        void *opaque);

/* ---- record layouts (part of the ABI: never reorder) ---- */

struct _virNetworkDHCPLease {
    char *iface;
    long long expirytime;
    int type;
    char *mac;
    char *iaid;
    char *ipaddr;
    unsigned int prefix;
    char *hostname;
    char *clientid;
};

/* ---- functions ---- */

int virConnectListAllNetworks(virConnectPtr conn, virNetworkPtr **nets,
                              unsigned int flags);
int virConnectListDefinedNetworks(virConnectPtr conn, char ** const names,
                                  int maxnames);
int virConnectListNetworks(virConnectPtr conn, char ** const names,
                           int maxnames);
int virConnectNetworkEventDeregisterAny(virConnectPtr conn, int callbackID);
int virConnectNetworkEventRegisterAny(virConnectPtr conn, virNetworkPtr net,
                                      int eventID,
                                      virConnectNetworkEventGenericCallback cb,
                                      void *opaque, virFreeCallback freecb);
int virConnectNumOfDefinedNetworks(virConnectPtr conn);
int virConnectNumOfNetworks(virConnectPtr conn);
int virNetworkCreate(virNetworkPtr network);
virNetworkPtr virNetworkCreateXML(virConnectPtr conn, const char *xmlDesc);
virNetworkPtr virNetworkCreateXMLFlags(virConnectPtr conn, const char *xmlDesc,
                                       unsigned int flags);
void virNetworkDHCPLeaseFree(virNetworkDHCPLeasePtr lease);
virNetworkPtr virNetworkDefineXML(virConnectPtr conn, const char *xml);
virNetworkPtr virNetworkDefineXMLFlags(virConnectPtr conn, const char *xml,
                                       unsigned int flags);
int virNetworkDestroy(virNetworkPtr network);
int virNetworkFree(virNetworkPtr network);
int virNetworkGetAutostart(virNetworkPtr network, int *autostart);
char *virNetworkGetBridgeName(virNetworkPtr network);
virConnectPtr virNetworkGetConnect(virNetworkPtr net);
int virNetworkGetDHCPLeases(virNetworkPtr network, const char *mac,
                            virNetworkDHCPLeasePtr **leases,
                            unsigned int flags);
const char *virNetworkGetName(virNetworkPtr network);
int virNetworkGetUUID(virNetworkPtr network, unsigned char *uuid);
int virNetworkGetUUIDString(virNetworkPtr network, char *buf);
char *virNetworkGetXMLDesc(virNetworkPtr network, unsigned int flags);
int virNetworkIsActive(virNetworkPtr net);
int virNetworkIsPersistent(virNetworkPtr net);
int virNetworkListAllPorts(virNetworkPtr network, virNetworkPortPtr **ports,
                           unsigned int flags);
virNetworkPtr virNetworkLookupByName(virConnectPtr conn, const char *name);
virNetworkPtr virNetworkLookupByUUID(virConnectPtr conn,
                                     const unsigned char *uuid);
virNetworkPtr virNetworkLookupByUUIDString(virConnectPtr conn,
                                           const char *uuidstr);
virNetworkPortPtr virNetworkPortCreateXML(virNetworkPtr net,
                                          const char *xmldesc,
                                          unsigned int flags);
int virNetworkPortDelete(virNetworkPortPtr port, unsigned int flags);
int virNetworkPortFree(virNetworkPortPtr port);
virNetworkPtr virNetworkPortGetNetwork(virNetworkPortPtr port);
int virNetworkPortGetParameters(virNetworkPortPtr port,
                                virTypedParameterPtr *params, int *nparams,
                                unsigned int flags);
int virNetworkPortGetUUID(virNetworkPortPtr port, unsigned char *uuid);
int virNetworkPortGetUUIDString(virNetworkPortPtr port, char *buf);
char *virNetworkPortGetXMLDesc(virNetworkPortPtr port, unsigned int flags);
virNetworkPortPtr virNetworkPortLookupByUUID(virNetworkPtr net,
                                             const unsigned char *uuid);
virNetworkPortPtr virNetworkPortLookupByUUIDString(virNetworkPtr net,
                                                   const char *uuidstr);
int virNetworkPortRef(virNetworkPortPtr port);
int virNetworkPortSetParameters(virNetworkPortPtr port,
                                virTypedParameterPtr params, int nparams,
                                unsigned int flags);
int virNetworkRef(virNetworkPtr network);
int virNetworkSetAutostart(virNetworkPtr network, int autostart);
int virNetworkUndefine(virNetworkPtr network);
int virNetworkUpdate(virNetworkPtr network, unsigned int command,
                     unsigned int section, int parentIndex, const char *xml,
                     unsigned int flags);

#endif /* LIBVIRT_NETWORK_H */
