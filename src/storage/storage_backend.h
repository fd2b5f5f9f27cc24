/*
 * storage_backend.h: what a pool type does on the host.
 *
 * Only directory pools are served here; every other type is refused with
 * VIR_ERR_NO_SUPPORT naming it (storageBackendCheckType).  Volumes of a
 * directory pool are the files and directories right under its target;
 * their names never leave it: a name is one path component, never "." or
 * "..", and files are reached relative to the pool's directory with
 * O_NOFOLLOW where they are written.
 */
#pragma once

#include "conf/storage_obj.h"

/* 0 when this host's driver can serve pools of @type, else -1 with
 * VIR_ERR_NO_SUPPORT reported. */
int storageBackendCheckType(int type);

/* Pool life cycle (pool locked).  Build makes the target directory;
 * Check verifies it is there and is a directory; Delete removes it (it
 * must be empty); Refresh re-reads its volumes and sizes. */
int storageBackendBuild(nuvStoragePoolObj *obj, unsigned int flags);
int storageBackendCheck(nuvStoragePoolObj *obj);
int storageBackendDelete(nuvStoragePoolObj *obj);
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
