/*
 * interface_def.h: libvirt's host interface XML (<interface type='ethernet'
 * | 'bridge' | 'bond' | 'vlan'>), parsed into a struct and formatted back.
 *
 * Unlike the domain and network formats, libvirt reads this one leniently:
 * it picks the elements it knows and ignores the rest, and it rewrites
 * values (numbers re-printed, defaults dropped).  A schema-checked tree
 * would reject documents stock accepts, so this format is a plain struct
 * with a hand-written reader and writer.  Strict checking is still
 * available through NUV_INTERFACE_DEF_PARSE_VALIDATE, as libvirt's
 * VIR_INTERFACE_DEFINE_VALIDATE.
 */
#pragma once

#include <stdbool.h>
#include <glib.h>
#include <libxml/tree.h>

#include "libvirt/libvirt.h"

typedef enum {
    NUV_INTERFACE_ETHERNET,
    NUV_INTERFACE_BRIDGE,
    NUV_INTERFACE_BOND,
    NUV_INTERFACE_VLAN,
    NUV_INTERFACE_LAST
} nuvInterfaceType;

typedef enum {
    NUV_INTERFACE_DEF_PARSE_VALIDATE = 1 << 0,  /* unknown content is an error */
} nuvInterfaceDefParseFlags;

typedef struct {
    char *address;
    int prefix;                 /* 0: not written */
} nuvInterfaceIP;

typedef struct {
    char *family;               /* "ipv4" or "ipv6" */
    bool autoconf;
    bool dhcp;
    int peerdns;                /* -1 unset, 0 no, 1 yes */
    GPtrArray *ips;             /* nuvInterfaceIP * */
    char *gateway;              /* the first <route>'s */
} nuvInterfaceProtocol;

typedef struct _nuvInterfaceDef nuvInterfaceDef;
struct _nuvInterfaceDef {
    int type;                   /* nuvInterfaceType */
    char *name;
    int startmode;              /* 0 unset, then none, onboot, hotplug */
    unsigned int mtu;           /* 0: unset */
    char *mac;                  /* ethernet only */
    unsigned int linkSpeed;
    int linkState;              /* index into libvirt's link state names; 0 unset */
    GPtrArray *protos;          /* nuvInterfaceProtocol *, top level only */

    /* bridge */
    int stp;                    /* -1 unset */
    char *delay;
    /* bond */
    int bondMode;               /* 0 unset, then libvirt's mode order */
    int monitor;                /* 0 none, 1 miimon, 2 arpmon */
    int freq, downdelay, updelay, carrier;
    int interval, validate;
    char *target;
    /* vlan */
    char *tag;
    char *vlanDev;

    GPtrArray *members;         /* nuvInterfaceDef *: bridge or bond members */
};

void nuvInterfaceDefFree(nuvInterfaceDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(nuvInterfaceDef, nuvInterfaceDefFree)

/* Parse a document; errors as libvirt reports them (VIR_FROM_INTERFACE,
 * VIR_FROM_XML for attribute values). */
nuvInterfaceDef *nuvInterfaceDefParseString(const char *xml, unsigned int flags);
char *nuvInterfaceDefFormat(const nuvInterfaceDef *def);
nuvInterfaceDef *nuvInterfaceDefCopy(const nuvInterfaceDef *def);
