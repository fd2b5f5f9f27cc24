/*
 * domain-corpus.c: stock libvirt's domain corpus through our parser and
 * formatter (with the test driver's parse hooks, inactive output), compared with
 * stock's results as corpus.h describes.
 */
#include "conf/domain_def.h"
#include "test/test_domain_defaults.h"
#include "util/error.h"
#include "corpus.h"

static void
runDomain(void *opaque G_GNUC_UNUSED, const char *input, corpusResult *res)
{
    g_autoptr(nuvDomainDef) def = NULL;

    nuvErrorReset();
    if ((def = nuvDomainDefParse(input, testDomainXMLOption(), 0))) {
        res->xml = nuvDomainDefFormat(def, -1, VIR_DOMAIN_XML_INACTIVE);
    } else {
        virErrorPtr e = nuvErrorCurrent();
        res->code = nuvErrorCurrentCode();
        res->message = g_strdup(e && e->message ? e->message : "");
        res->domain = e ? e->domain : 0;
    }
}

int
main(int argc, char **argv)
{
    return corpusMain(argc, argv, "domain", runDomain, NULL);
}
