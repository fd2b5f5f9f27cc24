/*
 * libvirt-domain-checkpoint.h: checkpoints of guest disks, used for
 * incremental backup
 *
 * Part of nuvirt's public interface, which is source and binary compatible
 * with libvirt 9.0: names, values, types and layouts must not change.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_DOMAIN_CHECKPOINT_H
# define LIBVIRT_DOMAIN_CHECKPOINT_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "libvirt-domain-checkpoint.h is a part of libvirt.h: include <libvirt/libvirt.h>"
# endif

/* ---- enumerations ---- */

/* virDomainCheckpointCreateFlags: since 5.6.0 */
typedef enum {
    VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE          = 1 << 0, /* since 5.6.0 */
    VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE           = 1 << 1, /* since 5.6.0 */
    VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE_VALIDATE = 1 << 2, /* since 6.10.0 */
} virDomainCheckpointCreateFlags;

/* virDomainCheckpointDeleteFlags: since 5.6.0 */
typedef enum {
    VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN      = 1 << 0, /* since 5.6.0 */
    VIR_DOMAIN_CHECKPOINT_DELETE_METADATA_ONLY = 1 << 1, /* since 5.6.0 */
    VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY = 1 << 2, /* since 5.6.0 */
} virDomainCheckpointDeleteFlags;

/* virDomainCheckpointListFlags: since 5.6.0 */
typedef enum {
    VIR_DOMAIN_CHECKPOINT_LIST_DESCENDANTS = 1 << 0, /* since 5.6.0 */
    VIR_DOMAIN_CHECKPOINT_LIST_ROOTS       = 1 << 0, /* since 5.6.0 */
    VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL = 1 << 1, /* since 5.6.0 */
    VIR_DOMAIN_CHECKPOINT_LIST_LEAVES      = 1 << 2, /* since 5.6.0 */
    VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES   = 1 << 3, /* since 5.6.0 */
} virDomainCheckpointListFlags;

/* virDomainCheckpointXMLFlags: since 5.6.0 */
typedef enum {
    VIR_DOMAIN_CHECKPOINT_XML_SECURE    = 1 << 0, /* since 5.6.0 */
    VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN = 1 << 1, /* since 5.6.0 */
    VIR_DOMAIN_CHECKPOINT_XML_SIZE      = 1 << 2, /* since 5.6.0 */
} virDomainCheckpointXMLFlags;

/* ---- object and record types ---- */

typedef struct _virDomainCheckpoint virDomainCheckpoint; /* since 5.2.0 */

typedef virDomainCheckpoint *virDomainCheckpointPtr;

/* ---- functions ---- */

virDomainCheckpointPtr virDomainCheckpointCreateXML(virDomainPtr domain,
                                                    const char *xmlDesc,
                                                    unsigned int flags);
int virDomainCheckpointDelete(virDomainCheckpointPtr checkpoint,
                              unsigned int flags);
int virDomainCheckpointFree(virDomainCheckpointPtr checkpoint);
virConnectPtr virDomainCheckpointGetConnect(virDomainCheckpointPtr checkpoint);
virDomainPtr virDomainCheckpointGetDomain(virDomainCheckpointPtr checkpoint);
const char *virDomainCheckpointGetName(virDomainCheckpointPtr checkpoint);
virDomainCheckpointPtr virDomainCheckpointGetParent(
    virDomainCheckpointPtr checkpoint, unsigned int flags);
char *virDomainCheckpointGetXMLDesc(virDomainCheckpointPtr checkpoint,
                                    unsigned int flags);
int virDomainCheckpointListAllChildren(virDomainCheckpointPtr checkpoint,
                                       virDomainCheckpointPtr **children,
                                       unsigned int flags);
virDomainCheckpointPtr virDomainCheckpointLookupByName(virDomainPtr domain,
                                                       const char *name,
                                                       unsigned int flags);
int virDomainCheckpointRef(virDomainCheckpointPtr checkpoint);
int virDomainListAllCheckpoints(virDomainPtr domain,
                                virDomainCheckpointPtr **checkpoints,
                                unsigned int flags);

#endif /* LIBVIRT_DOMAIN_CHECKPOINT_H */
