/*
 * libvirt-domain-snapshot.h: guest snapshots
 *
 * Part of nuvirt's public interface, which is source and binary compatible
 * with libvirt 9.0: names, values, types and layouts must not change.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_DOMAIN_SNAPSHOT_H
# define LIBVIRT_DOMAIN_SNAPSHOT_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "libvirt-domain-snapshot.h is a part of libvirt.h: include <libvirt/libvirt.h>"
# endif

/* ---- enumerations ---- */

/* virDomainSnapshotCreateFlags: since 0.9.5 */
typedef enum {
    VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE    = 1 << 0, /* since 0.9.5 */
    VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT     = 1 << 1, /* since 0.9.5 */
    VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA = 1 << 2, /* since 0.9.5 */
    VIR_DOMAIN_SNAPSHOT_CREATE_HALT        = 1 << 3, /* since 0.9.5 */
    VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY   = 1 << 4, /* since 0.9.5 */
    VIR_DOMAIN_SNAPSHOT_CREATE_REUSE_EXT   = 1 << 5, /* since 0.9.10 */
    VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE     = 1 << 6, /* since 0.9.10 */
    VIR_DOMAIN_SNAPSHOT_CREATE_ATOMIC      = 1 << 7, /* since 0.9.11 */
    VIR_DOMAIN_SNAPSHOT_CREATE_LIVE        = 1 << 8, /* since 1.0.1 */
    VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE    = 1 << 9, /* since 5.6.0 */
} virDomainSnapshotCreateFlags;

/* virDomainSnapshotDeleteFlags: since 0.8.0 */
typedef enum {
    VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN      = 1 << 0, /* since 0.8.0 */
    VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY = 1 << 1, /* since 0.9.5 */
    VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY = 1 << 2, /* since 0.9.5 */
} virDomainSnapshotDeleteFlags;

/* virDomainSnapshotListFlags: since 0.9.5 */
typedef enum {
    VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS = 1 << 0, /* since 0.9.7 */
    VIR_DOMAIN_SNAPSHOT_LIST_ROOTS       = 1 << 0, /* since 0.9.5 */
    VIR_DOMAIN_SNAPSHOT_LIST_METADATA    = 1 << 1, /* since 0.9.5 */
    VIR_DOMAIN_SNAPSHOT_LIST_LEAVES      = 1 << 2, /* since 0.9.7 */
    VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES   = 1 << 3, /* since 0.9.13 */
    VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA = 1 << 4, /* since 0.9.13 */
    VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE    = 1 << 5, /* since 1.0.1 */
    VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE      = 1 << 6, /* since 1.0.1 */
    VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY   = 1 << 7, /* since 1.0.1 */
    VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL    = 1 << 8, /* since 1.0.1 */
    VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL    = 1 << 9, /* since 1.0.1 */
    VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL = 1 << 10, /* since 5.2.0 */
} virDomainSnapshotListFlags;

/* virDomainSnapshotRevertFlags: since 0.9.5 */
typedef enum {
    VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING     = 1 << 0, /* since 0.9.5 */
    VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED      = 1 << 1, /* since 0.9.5 */
    VIR_DOMAIN_SNAPSHOT_REVERT_FORCE       = 1 << 2, /* since 0.9.7 */
    VIR_DOMAIN_SNAPSHOT_REVERT_RESET_NVRAM = 1 << 3, /* since 8.1.0 */
} virDomainSnapshotRevertFlags;

/* virDomainSnapshotXMLFlags: since 5.1.0 */
typedef enum {
    VIR_DOMAIN_SNAPSHOT_XML_SECURE = VIR_DOMAIN_XML_SECURE, /* since 5.1.0 */
} virDomainSnapshotXMLFlags;

/* ---- object and record types ---- */

typedef struct _virDomainSnapshot virDomainSnapshot; /* since 0.8.0 */

typedef virDomainSnapshot *virDomainSnapshotPtr;

/* ---- functions ---- */

int virDomainHasCurrentSnapshot(virDomainPtr domain, unsigned int flags);
int virDomainListAllSnapshots(virDomainPtr domain,
                              virDomainSnapshotPtr **snaps,
                              unsigned int flags);
int virDomainRevertToSnapshot(virDomainSnapshotPtr snapshot,
                              unsigned int flags);
virDomainSnapshotPtr virDomainSnapshotCreateXML(virDomainPtr domain,
                                                const char *xmlDesc,
                                                unsigned int flags);
virDomainSnapshotPtr virDomainSnapshotCurrent(virDomainPtr domain,
                                              unsigned int flags);
int virDomainSnapshotDelete(virDomainSnapshotPtr snapshot, unsigned int flags);
int virDomainSnapshotFree(virDomainSnapshotPtr snapshot);
virConnectPtr virDomainSnapshotGetConnect(virDomainSnapshotPtr snapshot);
virDomainPtr virDomainSnapshotGetDomain(virDomainSnapshotPtr snapshot);
const char *virDomainSnapshotGetName(virDomainSnapshotPtr snapshot);
virDomainSnapshotPtr virDomainSnapshotGetParent(virDomainSnapshotPtr snapshot,
                                                unsigned int flags);
char *virDomainSnapshotGetXMLDesc(virDomainSnapshotPtr snapshot,
                                  unsigned int flags);
int virDomainSnapshotHasMetadata(virDomainSnapshotPtr snapshot,
                                 unsigned int flags);
int virDomainSnapshotIsCurrent(virDomainSnapshotPtr snapshot,
                               unsigned int flags);
int virDomainSnapshotListAllChildren(virDomainSnapshotPtr snapshot,
                                     virDomainSnapshotPtr **snaps,
                                     unsigned int flags);
int virDomainSnapshotListChildrenNames(virDomainSnapshotPtr snapshot,
                                       char **names, int nameslen,
                                       unsigned int flags);
int virDomainSnapshotListNames(virDomainPtr domain, char **names, int nameslen,
                               unsigned int flags);
virDomainSnapshotPtr virDomainSnapshotLookupByName(virDomainPtr domain,
                                                   const char *name,
                                                   unsigned int flags);
int virDomainSnapshotNum(virDomainPtr domain, unsigned int flags);
int virDomainSnapshotNumChildren(virDomainSnapshotPtr snapshot,
                                 unsigned int flags);
int virDomainSnapshotRef(virDomainSnapshotPtr snapshot);

#endif /* LIBVIRT_DOMAIN_SNAPSHOT_H */
