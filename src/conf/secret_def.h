/*
 * secret_def.h: libvirt's secret XML.
 *
 * The document is a schema-checked tree (conf/xnode.h, table generated
 * from secret.schema), normalised after parsing the way libvirt reads it:
 * ephemeral and private always written, the usage element reduced to the
 * one child its type names.  The fields drivers need are lifted into the
 * struct and never change after parsing.
 */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "libvirt/libvirt.h"
#include "conf/xnode.h"

typedef struct _nuvSecretDef nuvSecretDef;
struct _nuvSecretDef {
    unsigned char uuid[VIR_UUID_BUFLEN];
    bool isEphemeral;
    bool isPrivate;
    int usageType;              /* virSecretUsageType */
    char *usageID;              /* NULL for VIR_SECRET_USAGE_TYPE_NONE */
    nuvXNode *tree;             /* the whole document */
};

void nuvSecretDefFree(nuvSecretDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(nuvSecretDef, nuvSecretDefFree)

typedef enum {
    /* VIR_SECRET_DEFINE_VALIDATE: unknown content is a schema failure */
    NUV_SECRET_DEF_PARSE_VALIDATE = 1 << 0,
} nuvSecretDefParseFlags;

nuvSecretDef *nuvSecretDefParseString(const char *xml, unsigned int flags);
char *nuvSecretDefFormat(const nuvSecretDef *def);

/* "none", "volume", "ceph", "iscsi", "tls", "vtpm"; NULL out of range. */
const char *nuvSecretUsageTypeToString(int type);

/* The generated table (secret_schema.c); entry 0 is <secret>. */
extern const nuvXSElem nuvSecretSchema[];
extern const size_t nuvSecretSchemaCount;
