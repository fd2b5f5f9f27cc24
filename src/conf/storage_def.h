/*
 * storage_def.h: storage pool and volume definitions (libvirt's <pool> and
 * <volume> XML).
 *
 * As for domains, the document itself lives in a schema-checked tree
 * (storage_pool.schema, storage_vol.schema); the few values drivers act on
 * (type, name, UUID, sizes, paths) are lifted into fields at parse time and
 * written back into a copy of the tree when formatting.
 */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "libvirt/libvirt.h"
#include "conf/xnode.h"

/* nuvStoragePoolType (in libvirt's virStoragePoolType order) and its
 * ToString/FromString come from storage_pool.schema. */
#include "conf/storage_pool_schema.h"
#include "conf/storage_vol_schema.h"

typedef struct _nuvStoragePoolDef nuvStoragePoolDef;
struct _nuvStoragePoolDef {
    nuvXNode *tree;             /* the document; fields below win over it */
    int type;                   /* nuvStoragePoolType */
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    unsigned long long capacity;    /* bytes */
    unsigned long long allocation;
    unsigned long long available;
    char *targetPath;           /* NULL for pools without a local target */
};

void nuvStoragePoolDefFree(nuvStoragePoolDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(nuvStoragePoolDef, nuvStoragePoolDefFree)
nuvStoragePoolDef *nuvStoragePoolDefCopy(const nuvStoragePoolDef *def);

/* Parse and check a <pool> document; errors reported with libvirt's codes
 * (VIR_FROM_STORAGE). */
nuvStoragePoolDef *nuvStoragePoolDefParseString(const char *xml);
char *nuvStoragePoolDefFormat(const nuvStoragePoolDef *def);

/* The VIR_CONNECT_LIST_STORAGE_POOLS_<TYPE> bit of a pool type. */
unsigned int nuvStoragePoolTypeListFlag(int type);

typedef struct _nuvStorageVolDef nuvStorageVolDef;
struct _nuvStorageVolDef {
    nuvXNode *tree;
    int type;                   /* virStorageVolType */
    char *name;
    char *key;                  /* set by the driver */
    char *path;                 /* set by the driver */
    unsigned long long capacity;    /* bytes */
    unsigned long long allocation;
};

void nuvStorageVolDefFree(nuvStorageVolDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(nuvStorageVolDef, nuvStorageVolDefFree)
nuvStorageVolDef *nuvStorageVolDefCopy(const nuvStorageVolDef *def);

/* Parse a <volume> document for a pool of type @poolType (which decides
 * the default and the accepted target formats). */
nuvStorageVolDef *nuvStorageVolDefParseString(int poolType, const char *xml);
char *nuvStorageVolDefFormat(const nuvStorageVolDef *def);

/* The target format name ("raw", "qcow2", ...) or NULL. */
const char *nuvStorageVolDefFormatType(const nuvStorageVolDef *def);
