/*
 * snapshot-corpus.c: stock's snapshot corpus, recorded (corpus README) as:
 * define _base_domain.xml, redefine _base_parent.xml (earlier_snap) with
 * REDEFINE, create the case (REDEFINE when it has both <creationTime> and
 * <state>), GetXMLDesc(0), then undefine with SNAPSHOTS_METADATA.
 */
#include <stdio.h>
#include <string.h>

#include "api-corpus.h"

typedef struct {
    virConnectPtr conn;
    char *base;         /* _base_domain.xml */
    char *parent;       /* _base_parent.xml */
} snapshotCorpus;

static void
runSnapshot(void *opaque, const char *input, corpusResult *res)
{
    snapshotCorpus *sc = opaque;
    virDomainPtr dom = virDomainDefineXML(sc->conn, sc->base);
    virDomainSnapshotPtr snap;
    unsigned int flags = 0;

    if (!dom || !(snap = virDomainSnapshotCreateXML(dom, sc->parent,
                                                     VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE))) {
        res->code = -1;
        res->message = g_strdup_printf("fixture failed: %s", virGetLastErrorMessage());
        goto cleanup;
    }
    virDomainSnapshotFree(snap);
    if (strstr(input, "<creationTime>") && strstr(input, "<state>"))
        flags = VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE;
    if ((snap = virDomainSnapshotCreateXML(dom, input, flags))) {
        res->xml = virDomainSnapshotGetXMLDesc(snap, 0);
        virDomainSnapshotFree(snap);
    } else {
        corpusTakeLastError(res);
    }

 cleanup:
    if (dom) {
        virDomainUndefineFlags(dom, VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA);
        virDomainFree(dom);
    }
}

int
main(int argc, char **argv)
{
    snapshotCorpus sc = { NULL, NULL, NULL };
    const char *dir = corpusDirArg(argc, argv) ? corpusDirArg(argc, argv) : ".";
    g_autofree char *basePath = g_strdup_printf("%s/_base_domain.xml", dir);
    g_autofree char *parentPath = g_strdup_printf("%s/_base_parent.xml", dir);
    int ret;

    if (!g_file_get_contents(basePath, &sc.base, NULL, NULL) ||
        !g_file_get_contents(parentPath, &sc.parent, NULL, NULL)) {
        fprintf(stderr, "%s: the corpus fixtures are missing in %s\n", argv[0], dir);
        return 2;
    }
    if (!(sc.conn = apiCorpusConnect()))
        return 2;
    ret = corpusMain(argc, argv, "snapshot", runSnapshot, &sc);
    virConnectClose(sc.conn);
    g_free(sc.base);
    g_free(sc.parent);
    return ret;
}
