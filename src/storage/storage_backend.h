/*
 * storage_backend.h: what a pool type does on the host.
 *
 * Each served type has a storageBackend table (dir and fs in
 * storage_backend.c and storage_backend_fs.c, logical and disk in their
 * own files); every other type is refused with VIR_ERR_NO_SUPPORT naming
 * it (storageBackendFor).  The storageBackend* functions below are the
 * directory pool's, which a mounted fs pool shares.  Volumes of a
 * directory pool are the files and directories right under its target;
 * their names never leave it: a name is one path component, never "." or
 * "..", and files are reached relative to the pool's directory with
 * O_NOFOLLOW where they are written.
 */
#pragma once

#include "conf/storage_obj.h"

/* What a pool type does.  Pool operations run with the pool locked.  A
 * NULL pool slot (build, start, stop, remove, findSources) is one the
 * type does not have; the volume slots and refresh are always set (a
 * backend that cannot do something reports VIR_ERR_NO_SUPPORT itself). */
typedef struct _storageBackend storageBackend;
struct _storageBackend {
    int type;
    /* virStoragePoolBuild (flags: VIR_STORAGE_POOL_BUILD_*) */
    int (*build)(nuvStoragePoolObj *obj, unsigned int flags);
    /* Make the pool usable (mount, activate); one that already is (a
     * driver restarted while it ran) is left as it is. */
    int (*start)(nuvStoragePoolObj *obj);
    /* Undo start; errors are logged, not reported: the pool stops anyway. */
    void (*stop)(nuvStoragePoolObj *obj);
    /* Re-read the pool's volumes and sizes. */
    int (*refresh)(nuvStoragePoolObj *obj);
    /* virStoragePoolDelete (flags: VIR_STORAGE_POOL_DELETE_*) */
    int (*remove)(nuvStoragePoolObj *obj, unsigned int flags);
    nuvStorageVolDef *(*createVol)(nuvStoragePoolObj *obj, const nuvStorageVolDef *def,
                                   const char *src, const char *srcFormat,
                                   unsigned int flags);
    int (*deleteVol)(nuvStoragePoolObj *obj, nuvStorageVolObj *vol);
    int (*wipeVol)(nuvStoragePoolObj *obj, nuvStorageVolObj *vol, unsigned int algorithm);
    int (*resizeVol)(nuvStoragePoolObj *obj, nuvStorageVolObj *vol,
                     unsigned long long capacity, unsigned int flags);
    int (*updateVol)(nuvStoragePoolObj *obj, nuvStorageVolObj *vol);
    int (*openVol)(nuvStoragePoolObj *obj, nuvStorageVolObj *vol, bool write);
    /* virConnectFindStoragePoolSources: a <sources> document. */
    char *(*findSources)(const char *srcSpec, unsigned int flags);
};

extern const storageBackend storageBackendDir;
extern const storageBackend storageBackendFs;
extern const storageBackend storageBackendLogical;
extern const storageBackend storageBackendDisk;

/* The backend of pools of @type, or NULL with VIR_ERR_NO_SUPPORT naming
 * the type reported. */
const storageBackend *storageBackendFor(int type);
/* 0 when this host's driver can serve pools of @type, else -1 with
 * VIR_ERR_NO_SUPPORT reported. */
int storageBackendCheckType(int type);
/* Report that pools of @type cannot do @what; returns -1. */
int storageBackendNoSupport(int type, const char *what);

/* Volume slots of pools whose volumes are block devices (partitions,
 * logical volumes), reached through their paths: wipe writes zeros or
 * random data over the whole device; open is for a stream. */
int storageBackendWipeBlockVol(nuvStoragePoolObj *obj, nuvStorageVolObj *vol,
                               unsigned int algorithm);
int storageBackendOpenBlockVol(nuvStoragePoolObj *obj, nuvStorageVolObj *vol, bool write);
/* Copy the data of @src (an image of format @srcFormat) onto the block
 * device volume at @path (a clone into a disk or logical pool). */
int storageBackendCopyToBlock(const char *src, const char *srcFormat, const char *path);
/* Give @vol the freshly probed @def (NULL: the probe failed, its error
 * reported; -1 and @vol unchanged). */
int storageBackendSetVolDef(nuvStoragePoolObj *obj, nuvStorageVolObj *vol,
                            nuvStorageVolDef *def);
/* What blkid finds on @device: a filesystem or partition table type, or
 * NULL when it finds nothing (storage_backend_fs.c). */
char *storageBackendProbeSignature(const char *device);
/* Run a host tool (errors in the storage domain carry its stderr). */
int storageBackendRun(const char *const *argv, char **out);

/* Pool life cycle (pool locked).  Build makes the target directory;
 * Check verifies it is there and is a directory; Delete removes it (it
 * must be empty); Refresh re-reads its volumes and sizes. */
int storageBackendBuild(nuvStoragePoolObj *obj, unsigned int flags);
int storageBackendCheck(nuvStoragePoolObj *obj);
int storageBackendDelete(nuvStoragePoolObj *obj, unsigned int flags);
int storageBackendRefresh(nuvStoragePoolObj *obj);

/* 0 when @name may name a volume of a pool, else -1 with
 * VIR_ERR_INVALID_ARG reported. */
int storageBackendCheckVolName(const char *name);

/* A volume definition describing the file @name in @dir as it is now
 * (type, sizes, format, backing store, permissions), or NULL: with an
 * error reported when @report, silently when the entry is not a volume
 * (a socket, a dangling link, one of our temporary files). */
nuvStorageVolDef *storageBackendProbeVol(int dirfd, const char *dir, const char *name,
                                         bool report);

/* Create @def's file in the pool, copying from @src (a path, with its
 * format @srcFormat) when not NULL.  The file appears under its name only
 * complete: it is built under a hidden temporary name and linked into
 * place.  On failure nothing is left.  Returns the probed volume
 * definition for what was created, or NULL. */
nuvStorageVolDef *storageBackendCreateVol(nuvStoragePoolObj *obj, const nuvStorageVolDef *def,
                                          const char *src, const char *srcFormat,
                                          unsigned int flags);
int storageBackendDeleteVol(nuvStoragePoolObj *obj, nuvStorageVolObj *vol);
int storageBackendWipeVol(nuvStoragePoolObj *obj, nuvStorageVolObj *vol,
                          unsigned int algorithm);
int storageBackendResizeVol(nuvStoragePoolObj *obj, nuvStorageVolObj *vol,
                            unsigned long long capacity, unsigned int flags);
/* Re-read one volume's definition from its file (after a change). */
int storageBackendUpdateVol(nuvStoragePoolObj *obj, nuvStorageVolObj *vol);

/* Open a volume's file for a stream: read-only, or for writing without
 * following a link.  Returns the fd or -1 with an error reported. */
int storageBackendOpenVol(nuvStoragePoolObj *obj, nuvStorageVolObj *vol, bool write);
