/*
 * network-corpus.c: run stock libvirt's network corpus through the public
 * API of the test driver, as the corpus was made: virNetworkDefineXML on
 * test:///default, virNetworkGetXMLDesc(0), virNetworkUndefine.
 *
 * usage: network-corpus [-v] [--min-match PERCENT] [--only NAME] CORPUS_DIR
 *
 * A case NAME.xml matches when our document is byte for byte NAME.out.xml,
 * or, for NAME.err, when the definition is refused with the same error
 * code and domain.  Prints two figures; exits 1 only when the match ratio
 * is under --min-match.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static void
quiet(void *opaque G_GNUC_UNUSED, virErrorPtr err G_GNUC_UNUSED)
{
}

/* "code=27 domain=19 message=..." -> code and domain */
static bool
parseErr(const char *text, int *code, int *domain)
{
    return sscanf(text, "code=%d domain=%d", code, domain) == 2;
}

int
main(int argc, char **argv)
{
    const char *dir = NULL;
    const char *only = NULL;
    bool verbose = false;
    double minMatch = 0;
    g_autoptr(GDir) d = NULL;
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    const char *ent;
    virConnectPtr conn;
    int total = 0, matched = 0, rejTotal = 0, rejAgree = 0;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0)
            verbose = true;
        else if (strcmp(argv[i], "--min-match") == 0 && i + 1 < argc)
            minMatch = atof(argv[++i]);
        else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc)
            only = argv[++i];
        else
            dir = argv[i];
    }
    if (!dir) {
        fprintf(stderr, "usage: %s [-v] [--min-match PERCENT] [--only NAME] CORPUS_DIR\n",
                argv[0]);
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
    g_ptr_array_sort(names, (GCompareFunc) (void (*)(void)) g_strcmp0);

    virSetErrorFunc(NULL, quiet);
    if (!(conn = virConnectOpen("test:///default"))) {
        fprintf(stderr, "cannot open test:///default\n");
        return 2;
    }

    for (guint i = 0; i < names->len; i++) {
        const char *name = g_ptr_array_index(names, i);
        g_autofree char *inPath = g_strdup_printf("%s/%s.xml", dir, name);
        g_autofree char *outPath = g_strdup_printf("%s/%s.out.xml", dir, name);
        g_autofree char *errPath = g_strdup_printf("%s/%s.err", dir, name);
        g_autofree char *input = NULL;
        g_autofree char *expect = NULL;
        g_autofree char *got = NULL;
        g_autofree char *why = NULL;
        bool wantErr = false;
        bool ok = false;
        virNetworkPtr net;

        if (only && strcmp(only, name) != 0)
            continue;
        if (!g_file_get_contents(inPath, &input, NULL, NULL))
            continue;
        if (g_file_get_contents(outPath, &expect, NULL, NULL)) {
            wantErr = false;
        } else if (g_file_get_contents(errPath, &expect, NULL, NULL)) {
            wantErr = true;
        } else {
            continue;
        }
        total++;
        if (wantErr)
            rejTotal++;

        net = virNetworkDefineXML(conn, input);
        if (net) {
            got = virNetworkGetXMLDesc(net, 0);
            virNetworkUndefine(net);
            virNetworkFree(net);
        }
        if (wantErr) {
            int code = 0, dom = 0;
            virErrorPtr err = virGetLastError();
            parseErr(expect, &code, &dom);
            if (!net && err && err->code == code && err->domain == dom) {
                ok = true;
            } else if (!net && err) {
                why = g_strdup_printf("expected code=%d domain=%d, got code=%d domain=%d: %s",
                                      code, dom, err->code, err->domain,
                                      err->message ? err->message : "");
            } else {
                why = g_strdup_printf("expected code=%d domain=%d, but it was accepted",
                                      code, dom);
            }
        } else if (!net) {
            virErrorPtr err = virGetLastError();
            why = g_strdup_printf("rejected: %s", err && err->message ? err->message : "?");
        } else if (got && strcmp(got, expect) == 0) {
            ok = true;
        } else {
            why = g_strdup_printf("output differs:\n--- got\n%s--- expected\n%s",
                                  got ? got : "(null)\n", expect);
        }
        if (ok) {
            matched++;
            if (wantErr)
                rejAgree++;
        }
        if (verbose || (only && !ok))
            printf("%s %s%s%s\n", ok ? "ok  " : "FAIL", name, why ? ": " : "", why ? why : "");
    }
    virConnectClose(conn);

    printf("network corpus: %d/%d match (%.0f%%)\n", matched, total,
           total ? 100.0 * matched / total : 0.0);
    printf("rejections agreeing: %d/%d\n", rejAgree, rejTotal);
    return total && 100.0 * matched / total < minMatch ? 1 : 0;
}
