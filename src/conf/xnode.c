/*
 * xnode.c: the generic, table-driven XML parse and format engine.
 */
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>

#include "conf/xnode.h"
#include "conf/units.h"
#include "util/error.h"
#include "util/log.h"
#include "util/uuid.h"
#include "util/xml.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

/* What one parse carries down the tree: its flags, and how error messages
 * name the object (a schema error line's %N). */
typedef struct {
    unsigned int flags;
    const char *objname;      /* or NULL: the document's <name> */
    xmlNodePtr root;          /* the element the parse started at */
} nuvXNodeParseCtx;

/* The index slot of child element or attribute @name (@kind) of entry
 * @parent, or NULL.  Every name lookup of the engine goes through here:
 * the tree is read by name from hand-written code hundreds of times per
 * document, and comparing names one by one was most of the time spent. */
static const nuvXSIndexSlot *
nuvXSLookup(const nuvXSElem *table, int parent, unsigned int kind, const char *name)
{
    const nuvXSIndex *ix = table[parent].index;
    unsigned int h = nuvXSNameHash(name, parent, kind);

    /* the generator leaves at least half the slots free */
    for (unsigned int i = h & ix->mask;; i = (i + 1) & ix->mask) {
        const nuvXSIndexSlot *s = &ix->slots[i];
        const char *have;

        if (s->parent == NUV_XS_INDEX_FREE)
            return NULL;
        if (s->hash != h || s->parent != parent || s->kind != kind)
            continue;
        have = kind == NUV_XS_INDEX_ATTR ? table[parent].attrs[s->target].name
                                         : table[s->target].name;
        if (strcmp(have, name) == 0)
            return s;
    }
}

static int
nuvXSAttrIndex(const nuvXSElem *table, int elem, const char *name)
{
    const nuvXSIndexSlot *s;

    if (!table[elem].nattrs)
        return -1;
    s = nuvXSLookup(table, elem, NUV_XS_INDEX_ATTR, name);
    return s ? s->target : -1;
}

/* Position of table entry @child in the child list of entry @parent. */
static int
nuvXSChildPos(const nuvXSElem *table, int parent, int child)
{
    const nuvXSIndexSlot *s;

    if (!table[parent].children)
        return -1;
    s = nuvXSLookup(table, parent, NUV_XS_INDEX_CHILD, table[child].name);
    return s && s->target == child ? s->pos : -1;
}

int
nuvXNodeChildElem(const nuvXNode *node, const char *name)
{
    const nuvXSIndexSlot *s;

    if (!node->table[node->elem].children)
        return -1;
    s = nuvXSLookup(node->table, node->elem, NUV_XS_INDEX_CHILD, name);
    return s ? s->target : -1;
}

/* The children array of every node that has none: most nodes are
 * leaves, and an array of their own cost each an allocation and a free.
 * Never changed: nuvXNodeKids gives a node its own before adding. */
static GPtrArray *
nuvXNodeNoKids(void)
{
    static GPtrArray *empty;

    if (g_once_init_enter(&empty))
        g_once_init_leave(&empty, g_ptr_array_new());
    return empty;
}

/* @node's children, ready to be added to. */
static GPtrArray *
nuvXNodeKids(nuvXNode *node)
{
    if (node->children == nuvXNodeNoKids())
        node->children = g_ptr_array_new_with_free_func((GDestroyNotify) nuvXNodeFree);
    return node->children;
}

nuvXNode *
nuvXNodeNew(const nuvXSElem *table, int elem)
{
    /* the attribute slots live in the same block as the node */
    size_t nvals = table[elem].nattrs + 1;
    nuvXNode *node = g_malloc0(sizeof(nuvXNode) + nvals * sizeof(char *));

    node->table = table;
    node->elem = elem;
    node->pos = -1;
    node->vals = (char **) (node + 1);
    node->children = nuvXNodeNoKids();
    if (table[elem].flags & NUV_XS_RAW)
        node->raw = g_ptr_array_new_with_free_func(g_free);
    return node;
}

void
nuvXNodeFree(nuvXNode *node)
{
    if (!node)
        return;
    /* the slots are sparse, so g_strfreev would stop at the first gap */
    for (size_t i = 0; i < node->table[node->elem].nattrs; i++)
        g_free(node->vals[i]);
    g_free(node->text);
    if (node->children != nuvXNodeNoKids())
        g_ptr_array_unref(node->children);
    if (node->raw)
        g_ptr_array_unref(node->raw);
    g_free(node);
}

nuvXNode *
nuvXNodeCopy(const nuvXNode *node)
{
    nuvXNode *copy = nuvXNodeNew(node->table, node->elem);
    size_t nattrs = node->table[node->elem].nattrs;

    copy->pos = node->pos;
    for (size_t i = 0; i < nattrs; i++)
        copy->vals[i] = g_strdup(node->vals[i]);
    copy->text = g_strdup(node->text);
    for (size_t i = 0; i < node->children->len; i++) {
        nuvXNode *c = nuvXNodeCopy(g_ptr_array_index(node->children, i));
        c->parent = copy;
        g_ptr_array_add(nuvXNodeKids(copy), c);
    }
    if (node->raw) {
        for (size_t i = 0; i < node->raw->len; i++)
            g_ptr_array_add(copy->raw, g_strdup(g_ptr_array_index(node->raw, i)));
    }
    return copy;
}

const char *
nuvXNodeName(const nuvXNode *node)
{
    return node->table[node->elem].name;
}

const char *
nuvXNodeGet(const nuvXNode *node, const char *attr)
{
    int i;

    if (!node)
        return NULL;
    i = nuvXSAttrIndex(node->table, node->elem, attr);
    return i < 0 ? NULL : node->vals[i];
}

void
nuvXNodeSet(nuvXNode *node, const char *attr, const char *value)
{
    int i = nuvXSAttrIndex(node->table, node->elem, attr);

    if (i < 0)
        g_error("attribute '%s' is not in the table of element '%s'", attr, nuvXNodeName(node));
    g_free(node->vals[i]);
    node->vals[i] = g_strdup(value);
}

void
nuvXNodeSetText(nuvXNode *node, const char *text)
{
    g_free(node->text);
    node->text = g_strdup(text);
}

nuvXNode *
nuvXNodeChild(const nuvXNode *node, const char *name)
{
    return nuvXNodeNthChild(node, name, 0);
}

size_t
nuvXNodeCountChildren(const nuvXNode *node, const char *name)
{
    size_t n = 0;
    int elem;

    if (!node || !node->children->len || (elem = nuvXNodeChildElem(node, name)) < 0)
        return 0;
    for (size_t i = 0; i < node->children->len; i++) {
        const nuvXNode *c = g_ptr_array_index(node->children, i);
        if (c->elem == elem)
            n++;
    }
    return n;
}

nuvXNode *
nuvXNodeNthChild(const nuvXNode *node, const char *name, size_t n)
{
    int elem;

    /* a child's entry is always one of its parent's: compare entries, not names */
    if (!node || !node->children->len || (elem = nuvXNodeChildElem(node, name)) < 0)
        return NULL;
    for (size_t i = 0; i < node->children->len; i++) {
        nuvXNode *c = g_ptr_array_index(node->children, i);
        if (c->elem == elem && n-- == 0)
            return c;
    }
    return NULL;
}

/* The position of child @c's entry among @node's children: kept in the
 * node when it was inserted; a node put in place some other way (an
 * in-place replacement) is looked up once. */
static int
nuvXNodePosIn(const nuvXNode *node, nuvXNode *c)
{
    if (c->pos < 0)
        c->pos = nuvXSChildPos(node->table, node->elem, c->elem);
    return c->pos;
}

/* Insert keeping table order; @first puts the child before its namesakes. */
static void
nuvXNodeInsertAt(nuvXNode *node, nuvXNode *child, bool first)
{
    int pos = nuvXSChildPos(node->table, node->elem, child->elem);
    size_t i;

    g_assert(pos >= 0);
    child->pos = pos;
    if (node->table[node->elem].flags & NUV_XS_DOCORDER) {
        child->parent = node;
        g_ptr_array_insert(nuvXNodeKids(node), first ? 0 : -1, child);
        return;
    }
    /* the common case: appended in table order (a document being read) */
    i = node->children->len;
    if (i > 0) {
        nuvXNode *last = g_ptr_array_index(node->children, i - 1);
        if (first || nuvXNodePosIn(node, last) > pos) {
            for (i = 0; i < node->children->len; i++) {
                nuvXNode *c = g_ptr_array_index(node->children, i);
                int cpos = nuvXNodePosIn(node, c);
                if (cpos > pos || (first && cpos == pos))
                    break;
            }
        }
    }
    child->parent = node;
    g_ptr_array_insert(nuvXNodeKids(node), i, child);
}

void
nuvXNodeInsert(nuvXNode *node, nuvXNode *child)
{
    nuvXNodeInsertAt(node, child, false);
}

void
nuvXNodeInsertFirst(nuvXNode *node, nuvXNode *child)
{
    nuvXNodeInsertAt(node, child, true);
}

nuvXNode *
nuvXNodeAddChild(nuvXNode *node, const char *name)
{
    int elem = nuvXNodeChildElem(node, name);
    nuvXNode *child;

    if (elem < 0)
        g_error("element '%s' is not a child of '%s' in the table", name, nuvXNodeName(node));
    child = nuvXNodeNew(node->table, elem);
    nuvXNodeInsert(node, child);
    return child;
}

nuvXNode *
nuvXNodeEnsureChild(nuvXNode *node, const char *name)
{
    nuvXNode *c = nuvXNodeChild(node, name);

    return c ? c : nuvXNodeAddChild(node, name);
}

void
nuvXNodeDetach(nuvXNode *child)
{
    nuvXNode *parent = child->parent;

    if (!parent)
        return;
    g_ptr_array_set_free_func(parent->children, NULL);
    g_ptr_array_remove(parent->children, child);
    g_ptr_array_set_free_func(parent->children, (GDestroyNotify) nuvXNodeFree);
    child->parent = NULL;
}

void
nuvXNodeRemoveChildren(nuvXNode *node, const char *name)
{
    int elem = node->children->len ? nuvXNodeChildElem(node, name) : -1;

    for (size_t i = node->children->len; elem >= 0 && i > 0; i--) {
        const nuvXNode *c = g_ptr_array_index(node->children, i - 1);
        if (c->elem == elem)
            g_ptr_array_remove_index(node->children, i - 1);
    }
}

nuvXNode *
nuvXNodeKeepFirst(nuvXNode *node, const char *name)
{
    nuvXNode *extra;

    while ((extra = nuvXNodeNthChild(node, name, 1))) {
        nuvXNodeDetach(extra);
        nuvXNodeFree(extra);
    }
    return nuvXNodeChild(node, name);
}

const char *
nuvXNodeChildText(const nuvXNode *node, const char *name)
{
    const nuvXNode *c = nuvXNodeChild(node, name);

    return c && c->text && *c->text ? c->text : NULL;
}

/* ---- typed values ---- */

const char *
nuvXSEnumToString(const nuvXSType *type, int v)
{
    if (!type || !type->words || v < 0 || v >= type->nwords)
        return NULL;
    return type->words[v];
}

int
nuvXSEnumFromString(const nuvXSType *type, const char *s)
{
    if (!type || !type->words || !s)
        return -1;
    for (int i = 0; i < type->nwords; i++) {
        if (strcmp(type->words[i], s) == 0)
            return i;
    }
    return -1;
}

static int
nuvXSBaseOf(const nuvXSAttr *spec)
{
    return spec->base;
}

static const nuvXSType *
nuvXSTypeOf(const nuvXSAttr *spec)
{
    return spec->value ? spec->value->type : NULL;
}

/* The base a number type is read in: strtoull's 0 takes decimal or 0x-hex. */
static int
nuvXSNumBase(int base)
{
    switch (base) {
    case NUV_XS_T_HEX:
        return 0;
    case NUV_XS_T_OCTAL:
        return 8;
    case NUV_XS_T_HEX16:
        return 16;
    default:
        return 10;
    }
}

static bool
nuvXSParseIP(const char *s, int family)
{
    unsigned char buf[sizeof(struct in6_addr)];
    struct in_addr v4;

    /* IPv4 as libvirt's numeric getaddrinfo reads it: the short forms
     * ("10.1") too, but nothing after the address */
    if (family != AF_INET6 && !strpbrk(s, " \t\n") && inet_aton(s, &v4) == 1)
        return true;
    return family != AF_INET && inet_pton(AF_INET6, s, buf) == 1;
}

/* Whole number in @base (10, or 0 for 0x-hex too), nothing after it. */
static bool
nuvXSParseLL(const char *s, int base, long long *out)
{
    char *end = NULL;

    if (!s || !*s)
        return false;
    errno = 0;
    *out = g_ascii_strtoll(s, &end, base);
    return errno == 0 && end && end != s && *end == '\0';
}

static bool
nuvXSParseULL(const char *s, int base, unsigned long long *out)
{
    char *end = NULL;
    const char *p = s;

    if (!s || !*s)
        return false;
    while (g_ascii_isspace(*p))
        p++;
    if (*p == '-')
        return false;
    errno = 0;
    *out = g_ascii_strtoull(s, &end, base);
    return errno == 0 && end && end != s && *end == '\0';
}

static bool
nuvXSParseMAC(const char *s)
{
    g_auto(GStrv) parts = g_strsplit(s, ":", -1);

    if (g_strv_length(parts) != 6)
        return false;
    for (int i = 0; i < 6; i++) {
        size_t n = strlen(parts[i]);
        if (n < 1 || n > 2 || !g_ascii_isxdigit(parts[i][0]) ||
            (n == 2 && !g_ascii_isxdigit(parts[i][1])))
            return false;
    }
    return true;
}

/* libvirt's generic messages for a value of the wrong shape. */
typedef enum {
    NUV_XS_BAD_PLAIN,        /* Invalid value ... 'v'. */
    NUV_XS_BAD_INT,          /* ... Expected integer value */
    NUV_XS_BAD_UINT,         /* ... Expected non-negative integer value */
    NUV_XS_BAD_NEGATIVE,     /* ... Expected non-negative value */
    NUV_XS_BAD_ZERO,         /* ... Zero is not permitted */
    NUV_XS_BAD_RANGE,
    NUV_XS_BAD_REPORTED,     /* the check reported its own error */
} nuvXSBad;

/* libvirt's generic property readers report from the XML error domain */
#undef VIR_FROM_THIS
#define VIR_FROM_THIS VIR_FROM_XML

/* The name error messages give the object being parsed: the parser's,
 * else the text of the document root's <name>. */
static char *
nuvXSObjectName(const nuvXNodeParseCtx *ctx)
{
    xmlNodePtr root;
    char *name;

    if (!ctx)
        return g_strdup("");
    if (ctx->objname)
        return g_strdup(ctx->objname);
    root = ctx->root && ctx->root->doc ? xmlDocGetRootElement(ctx->root->doc) : ctx->root;
    name = root ? nuvXMLChildText(root, "name") : NULL;
    return name ? g_strstrip(name) : g_strdup("");
}

/* A schema's own message: %s is the value, %N the object's name. */
static char *
nuvXSExpandMessage(const char *msg, const char *value, const char *attr,
                   const nuvXNodeParseCtx *ctx)
{
    GString *out = g_string_new(NULL);

    for (const char *p = msg; *p; p++) {
        if (p[0] == '%' && p[1] == 's') {
            g_string_append(out, value);
            p++;
        } else if (p[0] == '%' && p[1] == 'A') {
            g_string_append(out, attr);
            p++;
        } else if (p[0] == '%' && p[1] == 'N') {
            g_autofree char *name = nuvXSObjectName(ctx);
            g_string_append(out, name);
            p++;
        } else {
            g_string_append_c(out, *p);
        }
    }
    return g_string_free(out, FALSE);
}

static void
nuvXSReportBad(const nuvXSAttr *spec, const char *attr, const char *elem,
               const char *value, nuvXSBad why, const nuvXNodeParseCtx *ctx)
{
    const nuvXSType *t = nuvXSTypeOf(spec);

    if (t && t->errmsg) {
        /* the schema states libvirt's own message for this type (some of
         * libvirt's messages do not quote the value) */
        g_autofree char *msg = nuvXSExpandMessage(t->errmsg, value, attr ? attr : elem, ctx);

        nuvReportErrorFrom(t->errdomain, t->errcode, "%s", msg);
        return;
    }
    if (!attr) {
        nuvReportError(VIR_ERR_XML_ERROR,
                       "Invalid value '%s' for element '%s'", value, elem);
        return;
    }
    switch (why) {
    case NUV_XS_BAD_INT:
        nuvReportError(VIR_ERR_XML_ERROR,
                       "Invalid value for attribute '%s' in element '%s': '%s'. Expected integer value",
                       attr, elem, value);
        break;
    case NUV_XS_BAD_UINT:
        nuvReportError(VIR_ERR_XML_ERROR,
                       "Invalid value for attribute '%s' in element '%s': '%s'. Expected non-negative integer value",
                       attr, elem, value);
        break;
    case NUV_XS_BAD_NEGATIVE:
        nuvReportError(VIR_ERR_XML_ERROR,
                       "Invalid value for attribute '%s' in element '%s': '%s'. Expected non-negative value",
                       attr, elem, value);
        break;
    case NUV_XS_BAD_ZERO:
        nuvReportError(VIR_ERR_XML_ERROR,
                       "Invalid value for attribute '%s' in element '%s': Zero is not permitted",
                       attr, elem);
        break;
    case NUV_XS_BAD_RANGE:
        nuvReportError(VIR_ERR_XML_ERROR,
                       "Invalid value for attribute '%s' in element '%s': '%s'. Expected a value in [%lld, %lld]",
                       attr, elem, value, spec->value->min, spec->value->max);
        break;
    case NUV_XS_BAD_PLAIN:
    default:
        nuvReportError(VIR_ERR_XML_ERROR,
                       "Invalid value for attribute '%s' in element '%s': '%s'.",
                       attr, elem, value);
        break;
    }
}

#undef VIR_FROM_THIS
#define VIR_FROM_THIS VIR_FROM_DOMAIN

/* Check @value against @spec; on failure set *why and return false. */
static bool
nuvXSValueOK(const nuvXSAttr *spec, const char *value, const nuvXNode *node, nuvXSBad *why)
{
    long long ll;
    unsigned long long ull;

    *why = NUV_XS_BAD_PLAIN;
    switch (nuvXSBaseOf(spec)) {
    case NUV_XS_T_ENUM:
        return nuvXSEnumFromString(nuvXSTypeOf(spec), value) >= 0;
    case NUV_XS_T_BOOL:
        return strcmp(value, "yes") == 0 || strcmp(value, "no") == 0;
    case NUV_XS_T_ONOFF:
        return strcmp(value, "on") == 0 || strcmp(value, "off") == 0;
    case NUV_XS_T_UUID: {
        unsigned char uuid[VIR_UUID_BUFLEN];
        return nuvUUIDParse(value, uuid) == 0;
    }
    case NUV_XS_T_MAC:
        return nuvXSParseMAC(value);
    case NUV_XS_T_IP:
        return nuvXSParseIP(value, AF_UNSPEC);
    case NUV_XS_T_IPV4:
        return nuvXSParseIP(value, AF_INET);
    case NUV_XS_T_IPV6:
        return nuvXSParseIP(value, AF_INET6);
    case NUV_XS_T_CHECK: {
        g_autofree char *canon = NULL;
        return nuvXSTypeOf(spec)->check(value, &canon) == 0;
    }
    case NUV_XS_T_INT:
        if (!nuvXSParseLL(value, 10, &ll)) {
            *why = NUV_XS_BAD_INT;
            return false;
        }
        break;
    case NUV_XS_T_UINT:
    case NUV_XS_T_ULONG:
    case NUV_XS_T_HEX:
    case NUV_XS_T_OCTAL:
    case NUV_XS_T_HEX16:
        if (!nuvXSParseULL(value, nuvXSNumBase(nuvXSBaseOf(spec)), &ull) ||
            (nuvXSBaseOf(spec) != NUV_XS_T_ULONG && ull > G_MAXUINT)) {
            *why = NUV_XS_BAD_UINT;
            return false;
        }
        ll = ull > G_MAXINT64 ? G_MAXINT64 : (long long) ull;
        break;
    case NUV_XS_T_SCALED: {
        unsigned long long kib;
        /* reports its own error, naming the element */
        if (nuvScaleToKiB(value, nuvXNodeGet(node, "unit"), nuvXNodeName(node), &kib) < 0) {
            *why = NUV_XS_BAD_REPORTED;
            return false;
        }
        return true;
    }
    default:
        return true;
    }
    if (!spec->value)
        return true;
    if ((spec->value->bounds & 1) && ll < spec->value->min) {
        *why = spec->value->min == 0 ? NUV_XS_BAD_NEGATIVE :
               (spec->value->min == 1 && ll == 0) ? NUV_XS_BAD_ZERO : NUV_XS_BAD_RANGE;
        return false;
    }
    if ((spec->value->bounds & 2) && ll > spec->value->max) {
        *why = NUV_XS_BAD_RANGE;
        return false;
    }
    return true;
}

static const nuvXSAttr *nuvXSUnionSpec(const nuvXSAttr *spec, const nuvXNode *node,
                                       nuvXSAttr *member, nuvXSValue *memberValue);

bool
nuvXNodeValueValid(const nuvXNode *node, const char *attr, const char *value)
{
    int i = nuvXSAttrIndex(node->table, node->elem, attr);
    const nuvXSAttr *spec;
    nuvXSBad why;

    if (i < 0 || !value)
        return false;
    spec = &node->table[node->elem].attrs[i];
    if (spec->base == NUV_XS_T_SCALED)
        return true;
    if (spec->base == NUV_XS_T_UNION) {
        nuvXSAttr member;
        nuvXSValue memberValue;
        const nuvXSAttr *by = nuvXSUnionSpec(spec, node, &member, &memberValue);

        if (!by)
            return true;
        if (by == spec)
            return false;
        return nuvXSValueOK(by, value, node, &why);
    }
    return nuvXSValueOK(spec, value, node, &why);
}

static const char *nuvXSVariantOf(const nuvXNode *node);

/* The spec a union value @spec is checked by where @node is: its member
 * for the governing discriminator's value, in @member.  NULL when nothing
 * is to be checked (no discriminator value, or a variant without member in
 * a union that takes anything there); @spec itself when the variant has no
 * member and the union refuses (with its own error). */
static const nuvXSAttr *
nuvXSUnionSpec(const nuvXSAttr *spec, const nuvXNode *node, nuvXSAttr *member,
               nuvXSValue *memberValue)
{
    const nuvXSType *u = spec->value->type;
    const char *variant = nuvXSVariantOf(node);

    if (!variant)
        return NULL;
    for (size_t i = 0; u->variants[i]; i++) {
        if (strcmp(u->variants[i], variant) != 0)
            continue;
        memset(memberValue, 0, sizeof(*memberValue));
        memberValue->type = u->members[i];
        *member = *spec;
        member->base = u->members[i]->base;
        member->value = memberValue;
        return member;
    }
    return u->errmsg ? spec : NULL;
}

static bool
nuvXSCheck(const nuvXSAttr *spec, const char *attr, const nuvXNode *node, const char *value,
           const nuvXNodeParseCtx *ctx)
{
    nuvXSAttr member;
    nuvXSValue memberValue;
    nuvXSBad why;

    if (spec->base == NUV_XS_T_UNION) {
        const nuvXSAttr *by = nuvXSUnionSpec(spec, node, &member, &memberValue);

        if (!by)
            return true;
        if (by == spec) {
            nuvXSReportBad(spec, attr, nuvXNodeName(node), value, NUV_XS_BAD_PLAIN, ctx);
            return false;
        }
        spec = by;
    }
    if (nuvXSValueOK(spec, value, node, &why))
        return true;
    if (why != NUV_XS_BAD_REPORTED)
        nuvXSReportBad(spec, attr, nuvXNodeName(node), value, why, ctx);
    return false;
}

/* The value of the union discriminator governing @node's own attributes
 * (@own) or @node as a child of @parent, or NULL when there is none. */
static const char *
nuvXSVariantOf(const nuvXNode *node)
{
    for (const nuvXNode *p = node; p; p = p->parent) {
        const nuvXSElem *e = &p->table[p->elem];
        if (e->disc >= 0)
            return p->vals[e->disc];
    }
    return NULL;
}

static bool
nuvXSInVariant(const char *const *variants, const char *value)
{
    if (!variants || !value)
        return true;
    for (size_t i = 0; variants[i]; i++) {
        if (strcmp(variants[i], value) == 0)
            return true;
    }
    return false;
}

/* Defaults, variants and value checks of a freshly read element. */
static int
nuvXNodeCheckTyped(nuvXNode *node, const nuvXNodeParseCtx *ctx)
{
    const nuvXSElem *e = &node->table[node->elem];
    const char *variant = NULL;
    bool haveVariant = false;
    int ret = 0;

    for (size_t i = 0; i < e->nattrs; i++) {
        const nuvXSAttr *a = &e->attrs[i];

        if (!a->value)
            continue;
        if (!node->vals[i] && a->value->dflt)
            node->vals[i] = g_strdup(a->value->dflt);
    }
    for (size_t i = 0; i < e->nattrs; i++) {
        const nuvXSAttr *a = &e->attrs[i];

        if (!node->vals[i])
            continue;
        if (a->value && a->value->variants) {
            if (!haveVariant) {
                variant = nuvXSVariantOf(node);
                haveVariant = true;
            }
            if (!nuvXSInVariant(a->value->variants, variant)) {
                /* libvirt reads only what the chosen variant has */
                NUV_DEBUG("ignoring attribute '%s' of <%s> for type '%s'",
                          a->name, e->name, variant);
                g_clear_pointer(&node->vals[i], g_free);
                continue;
            }
        }
        if (a->base == NUV_XS_T_STRING || a->base == NUV_XS_T_PATH)
            continue;
        if (!nuvXSCheck(a, a->name, node, node->vals[i], ctx)) {
            /* libvirt reads some elements' attributes all, reporting
             * each bad one: the last report is the one left */
            if (!(e->flags & NUV_XS_LASTERROR))
                return -1;
            ret = -1;
            continue;
        }
        if (a->base == NUV_XS_T_CHECK) {
            char *canon = NULL;

            /* kept in the spelling the type gives it */
            nuvXSTypeOf(a)->check(node->vals[i], &canon);
            g_free(node->vals[i]);
            node->vals[i] = canon;
        }
    }
    return ret;
}

const nuvXNode *
nuvXNodeFirstOf(const nuvXNode *node, int elem)
{
    for (size_t i = 0; node && i < node->children->len; i++) {
        const nuvXNode *c = g_ptr_array_index(node->children, i);
        if (c->elem == elem)
            return c;
    }
    return NULL;
}

static const nuvXSAttr *
nuvXNodeSpecAt(const nuvXNode *node, int idx)
{
    const nuvXSElem *e = &node->table[node->elem];

    return idx < 0 ? e->text : &e->attrs[idx];
}

const char *
nuvXNodeStrAt(const nuvXNode *node, int idx)
{
    if (!node)
        return NULL;
    return idx < 0 ? node->text : node->vals[idx];
}

int
nuvXNodeEnumAt(const nuvXNode *node, int idx)
{
    const char *v = nuvXNodeStrAt(node, idx);
    const nuvXSAttr *spec;

    if (!v || !(spec = nuvXNodeSpecAt(node, idx)))
        return -1;
    return nuvXSEnumFromString(nuvXSTypeOf(spec), v);
}

int
nuvXNodeUnionVariantAt(const nuvXNode *node, int idx)
{
    const nuvXSAttr *spec;
    const nuvXSType *u;
    const char *variant;

    if (!node || !(spec = nuvXNodeSpecAt(node, idx)) || spec->base != NUV_XS_T_UNION ||
        !(variant = nuvXSVariantOf(node)))
        return -1;
    u = spec->value->type;
    for (int i = 0; u->variants[i]; i++) {
        if (strcmp(u->variants[i], variant) == 0)
            return i;
    }
    return -1;
}

int
nuvXNodeUnionEnumAt(const nuvXNode *node, int idx)
{
    int variant = nuvXNodeUnionVariantAt(node, idx);
    const char *v = nuvXNodeStrAt(node, idx);

    if (variant < 0 || !v)
        return -1;
    return nuvXSEnumFromString(nuvXNodeSpecAt(node, idx)->value->type->members[variant], v);
}

int
nuvXNodeGetEnum(const nuvXNode *node, const char *attr)
{
    int i;

    if (!node || (i = nuvXSAttrIndex(node->table, node->elem, attr)) < 0)
        return -1;
    return nuvXNodeEnumAt(node, i);
}

int
nuvXNodeIntAt(const nuvXNode *node, int idx)
{
    const char *v = nuvXNodeStrAt(node, idx);
    long long ll;

    if (!v || !nuvXSParseLL(v, 10, &ll) || ll < G_MININT || ll > G_MAXINT)
        return 0;
    return ll;
}

unsigned long long
nuvXNodeULongAt(const nuvXNode *node, int idx)
{
    const char *v = nuvXNodeStrAt(node, idx);
    const nuvXSAttr *spec;
    unsigned long long ull;

    if (!v)
        return 0;
    spec = nuvXNodeSpecAt(node, idx);
    if (!nuvXSParseULL(v, spec ? nuvXSNumBase(nuvXSBaseOf(spec)) : 10, &ull))
        return 0;
    return ull;
}

unsigned int
nuvXNodeUIntAt(const nuvXNode *node, int idx)
{
    unsigned long long v = nuvXNodeULongAt(node, idx);

    return v > G_MAXUINT ? 0 : v;
}

int
nuvXNodeTristateAt(const nuvXNode *node, int idx)
{
    const char *v = nuvXNodeStrAt(node, idx);

    if (!v)
        return NUV_XS_ABSENT;
    if (strcmp(v, "yes") == 0 || strcmp(v, "on") == 0)
        return NUV_XS_YES;
    if (strcmp(v, "no") == 0 || strcmp(v, "off") == 0)
        return NUV_XS_NO;
    return NUV_XS_ABSENT;
}

unsigned long long
nuvXNodeScaledAt(const nuvXNode *node, int idx)
{
    const char *v = nuvXNodeStrAt(node, idx);
    unsigned long long kib = 0;

    if (!v)
        return 0;
    if (nuvScaleToKiB(v, nuvXNodeGet(node, "unit"), nuvXNodeName(node), &kib) < 0) {
        nuvErrorReset();
        return 0;
    }
    return kib;
}

/* Serialise a foreign element (metadata content) on its own, carrying the
 * namespace declarations it needs from its ancestors. */
static char *
nuvXNodeDumpForeign(xmlNodePtr xml)
{
    g_autoptr(xmlDoc) doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr copy = xmlDocCopyNode(xml, doc, 1);
    xmlBufferPtr xbuf = xmlBufferCreate();
    char *ret;

    xmlDocSetRootElement(doc, copy);
    xmlReconciliateNs(doc, copy);
    xmlNodeDump(xbuf, doc, copy, 0, 0);
    ret = g_strdup((const char *) xmlBufferContent(xbuf));
    xmlBufferFree(xbuf);
    return ret;
}

static char *
nuvXNodePath(const nuvXSElem *table, int elem, xmlNodePtr xml)
{
    g_autoptr(GString) path = g_string_new(NULL);

    (void) table;
    (void) elem;
    for (xmlNodePtr p = xml; p && p->type == XML_ELEMENT_NODE; p = p->parent) {
        if (path->len)
            g_string_prepend_c(path, '/');
        g_string_prepend(path, (const char *) p->name);
    }
    return g_strdup(path->str);
}

nuvXNode *
nuvXNodeParse(const nuvXSElem *table, int elem, xmlNodePtr xml)
{
    return nuvXNodeParseFlags(table, elem, xml, 0);
}

static nuvXNode *
nuvXNodeParseIn(const nuvXSElem *table, int elem, xmlNodePtr xml,
                const nuvXNodeParseCtx *ctx, nuvXNode *parent)
{
    unsigned int flags = ctx->flags;
    const nuvXSElem *e = &table[elem];
    g_autoptr(nuvXNode) node = nuvXNodeNew(table, elem);
    g_autoptr(GString) text = NULL;

    /* seen while parsing, so that variants find their discriminator */
    node->parent = parent;

    for (xmlAttrPtr a = xml->properties; a; a = a->next) {
        int i;
        g_autofree char *val = NULL;

        if (a->ns)
            continue;
        i = nuvXSAttrIndex(table, elem, (const char *) a->name);
        if (i < 0 && (flags & NUV_XNODE_PARSE_SKIP_UNKNOWN)) {
            NUV_DEBUG("ignoring unknown attribute '%s' of <%s> at line %ld",
                      (const char *) a->name, e->name, xmlGetLineNo(xml));
            continue;
        }
        if (i < 0) {
            g_autofree char *path = nuvXNodePath(table, elem, xml);
            nuvReportError(VIR_ERR_XML_ERROR, "unsupported attribute '%s' in element '%s'",
                           (const char *) a->name, path);
            return NULL;
        }
        val = (char *) xmlNodeGetContent((xmlNodePtr) a);
        g_free(node->vals[i]);
        node->vals[i] = g_strdup(val ? val : "");
    }
    if (nuvXNodeCheckTyped(node, ctx) < 0)
        return NULL;

    for (xmlNodePtr c = xml->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE ||
            c->type == XML_ENTITY_REF_NODE) {
            /* an entity reference's text is its expansion */
            g_autofree char *v = c->type == XML_ENTITY_REF_NODE ?
                                 (char *) xmlNodeGetContent(c) : NULL;
            if (!text)
                text = g_string_new(NULL);
            g_string_append(text, c->type == XML_ENTITY_REF_NODE ? (v ? v : "") :
                                  (const char *) c->content);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (e->flags & NUV_XS_RAW) {
            g_ptr_array_add(node->raw, nuvXNodeDumpForeign(c));
            continue;
        }
        if (c->ns && c->ns->href)
            continue;
        {
            int ce = nuvXNodeChildElem(node, (const char *) c->name);
            nuvXNode *child;

            if (ce < 0 && (flags & NUV_XNODE_PARSE_SKIP_UNKNOWN)) {
                NUV_DEBUG("ignoring unknown element <%s> in <%s> at line %ld",
                          (const char *) c->name, e->name, xmlGetLineNo(c));
                continue;
            }
            if (ce < 0) {
                g_autofree char *path = nuvXNodePath(table, elem, xml);
                nuvReportError(VIR_ERR_XML_ERROR, "unsupported element '%s' in '%s'",
                               (const char *) c->name, path);
                return NULL;
            }
            if ((e->flags & NUV_XS_ONEKIND) && node->children->len &&
                ((nuvXNode *) g_ptr_array_index(node->children, 0))->elem != ce) {
                /* libvirt reads the children of the first one's kind */
                NUV_DEBUG("ignoring <%s> in <%s> after <%s>", table[ce].name, e->name,
                          nuvXNodeName(g_ptr_array_index(node->children, 0)));
                continue;
            }
            if (table[ce].variants &&
                !nuvXSInVariant(table[ce].variants, nuvXSVariantOf(node))) {
                NUV_DEBUG("ignoring <%s> in <%s> of another type", table[ce].name, e->name);
                continue;
            }
            if (!(child = nuvXNodeParseIn(table, ce, c, ctx, node)))
                return NULL;
            nuvXNodeInsert(node, child);
        }
    }
    if ((e->flags & NUV_XS_TEXT) && text)
        node->text = g_string_free(g_steal_pointer(&text), FALSE);
    if (e->text && node->text) {
        g_autofree char *v = g_strstrip(g_strdup(node->text));
        if (!nuvXSCheck(e->text, NULL, node, v, ctx))
            return NULL;
    }

    node->parent = NULL;
    return g_steal_pointer(&node);
}

nuvXNode *
nuvXNodeParseFlags(const nuvXSElem *table, int elem, xmlNodePtr xml, unsigned int flags)
{
    return nuvXNodeParseNamed(table, elem, xml, flags, NULL);
}

nuvXNode *
nuvXNodeParseNamed(const nuvXSElem *table, int elem, xmlNodePtr xml, unsigned int flags,
                   const char *objname)
{
    nuvXNodeParseCtx ctx = { flags, objname, xml };

    return nuvXNodeParseIn(table, elem, xml, &ctx, NULL);
}

void
nuvXNodeRetagError(int domain, bool withXML)
{
    virErrorPtr err = nuvErrorCurrent();

    if (!err || err->code == VIR_ERR_XML_INVALID_SCHEMA)
        return;
    if (err->domain == VIR_FROM_DOMAIN || (withXML && err->domain == VIR_FROM_XML))
        err->domain = domain;
}

void
nuvXNodeReportSchemaError(void)
{
    virErrorPtr err = nuvErrorCurrent();
    g_autofree char *why = g_strdup(err && err->message ? err->message : "");

    nuvReportErrorFrom(VIR_FROM_XML, VIR_ERR_XML_INVALID_SCHEMA,
                       "XML document failed to validate against schema: %s", why);
}

static bool
nuvXNodeSkipped(const nuvXNode *node, unsigned int flags)
{
    unsigned int ef = node->table[node->elem].flags;

    if ((ef & NUV_XS_RUNTIME) && (flags & NUV_XNODE_FORMAT_INACTIVE))
        return true;
    if ((ef & NUV_XS_SECURE) && !(flags & NUV_XNODE_FORMAT_SECURE))
        return true;
    if ((ef & NUV_XS_ALIAS) && (flags & NUV_XNODE_FORMAT_INACTIVE)) {
        /* only user-chosen aliases ("ua-" prefix) are configuration */
        const char *name = nuvXNodeGet(node, "name");
        if (!name || !g_str_has_prefix(name, "ua-"))
            return true;
    }
    return false;
}

/* Whether formatting @node with @flags would give a bare <name/>. */
static bool
nuvXNodeIsEmpty(const nuvXNode *node, unsigned int flags)
{
    const nuvXSElem *e = &node->table[node->elem];

    if (node->text && (e->flags & NUV_XS_TEXT))
        return false;
    if (node->raw && node->raw->len)
        return false;
    for (size_t i = 0; e->attrs && e->attrs[i].name; i++) {
        unsigned int af = e->attrs[i].flags;

        if (!node->vals[i])
            continue;
        if ((af & NUV_XS_RUNTIME) && (flags & NUV_XNODE_FORMAT_INACTIVE))
            continue;
        if ((af & NUV_XS_SECURE) && !(flags & NUV_XNODE_FORMAT_SECURE))
            continue;
        return false;
    }
    for (size_t i = 0; i < node->children->len; i++) {
        const nuvXNode *c = g_ptr_array_index(node->children, i);
        const nuvXSElem *ce = &c->table[c->elem];

        if (nuvXNodeSkipped(c, flags))
            continue;
        if ((ce->flags & NUV_XS_DROPEMPTY) && nuvXNodeIsEmpty(c, flags))
            continue;
        return false;
    }
    return true;
}

void
nuvXNodeFormat(const nuvXNode *node, GString *buf, int depth, unsigned int flags)
{
    const nuvXSElem *e = &node->table[node->elem];
    bool hasKids = false;

    if (nuvXNodeSkipped(node, flags))
        return;
    if ((e->flags & NUV_XS_DROPEMPTY) && nuvXNodeIsEmpty(node, flags))
        return;

    nuvXMLIndent(buf, depth);
    g_string_append_c(buf, '<');
    g_string_append(buf, e->name);
    for (size_t i = 0; e->attrs && e->attrs[i].name; i++) {
        unsigned int af = e->attrs[i].flags;

        if (!node->vals[i])
            continue;
        if ((af & NUV_XS_RUNTIME) && (flags & NUV_XNODE_FORMAT_INACTIVE))
            continue;
        if ((af & NUV_XS_SECURE) && !(flags & NUV_XNODE_FORMAT_SECURE))
            continue;
        g_string_append_printf(buf, " %s='", e->attrs[i].name);
        nuvXMLEscapeAttr(buf, node->vals[i]);
        g_string_append_c(buf, '\'');
    }

    for (size_t i = 0; i < node->children->len; i++) {
        const nuvXNode *c = g_ptr_array_index(node->children, i);

        if (nuvXNodeSkipped(c, flags))
            continue;
        if ((c->table[c->elem].flags & NUV_XS_DROPEMPTY) && nuvXNodeIsEmpty(c, flags))
            continue;
        hasKids = true;
        break;
    }
    if (node->raw && node->raw->len)
        hasKids = true;

    if (!hasKids && (e->flags & NUV_XS_BLOCK)) {
        g_string_append(buf, ">\n");
        nuvXMLIndent(buf, depth);
        g_string_append_printf(buf, "</%s>\n", e->name);
        return;
    }
    if (!hasKids) {
        if (node->text && (e->flags & NUV_XS_TEXT)) {
            g_string_append_c(buf, '>');
            nuvXMLEscapeText(buf, node->text);
            g_string_append_printf(buf, "</%s>\n", e->name);
        } else {
            g_string_append(buf, "/>\n");
        }
        return;
    }

    g_string_append(buf, ">");
    if (node->text && (e->flags & NUV_XS_TEXT))
        nuvXMLEscapeText(buf, node->text);
    g_string_append_c(buf, '\n');
    for (size_t i = 0; i < node->children->len; i++)
        nuvXNodeFormat(g_ptr_array_index(node->children, i), buf, depth + 1, flags);
    if (node->raw) {
        for (size_t i = 0; i < node->raw->len; i++) {
            nuvXMLIndent(buf, depth + 1);
            g_string_append(buf, g_ptr_array_index(node->raw, i));
            g_string_append_c(buf, '\n');
        }
    }
    nuvXMLIndent(buf, depth);
    g_string_append_printf(buf, "</%s>\n", e->name);
}
