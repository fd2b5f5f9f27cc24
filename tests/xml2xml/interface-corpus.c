/*
 * interface-corpus.c: stock libvirt's interface corpus, replayed the way
 * it was recorded: virInterfaceDefineXML on test:///default, then
 * virInterfaceGetXMLDesc(0) and virInterfaceUndefine.
 *
 * usage: interface-corpus [-v] [--min-match PERCENT] CORPUS_DIR
 *
 * NAME.out.xml must come back byte for byte; for NAME.err the definition
 * must be refused with the recorded error code.  Exit status 1 when the
 * share of matching cases is under --min-match or a rejection disagrees.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static void
silence(void *opaque G_GNUC_UNUSED, virErrorPtr err G_GNUC_UNUSED)
{
}

/* Run one case; returns true when it agrees with stock, with a reason in
 * *why otherwise. */
static bool
runCase(virConnectPtr conn, const char *input, const char *expect, bool wantErr, char **why)
{
    virInterfacePtr iface = virInterfaceDefineXML(conn, input, 0);
    virErrorPtr err = iface ? NULL : virGetLastError();
    g_autofree char *got = NULL;
    int code = -1;

    if (iface) {
        got = virInterfaceGetXMLDesc(iface, 0);
        virInterfaceUndefine(iface);
        virInterfaceFree(iface);
    }
    if (wantErr) {
        sscanf(expect, "code=%d", &code);
        if (!iface && err && err->code == code)
            return true;
        *why = g_strdup_printf("want error code %d, got %s", code,
                               iface ? "success" : err && err->message ? err->message : "?");
        return false;
    }
    if (!iface) {
        *why = g_strdup_printf("refused: %s", err && err->message ? err->message : "?");
        return false;
    }
    if (got && strcmp(got, expect) == 0)
        return true;
    *why = g_strdup_printf("differs:\n%s---- stock:\n%s", got ? got : "(none)\n", expect);
    return false;
}

int
main(int argc, char **argv)
{
    const char *dir = NULL;
    bool verbose = false;
    double minMatch = 0;
    g_autoptr(GDir) d = NULL;
    g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func(g_free);
    const char *ent;
    virConnectPtr conn;
    int total = 0, matched = 0, rejections = 0, rejAgree = 0;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0)
            verbose = true;
        else if (strcmp(argv[i], "--min-match") == 0 && i + 1 < argc)
            minMatch = atof(argv[++i]);
        else
            dir = argv[i];
    }
    if (!dir || !(d = g_dir_open(dir, 0, NULL))) {
        fprintf(stderr, "usage: %s [-v] [--min-match PERCENT] CORPUS_DIR\n", argv[0]);
        return 2;
    }
    while ((ent = g_dir_read_name(d))) {
        if (ent[0] != '_' && g_str_has_suffix(ent, ".xml") && !g_str_has_suffix(ent, ".out.xml"))
            g_ptr_array_add(cases, g_strndup(ent, strlen(ent) - strlen(".xml")));
    }
    g_ptr_array_sort(cases, (GCompareFunc) (void (*)(void)) g_strcmp0);

    virSetErrorFunc(NULL, silence);
    if (!(conn = virConnectOpen("test:///default"))) {
        fprintf(stderr, "cannot open test:///default\n");
        return 2;
    }
    for (guint i = 0; i < cases->len; i++) {
        const char *name = g_ptr_array_index(cases, i);
        g_autofree char *in = g_strdup_printf("%s/%s.xml", dir, name);
        g_autofree char *out = g_strdup_printf("%s/%s.out.xml", dir, name);
        g_autofree char *errf = g_strdup_printf("%s/%s.err", dir, name);
        g_autofree char *input = NULL;
        g_autofree char *expect = NULL;
        g_autofree char *why = NULL;
        bool wantErr = false;
        bool ok;

        if (!g_file_get_contents(in, &input, NULL, NULL))
            continue;
        if (!g_file_get_contents(out, &expect, NULL, NULL)) {
            if (!g_file_get_contents(errf, &expect, NULL, NULL))
                continue;
            wantErr = true;
            rejections++;
        }
        total++;
        ok = runCase(conn, input, expect, wantErr, &why);
        if (ok) {
            matched++;
            rejAgree += wantErr;
        }
        if (verbose || !ok)
            printf("%s %s%s%s\n", ok ? "ok  " : "FAIL", name, why ? ": " : "", why ? why : "");
    }
    virConnectClose(conn);

    printf("interface corpus: %d/%d match (%.0f%%)\n", matched, total,
           total ? 100.0 * matched / total : 0.0);
    printf("rejections agreeing: %d/%d\n", rejAgree, rejections);
    if (!total || 100.0 * matched / total < minMatch || rejAgree != rejections)
        return 1;
    return 0;
}
