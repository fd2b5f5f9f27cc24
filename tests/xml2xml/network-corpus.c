/*
 * network-corpus.c: stock's network corpus: virNetworkDefineXML,
 * virNetworkGetXMLDesc(0), virNetworkUndefine on test:///default.
 */
#include <stdio.h>

#include "api-corpus.h"

static void
runNetwork(void *opaque, const char *input, corpusResult *res)
{
    virNetworkPtr net = virNetworkDefineXML(opaque, input);

    if (!net) {
        corpusTakeLastError(res);
        return;
    }
    res->xml = virNetworkGetXMLDesc(net, 0);
    virNetworkUndefine(net);
    virNetworkFree(net);
}

int
main(int argc, char **argv)
{
    virConnectPtr conn = apiCorpusConnect();
    int ret;

    if (!conn)
        return 2;
    ret = corpusMain(argc, argv, "network", runNetwork, conn);
    virConnectClose(conn);
    return ret;
}
