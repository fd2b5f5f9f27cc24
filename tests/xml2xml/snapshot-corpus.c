/*
 * snapshot-corpus.c: stock libvirt's snapshot corpus, replayed the way it
 * was recorded: define _base_domain.xml on test:///default, redefine
 * _base_parent.xml (snapshot earlier_snap), then for each case
 * virDomainSnapshotCreateXML (REDEFINE when the input has both
 * <creationTime> and <state>), virDomainSnapshotGetXMLDesc(0) and
 * virDomainUndefineFlags(SNAPSHOTS_METADATA).
 *
 * usage: snapshot-corpus [-v] [--min-match PERCENT] CORPUS_DIR
 *
 * The result must equal NAME.out.xml, except for what the corpus README
 * lets differ: a <creationTime>, and the snapshot's own <name>, whose
 * recorded value appears nowhere in the input (both come from the clock).
 * For NAME.err the call must fail with the recorded error code.  Exit
 * status 1 when the share of matching cases is under --min-match or a
 * rejection disagrees.
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

/* @xml with the text of the first line "  <TAG>...</TAG>" (one level
 * deep) replaced by a placeholder, when the expected value is not in
 * @input. */
static char *
maskGenerated(const char *xml, const char *expect, const char *input, const char *tag)
{
    g_autofree char *open = g_strdup_printf("\n  <%s>", tag);
    g_autofree char *close = g_strdup_printf("</%s>", tag);
    const char *ve = strstr(expect, open);
    const char *vx = strstr(xml, open);
    g_autofree char *value = NULL;
    const char *end;

    if (!ve || !vx || !(end = strstr(ve + strlen(open), close)))
        return g_strdup(xml);
    value = g_strndup(ve + strlen(open), end - ve - strlen(open));
    if (strstr(input, value))
        return g_strdup(xml);
    if (!(end = strstr(vx + strlen(open), close)))
        return g_strdup(xml);
    return g_strdup_printf("%.*s@GENERATED@%s", (int)(vx - xml + strlen(open)), xml, end);
}

static char *
normalize(const char *xml, const char *expect, const char *input)
{
    g_autofree char *a = maskGenerated(xml, expect, input, "name");

    return maskGenerated(a, expect, input, "creationTime");
}

static bool
runCase(virConnectPtr conn, const char *base, const char *parent, const char *input,
        const char *expect, bool wantErr, char **why)
{
    virDomainPtr dom = virDomainDefineXML(conn, base);
    virDomainSnapshotPtr snap = NULL;
    virErrorPtr err = NULL;
    g_autofree char *got = NULL;
    unsigned int flags = 0;
    int code = -1;
    bool ok = false;

    if (!dom) {
        *why = g_strdup("cannot define the base domain");
        return false;
    }
    if (!(snap = virDomainSnapshotCreateXML(dom, parent, VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE))) {
        *why = g_strdup_printf("cannot redefine earlier_snap: %s",
                               virGetLastErrorMessage());
        goto cleanup;
    }
    virDomainSnapshotFree(snap);
    if (strstr(input, "<creationTime>") && strstr(input, "<state>"))
        flags = VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE;
    if ((snap = virDomainSnapshotCreateXML(dom, input, flags)))
        got = virDomainSnapshotGetXMLDesc(snap, 0);
    else
        err = virSaveLastError();

    if (wantErr) {
        sscanf(expect, "code=%d", &code);
        ok = !snap && err && err->code == code;
        if (!ok)
            *why = g_strdup_printf("want error code %d, got %s", code,
                                   snap ? "success" : err && err->message ? err->message : "?");
    } else if (!snap) {
        *why = g_strdup_printf("refused: %s", err && err->message ? err->message : "?");
    } else {
        g_autofree char *a = normalize(got ? got : "", expect, input);
        g_autofree char *b = normalize(expect, expect, input);

        ok = strcmp(a, b) == 0;
        if (!ok)
            *why = g_strdup_printf("differs:\n%s---- stock:\n%s", got ? got : "(none)\n", expect);
    }

 cleanup:
    if (snap)
        virDomainSnapshotFree(snap);
    if (err)
        virFreeError(err);
    virDomainUndefineFlags(dom, VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA);
    virDomainFree(dom);
    return ok;
}

int
main(int argc, char **argv)
{
    const char *dir = NULL;
    bool verbose = false;
    double minMatch = 0;
    g_autoptr(GDir) d = NULL;
    g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func(g_free);
    g_autofree char *base = NULL;
    g_autofree char *parent = NULL;
    g_autofree char *basePath = NULL;
    g_autofree char *parentPath = NULL;
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
    basePath = g_strdup_printf("%s/_base_domain.xml", dir);
    parentPath = g_strdup_printf("%s/_base_parent.xml", dir);
    if (!g_file_get_contents(basePath, &base, NULL, NULL) ||
        !g_file_get_contents(parentPath, &parent, NULL, NULL)) {
        fprintf(stderr, "%s: the _base_domain.xml and _base_parent.xml fixtures are missing\n",
                dir);
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
        ok = runCase(conn, base, parent, input, expect, wantErr, &why);
        if (ok) {
            matched++;
            rejAgree += wantErr;
        }
        if (verbose || !ok)
            printf("%s %s%s%s\n", ok ? "ok  " : "FAIL", name, why ? ": " : "", why ? why : "");
    }
    virConnectClose(conn);

    printf("snapshot corpus: %d/%d match (%.0f%%)\n", matched, total,
           total ? 100.0 * matched / total : 0.0);
    printf("rejections agreeing: %d/%d\n", rejAgree, rejections);
    if (!total || 100.0 * matched / total < minMatch || rejAgree != rejections)
        return 1;
    return 0;
}
