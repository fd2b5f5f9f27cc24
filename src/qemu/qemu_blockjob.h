/*
 * qemu_blockjob.h: block jobs on a running guest's disks — copy (mirror),
 * pull (stream), commit (intermediate and active) — with QEMU's -blockdev
 * jobs, and the disk lookups they share with the other disk APIs.
 */
#pragma once

#include "qemu/qemu_job.h"
#include "conf/xnode.h"

/* The <disk> of @def that @path names (its target or its source file),
 * or NULL with VIR_ERR_INVALID_ARG. */
nuvXNode *qemuBlockFindDisk(const nuvDomainDef *def, const char *path);

/* QEMU's node name for the top (format) node of @disk (obj locked,
 * running), found with query-block by the device's alias. */
char *qemuBlockDiskNode(nuvDomainObj *obj, const nuvXNode *disk);

/* What an ended job changes in the live definition (obj locked): the
 * disk's new source after a pivot.  Called from the event handler. */
void qemuBlockJobApply(nuvDomainObj *obj, qemuBlockJob *job);

/* Open @path as two nodes, "X-storage" (file) and "X-format" (@format),
 * for a copy or a hotplugged disk; the pair goes with qemuBlockNodeDelPair
 * (given the format node; errors there are not reported). */
int qemuBlockNodeAdd(nuvDomainObj *obj, const char *path, const char *format,
                     const char *storageNode, const char *formatNode, bool readonly);
void qemuBlockNodeDelPair(nuvDomainObj *obj, const char *formatNode);

/* Driver methods. */
int qemuDomainBlockRebase(virDomainPtr dom, const char *path, const char *base,
                          unsigned long bandwidth, unsigned int flags);
int qemuDomainBlockPull(virDomainPtr dom, const char *path, unsigned long bandwidth,
                        unsigned int flags);
int qemuDomainBlockCopy(virDomainPtr dom, const char *disk, const char *destxml,
                        virTypedParameterPtr params, int nparams, unsigned int flags);
int qemuDomainBlockCommit(virDomainPtr dom, const char *disk, const char *base,
                          const char *top, unsigned long bandwidth, unsigned int flags);
int qemuDomainBlockJobAbort(virDomainPtr dom, const char *path, unsigned int flags);
int qemuDomainGetBlockJobInfo(virDomainPtr dom, const char *path, virDomainBlockJobInfoPtr info,
                              unsigned int flags);
int qemuDomainBlockJobSetSpeed(virDomainPtr dom, const char *path, unsigned long bandwidth,
                               unsigned int flags);
