/*
 * snapshot_def.h: libvirt's <domainsnapshot> XML, parsed and formatted,
 * and the rules that line a snapshot's disks up with its domain's.
 */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "conf/moment_list.h"
#include "conf/xnode.h"

/* Where a disk's or the memory's state goes (libvirt's
 * virDomainSnapshotLocation, same values). */
typedef enum {
    NUV_SNAPSHOT_LOC_DEFAULT,
    NUV_SNAPSHOT_LOC_NO,
    NUV_SNAPSHOT_LOC_INTERNAL,
    NUV_SNAPSHOT_LOC_EXTERNAL,
    NUV_SNAPSHOT_LOC_MANUAL,

    NUV_SNAPSHOT_LOC_LAST
} nuvSnapshotLocation;

/* A snapshot's <state>: the domain states (virDomainState values) plus
 * one for disk-only snapshots, as libvirt numbers them. */
typedef enum {
    NUV_SNAPSHOT_STATE_RUNNING = VIR_DOMAIN_RUNNING,
    NUV_SNAPSHOT_STATE_PAUSED = VIR_DOMAIN_PAUSED,
    NUV_SNAPSHOT_STATE_SHUTOFF = VIR_DOMAIN_SHUTOFF,
    NUV_SNAPSHOT_STATE_DISK_SNAPSHOT = VIR_DOMAIN_LAST,
} nuvSnapshotState;

typedef struct {
    char *name;                 /* the domain disk's target, once aligned */
    int snapshot;               /* nuvSnapshotLocation */
    nuvXNode *xml;              /* the <disk> element with its driver/source */
} nuvSnapshotDiskDef;

typedef struct {
    nuvMomentDef common;        /* first: the moment list handles it */
    int state;                  /* nuvSnapshotState; 0 when unset */
    int memory;                 /* nuvSnapshotLocation */
    char *memoryFile;
    GPtrArray *disks;           /* nuvSnapshotDiskDef * */
} nuvSnapshotDef;

void nuvSnapshotDefFree(nuvSnapshotDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(nuvSnapshotDef, nuvSnapshotDefFree)

typedef enum {
    /* an existing snapshot described again: name, state, creationTime
     * and the domain are read from the document */
    NUV_SNAPSHOT_PARSE_REDEFINE = 1 << 0,
} nuvSnapshotParseFlags;

/* Parse a <domainsnapshot>.  Without REDEFINE the creation time is now
 * and the name defaults to it.  Errors as libvirt's. */
nuvSnapshotDef *nuvSnapshotDefParseString(const char *xml, unsigned int flags);
/* A <test:domainsnapshot> of a node file: a redefinition that also says
 * in <active> whether it is the current snapshot (*current). */
nuvSnapshotDef *nuvSnapshotDefParseNodeString(const char *xml, bool *current);

/* @uuidstr: written as <domain><uuid> when the snapshot has no domain.
 * @flags: VIR_DOMAIN_SNAPSHOT_XML_SECURE. */
char *nuvSnapshotDefFormat(const nuvSnapshotDef *def, const char *uuidstr, unsigned int flags);

/* Give the snapshot one disk entry per disk of its domain (or of
 * @existing when it has none), in the domain's order, filling in each
 * disk's location (@defaultLoc unless the domain says otherwise) and
 * generating external file names.  With @uniformInternal and an internal
 * default, every disk must be part of the internal snapshot. */
int nuvSnapshotDefAlignDisks(nuvSnapshotDef *def, const nuvDomainDef *existing,
                             int defaultLoc, bool uniformInternal);

/* Does any part (memory or a disk) go to an external file? */
bool nuvSnapshotDefIsExternal(const nuvSnapshotDef *def);

const char *nuvSnapshotStateToString(int state);
