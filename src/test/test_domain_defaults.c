/*
 * test_domain_defaults.c: the test driver's own rules for a parsed domain.
 *
 * conf fills in what every driver fills in; what only libvirt's test
 * driver does lives here, behind the parse hooks (nuvDomainXMLOption).
 */
#include <string.h>

#include "test/test_domain_defaults.h"

/* Whether an interface of @nets already uses @name as its host device. */
static bool
testIfnameUsed(GPtrArray *nets, const char *name)
{
    for (guint i = 0; i < nets->len; i++) {
        nuvDomainNetView v;

        nuvDomainNetViewFill(&v, g_ptr_array_index(nets, i));
        if (g_strcmp0(v.ifname, name) == 0)
            return true;
    }
    return false;
}

/* libvirt's test driver names every interface that has no host device
 * "testnetN", with the lowest N not taken. */
static int
testDomainNameInterfaces(nuvDomainDef *def)
{
    g_autoptr(GPtrArray) nets = nuvDomainDefDevicesOf(def, "interface");
    int ctr = 0;

    for (guint i = 0; i < nets->len; i++) {
        nuvXNode *n = g_ptr_array_index(nets, i);
        nuvDomainNetView v;
        g_autofree char *name = NULL;

        nuvDomainNetViewFill(&v, n);
        if (v.ifname)
            continue;
        do {
            g_free(name);
            name = g_strdup_printf("testnet%d", ctr++);
        } while (testIfnameUsed(nets, name));
        nuvXNodeSet(nuvXNodeEnsureChild(n, "target"), "dev", name);
    }
    return 0;
}

static int
testDomainPostParse(nuvDomainDef *def, unsigned int flags G_GNUC_UNUSED,
                    void *opaque G_GNUC_UNUSED)
{
    return testDomainNameInterfaces(def);
}

static const nuvDomainXMLOption testDomainXMLOptionTable = {
    .postParse = testDomainPostParse,
    /* the test driver assigns no device addresses and adds no checks of
     * its own beyond conf's */
    .assignAddresses = NULL,
    .validate = NULL,
    .opaque = NULL,
};

const nuvDomainXMLOption *
testDomainXMLOption(void)
{
    return &testDomainXMLOptionTable;
}
