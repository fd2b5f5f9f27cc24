/*
 * interface-corpus.c: stock's interface corpus: virInterfaceDefineXML,
 * virInterfaceGetXMLDesc(0), virInterfaceUndefine on test:///default.
 */
#include <stdio.h>

#include "api-corpus.h"

static void
runInterface(void *opaque, const char *input, corpusResult *res)
{
    virInterfacePtr iface = virInterfaceDefineXML(opaque, input, 0);

    if (!iface) {
        corpusTakeLastError(res);
        return;
    }
    res->xml = virInterfaceGetXMLDesc(iface, 0);
    virInterfaceUndefine(iface);
    virInterfaceFree(iface);
}

int
main(int argc, char **argv)
{
    virConnectPtr conn = apiCorpusConnect();
    int ret;

    if (!conn)
        return 2;
    ret = corpusMain(argc, argv, "interface", runInterface, conn);
    virConnectClose(conn);
    return ret;
}
