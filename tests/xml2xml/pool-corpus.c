/*
 * pool-corpus.c: run stock libvirt's storage pool corpus through the
 * public API of the test driver, as the corpus was made:
 * virStoragePoolDefineXML(xml, 0), virStoragePoolGetXMLDesc(0),
 * virStoragePoolUndefine.  volume-corpus.c builds the same runner for
 * volumes (virStorageVolCreateXML in "default-pool", GetXMLDesc, Delete).
 *
 * usage: pool-corpus [-v] [--min-match PERCENT] [--only NAME] CORPUS_DIR
 *
 * Documents are compared line by line; a line may differ in attribute
 * order only, and a <uuid> the input does not state may have any value
 * (the corpus README's rule for generated values).  For NAME.err, the
 * document must be refused with the same error code.  Prints two figures;
 * exits 1 only when the match ratio is under --min-match.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#ifndef CORPUS_KIND
# define CORPUS_KIND "pool"
#endif

static void
quiet(void *opaque G_GNUC_UNUSED, virErrorPtr err G_GNUC_UNUSED)
{
}

/* "<tag a='1' b='2'/>" -> "<tag" plus the sorted attributes, so that two
 * lines differing only in attribute order compare equal. */
static char *
canonLine(const char *line)
{
    g_autofree char *s = g_strstrip(g_strdup(line));
    g_autoptr(GPtrArray) attrs = g_ptr_array_new_with_free_func(g_free);
    GString *out = g_string_new(NULL);
    const char *p = s;
    const char *end;

    if (*p != '<' || p[1] == '/') {
        g_string_append(out, s);
        return g_string_free(out, FALSE);
    }
    end = p + strcspn(p, " />");
    g_string_append_len(out, p, end - p);
    p = end;
    while (*p == ' ') {
        const char *q = strchr(p + 1, '\'');
        if (!q || !(q = strchr(q + 1, '\'')))
            break;
        g_ptr_array_add(attrs, g_strndup(p + 1, q - p));
        p = q + 1;
    }
    g_ptr_array_sort(attrs, (GCompareFunc) (void (*)(void)) g_strcmp0);
    for (guint i = 0; i < attrs->len; i++)
        g_string_append_printf(out, " %s", (char *) g_ptr_array_index(attrs, i));
    g_string_append(out, p);
    return g_string_free(out, FALSE);
}

static bool
sameDocument(const char *got, const char *expect, const char *input)
{
    g_auto(GStrv) a = g_strsplit(got, "\n", -1);
    g_auto(GStrv) b = g_strsplit(expect, "\n", -1);
    guint i;

    for (i = 0; a[i] && b[i]; i++) {
        g_autofree char *ca = NULL;
        g_autofree char *cb = NULL;

        if (strcmp(a[i], b[i]) == 0)
            continue;
        if (strstr(b[i], "<uuid>") && strstr(a[i], "<uuid>")) {
            g_autofree char *val = g_strdup(strstr(b[i], "<uuid>") + 6);
            char *lt = strchr(val, '<');
            if (lt)
                *lt = '\0';
            if (!strstr(input, val))
                continue;
        }
        ca = canonLine(a[i]);
        cb = canonLine(b[i]);
        if (strcmp(ca, cb) != 0)
            return false;
    }
    return !a[i] && !b[i];
}

static bool
parseErr(const char *text, int *code)
{
    return sscanf(text, "code=%d", code) == 1;
}

/* Run one case; returns the formatted document or NULL (error left). */
static char *
runCase(virConnectPtr conn, const char *input)
{
    char *got = NULL;
#ifdef VOLUME_CORPUS
    /* Looked up once and kept: freeing a handle resets the thread's error,
     * which the caller still has to read. */
    static virStoragePoolPtr pool;
    virStorageVolPtr vol;

    if (!pool && !(pool = virStoragePoolLookupByName(conn, "default-pool")))
        return NULL;
    if ((vol = virStorageVolCreateXML(pool, input, 0))) {
        got = virStorageVolGetXMLDesc(vol, 0);
        virStorageVolDelete(vol, 0);
        virStorageVolFree(vol);
    }
#else
    virStoragePoolPtr pool = virStoragePoolDefineXML(conn, input, 0);

    if (pool) {
        got = virStoragePoolGetXMLDesc(pool, 0);
        virStoragePoolUndefine(pool);
        virStoragePoolFree(pool);
    }
#endif
    return got;
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
        bool wantErr;
        bool ok = false;

        if (only && strcmp(only, name) != 0)
            continue;
        if (!g_file_get_contents(inPath, &input, NULL, NULL))
            continue;
        if (g_file_get_contents(outPath, &expect, NULL, NULL))
            wantErr = false;
        else if (g_file_get_contents(errPath, &expect, NULL, NULL))
            wantErr = true;
        else
            continue;
        total++;
        if (wantErr)
            rejTotal++;

        got = runCase(conn, input);
        if (wantErr) {
            int code = 0;
            virErrorPtr err = virGetLastError();
            parseErr(expect, &code);
            if (!got && err && err->code == code)
                ok = true;
            else if (!got && err)
                why = g_strdup_printf("expected code=%d, got code=%d: %s", code, err->code,
                                      err->message ? err->message : "");
            else
                why = g_strdup_printf("expected code=%d, but it was accepted", code);
        } else if (!got) {
            virErrorPtr err = virGetLastError();
            why = g_strdup_printf("rejected: %s", err && err->message ? err->message : "?");
        } else if (sameDocument(got, expect, input)) {
            ok = true;
        } else {
            why = g_strdup_printf("output differs:\n--- got\n%s--- expected\n%s", got, expect);
        }
        if (ok) {
            matched++;
            if (wantErr)
                rejAgree++;
        }
        if (verbose || !ok)
            printf("%s %s%s%s\n", ok ? "ok  " : "FAIL", name, why ? ": " : "", why ? why : "");
    }
    virConnectClose(conn);

    printf("%s corpus: %d/%d match (%.0f%%)\n", CORPUS_KIND, matched, total,
           total ? 100.0 * matched / total : 0.0);
    printf("rejections agreeing: %d/%d\n", rejAgree, rejTotal);
    return total && 100.0 * matched / total < minMatch ? 1 : 0;
}
