/*
 * pool-corpus.c: stock's storage pool corpus (virStoragePoolDefineXML,
 * GetXMLDesc(0), Undefine) and, built with VOLUME_CORPUS, its volume
 * corpus (virStorageVolCreateXML in "default-pool", GetXMLDesc(0),
 * Delete) on test:///default.
 */
#include <stdio.h>

#include "api-corpus.h"

#ifndef CORPUS_KIND
# define CORPUS_KIND "pool"
#endif

static void
runCase(void *opaque, const char *input, corpusResult *res)
{
    virConnectPtr conn = opaque;
#ifdef VOLUME_CORPUS
    virStoragePoolPtr pool = virStoragePoolLookupByName(conn, "default-pool");
    virStorageVolPtr vol = pool ? virStorageVolCreateXML(pool, input, 0) : NULL;

    if (!vol) {
        corpusTakeLastError(res);
    } else {
        res->xml = virStorageVolGetXMLDesc(vol, 0);
        virStorageVolDelete(vol, 0);
        virStorageVolFree(vol);
    }
    if (pool)
        virStoragePoolFree(pool);
#else
    virStoragePoolPtr pool = virStoragePoolDefineXML(conn, input, 0);

    if (!pool) {
        corpusTakeLastError(res);
        return;
    }
    res->xml = virStoragePoolGetXMLDesc(pool, 0);
    virStoragePoolUndefine(pool);
    virStoragePoolFree(pool);
#endif
}

int
main(int argc, char **argv)
{
    virConnectPtr conn = apiCorpusConnect();
    int ret;

    if (!conn)
        return 2;
    ret = corpusMain(argc, argv, CORPUS_KIND, runCase, conn);
    virConnectClose(conn);
    return ret;
}
