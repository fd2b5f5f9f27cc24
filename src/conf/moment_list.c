/*
 * moment_list.c: the tree of a domain's snapshots or checkpoints.
 */
#include <string.h>

#include "conf/moment_list.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

struct _nuvMomentList {
    GHashTable *byName;         /* name -> nuvMoment *, owning the moments */
    GPtrArray *order;           /* nuvMoment *, in the order they were added */
    nuvMoment root;             /* parent of the top-level moments; no def */
    nuvMoment *current;
    GDestroyNotify defFree;
};

void
nuvMomentDefClear(nuvMomentDef *def)
{
    g_clear_pointer(&def->name, g_free);
    g_clear_pointer(&def->description, g_free);
    g_clear_pointer(&def->parentName, g_free);
    g_clear_pointer(&def->dom, nuvDomainDefFree);
    g_clear_pointer(&def->inactiveDom, nuvDomainDefFree);
}

void
nuvMomentFormatDomain(GString *buf, const nuvDomainDef *dom, const char *rootName, bool secure)
{
    g_autofree char *xml = nuvDomainDefFormat(dom, -1, VIR_DOMAIN_XML_INACTIVE |
                                              (secure ? VIR_DOMAIN_XML_SECURE : 0));
    bool rename = strcmp(rootName, "domain") != 0;
    g_auto(GStrv) lines = NULL;

    if (!xml)
        return;
    lines = g_strsplit(xml, "\n", -1);
    for (size_t i = 0; lines[i]; i++) {
        const char *line = lines[i];

        if (!*line)
            continue;
        g_string_append(buf, "  ");
        if (rename && g_str_has_prefix(line, "<domain"))
            g_string_append_printf(buf, "<%s%s\n", rootName, line + strlen("<domain"));
        else if (rename && strcmp(line, "</domain>") == 0)
            g_string_append_printf(buf, "</%s>\n", rootName);
        else
            g_string_append_printf(buf, "%s\n", line);
    }
}

static void
momentFree(nuvMoment *moment, GDestroyNotify defFree)
{
    if (!moment)
        return;
    if (moment->def)
        defFree(moment->def);
    g_ptr_array_unref(moment->children);
    g_free(moment);
}

nuvMomentList *
nuvMomentListNew(GDestroyNotify defFree)
{
    nuvMomentList *list = g_new0(nuvMomentList, 1);

    /* The hash only indexes; moments are freed through the order array
     * so that both views drop them together. */
    list->byName = g_hash_table_new(g_str_hash, g_str_equal);
    list->order = g_ptr_array_new();
    list->root.children = g_ptr_array_new();
    list->defFree = defFree;
    return list;
}

void
nuvMomentListClear(nuvMomentList *list)
{
    size_t i;

    for (i = 0; i < list->order->len; i++)
        momentFree(g_ptr_array_index(list->order, i), list->defFree);
    g_ptr_array_set_size(list->order, 0);
    g_ptr_array_set_size(list->root.children, 0);
    g_hash_table_remove_all(list->byName);
    list->current = NULL;
}

void
nuvMomentListFree(nuvMomentList *list)
{
    if (!list)
        return;
    nuvMomentListClear(list);
    g_hash_table_unref(list->byName);
    g_ptr_array_unref(list->order);
    g_ptr_array_unref(list->root.children);
    g_free(list);
}

size_t
nuvMomentListSize(const nuvMomentList *list)
{
    return list ? list->order->len : 0;
}

nuvMoment *
nuvMomentListFind(const nuvMomentList *list, const char *name)
{
    if (!list || !name)
        return NULL;
    return g_hash_table_lookup(list->byName, name);
}

nuvMoment *
nuvMomentListGetCurrent(const nuvMomentList *list)
{
    return list ? list->current : NULL;
}

void
nuvMomentListSetCurrent(nuvMomentList *list, nuvMoment *moment)
{
    list->current = moment;
}

bool
nuvMomentIsRoot(const nuvMomentList *list, const nuvMoment *moment)
{
    return moment->parent == &list->root || !moment->parent;
}

int
nuvMomentListCheckCycles(const nuvMomentList *list, const nuvMomentDef *def, int errDomain)
{
    nuvMoment *other;

    if (!def->parentName)
        return 0;
    if (strcmp(def->name, def->parentName) == 0) {
        nuvReportErrorFrom(errDomain, VIR_ERR_INVALID_ARG,
                           "cannot set moment %s as its own parent", def->name);
        return -1;
    }
    if (!(other = nuvMomentListFind(list, def->parentName))) {
        nuvReportErrorFrom(errDomain, VIR_ERR_INVALID_ARG,
                           "parent %s for moment %s not found", def->parentName, def->name);
        return -1;
    }
    /* Walk up from the new parent: meeting @def's own name means the
     * moment would become its own ancestor. */
    while (other && other->def->parentName) {
        if (strcmp(other->def->parentName, def->name) == 0) {
            nuvReportErrorFrom(errDomain, VIR_ERR_INVALID_ARG,
                               "parent %s would create cycle to %s",
                               other->def->name, def->name);
            return -1;
        }
        other = nuvMomentListFind(list, other->def->parentName);
    }
    return 0;
}

nuvMoment *
nuvMomentListAdd(nuvMomentList *list, nuvMomentDef **def)
{
    nuvMoment *moment;

    if (nuvMomentListFind(list, (*def)->name)) {
        nuvReportError(VIR_ERR_OPERATION_FAILED, "domain moment %s already exists",
                       (*def)->name);
        return NULL;
    }
    moment = g_new0(nuvMoment, 1);
    moment->def = g_steal_pointer(def);
    moment->children = g_ptr_array_new();
    g_hash_table_insert(list->byName, moment->def->name, moment);
    g_ptr_array_add(list->order, moment);
    return moment;
}

void
nuvMomentListLink(nuvMomentList *list, nuvMoment *moment)
{
    nuvMoment *parent = nuvMomentListFind(list, moment->def->parentName);

    if (!parent)
        parent = &list->root;
    moment->parent = parent;
    /* Newest first, as libvirt lists children. */
    g_ptr_array_insert(parent->children, 0, moment);
}

void
nuvMomentUnlink(nuvMoment *moment)
{
    if (moment->parent)
        g_ptr_array_remove(moment->parent->children, moment);
    moment->parent = NULL;
}

void
nuvMomentReplaceDef(nuvMomentList *list, nuvMoment *moment, nuvMomentDef **def)
{
    nuvMomentUnlink(moment);
    g_hash_table_remove(list->byName, moment->def->name);
    list->defFree(moment->def);
    moment->def = g_steal_pointer(def);
    g_hash_table_insert(list->byName, moment->def->name, moment);
}

/* Drop @moment (unlinked, childless) from the indexes and free it. */
static void
momentRemove(nuvMomentList *list, nuvMoment *moment)
{
    if (list->current == moment)
        list->current = NULL;
    g_hash_table_remove(list->byName, moment->def->name);
    g_ptr_array_remove(list->order, moment);
    momentFree(moment, list->defFree);
}

void
nuvMomentListDelete(nuvMomentList *list, nuvMoment *moment)
{
    nuvMoment *parent = moment->parent ? moment->parent : &list->root;
    size_t i;

    for (i = 0; i < moment->children->len; i++) {
        nuvMoment *child = g_ptr_array_index(moment->children, i);

        g_free(child->def->parentName);
        child->def->parentName = g_strdup(parent->def ? parent->def->name : NULL);
        child->parent = parent;
        g_ptr_array_insert(parent->children, (int)i, child);
    }
    g_ptr_array_set_size(moment->children, 0);
    nuvMomentUnlink(moment);
    if (list->current == moment)
        list->current = parent->def ? parent : NULL;
    momentRemove(list, moment);
}

static bool
momentDeleteTree(nuvMomentList *list, nuvMoment *moment)
{
    bool wasCurrent = list->current == moment;

    while (moment->children->len > 0) {
        nuvMoment *child = g_ptr_array_index(moment->children, 0);

        g_ptr_array_remove_index(moment->children, 0);
        child->parent = NULL;
        wasCurrent |= momentDeleteTree(list, child);
    }
    momentRemove(list, moment);
    return wasCurrent;
}

void
nuvMomentListDeleteDescendants(nuvMomentList *list, nuvMoment *moment)
{
    bool wasCurrent = false;

    while (moment->children->len > 0) {
        nuvMoment *child = g_ptr_array_index(moment->children, 0);

        g_ptr_array_remove_index(moment->children, 0);
        child->parent = NULL;
        wasCurrent |= momentDeleteTree(list, child);
    }
    if (wasCurrent)
        list->current = moment;
}

typedef struct {
    GPtrArray *out;
    unsigned int flags;
    nuvMomentFilter filter;
    unsigned int filterFlags;
} collectData;

static void
collectOne(collectData *data, nuvMoment *moment)
{
    bool leaf = moment->children->len == 0;

    if ((data->flags & NUV_MOMENT_LIST_LEAVES) && !leaf)
        return;
    if ((data->flags & NUV_MOMENT_LIST_NO_LEAVES) && leaf)
        return;
    if (data->filter && !data->filter(moment, data->filterFlags))
        return;
    g_ptr_array_add(data->out, moment);
}

static void
collectTree(collectData *data, nuvMoment *from, bool recurse)
{
    size_t i;

    for (i = 0; i < from->children->len; i++) {
        nuvMoment *child = g_ptr_array_index(from->children, i);

        collectOne(data, child);
        if (recurse)
            collectTree(data, child, true);
    }
}

GPtrArray *
nuvMomentListCollect(const nuvMomentList *list, nuvMoment *from, unsigned int flags,
                     nuvMomentFilter filter, unsigned int filterFlags)
{
    collectData data = { g_ptr_array_new(), flags, filter, filterFlags };
    size_t i;

    /* Every moment here has metadata: asking for only those without
     * selects nothing. */
    if ((flags & (NUV_MOMENT_LIST_METADATA | NUV_MOMENT_LIST_NO_METADATA)) ==
        NUV_MOMENT_LIST_NO_METADATA)
        return data.out;
    /* Both halves of a pair filter nothing. */
    if ((flags & (NUV_MOMENT_LIST_LEAVES | NUV_MOMENT_LIST_NO_LEAVES)) ==
        (NUV_MOMENT_LIST_LEAVES | NUV_MOMENT_LIST_NO_LEAVES))
        data.flags &= ~(NUV_MOMENT_LIST_LEAVES | NUV_MOMENT_LIST_NO_LEAVES);

    if (!list)
        return data.out;
    if (!from && (flags & NUV_MOMENT_LIST_ALL) && !(flags & NUV_MOMENT_LIST_TOPOLOGICAL)) {
        for (i = 0; i < list->order->len; i++)
            collectOne(&data, g_ptr_array_index(list->order, i));
    } else {
        collectTree(&data, from ? from : (nuvMoment *)&list->root,
                    (flags & NUV_MOMENT_LIST_ALL) != 0);
    }
    return data.out;
}
