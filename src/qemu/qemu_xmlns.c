/*
 * qemu_xmlns.c: <qemu:commandline> and <qemu:capabilities> (see
 * qemu_xmlns.h).  The elements may use any prefix bound to the namespace
 * URI; they are written back with the prefix "qemu", in libvirt's order:
 * arguments, then environment variables, then capabilities added and
 * removed.
 */
#include <string.h>
#include <libxml/tree.h>

#include "qemu/qemu_xmlns.h"
#include "util/error.h"
#include "util/log.h"
#include "util/xml.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

typedef struct {
    GPtrArray *args;            /* char *: <qemu:arg value> */
    GPtrArray *envNames;        /* char *: <qemu:env name> */
    GPtrArray *envValues;       /* char * or NULL: <qemu:env value> */
    GPtrArray *capsAdd;         /* char *: <qemu:add capability> */
    GPtrArray *capsDel;         /* char *: <qemu:del capability> */
} qemuXMLNs;

static qemuXMLNs *
qemuXMLNsNew(void)
{
    qemuXMLNs *ns = g_new0(qemuXMLNs, 1);

    ns->args = g_ptr_array_new_with_free_func(g_free);
    ns->envNames = g_ptr_array_new_with_free_func(g_free);
    ns->envValues = g_ptr_array_new_with_free_func(g_free);
    ns->capsAdd = g_ptr_array_new_with_free_func(g_free);
    ns->capsDel = g_ptr_array_new_with_free_func(g_free);
    return ns;
}

static void
qemuXMLNsFree(void *data)
{
    qemuXMLNs *ns = data;

    if (!ns)
        return;
    g_ptr_array_unref(ns->args);
    g_ptr_array_unref(ns->envNames);
    g_ptr_array_unref(ns->envValues);
    g_ptr_array_unref(ns->capsAdd);
    g_ptr_array_unref(ns->capsDel);
    g_free(ns);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(qemuXMLNs, qemuXMLNsFree)

static GPtrArray *
qemuStrvCopy(GPtrArray *a)
{
    GPtrArray *c = g_ptr_array_new_full(a->len, g_free);

    for (guint i = 0; i < a->len; i++)
        g_ptr_array_add(c, g_strdup(g_ptr_array_index(a, i)));
    return c;
}

static void *
qemuXMLNsCopy(const void *data)
{
    const qemuXMLNs *ns = data;
    qemuXMLNs *c = g_new0(qemuXMLNs, 1);

    c->args = qemuStrvCopy(ns->args);
    c->envNames = qemuStrvCopy(ns->envNames);
    c->envValues = qemuStrvCopy(ns->envValues);
    c->capsAdd = qemuStrvCopy(ns->capsAdd);
    c->capsDel = qemuStrvCopy(ns->capsDel);
    return c;
}

static bool
qemuIsOurs(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
           xmlStrEqual(n->ns->href, BAD_CAST QEMU_XMLNS_HREF) &&
           (!name || xmlStrEqual(n->name, BAD_CAST name));
}

static char *
qemuProp(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetNoNsProp(n, BAD_CAST name);
    char *ret = v ? g_strdup((const char *) v) : NULL;

    xmlFree(v);
    return ret;
}

/* libvirt's rule for a variable name: a letter or '_' first, then
 * letters, digits and '_'. */
static int
qemuCheckEnvName(const char *name)
{
    if (!name || !*name) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "No qemu environment name specified");
        return -1;
    }
    if (!g_ascii_isalpha(*name) && *name != '_') {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       "Invalid environment name, it must begin with a letter or underscore");
        return -1;
    }
    for (const char *p = name; *p; p++) {
        if (!g_ascii_isalnum(*p) && *p != '_') {
            nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           "Invalid environment name, it must contain only alphanumerics "
                           "and underscore");
            return -1;
        }
    }
    return 0;
}

static int
qemuParseCommandline(qemuXMLNs *ns, xmlNodePtr cl)
{
    for (xmlNodePtr c = cl->children; c; c = c->next) {
        if (qemuIsOurs(c, "arg")) {
            char *v = qemuProp(c, "value");
            if (!v) {
                nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                               "No qemu command-line argument specified");
                return -1;
            }
            g_ptr_array_add(ns->args, v);
        } else if (qemuIsOurs(c, "env")) {
            g_autofree char *name = qemuProp(c, "name");
            if (qemuCheckEnvName(name) < 0)
                return -1;
            g_ptr_array_add(ns->envNames, g_steal_pointer(&name));
            g_ptr_array_add(ns->envValues, qemuProp(c, "value"));
        }
    }
    return 0;
}

static int
qemuParseCapabilities(qemuXMLNs *ns, xmlNodePtr caps)
{
    for (xmlNodePtr c = caps->children; c; c = c->next) {
        bool add = qemuIsOurs(c, "add");

        if (!add && !qemuIsOurs(c, "del"))
            continue;
        {
            char *cap = qemuProp(c, "capability");
            if (!cap) {
                nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                               "missing capability name");
                return -1;
            }
            g_ptr_array_add(add ? ns->capsAdd : ns->capsDel, cap);
        }
    }
    return 0;
}

static int
qemuXMLNsParse(xmlNodePtr root, void **data)
{
    g_autoptr(qemuXMLNs) ns = qemuXMLNsNew();
    bool any = false;

    for (xmlNodePtr c = root->children; c; c = c->next) {
        if (!qemuIsOurs(c, NULL))
            continue;
        if (xmlStrEqual(c->name, BAD_CAST "commandline")) {
            if (qemuParseCommandline(ns, c) < 0)
                return -1;
        } else if (xmlStrEqual(c->name, BAD_CAST "capabilities")) {
            if (qemuParseCapabilities(ns, c) < 0)
                return -1;
        } else {
            /* libvirt 9.0's <qemu:override>, <qemu:deprecation>: not kept */
            NUV_DEBUG("ignoring unsupported element <qemu:%s> at line %ld",
                      (const char *) c->name, xmlGetLineNo(c));
            continue;
        }
        any = true;
    }
    if (any && (ns->args->len || ns->envNames->len || ns->capsAdd->len || ns->capsDel->len))
        *data = g_steal_pointer(&ns);
    return 0;
}

static void
qemuIndent(GString *buf, int depth)
{
    for (int i = 0; i < depth; i++)
        g_string_append(buf, "  ");
}

static void
qemuFormatAttr(GString *buf, const char *name, const char *value)
{
    g_string_append_printf(buf, " %s='", name);
    nuvXMLEscapeAttr(buf, value);
    g_string_append_c(buf, '\'');
}

/* <qemu:TAG ATTR='v'/> for each v of @values, one line each. */
static void
qemuFormatEach(GString *buf, int depth, const char *tag, const char *attr, GPtrArray *values)
{
    for (guint i = 0; i < values->len; i++) {
        qemuIndent(buf, depth);
        g_string_append_printf(buf, "<qemu:%s", tag);
        qemuFormatAttr(buf, attr, g_ptr_array_index(values, i));
        g_string_append(buf, "/>\n");
    }
}

static void
qemuXMLNsFormat(GString *buf, const void *data, int depth)
{
    const qemuXMLNs *ns = data;

    if (ns->args->len || ns->envNames->len) {
        qemuIndent(buf, depth);
        g_string_append(buf, "<qemu:commandline>\n");
        qemuFormatEach(buf, depth + 1, "arg", "value", ns->args);
        for (guint i = 0; i < ns->envNames->len; i++) {
            const char *value = g_ptr_array_index(ns->envValues, i);
            qemuIndent(buf, depth + 1);
            g_string_append(buf, "<qemu:env");
            qemuFormatAttr(buf, "name", g_ptr_array_index(ns->envNames, i));
            if (value)
                qemuFormatAttr(buf, "value", value);
            g_string_append(buf, "/>\n");
        }
        qemuIndent(buf, depth);
        g_string_append(buf, "</qemu:commandline>\n");
    }
    if (ns->capsAdd->len || ns->capsDel->len) {
        qemuIndent(buf, depth);
        g_string_append(buf, "<qemu:capabilities>\n");
        qemuFormatEach(buf, depth + 1, "add", "capability", ns->capsAdd);
        qemuFormatEach(buf, depth + 1, "del", "capability", ns->capsDel);
        qemuIndent(buf, depth);
        g_string_append(buf, "</qemu:capabilities>\n");
    }
}

const nuvDomainXMLNamespace qemuXMLNamespace = {
    .prefix = "qemu",
    .href = QEMU_XMLNS_HREF,
    .parse = qemuXMLNsParse,
    .free = qemuXMLNsFree,
    .copy = qemuXMLNsCopy,
    .format = qemuXMLNsFormat,
};

int
qemuXMLNamespaceApply(const nuvDomainDef *def, GPtrArray *argv, GPtrArray *env)
{
    const qemuXMLNs *ns = def->ns == &qemuXMLNamespace ? def->nsData : NULL;

    if (!ns)
        return 0;
    if (ns->capsAdd->len || ns->capsDel->len) {
        /* this driver has no capability flags to override */
        nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       "<qemu:capabilities> is not supported by this QEMU driver");
        return -1;
    }
    for (guint i = 0; i < ns->args->len; i++)
        g_ptr_array_add(argv, g_strdup(g_ptr_array_index(ns->args, i)));
    for (guint i = 0; i < ns->envNames->len; i++) {
        const char *value = g_ptr_array_index(ns->envValues, i);
        g_ptr_array_add(env, g_strdup_printf("%s=%s", (const char *) g_ptr_array_index(
                                                 ns->envNames, i), value ? value : ""));
    }
    return 0;
}
