/*
 * object-corpus.c: documents of the kinds stock-errors.py records apart
 * from the corpus runners of their own, replayed the way it records them,
 * on test:///default:
 *   secret      virSecretDefineXML, virSecretGetXMLDesc(0), virSecretUndefine
 *               (stock's errors come from its embedded secret driver: its
 *               test driver keeps no secrets; the parser is the same)
 *   checkpoint  virDomainCheckpointCreateXML on the domain "test",
 *               virDomainCheckpointGetXMLDesc(0), virDomainCheckpointDelete
 *   nodedev     virNodeDeviceCreateXML, virNodeDeviceGetXMLDesc(0),
 *               virNodeDeviceDestroy
 *   nwfilter    virNWFilterDefineXML, virNWFilterGetXMLDesc(0),
 *               virNWFilterUndefine (stock's errors come from its filter
 *               reader: its test driver has no filters)
 *
 * usage: object-corpus secret|checkpoint|nodedev|nwfilter [corpus options] DIR
 */
#include <stdio.h>
#include <string.h>

#include "api-corpus.h"

static void
runSecret(void *opaque, const char *input, corpusResult *res)
{
    virSecretPtr secret = virSecretDefineXML(opaque, input, 0);

    if (!secret) {
        corpusTakeLastError(res);
        return;
    }
    res->xml = virSecretGetXMLDesc(secret, 0);
    virSecretUndefine(secret);
    virSecretFree(secret);
}

static void
runCheckpoint(void *opaque, const char *input, corpusResult *res)
{
    virDomainPtr dom = virDomainLookupByName(opaque, "test");
    virDomainCheckpointPtr cp = dom ? virDomainCheckpointCreateXML(dom, input, 0) : NULL;

    if (!cp) {
        corpusTakeLastError(res);
    } else {
        res->xml = virDomainCheckpointGetXMLDesc(cp, 0);
        virDomainCheckpointDelete(cp, 0);
        virDomainCheckpointFree(cp);
    }
    if (dom)
        virDomainFree(dom);
}

static void
runNodeDevice(void *opaque, const char *input, corpusResult *res)
{
    virNodeDevicePtr dev = virNodeDeviceCreateXML(opaque, input, 0);

    if (!dev) {
        corpusTakeLastError(res);
        return;
    }
    res->xml = virNodeDeviceGetXMLDesc(dev, 0);
    virNodeDeviceDestroy(dev);
    virNodeDeviceFree(dev);
}

static void
runNWFilter(void *opaque, const char *input, corpusResult *res)
{
    virNWFilterPtr filter = virNWFilterDefineXML(opaque, input);

    if (!filter) {
        corpusTakeLastError(res);
        return;
    }
    res->xml = virNWFilterGetXMLDesc(filter, 0);
    virNWFilterUndefine(filter);
    virNWFilterFree(filter);
}

static const struct {
    const char *kind;
    corpusCaseFunc fn;
} kinds[] = {
    { "secret", runSecret },
    { "checkpoint", runCheckpoint },
    { "nodedev", runNodeDevice },
    { "nwfilter", runNWFilter },
};

int
main(int argc, char **argv)
{
    const char *kind = argc > 1 ? argv[1] : "";
    corpusCaseFunc fn = NULL;
    virConnectPtr conn;
    int ret;

    for (size_t i = 0; i < G_N_ELEMENTS(kinds); i++) {
        if (strcmp(kinds[i].kind, kind) == 0)
            fn = kinds[i].fn;
    }
    if (!fn) {
        fprintf(stderr, "usage: %s secret|checkpoint|nodedev|nwfilter [corpus options] DIR\n", argv[0]);
        return 2;
    }
    if (!(conn = apiCorpusConnect()))
        return 2;
    /* the corpus options follow the kind */
    argv[1] = argv[0];
    ret = corpusMain(argc - 1, argv + 1, kind, fn, conn);
    virConnectClose(conn);
    return ret;
}
