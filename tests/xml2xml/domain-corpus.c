/*
 * domain-corpus.c: run stock libvirt's domain corpus through our parser
 * and formatter.
 *
 * usage: domain-corpus [-v] [--min-match PERCENT] [--all-rejections] [--only NAME] CORPUS_DIR
 *
 * For each case NAME.xml: parse it, format it inactive, and compare with
 * NAME.out.xml under the corpus README's rule (element trees, attributes as
 * sets, trimmed text, comments ignored, generated values accepted when the
 * input does not state them); or, for NAME.err, expect a rejection with
 * the same error code.  Prints two figures; exits 1 when the match ratio
 * is under --min-match, or with --all-rejections when any case stock
 * rejects is not rejected with stock's code.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "conf/domain_def.h"
#include "util/error.h"

typedef struct {
    const char *input;     /* the case's input text, for generated values */
    GString *reason;
} nuvCmp;

static char *
nuvCmpText(xmlNodePtr n)
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
nuvCmpPath(xmlNodePtr n)
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
nuvCmpGenerated(nuvCmp *cmp, xmlNodePtr exp, const char *attr, const char *expval,
                const char *gotval)
{
    const char *name = (const char *) exp->name;
    bool gen = false;

    if (!attr && (strcmp(name, "uuid") == 0 || strcmp(name, "genid") == 0))
        gen = true;
    if (attr && strcmp(name, "mac") == 0 && strcmp(attr, "address") == 0)
        gen = true;
    if (attr && strcmp(name, "parameters") == 0 &&
        (strcmp(attr, "instanceid") == 0 || strcmp(attr, "interfaceid") == 0))
        gen = true;
    if (!gen || !expval || !*expval || strstr(cmp->input, expval))
        return false;
    return gotval && *gotval;
}

static xmlNodePtr
nuvCmpNextElem(xmlNodePtr n)
{
    while (n && n->type != XML_ELEMENT_NODE)
        n = n->next;
    return n;
}

static bool
nuvCmpNode(nuvCmp *cmp, xmlNodePtr exp, xmlNodePtr got)
{
    g_autofree char *path = nuvCmpPath(exp);
    g_autofree char *et = NULL;
    g_autofree char *gt = NULL;
    xmlNodePtr ec, gc;

    if (!xmlStrEqual(exp->name, got->name)) {
        g_string_printf(cmp->reason, "%s: expected element <%s>, got <%s>",
                        path, exp->name, got->name);
        return false;
    }
    for (xmlAttrPtr a = exp->properties; a; a = a->next) {
        g_autofree char *ev = (char *) xmlGetProp(exp, a->name);
        g_autofree char *gv = (char *) xmlGetProp(got, a->name);

        if (!gv) {
            g_string_printf(cmp->reason, "%s: missing attribute %s='%s'", path, a->name, ev);
            return false;
        }
        if (strcmp(ev, gv) != 0 &&
            !nuvCmpGenerated(cmp, exp, (const char *) a->name, ev, gv)) {
            g_string_printf(cmp->reason, "%s: attribute %s expected '%s', got '%s'",
                            path, a->name, ev, gv);
            return false;
        }
    }
    for (xmlAttrPtr a = got->properties; a; a = a->next) {
        if (!xmlHasProp(exp, a->name)) {
            g_autofree char *gv = (char *) xmlGetProp(got, a->name);
            g_string_printf(cmp->reason, "%s: extra attribute %s='%s'", path, a->name, gv);
            return false;
        }
    }
    et = nuvCmpText(exp);
    gt = nuvCmpText(got);
    if (strcmp(et, gt) != 0 && !nuvCmpGenerated(cmp, exp, NULL, et, gt)) {
        g_string_printf(cmp->reason, "%s: text expected '%.40s', got '%.40s'", path, et, gt);
        return false;
    }

    ec = nuvCmpNextElem(exp->children);
    gc = nuvCmpNextElem(got->children);
    while (ec && gc) {
        if (!nuvCmpNode(cmp, ec, gc))
            return false;
        ec = nuvCmpNextElem(ec->next);
        gc = nuvCmpNextElem(gc->next);
    }
    if (ec) {
        g_autofree char *ep = nuvCmpPath(ec);
        g_string_printf(cmp->reason, "%s: missing element", ep);
        return false;
    }
    if (gc) {
        g_autofree char *gp = nuvCmpPath(gc);
        g_string_printf(cmp->reason, "%s: extra element", gp);
        return false;
    }
    return true;
}

static int
nuvErrCodeOf(const char *errtext)
{
    const char *p = strstr(errtext, "code=");

    return p ? atoi(p + 5) : -1;
}

/* 1 match, 0 mismatch (reason set). */
static int
runCase(const char *dir, const char *name, GString *reason, bool *isErr, bool *dump)
{
    g_autofree char *inpath = g_strdup_printf("%s/%s.xml", dir, name);
    g_autofree char *outpath = g_strdup_printf("%s/%s.out.xml", dir, name);
    g_autofree char *errpath = g_strdup_printf("%s/%s.err", dir, name);
    g_autofree char *input = NULL;
    g_autofree char *expected = NULL;
    g_autofree char *errtext = NULL;
    g_autoptr(nuvDomainDef) def = NULL;
    g_autofree char *got = NULL;
    xmlDocPtr edoc, gdoc;
    nuvCmp cmp;
    bool ok;

    if (!g_file_get_contents(inpath, &input, NULL, NULL)) {
        g_string_printf(reason, "cannot read input");
        return 0;
    }
    *isErr = g_file_get_contents(errpath, &errtext, NULL, NULL);
    if (!*isErr && !g_file_get_contents(outpath, &expected, NULL, NULL)) {
        g_string_printf(reason, "no .out.xml or .err");
        return 0;
    }

    nuvErrorReset();
    def = nuvDomainDefParseString(input, 0);
    if (!def) {
        int code = nuvErrorCurrentCode();
        virErrorPtr e = nuvErrorCurrent();

        if (*isErr) {
            if (code == nuvErrCodeOf(errtext))
                return 1;
            g_string_printf(reason, "error code %d, expected %d (%s)", code,
                            nuvErrCodeOf(errtext), e && e->message ? e->message : "");
            return 0;
        }
        g_string_printf(reason, "rejected: code=%d %s", code,
                        e && e->message ? e->message : "");
        return 0;
    }
    if (*isErr) {
        g_string_printf(reason, "accepted, expected error %s", g_strchomp(errtext));
        return 0;
    }

    got = nuvDomainDefFormat(def, -1, VIR_DOMAIN_XML_INACTIVE);
    if (*dump)
        fputs(got, stdout);
    edoc = xmlReadMemory(expected, strlen(expected), NULL, NULL, XML_PARSE_NONET);
    gdoc = xmlReadMemory(got, strlen(got), NULL, NULL, XML_PARSE_NONET);
    if (!gdoc) {
        g_string_printf(reason, "our output is not well-formed");
        xmlFreeDoc(edoc);
        return 0;
    }
    cmp.input = input;
    cmp.reason = reason;
    ok = nuvCmpNode(&cmp, xmlDocGetRootElement(edoc), xmlDocGetRootElement(gdoc));
    xmlFreeDoc(edoc);
    xmlFreeDoc(gdoc);
    return ok ? 1 : 0;
}

/* g_ptr_array_sort hands over pointers to the elements */
static gint
nuvCmpNames(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *) a, *(const char *const *) b);
}

int
main(int argc, char **argv)
{
    bool verbose = false;
    bool dump = false;
    double minMatch = -1;
    bool allRejections = false;
    const char *only = NULL;
    const char *dir = NULL;
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    GDir *d;
    const char *ent;
    unsigned int matched = 0, total = 0, rejTotal = 0, rejAgree = 0;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0) {
            verbose = true;
        } else if (strcmp(argv[i], "--dump") == 0) {
            dump = true;
        } else if (strcmp(argv[i], "--min-match") == 0 && i + 1 < argc) {
            minMatch = atof(argv[++i]);
        } else if (strcmp(argv[i], "--all-rejections") == 0) {
            allRejections = true;
        } else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc) {
            only = argv[++i];
        } else if (!dir) {
            dir = argv[i];
        } else {
            fprintf(stderr, "usage: %s [-v] [--dump] [--min-match PERCENT] [--only NAME] DIR\n",
                    argv[0]);
            return 2;
        }
    }
    if (!dir) {
        fprintf(stderr, "usage: %s [-v] [--min-match PERCENT] [--only NAME] DIR\n", argv[0]);
        return 2;
    }
    if (!(d = g_dir_open(dir, 0, NULL))) {
        fprintf(stderr, "cannot open %s\n", dir);
        return 2;
    }
    while ((ent = g_dir_read_name(d))) {
        if (ent[0] == '_' || !g_str_has_suffix(ent, ".xml") || g_str_has_suffix(ent, ".out.xml"))
            continue;
        g_ptr_array_add(names, g_strndup(ent, strlen(ent) - 4));
    }
    g_dir_close(d);
    g_ptr_array_sort(names, nuvCmpNames);

    for (size_t i = 0; i < names->len; i++) {
        const char *name = g_ptr_array_index(names, i);
        g_autoptr(GString) reason = g_string_new(NULL);
        bool isErr = false;
        int r;

        if (only && strcmp(only, name) != 0)
            continue;
        r = runCase(dir, name, reason, &isErr, &dump);
        total++;
        matched += r;
        if (isErr) {
            rejTotal++;
            rejAgree += r;
        }
        if (!r && verbose)
            printf("FAIL %s: %s\n", name, reason->str);
    }

    printf("domain corpus: %u/%u match (%.1f%%)\n", matched, total,
           total ? 100.0 * matched / total : 0.0);
    printf("domain corpus: rejections agreeing: %u/%u\n", rejAgree, rejTotal);
    if (minMatch >= 0 && total && 100.0 * matched / total < minMatch)
        return 1;
    if (allRejections && rejAgree != rejTotal)
        return 1;
    return 0;
}
