/*
 * interface_def.h: libvirt's host interface XML (<interface type='ethernet'
 * | 'bridge' | 'bond' | 'vlan'>).
 *
 * Read and written by the schema engine (interface.schema).  libvirt reads
 * this format leniently: it picks the elements it knows and ignores the
 * rest, and it rewrites values (numbers re-printed, defaults dropped), so
 * the tree is read skipping unknown content and then rewritten to what
 * libvirt keeps.  Strict checking is available through
 * NUV_INTERFACE_DEF_PARSE_VALIDATE, as libvirt's
 * VIR_INTERFACE_DEFINE_VALIDATE.
 */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "conf/interface_schema.h"

typedef enum {
    NUV_INTERFACE_DEF_PARSE_VALIDATE = 1 << 0,  /* unknown content is an error */
} nuvInterfaceDefParseFlags;

typedef struct _nuvInterfaceDef nuvInterfaceDef;
struct _nuvInterfaceDef {
    int type;                   /* nuvInterfaceType */
    char *name;
    char *mac;                  /* ethernet only, or NULL */
    nuvXNode *tree;             /* the whole definition, as libvirt keeps it */
};

void nuvInterfaceDefFree(nuvInterfaceDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(nuvInterfaceDef, nuvInterfaceDefFree)

/* Parse a document; errors as libvirt reports them (VIR_FROM_INTERFACE,
 * VIR_FROM_XML for attribute values). */
nuvInterfaceDef *nuvInterfaceDefParseString(const char *xml, unsigned int flags);
char *nuvInterfaceDefFormat(const nuvInterfaceDef *def);
nuvInterfaceDef *nuvInterfaceDefCopy(const nuvInterfaceDef *def);
