/*
 * nwfilter_def.h: libvirt's network filter XML (<filter>) and filter
 * binding XML (<filterbinding>).
 *
 * A filter is a list of entries kept in document order, each a rule or a
 * reference to another filter; libvirt writes them back in that order,
 * interleaved, which is why this format does not go through the xnode
 * engine.  Instead each rule protocol is one row of a declarative table
 * (nwfilter_def.c): its attributes in output order and the value types
 * each accepts.  Parsing stores every value already in the form libvirt
 * writes it, so formatting is a walk of the table.
 */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "libvirt/libvirt.h"

/* One <parameter name= value=> of a filterref. */
typedef struct {
    char *name;
    char *value;
} nuvNWFilterParam;

/* <filterref filter='...'> and its parameters (sorted by name). */
typedef struct {
    char *filter;
    GPtrArray *params;          /* nuvNWFilterParam * */
} nuvNWFilterRef;

typedef struct _nuvNWFilterRule nuvNWFilterRule;

typedef struct {
    nuvNWFilterRule *rule;      /* exactly one of rule and ref is set */
    nuvNWFilterRef *ref;
} nuvNWFilterEntry;

typedef struct _nuvNWFilterDef nuvNWFilterDef;
struct _nuvNWFilterDef {
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    bool uuidSpecified;
    char *chain;                /* "root" unless given */
    int chainPriority;
    GPtrArray *entries;         /* nuvNWFilterEntry *, document order */
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
    nuvNWFilterRef *ref;
};

void nuvNWFilterBindingDefFree(nuvNWFilterBindingDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(nuvNWFilterBindingDef, nuvNWFilterBindingDefFree)

nuvNWFilterBindingDef *nuvNWFilterBindingDefParseString(const char *xml, unsigned int flags);
char *nuvNWFilterBindingDefFormat(const nuvNWFilterBindingDef *def);
