/*
 * network_def.h: libvirt's network XML, parsed, formatted and updated
 * section by section (virNetworkUpdate).
 *
 * As for domains, the document is a schema-checked tree (conf/xnode.h,
 * table generated from network.schema).  Parsing normalises the tree the
 * way libvirt's parser does (defaults, the forward dev folded into the
 * interface list, case of the MAC address, ...), so formatting is a plain
 * walk of the tree.  The few fields drivers need are lifted into the
 * struct; they never change after parsing.
 */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "libvirt/libvirt.h"
#include "conf/xnode.h"

/* nuvNetworkForwardType (<forward mode='...'>, in libvirt's order) and
 * its ToString/FromString come from network.schema. */
#include "conf/network_schema.h"

typedef enum {
    /* VIR_NETWORK_DEFINE_VALIDATE: report unknown content as a schema
     * validation failure, as libvirt's RelaxNG check does */
    NUV_NETWORK_DEF_PARSE_VALIDATE = 1 << 0,
} nuvNetworkDefParseFlags;

typedef struct _nuvNetworkDef nuvNetworkDef;
struct _nuvNetworkDef {
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    int forwardType;            /* nuvNetworkForwardType */
    nuvXNode *tree;             /* the whole document */
};

void nuvNetworkDefFree(nuvNetworkDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(nuvNetworkDef, nuvNetworkDefFree)

nuvNetworkDef *nuvNetworkDefParseString(const char *xml, unsigned int flags);
/* @flags: virNetworkXMLFlags (INACTIVE leaves out runtime state). */
char *nuvNetworkDefFormat(const nuvNetworkDef *def, unsigned int flags);
nuvNetworkDef *nuvNetworkDefCopy(const nuvNetworkDef *def);

/* <bridge name='...'>, or NULL. */
const char *nuvNetworkDefBridge(const nuvNetworkDef *def);

/* virNetworkUpdate on one definition: @command is a
 * virNetworkUpdateCommand, @section a virNetworkUpdateSection, @xml the
 * element to add, modify or delete.  Errors as libvirt's. */
int nuvNetworkDefUpdateSection(nuvNetworkDef *def, unsigned int command,
                               unsigned int section, int parentIndex,
                               const char *xml);


/* The generated table (network_schema.c); entry 0 is <network>. */
extern const nuvXSElem nuvNetworkSchema[];
extern const size_t nuvNetworkSchemaCount;
