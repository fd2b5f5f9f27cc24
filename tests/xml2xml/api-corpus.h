/*
 * api-corpus.h: corpus runners that replay stock's recording through the
 * public API on one test:///default connection, as the corpus README says
 * each kind was recorded.
 */
#pragma once

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "corpus.h"

static void
apiCorpusQuiet(void *opaque G_GNUC_UNUSED, virErrorPtr err G_GNUC_UNUSED)
{
}

/* Record the public API's last error into @res (for a refused input). */
static inline void
corpusTakeLastError(corpusResult *res)
{
    virErrorPtr err = virGetLastError();

    res->code = err ? err->code : 0;
    res->domain = err ? err->domain : 0;
    res->message = g_strdup(err && err->message ? err->message : "(no error reported)");
}

/* Open the connection the cases run on; NULL (reported) on failure. */
static inline virConnectPtr
apiCorpusConnect(void)
{
    virConnectPtr conn;

    virSetErrorFunc(NULL, apiCorpusQuiet);
    if (!(conn = virConnectOpen("test:///default")))
        fprintf(stderr, "cannot open test:///default: %s\n", virGetLastErrorMessage());
    return conn;
}
