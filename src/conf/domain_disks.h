/*
 * domain_disks.h: one typed record per <disk> of a domain.
 *
 * Snapshots, checkpoints, hotplug, block jobs, block statistics and the
 * QEMU command line all need the same few facts about a disk: its target,
 * what kind of device and bus it is, where its data comes from, its image
 * format.  They read them here instead of walking the tree and comparing
 * attribute strings each in its own way, so that "the disk's source path"
 * and "the disk called vda" mean the same thing everywhere.
 *
 * A record borrows its strings from the definition's tree: it is valid
 * while that tree is not changed.  Read it again after a change.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>

#include "conf/domain_def.h"

/* Where a disk's (or a backing image's) data comes from. */
typedef struct {
    nuvDomainDiskType type;     /* FILE when the document leaves it out */
    /* libvirt's "source path": the file, device or directory of a local
     * source, the image name of a network one, a vhost-user socket;
     * NULL for an empty drive and for a volume not yet resolved */
    const char *path;
    int protocol;               /* nuvDomainDiskProtocol (network), -1 when absent */
    const char *name;           /* network: the image name */
    const char *pool;           /* volume */
    const char *volume;         /* volume */
    const char *format;         /* image format (driver/@type, format/@type) */
} nuvDomainDiskSource;

typedef struct {
    nuvXNode *node;             /* the <disk> element, owned by its tree */
    const char *dst;            /* target/@dev */
    nuvDomainDiskDevice device; /* DISK when left out */
    int bus;                    /* nuvDomainDiskBus, -1 when absent */
    nuvDomainDiskSource src;
    const char *driverName;     /* driver/@name ("qemu") */
    int cache;                  /* nuvDomainDiskCache, -1 when absent */
    int snapshot;               /* nuvDomainDiskSnapshot, -1 when absent */
    bool readonly;
    bool shareable;
    /* the <backingStore> chain as the document gives it, top first */
    nuvDomainDiskSource *backing;
    size_t nbacking;
} nuvDomainDisk;

/* Fill @disk from a <disk> element (in a definition or a detached device
 * from nuvDomainDeviceParse); release it with nuvDomainDiskClear. */
void nuvDomainDiskRead(nuvDomainDisk *disk, const nuvXNode *node);
void nuvDomainDiskClear(nuvDomainDisk *disk);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(nuvDomainDisk, nuvDomainDiskClear)

/* libvirt's test for a drive without media: a local source without a
 * path, a network source without a protocol. */
bool nuvDomainDiskIsEmpty(const nuvDomainDisk *disk);

/* Every disk of a definition, in document order. */
typedef struct {
    nuvDomainDisk *disks;
    size_t ndisks;
} nuvDomainDiskList;

nuvDomainDiskList *nuvDomainDiskListNew(const nuvDomainDef *def);
void nuvDomainDiskListFree(nuvDomainDiskList *list);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(nuvDomainDiskList, nuvDomainDiskListFree)

/* The disk whose target is @dst; NULL (no error) when none. */
const nuvDomainDisk *nuvDomainDiskListByTarget(const nuvDomainDiskList *list, const char *dst);
/* The one disk whose source path is @path; NULL (no error) when none,
 * or when several share it and @ambiguous is given (set true then). */
const nuvDomainDisk *nuvDomainDiskListByPath(const nuvDomainDiskList *list, const char *path,
                                             bool *ambiguous);
/* libvirt's lookup of a disk by the name a user gives: a target, or, for
 * an absolute path, the source path only one disk has.  Its index, or -1. */
int nuvDomainDiskListIndexByName(const nuvDomainDiskList *list, const char *name);
/* A target first, then a source path (the lookup of the block-device
 * calls: "vda" or "/images/a.img"); NULL when none matches. */
const nuvDomainDisk *nuvDomainDiskListByTargetOrPath(const nuvDomainDiskList *list,
                                                     const char *name);
