/*
 * secret-xml2xml.c: round trips of our own secret and nwfilter cases
 * through the public API of the test driver: define, format, undefine.
 *
 * usage: secret-xml2xml [-v] [--regenerate] secret|nwfilter DIR [CORPUS_DIR]
 *
 * DIR/NAME.xml is defined and its XML compared with DIR/NAME.out.xml (the
 * input itself when there is none).  DIR/NAME-invalid.xml must be refused,
 * with the code in DIR/NAME-invalid.err ("code=N") when that exists.
 * The .xml files of CORPUS_DIR (stock libvirt's secret inputs) must all define.
 * --regenerate (or NUV_TEST_REGENERATE=1) rewrites the .out.xml files.
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

static bool isSecret;

/* Define @xml; the formatted result (caller frees), or NULL. */
static char *
roundTrip(virConnectPtr conn, const char *xml)
{
    char *out = NULL;

    if (isSecret) {
        virSecretPtr s = virSecretDefineXML(conn, xml, 0);
        if (!s)
            return NULL;
        out = virSecretGetXMLDesc(s, 0);
        virSecretUndefine(s);
        virSecretFree(s);
    } else {
        virNWFilterPtr f = virNWFilterDefineXML(conn, xml);
        if (!f)
            return NULL;
        out = virNWFilterGetXMLDesc(f, 0);
        virNWFilterUndefine(f);
        virNWFilterFree(f);
    }
    return out;
}

static int
listCases(const char *dir, GPtrArray *names)
{
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *ent;

    if (!d)
        return -1;
    while ((ent = g_dir_read_name(d))) {
        if (g_str_has_suffix(ent, ".xml") && !g_str_has_suffix(ent, ".out.xml") && ent[0] != '_')
            g_ptr_array_add(names, g_strndup(ent, strlen(ent) - 4));
    }
    g_ptr_array_sort(names, (GCompareFunc) g_strcmp0);
    return 0;
}

int
main(int argc, char **argv)
{
    bool verbose = false;
    bool regen = g_getenv("NUV_TEST_REGENERATE") != NULL;
    const char *args[3] = { NULL };
    int nargs = 0, failed = 0, total = 0;
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    virConnectPtr conn;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0)
            verbose = true;
        else if (strcmp(argv[i], "--regenerate") == 0)
            regen = true;
        else if (nargs < 3)
            args[nargs++] = argv[i];
    }
    if (nargs < 2 || (strcmp(args[0], "secret") && strcmp(args[0], "nwfilter"))) {
        fprintf(stderr, "usage: %s [-v] [--regenerate] secret|nwfilter DIR [CORPUS_DIR]\n",
                argv[0]);
        return 2;
    }
    isSecret = strcmp(args[0], "secret") == 0;
    virSetErrorFunc(NULL, quiet);
    if (!(conn = virConnectOpen("test:///default")) || listCases(args[1], names) < 0) {
        fprintf(stderr, "cannot open test:///default or %s\n", args[1]);
        return 2;
    }

    for (guint i = 0; i < names->len; i++) {
        const char *name = g_ptr_array_index(names, i);
        g_autofree char *in = NULL, *expect = NULL, *out = NULL;
        g_autofree char *inPath = g_strdup_printf("%s/%s.xml", args[1], name);
        g_autofree char *outPath = g_strdup_printf("%s/%s.out.xml", args[1], name);
        g_autofree char *errPath = g_strdup_printf("%s/%s.err", args[1], name);
        bool ok;

        total++;
        g_file_get_contents(inPath, &in, NULL, NULL);
        out = roundTrip(conn, in);
        if (g_str_has_suffix(name, "-invalid")) {
            g_autofree char *errText = NULL;
            int code = -1;
            virErrorPtr e = virGetLastError();
            if (g_file_get_contents(errPath, &errText, NULL, NULL))
                sscanf(errText, "code=%d", &code);
            ok = !out && e && (code < 0 || e->code == code);
            if (!ok || verbose)
                printf("%s %s: %s\n", ok ? "PASS" : "FAIL", name,
                       out ? "accepted" : e && e->message ? e->message : "?");
        } else {
            if (!out) {
                virErrorPtr e = virGetLastError();
                printf("FAIL %s: %s\n", name, e && e->message ? e->message : "?");
                failed++;
                continue;
            }
            if (regen && g_file_test(outPath, G_FILE_TEST_EXISTS))
                g_file_set_contents(outPath, out, -1, NULL);
            if (!g_file_get_contents(outPath, &expect, NULL, NULL))
                expect = g_strdup(in);
            ok = strcmp(expect, out) == 0;
            if (!ok)
                printf("FAIL %s: got\n%s", name, out);
            else if (verbose)
                printf("PASS %s\n", name);
        }
        if (!ok)
            failed++;
    }

    /* stock libvirt's own inputs, which its secret driver accepts */
    if (nargs == 3) {
        g_autoptr(GPtrArray) corpus = g_ptr_array_new_with_free_func(g_free);
        listCases(args[2], corpus);
        for (guint i = 0; i < corpus->len; i++) {
            const char *name = g_ptr_array_index(corpus, i);
            g_autofree char *path = g_strdup_printf("%s/%s.xml", args[2], name);
            g_autofree char *in = NULL, *out = NULL;

            total++;
            g_file_get_contents(path, &in, NULL, NULL);
            if (!(out = roundTrip(conn, in))) {
                virErrorPtr e = virGetLastError();
                printf("FAIL corpus %s: %s\n", name, e && e->message ? e->message : "?");
                failed++;
            } else if (verbose) {
                printf("PASS corpus %s\n", name);
            }
        }
    }

    printf("%s: %d cases, %d failed\n", args[0], total, failed);
    virConnectClose(conn);
    return failed ? 1 : 0;
}
