/*
 * corpus.c: walking a corpus directory and comparing with stock's results.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "corpus.h"

typedef struct {
    const char *input;
    GString *reason;
} cmpState;

static char *
nodeText(xmlNodePtr n)
{
    GString *s = g_string_new(NULL);

    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
            g_string_append(s, (const char *) c->content);
    }
    g_strstrip(s->str);
    return g_string_free(s, FALSE);
}

static char *
nodePath(xmlNodePtr n)
{
    GString *s = g_string_new(NULL);

    for (xmlNodePtr p = n; p && p->type == XML_ELEMENT_NODE; p = p->parent) {
        if (s->len)
            g_string_prepend_c(s, '/');
        g_string_prepend(s, (const char *) p->name);
    }
    return g_string_free(s, FALSE);
}

/* A generated value that the input does not state may differ. */
static bool
generatedValue(cmpState *st, xmlNodePtr exp, const char *attr, const char *expval,
               const char *gotval)
{
    const char *name = (const char *) exp->name;
    const char *parent = exp->parent && exp->parent->type == XML_ELEMENT_NODE ?
                         (const char *) exp->parent->name : "";
    bool gen = false;

    if (!attr) {
        gen = strcmp(name, "uuid") == 0 || strcmp(name, "genid") == 0 ||
              strcmp(name, "creationTime") == 0 ||
              (strcmp(name, "name") == 0 && strcmp(parent, "domainsnapshot") == 0 &&
               exp->parent->parent && exp->parent->parent->type != XML_ELEMENT_NODE);
    } else {
        gen = (strcmp(name, "mac") == 0 && strcmp(attr, "address") == 0) ||
              (strcmp(name, "parameters") == 0 &&
               (strcmp(attr, "instanceid") == 0 || strcmp(attr, "interfaceid") == 0));
    }
    if (!gen || !expval || !*expval || strstr(st->input, expval))
        return false;
    return gotval && *gotval;
}

static xmlNodePtr
nextElement(xmlNodePtr n)
{
    while (n && n->type != XML_ELEMENT_NODE)
        n = n->next;
    return n;
}

static bool
sameNode(cmpState *st, xmlNodePtr exp, xmlNodePtr got)
{
    g_autofree char *path = nodePath(exp);
    g_autofree char *et = NULL;
    g_autofree char *gt = NULL;
    xmlNodePtr ec, gc;

    if (!xmlStrEqual(exp->name, got->name)) {
        g_string_printf(st->reason, "%s: expected element <%s>, got <%s>",
                        path, exp->name, got->name);
        return false;
    }
    for (xmlAttrPtr a = exp->properties; a; a = a->next) {
        g_autofree char *ev = (char *) xmlGetProp(exp, a->name);
        g_autofree char *gv = (char *) xmlGetProp(got, a->name);

        if (!gv) {
            g_string_printf(st->reason, "%s: missing attribute %s='%s'", path, a->name, ev);
            return false;
        }
        if (strcmp(ev, gv) != 0 && !generatedValue(st, exp, (const char *) a->name, ev, gv)) {
            g_string_printf(st->reason, "%s: attribute %s expected '%s', got '%s'",
                            path, a->name, ev, gv);
            return false;
        }
    }
    for (xmlAttrPtr a = got->properties; a; a = a->next) {
        if (!xmlHasProp(exp, a->name)) {
            g_autofree char *gv = (char *) xmlGetProp(got, a->name);
            g_string_printf(st->reason, "%s: extra attribute %s='%s'", path, a->name, gv);
            return false;
        }
    }
    et = nodeText(exp);
    gt = nodeText(got);
    if (strcmp(et, gt) != 0 && !generatedValue(st, exp, NULL, et, gt)) {
        g_string_printf(st->reason, "%s: text expected '%.40s', got '%.40s'", path, et, gt);
        return false;
    }

    ec = nextElement(exp->children);
    gc = nextElement(got->children);
    while (ec && gc) {
        if (!sameNode(st, ec, gc))
            return false;
        ec = nextElement(ec->next);
        gc = nextElement(gc->next);
    }
    if (ec || gc) {
        g_autofree char *p = nodePath(ec ? ec : gc);
        g_string_printf(st->reason, "%s: %s element", p, ec ? "missing" : "extra");
        return false;
    }
    return true;
}

bool
corpusSameXML(const char *expect, const char *got, const char *input, GString *reason)
{
    xmlDocPtr edoc = xmlReadMemory(expect, strlen(expect), NULL, NULL, XML_PARSE_NONET);
    xmlDocPtr gdoc = xmlReadMemory(got, strlen(got), NULL, NULL, XML_PARSE_NONET);
    cmpState st = { input, reason };
    bool same = false;

    if (!edoc)
        g_string_printf(reason, "stock's output is not well-formed");
    else if (!gdoc)
        g_string_printf(reason, "our output is not well-formed");
    else
        same = sameNode(&st, xmlDocGetRootElement(edoc), xmlDocGetRootElement(gdoc));
    xmlFreeDoc(edoc);
    xmlFreeDoc(gdoc);
    return same;
}

static gint
compareNames(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* true when our result agrees with stock's; @reason says why not. */
/* --messages: a rejection agrees only with stock's code, error domain and
 * message all equal (the runner must fill corpusResult.domain). */
static bool corpusExactErrors;

static bool
runCase(const char *dir, const char *name, corpusCaseFunc fn, void *opaque,
        bool *isErr, GString *reason)
{
    g_autofree char *inPath = g_strdup_printf("%s/%s.xml", dir, name);
    g_autofree char *outPath = g_strdup_printf("%s/%s.out.xml", dir, name);
    g_autofree char *errPath = g_strdup_printf("%s/%s.err", dir, name);
    g_autofree char *input = NULL;
    g_autofree char *expect = NULL;
    corpusResult res = { NULL, 0, NULL, 0 };
    bool ok = false;
    int code = -1;

    if (!g_file_get_contents(inPath, &input, NULL, NULL)) {
        g_string_printf(reason, "cannot read the input");
        return false;
    }
    *isErr = g_file_get_contents(errPath, &expect, NULL, NULL);
    if (!*isErr && !g_file_get_contents(outPath, &expect, NULL, NULL)) {
        g_string_printf(reason, "no .out.xml or .err");
        return false;
    }

    fn(opaque, input, &res);
    if (*isErr) {
        const char *p = strstr(expect, "code=");
        code = p ? atoi(p + 5) : -1;
        ok = !res.xml && res.code == code;
        if (ok && corpusExactErrors) {
            g_autofree char *ours = g_strdup_printf("code=%d domain=%d message=%s", res.code,
                                                    res.domain, res.message ? res.message : "");
            /* recorded as the corpus README says: newlines turned into spaces */
            g_strdelimit(ours, "\n", ' ');
            g_strchomp(ours);
            g_strchomp(expect);
            if (strcmp(ours, expect) != 0) {
                ok = false;
                g_string_printf(reason, "ours: %s; stock: %s", ours, expect);
            }
        } else if (!ok && res.xml)
            g_string_printf(reason, "accepted, stock refused: %s", g_strchomp(expect));
        else if (!ok)
            g_string_printf(reason, "error code %d, stock %d (%s)", res.code, code,
                            res.message);
    } else if (!res.xml) {
        g_string_printf(reason, "refused: code=%d %s", res.code, res.message);
    } else {
        ok = corpusSameXML(expect, res.xml, input, reason);
    }
    g_free(res.xml);
    g_free(res.message);
    return ok;
}

const char *
corpusDirArg(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--min-match") == 0 || strcmp(argv[i], "--only") == 0)
            i++;
        else if (argv[i][0] != '-')
            return argv[i];
    }
    return NULL;
}

int
corpusMain(int argc, char **argv, const char *kind, corpusCaseFunc fn, void *opaque)
{
    const char *dir = NULL;
    const char *only = NULL;
    bool verbose = false;
    bool allRejections = false;
    double minMatch = -1;
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    unsigned int total = 0, matched = 0, rejTotal = 0, rejAgree = 0;
    const char *ent;
    GDir *d;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0)
            verbose = true;
        else if (strcmp(argv[i], "--all-rejections") == 0)
            allRejections = true;
        else if (strcmp(argv[i], "--messages") == 0)
            corpusExactErrors = true;
        else if (strcmp(argv[i], "--min-match") == 0 && i + 1 < argc)
            minMatch = atof(argv[++i]);
        else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc)
            only = argv[++i];
        else
            dir = argv[i];
    }
    if (!dir || !(d = g_dir_open(dir, 0, NULL))) {
        fprintf(stderr, "usage: %s [-v] [--min-match PERCENT] [--all-rejections] "
                "[--messages] [--only NAME] CORPUS_DIR\n", argv[0]);
        return 2;
    }
    while ((ent = g_dir_read_name(d))) {
        if (ent[0] != '_' && g_str_has_suffix(ent, ".xml") && !g_str_has_suffix(ent, ".out.xml"))
            g_ptr_array_add(names, g_strndup(ent, strlen(ent) - 4));
    }
    g_dir_close(d);
    g_ptr_array_sort(names, compareNames);

    for (guint i = 0; i < names->len; i++) {
        const char *name = g_ptr_array_index(names, i);
        g_autoptr(GString) reason = g_string_new(NULL);
        bool isErr = false;
        bool ok;

        if (only && strcmp(only, name) != 0)
            continue;
        ok = runCase(dir, name, fn, opaque, &isErr, reason);
        total++;
        matched += ok;
        if (isErr) {
            rejTotal++;
            rejAgree += ok;
        }
        if (!ok && verbose)
            printf("FAIL %s: %s\n", name, reason->str);
    }

    printf("%s corpus: %u/%u match (%.1f%%)\n", kind, matched, total,
           total ? 100.0 * matched / total : 0.0);
    printf("%s corpus: rejections agreeing: %u/%u\n", kind, rejAgree, rejTotal);
    if (minMatch >= 0 && (!total || 100.0 * matched / total < minMatch))
        return 1;
    if (allRejections && rejAgree != rejTotal)
        return 1;
    return 0;
}
