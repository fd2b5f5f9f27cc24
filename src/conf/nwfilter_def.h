/*
 * nwfilter_def.h: libvirt's network filter XML (<filter>) and filter
 * binding XML (<filterbinding>).
 *
 * Both are read and written by the schema engine (nwfilter.schema,
 * nwfilterbinding.schema).  A filter keeps its rules and references to
 * other filters interleaved in document order, as libvirt writes them;
 * each rule's values are stored already in the form libvirt writes them
 * (nwfilter_def.c), so formatting is the engine's walk of the tree.
 */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "libvirt/libvirt.h"
#include "conf/xnode.h"

typedef struct _nuvNWFilterDef nuvNWFilterDef;
struct _nuvNWFilterDef {
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];    /* written back as the <uuid> */
    bool uuidSpecified;
    nuvXNode *tree;             /* <filter>: its chain, priority, rules and references */
};

typedef enum {
    /* VIR_NWFILTER_DEFINE_VALIDATE / VIR_NWFILTER_BINDING_CREATE_VALIDATE */
    NUV_NWFILTER_DEF_PARSE_VALIDATE = 1 << 0,
} nuvNWFilterDefParseFlags;

void nuvNWFilterDefFree(nuvNWFilterDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(nuvNWFilterDef, nuvNWFilterDefFree)

nuvNWFilterDef *nuvNWFilterDefParseString(const char *xml, unsigned int flags);
char *nuvNWFilterDefFormat(const nuvNWFilterDef *def);

/* The filters @def references by name, in document order (borrowed). */
GPtrArray *nuvNWFilterDefRefs(const nuvNWFilterDef *def);

typedef struct _nuvNWFilterBindingDef nuvNWFilterBindingDef;
struct _nuvNWFilterBindingDef {
    char *ownerName;
    unsigned char ownerUUID[VIR_UUID_BUFLEN];
    char *portdev;
    char *linkdev;              /* may be NULL */
    char mac[18];               /* lower-case aa:bb:cc:dd:ee:ff */
    char *filter;               /* the filter it applies */
    nuvXNode *tree;             /* the whole binding, as libvirt writes it */
};

void nuvNWFilterBindingDefFree(nuvNWFilterBindingDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(nuvNWFilterBindingDef, nuvNWFilterBindingDefFree)

nuvNWFilterBindingDef *nuvNWFilterBindingDefParseString(const char *xml, unsigned int flags);
char *nuvNWFilterBindingDefFormat(const nuvNWFilterBindingDef *def);
