/*
 * xnode.c: the generic, table-driven XML parse and format engine.
 */
#include <string.h>

#include "conf/xnode.h"
#include "util/error.h"
#include "util/log.h"
#include "util/xml.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

static size_t
nuvXSAttrCount(const nuvXSElem *e)
{
    size_t n = 0;

    if (e->attrs)
        while (e->attrs[n].name)
            n++;
    return n;
}

static int
nuvXSAttrIndex(const nuvXSElem *e, const char *name)
{
    if (!e->attrs)
        return -1;
    for (int i = 0; e->attrs[i].name; i++) {
        if (strcmp(e->attrs[i].name, name) == 0)
            return i;
    }
    return -1;
}

/* Position of table entry @child in the child list of entry @parent. */
static int
nuvXSChildPos(const nuvXSElem *table, int parent, int child)
{
    const int *kids = table[parent].children;

    if (!kids)
        return -1;
    for (int i = 0; kids[i] >= 0; i++) {
        if (kids[i] == child)
            return i;
    }
    return -1;
}

int
nuvXNodeChildElem(const nuvXNode *node, const char *name)
{
    const int *kids = node->table[node->elem].children;

    if (!kids)
        return -1;
    for (int i = 0; kids[i] >= 0; i++) {
        if (strcmp(node->table[kids[i]].name, name) == 0)
            return kids[i];
    }
    return -1;
}

nuvXNode *
nuvXNodeNew(const nuvXSElem *table, int elem)
{
    nuvXNode *node = g_new0(nuvXNode, 1);

    node->table = table;
    node->elem = elem;
    node->vals = g_new0(char *, nuvXSAttrCount(&table[elem]) + 1);
    node->children = g_ptr_array_new_with_free_func((GDestroyNotify) nuvXNodeFree);
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
    for (size_t i = 0; i < nuvXSAttrCount(&node->table[node->elem]); i++)
        g_free(node->vals[i]);
    g_free(node->vals);
    g_free(node->text);
    g_ptr_array_unref(node->children);
    if (node->raw)
        g_ptr_array_unref(node->raw);
    g_free(node);
}

nuvXNode *
nuvXNodeCopy(const nuvXNode *node)
{
    nuvXNode *copy = nuvXNodeNew(node->table, node->elem);
    size_t nattrs = nuvXSAttrCount(&node->table[node->elem]);

    for (size_t i = 0; i < nattrs; i++)
        copy->vals[i] = g_strdup(node->vals[i]);
    copy->text = g_strdup(node->text);
    for (size_t i = 0; i < node->children->len; i++) {
        nuvXNode *c = nuvXNodeCopy(g_ptr_array_index(node->children, i));
        c->parent = copy;
        g_ptr_array_add(copy->children, c);
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
    i = nuvXSAttrIndex(&node->table[node->elem], attr);
    return i < 0 ? NULL : node->vals[i];
}

void
nuvXNodeSet(nuvXNode *node, const char *attr, const char *value)
{
    int i = nuvXSAttrIndex(&node->table[node->elem], attr);

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

    if (!node)
        return 0;
    for (size_t i = 0; i < node->children->len; i++) {
        nuvXNode *c = g_ptr_array_index(node->children, i);
        if (strcmp(nuvXNodeName(c), name) == 0)
            n++;
    }
    return n;
}

nuvXNode *
nuvXNodeNthChild(const nuvXNode *node, const char *name, size_t n)
{
    if (!node)
        return NULL;
    for (size_t i = 0; i < node->children->len; i++) {
        nuvXNode *c = g_ptr_array_index(node->children, i);
        if (strcmp(nuvXNodeName(c), name) == 0 && n-- == 0)
            return c;
    }
    return NULL;
}

/* Insert keeping table order; @first puts the child before its namesakes. */
static void
nuvXNodeInsertAt(nuvXNode *node, nuvXNode *child, bool first)
{
    int pos = nuvXSChildPos(node->table, node->elem, child->elem);
    size_t i;

    g_assert(pos >= 0);
    if (node->table[node->elem].flags & NUV_XS_DOCORDER) {
        child->parent = node;
        g_ptr_array_insert(node->children, first ? 0 : -1, child);
        return;
    }
    for (i = 0; i < node->children->len; i++) {
        nuvXNode *c = g_ptr_array_index(node->children, i);
        int cpos = nuvXSChildPos(node->table, node->elem, c->elem);
        if (cpos > pos || (first && cpos == pos))
            break;
    }
    child->parent = node;
    g_ptr_array_insert(node->children, i, child);
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
    for (size_t i = node->children->len; i > 0; i--) {
        nuvXNode *c = g_ptr_array_index(node->children, i - 1);
        if (strcmp(nuvXNodeName(c), name) == 0)
            g_ptr_array_remove_index(node->children, i - 1);
    }
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

nuvXNode *
nuvXNodeParseFlags(const nuvXSElem *table, int elem, xmlNodePtr xml, unsigned int flags)
{
    const nuvXSElem *e = &table[elem];
    g_autoptr(nuvXNode) node = nuvXNodeNew(table, elem);
    g_autoptr(GString) text = NULL;

    for (xmlAttrPtr a = xml->properties; a; a = a->next) {
        int i;
        g_autofree char *val = NULL;

        if (a->ns)
            continue;
        i = nuvXSAttrIndex(e, (const char *) a->name);
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

    for (xmlNodePtr c = xml->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (!text)
                text = g_string_new(NULL);
            g_string_append(text, (const char *) c->content);
            continue;
        }
        if (c->type == XML_ENTITY_REF_NODE) {
            g_autofree char *v = (char *) xmlNodeGetContent(c);
            if (!text)
                text = g_string_new(NULL);
            g_string_append(text, v ? v : "");
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
            if (!(child = nuvXNodeParseFlags(table, ce, c, flags)))
                return NULL;
            nuvXNodeInsert(node, child);
        }
    }
    if ((e->flags & NUV_XS_TEXT) && text)
        node->text = g_string_free(g_steal_pointer(&text), FALSE);

    return g_steal_pointer(&node);
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

    nuvErrorReportFull(VIR_FROM_XML, VIR_ERR_XML_INVALID_SCHEMA, __FILE__, __func__, __LINE__,
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
