/*
 * network_port_def.h: libvirt's <networkport> XML (a guest NIC's claim on
 * a virtual network), parsed into a struct and formatted back.
 *
 * Read and written by the schema engine (networkport.schema).  libvirt's
 * port parser reads only the elements it knows and drops the rest, so this
 * one does the same.  <virtualport> and <vlan> are kept as engine trees
 * (of this schema or, when the network driver copies a portgroup's, of
 * the network schema: both have the same shape).
 */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "libvirt/libvirt.h"
#include "conf/xnode.h"

/* <plug type='...'>, in libvirt's order; NONE means "not plugged yet". */
typedef enum {
    NUV_NETWORK_PORT_PLUG_NONE,
    NUV_NETWORK_PORT_PLUG_NETWORK,
    NUV_NETWORK_PORT_PLUG_BRIDGE,
    NUV_NETWORK_PORT_PLUG_DIRECT,
    NUV_NETWORK_PORT_PLUG_HOSTDEV_PCI,

    NUV_NETWORK_PORT_PLUG_LAST
} nuvNetworkPortPlugType;

/* One direction of <bandwidth>; 0 means "not set". */
typedef struct {
    unsigned long long average;
    unsigned long long peak;
    unsigned long long floor;
    unsigned long long burst;
} nuvNetworkPortRate;

typedef struct _nuvNetworkPortDef nuvNetworkPortDef;
struct _nuvNetworkPortDef {
    unsigned char uuid[VIR_UUID_BUFLEN];
    char *ownername;
    unsigned char owneruuid[VIR_UUID_BUFLEN];
    char *group;                /* portgroup, or NULL */
    char mac[18];               /* lower case, colon separated */

    nuvXNode *virtualport;      /* <virtualport>, or NULL */
    nuvXNode *vlan;             /* <vlan>, or NULL */
    nuvNetworkPortRate *in;     /* <bandwidth><inbound>, or NULL */
    nuvNetworkPortRate *out;    /* <bandwidth><outbound>, or NULL */
    unsigned int classID;       /* <bandwidth classID=...>, 0 if unset */
    int isolated;               /* <port isolated>: 0 unset, 1 yes, 2 no */
    int trustGuest;             /* <rxfilters trustGuest>: 0 unset, 1 yes, 2 no */

    int plugtype;               /* nuvNetworkPortPlugType */
    char *brname;               /* NETWORK, BRIDGE */
    char *macTableManager;      /* NETWORK, BRIDGE: "kernel"/"libvirt" or NULL */
    char *linkdev;              /* DIRECT */
    char *mode;                 /* DIRECT: macvtap mode, "vepa" by default */
    int managed;                /* HOSTDEV_PCI: 0 unset, 1 yes, 2 no */
    char *driverName;           /* HOSTDEV_PCI: "kvm", "vfio", "xen" or NULL */
    unsigned int pciDomain, pciBus, pciSlot, pciFunction; /* HOSTDEV_PCI */
};

void nuvNetworkPortDefFree(nuvNetworkPortDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(nuvNetworkPortDef, nuvNetworkPortDefFree)

/* @flags: virNetworkPortCreateFlags (VALIDATE makes unknown content an
 * error, as libvirt's RelaxNG check would). */
nuvNetworkPortDef *nuvNetworkPortDefParseString(const char *xml, unsigned int flags);
char *nuvNetworkPortDefFormat(const nuvNetworkPortDef *def);

const char *nuvNetworkPortPlugTypeToString(int type);
