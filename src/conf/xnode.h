/*
 * xnode.h: a schema-checked XML tree, and the one parse engine and one
 * format engine that every XML format in src/conf/ shares.
 *
 * A format is described as a table of elements (generated from a
 * *.schema description by schemagen.py): each element lists its
 * attributes and its children in output order.  Parsing checks the input
 * against the table and keeps what it finds in an nuvXNode tree; anything
 * the table does not know is an error, so nothing is dropped silently.
 * Formatting walks the tree in table order, so output order is fixed by
 * the table, not by the input, and parse and format cannot disagree.
 */
#pragma once

#include <stdbool.h>
#include <glib.h>
#include <libxml/tree.h>

typedef enum {
    NUV_XS_TEXT = 1 << 0,     /* element carries text */
    NUV_XS_RAW = 1 << 1,      /* children kept verbatim (metadata) */
    NUV_XS_RUNTIME = 1 << 2,  /* live state: left out of inactive XML */
    NUV_XS_SECURE = 1 << 3,   /* secret: written only with the secure flag */
    NUV_XS_ALIAS = 1 << 4,    /* device alias: inactive XML keeps user aliases only */
    NUV_XS_BLOCK = 1 << 5,    /* open and close tags on lines of their own, even when empty */
    NUV_XS_DROPEMPTY = 1 << 6, /* not written when it has no attribute, text or child */
    NUV_XS_DOCORDER = 1 << 7, /* children kept in document order, not table order */
    NUV_XS_ONEKIND = 1 << 8,  /* only children named as the first one are read */
    NUV_XS_LASTERROR = 1 << 9, /* every attribute is checked; the last bad one is reported */
} nuvXSFlags;

/* Value types of attributes and text (docs/schema-language.md). */
typedef enum {
    NUV_XS_T_STRING,          /* any text: no check */
    NUV_XS_T_PATH,            /* a file name: no check */
    NUV_XS_T_INT,             /* decimal, optionally bounded */
    NUV_XS_T_UINT,            /* non-negative decimal, optionally bounded */
    NUV_XS_T_ULONG,           /* non-negative decimal, 64 bits */
    NUV_XS_T_HEX,             /* non-negative, decimal or 0x-hex (address numbers) */
    NUV_XS_T_BOOL,            /* yes | no */
    NUV_XS_T_ONOFF,           /* on | off */
    NUV_XS_T_UUID,
    NUV_XS_T_MAC,
    NUV_XS_T_SCALED,          /* text: a size in the unit of the sibling @unit */
    NUV_XS_T_ENUM,            /* one word of a declared enumeration */
    NUV_XS_T_UNION,           /* the member type of the governing discriminator's value */
    NUV_XS_T_OCTAL,           /* non-negative octal (file modes), optionally bounded */
    NUV_XS_T_HEX16,           /* non-negative hexadecimal, 0x optional (device ids) */
    NUV_XS_T_IP,              /* an IPv4 or IPv6 address */
    NUV_XS_T_IPV4,
    NUV_XS_T_IPV6,
    NUV_XS_T_CHECK,           /* checked and spelled by the type's function */
} nuvXSBase;

/* libvirt's tristates: what a bool/onoff view field holds. */
typedef enum {
    NUV_XS_ABSENT = 0,
    NUV_XS_YES = 1,           /* also "on" */
    NUV_XS_NO = 2,            /* also "off" */
} nuvXSTristate;

/* A named type: an enumeration, a built-in type with its own error, or a
 * union of those chosen by the union discriminator's value. */
typedef struct _nuvXSType nuvXSType;
struct _nuvXSType {
    const char *name;
    int base;                 /* nuvXSBase */
    const char *const *words; /* NUV_XS_T_ENUM: NULL-terminated */
    int nwords;
    int errcode;              /* 0: libvirt's generic "Invalid value" error */
    const char *errmsg;       /* with one %s for the value, or none, and at
                               * most one %N for the object's name and one
                               * %A for the attribute's (or element's) */
    int errdomain;            /* virErrorDomain of errmsg */
    const char *const *variants; /* NUV_XS_T_UNION: NULL-terminated ... */
    const nuvXSType *const *members; /* ... and the type each one takes */
    /* NUV_XS_T_CHECK: 0 with the value as it is kept (its canonical
     * spelling, allocated) in *out, or -1 when it is not valid */
    int (*check)(const char *value, char **out);
};

/* What a typed attribute (or text) holds beyond its name: kept behind one
 * pointer so that the descriptors the engine walks on every parse and
 * format stay small (an unchecked string without default has none). */
typedef struct {
    const nuvXSType *type;    /* named type, or NULL */
    long long min, max;       /* bounds of the number types ... */
    unsigned int bounds;      /* ... that apply: 1 min, 2 max */
    const char *dflt;         /* filled in at parse when absent, or NULL */
    const char *const *variants; /* discriminator values it belongs to, or NULL: all */
} nuvXSValue;

typedef struct {
    const char *name;
    const nuvXSValue *value;  /* or NULL: a string, no default, every variant */
    unsigned short flags;
    unsigned char base;       /* nuvXSBase (the named type's base for a named type) */
} nuvXSAttr;

/* One slot of a table's name index (generated): the child entry or the
 * attribute that a name stands for under one parent entry, found by
 * hashing instead of comparing names one by one. */
typedef struct {
    unsigned int hash;        /* nuvXSNameHash(name, parent, kind) */
    unsigned short parent;    /* entry index; NUV_XS_INDEX_FREE: an empty slot */
    unsigned char kind;       /* NUV_XS_INDEX_CHILD or NUV_XS_INDEX_ATTR */
    short target;             /* the child's entry index, or the attribute's index */
    unsigned short pos;       /* a child's position in the parent's child list */
} nuvXSIndexSlot;

enum {
    NUV_XS_INDEX_CHILD = 0,
    NUV_XS_INDEX_ATTR = 1,
    NUV_XS_INDEX_FREE = 0xffff,
};

typedef struct {
    const nuvXSIndexSlot *slots;
    unsigned int mask;        /* number of slots - 1 (a power of two) */
} nuvXSIndex;

/* The index's hash: the parent entry, the kind, and the name's length,
 * first, middle and last bytes (names are short and differ early or in
 * length; a slot is confirmed by comparing the whole name).  schemagen.py
 * computes the same function when it lays the index out. */
static inline unsigned int
nuvXSNameHash(const char *name, unsigned int parent, unsigned int kind)
{
    const unsigned char *p = (const unsigned char *) name;
    unsigned int len = 0;
    unsigned int h;

    while (p[len])
        len++;
    h = (parent * 2u + kind) * 0x9E3779B1u;
    h ^= len << 24;
    if (len)
        h ^= (unsigned int) p[0] << 16 | (unsigned int) p[len / 2] << 8 | p[len - 1];
    h *= 0x85EBCA6Bu;
    return h ^ (h >> 15);
}

typedef struct {
    const char *name;
    const nuvXSAttr *attrs;   /* NULL-terminated, output order */
    const int *children;      /* table indexes, -1 terminated, output order */
    unsigned int flags;
    unsigned short nattrs;    /* entries in attrs before the terminator */
    short disc;               /* attribute index of the union discriminator, or -1 */
    const nuvXSAttr *text;    /* type of the text, or NULL: a string */
    const char *const *variants; /* discriminator values this element belongs to, or NULL */
    const nuvXSIndex *index;  /* the whole table's name index */
} nuvXSElem;

typedef struct _nuvXNode nuvXNode;
struct _nuvXNode {
    const nuvXSElem *table;   /* the whole table this node belongs to */
    int elem;                 /* its entry */
    int pos;                  /* its entry's position among its parent's children */
    char **vals;              /* one slot per schema attribute, NULL if unset
                               * (allocated with the node) */
    char *text;               /* NUV_XS_TEXT only */
    GPtrArray *children;      /* nuvXNode *, always in output order; one
                               * shared empty array while it has none, so
                               * add children only through this API */
    GPtrArray *raw;           /* NUV_XS_RAW only: serialised child elements */
    nuvXNode *parent;
};

/* What to leave out when formatting. */
typedef enum {
    NUV_XNODE_FORMAT_INACTIVE = 1 << 0,
    NUV_XNODE_FORMAT_SECURE = 1 << 1,
} nuvXNodeFormatFlags;

nuvXNode *nuvXNodeNew(const nuvXSElem *table, int elem);
void nuvXNodeFree(nuvXNode *node);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(nuvXNode, nuvXNodeFree)
nuvXNode *nuvXNodeCopy(const nuvXNode *node);

typedef enum {
    /* Unknown elements and attributes are left out of the tree (with a
     * debug line naming them and their line) instead of refused: for the
     * formats libvirt reads by picking out the elements it knows. */
    NUV_XNODE_PARSE_SKIP_UNKNOWN = 1 << 0,
} nuvXNodeParseFlag;

/* Check @xml (an element matching entry @elem of @table) and build its
 * tree.  Elements in a foreign XML namespace outside raw content are
 * skipped, as libvirt skips namespaces no driver claims.  Returns NULL
 * with VIR_ERR_XML_ERROR reported for unknown content. */
nuvXNode *nuvXNodeParse(const nuvXSElem *table, int elem, xmlNodePtr xml);
nuvXNode *nuvXNodeParseFlags(const nuvXSElem *table, int elem, xmlNodePtr xml,
                             unsigned int flags);
/* The same, with @objname as the name that error messages give the object
 * (%N in a schema's error line).  Without one (NULL), the text of the
 * document root's <name> child is used, as libvirt names a network or a
 * pool by the name it has read first. */
nuvXNode *nuvXNodeParseNamed(const nuvXSElem *table, int elem, xmlNodePtr xml,
                             unsigned int flags, const char *objname);

/* The XML reader and this engine file their errors under VIR_FROM_DOMAIN
 * (the reader some under VIR_FROM_XML too); a format's parser moves the
 * current error to its own error domain @domain, the VIR_FROM_XML ones
 * only when @withXML.  Schema-check errors keep VIR_FROM_XML. */
void nuvXNodeRetagError(int domain, bool withXML);

/* With a VALIDATE flag: restate the current error (content the table
 * does not know) as libvirt's schema-check failure. */
void nuvXNodeReportSchemaError(void);

/* Append the element, indented by @depth levels, with a trailing newline. */
void nuvXNodeFormat(const nuvXNode *node, GString *buf, int depth, unsigned int flags);

const char *nuvXNodeName(const nuvXNode *node);

/* Attribute access.  Names must be in the table (a programming error
 * otherwise).  Set takes a copy; NULL removes the attribute. */
const char *nuvXNodeGet(const nuvXNode *node, const char *attr);
void nuvXNodeSet(nuvXNode *node, const char *attr, const char *value);
void nuvXNodeSetText(nuvXNode *node, const char *text);

/* The first child called @name, or NULL. */
nuvXNode *nuvXNodeChild(const nuvXNode *node, const char *name);
/* Number of children called @name, and the @n-th of them. */
size_t nuvXNodeCountChildren(const nuvXNode *node, const char *name);
nuvXNode *nuvXNodeNthChild(const nuvXNode *node, const char *name, size_t n);

/* A new child called @name, placed after its existing namesakes. */
nuvXNode *nuvXNodeAddChild(nuvXNode *node, const char *name);
/* Insert a detached @child (which must be valid under @node). */
void nuvXNodeInsert(nuvXNode *node, nuvXNode *child);
/* Insert at the front of its namesakes. */
void nuvXNodeInsertFirst(nuvXNode *node, nuvXNode *child);
/* The first child called @name, created when missing. */
nuvXNode *nuvXNodeEnsureChild(nuvXNode *node, const char *name);
/* Detach @child from its parent (without freeing it). */
void nuvXNodeDetach(nuvXNode *child);
/* Detach and free every child called @name. */
void nuvXNodeRemoveChildren(nuvXNode *node, const char *name);
/* Keep only the first child called @name, as libvirt reads the first of
 * repeated elements; it, or NULL. */
nuvXNode *nuvXNodeKeepFirst(nuvXNode *node, const char *name);
/* The text of the first child called @name; NULL when it is missing or
 * its text empty, as libvirt's XPath string() lookups read both. */
const char *nuvXNodeChildText(const nuvXNode *node, const char *name);
/* Table index of the child entry @name under @node's entry, or -1. */
int nuvXNodeChildElem(const nuvXNode *node, const char *name);

/* ---- typed values (the schema's value types) ---- */

const char *nuvXSEnumToString(const nuvXSType *type, int v);
int nuvXSEnumFromString(const nuvXSType *type, const char *s);

/* The first child whose table entry is @elem (generated views use it). */
const nuvXNode *nuvXNodeFirstOf(const nuvXNode *node, int elem);

/* Typed reads of attribute @idx (table index; -1: the text) of @node,
 * which may be NULL.  The value was checked at parse time; a value set
 * later by nuvXNodeSet that does not convert reads as absent. */
const char *nuvXNodeStrAt(const nuvXNode *node, int idx);
int nuvXNodeEnumAt(const nuvXNode *node, int idx);              /* -1 absent */
int nuvXNodeIntAt(const nuvXNode *node, int idx);               /* 0 absent */
unsigned int nuvXNodeUIntAt(const nuvXNode *node, int idx);     /* 0 absent */
unsigned long long nuvXNodeULongAt(const nuvXNode *node, int idx);
int nuvXNodeTristateAt(const nuvXNode *node, int idx);          /* nuvXSTristate */
unsigned long long nuvXNodeScaledAt(const nuvXNode *node, int idx); /* KiB */
/* A union-typed attribute @idx: the position, in the union's variant list,
 * of the governing discriminator's value (-1: none, or a variant the union
 * does not list), and the value's position in that variant's enum (-1
 * when absent, or when the variant's member is not an enum). */
int nuvXNodeUnionVariantAt(const nuvXNode *node, int idx);
int nuvXNodeUnionEnumAt(const nuvXNode *node, int idx);

/* By name, for hand-written code: the enum value of @attr, -1 when absent
 * (or when @attr has no enum type). */
int nuvXNodeGetEnum(const nuvXNode *node, const char *attr);
/* Whether @value is valid for @attr of @node's entry (no error reported). */
bool nuvXNodeValueValid(const nuvXNode *node, const char *attr, const char *value);
