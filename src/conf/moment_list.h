/*
 * moment_list.h: the tree of a domain's snapshots (or checkpoints).
 *
 * A moment is a point in a domain's history: a name, an optional parent,
 * when it was taken and the domain definition of that time.  The list
 * indexes moments by name, links each to its parent, and remembers which
 * one is "current" (the one a new moment takes as its parent).
 *
 * Locking: none of its own; the list belongs to a domain object and is
 * guarded by that object's lock.
 */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "conf/domain_def.h"

/* What snapshots and checkpoints have in common; each kind's definition
 * starts with this struct so the list can handle both. */
typedef struct {
    char *name;
    char *description;          /* NULL when absent */
    char *parentName;           /* NULL for a root */
    long long creationTime;     /* seconds since the epoch */
    nuvDomainDef *dom;          /* the domain as it was; may be NULL */
    nuvDomainDef *inactiveDom;  /* its persistent config, when it differed */
} nuvMomentDef;

void nuvMomentDefClear(nuvMomentDef *def);

/* Append @dom's inactive XML (with secrets when @secure) indented one
 * level, its root element renamed to @rootName ("domain" or
 * "inactiveDomain"), as snapshots and checkpoints embed it. */
void nuvMomentFormatDomain(GString *buf, const nuvDomainDef *dom, const char *rootName,
                           bool secure);

typedef struct _nuvMoment nuvMoment;
struct _nuvMoment {
    nuvMomentDef *def;          /* owned; the kind's whole definition */
    nuvMoment *parent;          /* the list's root for top-level moments */
    GPtrArray *children;        /* nuvMoment *, not owned, newest first */
};

typedef struct _nuvMomentList nuvMomentList;

/* @defFree frees a kind's whole definition (given its nuvMomentDef). */
nuvMomentList *nuvMomentListNew(GDestroyNotify defFree);
void nuvMomentListFree(nuvMomentList *list);

size_t nuvMomentListSize(const nuvMomentList *list);
nuvMoment *nuvMomentListFind(const nuvMomentList *list, const char *name);
nuvMoment *nuvMomentListGetCurrent(const nuvMomentList *list);
void nuvMomentListSetCurrent(nuvMomentList *list, nuvMoment *moment);
/* Is @moment a top-level one (no parent moment)? */
bool nuvMomentIsRoot(const nuvMomentList *list, const nuvMoment *moment);

/* Would a moment @def (being added or redefined) have a parent that
 * exists and is not one of its own descendants?  Errors as libvirt's
 * (VIR_ERR_INVALID_ARG), reported in @errDomain. */
int nuvMomentListCheckCycles(const nuvMomentList *list, const nuvMomentDef *def,
                             int errDomain);

/* Add a new moment, unlinked (call nuvMomentListLink after).  *def is
 * consumed on success; a name already taken is VIR_ERR_OPERATION_FAILED. */
nuvMoment *nuvMomentListAdd(nuvMomentList *list, nuvMomentDef **def);

/* Hang @moment under the moment its def names as parent (or the root). */
void nuvMomentListLink(nuvMomentList *list, nuvMoment *moment);
/* Take @moment out of its parent's children (it keeps its own). */
void nuvMomentUnlink(nuvMoment *moment);

/* Give @moment the definition *def (consumed), keeping its children;
 * the caller relinks it to its (maybe new) parent. */
void nuvMomentReplaceDef(nuvMomentList *list, nuvMoment *moment, nuvMomentDef **def);

/* Delete @moment; its children move to its parent, their parentName
 * rewritten.  If it was current, its parent becomes current. */
void nuvMomentListDelete(nuvMomentList *list, nuvMoment *moment);
/* Delete every descendant of @moment.  If the current one was among
 * them, @moment becomes current. */
void nuvMomentListDeleteDescendants(nuvMomentList *list, nuvMoment *moment);
void nuvMomentListClear(nuvMomentList *list);

/* Selection for nuvMomentListCollect; the values mirror libvirt's
 * VIR_DOMAIN_SNAPSHOT_LIST_ROOTS/DESCENDANTS ... bits only by meaning. */
typedef enum {
    NUV_MOMENT_LIST_ALL = 1 << 0,       /* from NULL: every moment, not just roots;
                                         * from a moment: all descendants */
    NUV_MOMENT_LIST_TOPOLOGICAL = 1 << 1,
    NUV_MOMENT_LIST_LEAVES = 1 << 2,
    NUV_MOMENT_LIST_NO_LEAVES = 1 << 3,
    NUV_MOMENT_LIST_METADATA = 1 << 4,
    NUV_MOMENT_LIST_NO_METADATA = 1 << 5,
} nuvMomentListFlags;

typedef bool (*nuvMomentFilter)(const nuvMoment *moment, unsigned int filterFlags);

/* The moments selected from @from (NULL: the whole list), in a stable
 * order: topological when asked (parents before children), else the
 * order they were added in.  Returns a new array of nuvMoment * (not
 * owned).  @filter, if given, is asked about each with @filterFlags. */
GPtrArray *nuvMomentListCollect(const nuvMomentList *list, nuvMoment *from,
                                unsigned int flags, nuvMomentFilter filter,
                                unsigned int filterFlags);
