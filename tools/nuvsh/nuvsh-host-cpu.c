/*
 * nuvsh-host-cpu.c: CPU model comparison and baselines, against the host
 * CPU or the CPU a hypervisor can offer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "nuvsh.h"


/* libxml's complaint about @text the way virsh shows a parse error: the
 * place and message, then the offending line with a marker under the
 * column. */
static void
nuvshXMLFirstError(void *opaque,
                   xmlErrorPtr err)
{
    xmlError *first = opaque;

    if (first->code == XML_ERR_OK)
        xmlCopyError(err, first);
}


static void
nuvshXMLParseError(nuvshControl *ctl,
                   const char *file,
                   const char *text,
                   const xmlError *err)
{
    g_auto(GStrv) lines = g_strsplit(text, "\n", 0);
    g_autofree char *marker = NULL;
    const char *line = "";
    int col;

    if (!err || !err->message) {
        nuvshError(ctl, "%s", "failed to parse xml document");
        return;
    }
    if (err->line > 0 && (guint) err->line <= g_strv_length(lines))
        line = lines[err->line - 1];
    col = err->int2 > 1 ? err->int2 - 1 : 0;
    if ((size_t) col > strlen(line))
        col = strlen(line);
    marker = g_strnfill(col, '-');
    nuvshError(ctl, "%s:%d: %s%s\n%s^", file, err->line, err->message, line, marker);
}


/* Every CPU definition in @file, as XML strings: bare <cpu> elements,
 * the CPU of a domain or of host capabilities, or the host-model of
 * domain capabilities (renamed to <cpu>).  NULL after an error. */
static GPtrArray *
nuvshCPUDefsFromFile(nuvshControl *ctl,
                     const char *file)
{
    g_autofree char *text = NULL;
    g_autofree char *wrapped = NULL;
    const char *body;
    xmlDocPtr doc = NULL;
    xmlXPathContextPtr xctx = NULL;
    xmlXPathObjectPtr res = NULL;
    GPtrArray *cpus = NULL;
    xmlError first = { 0 };
    int i;

    if (!(text = nuvshReadFile(ctl, file)))
        return NULL;
    body = text;
    if (g_str_has_prefix(text, "<?xml") && (body = strstr(text, "?>")))
        body += 2;
    else
        body = text;
    wrapped = g_strdup_printf("<container>%s</container>", body);

    /* virsh shows the first of libxml's complaints, not the last */
    xmlSetStructuredErrorFunc(&first, (xmlStructuredErrorFunc) nuvshXMLFirstError);
    doc = xmlReadMemory(wrapped, strlen(wrapped), file, NULL, XML_PARSE_NONET);
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (!doc) {
        nuvshXMLParseError(ctl, file, wrapped, &first);
        xmlResetError(&first);
        return NULL;
    }
    xmlResetError(&first);
    xctx = xmlXPathNewContext(doc);
    res = xmlXPathEvalExpression((const xmlChar *)
                                 "/container/cpu|/container/domain/cpu|"
                                 "/container/capabilities/host/cpu|"
                                 "/container/domainCapabilities/cpu/mode[@name='host-model']",
                                 xctx);
    if (!res || !res->nodesetval || res->nodesetval->nodeNr == 0) {
        nuvshError(ctl, "File '%s' does not contain any <cpu> element or valid domain XML, "
                   "host capabilities XML, or domain capabilities XML", file);
        goto cleanup;
    }

    cpus = g_ptr_array_new_with_free_func(g_free);
    for (i = 0; i < res->nodesetval->nodeNr; i++) {
        xmlNodePtr node = res->nodesetval->nodeTab[i];
        xmlBufferPtr buf = xmlBufferCreate();

        if (strcmp((const char *) node->name, "mode") == 0) {
            xmlNodeSetName(node, (const xmlChar *) "cpu");
            while (node->properties)
                xmlRemoveProp(node->properties);
        }
        xmlNodeDump(buf, doc, node, 0, 0);
        g_ptr_array_add(cpus, g_strdup((const char *) xmlBufferContent(buf)));
        xmlBufferFree(buf);
    }

 cleanup:
    xmlXPathFreeObject(res);
    xmlXPathFreeContext(xctx);
    xmlFreeDoc(doc);
    return cpus;
}


/* The options hypervisor-cpu-* pass to the library as they are. */
typedef struct {
    const char *virttype;
    const char *emulator;
    const char *arch;
    const char *machine;
} nuvshHypervisorOpts;

static bool
nuvshHypervisorOptsGet(nuvshControl *ctl,
                       const nuvshCmd *cmd,
                       nuvshHypervisorOpts *h)
{
    return nuvshCommandOptStringReq(ctl, cmd, "virttype", &h->virttype) >= 0 &&
        nuvshCommandOptStringReq(ctl, cmd, "emulator", &h->emulator) >= 0 &&
        nuvshCommandOptStringReq(ctl, cmd, "arch", &h->arch) >= 0 &&
        nuvshCommandOptStringReq(ctl, cmd, "machine", &h->machine) >= 0;
}


#define NUVSH_OPTS_HYPERVISOR \
    { "virttype", NUVSH_OT_STRING, NUVSH_OFLAG_REQ_OPT, "virtualization type (as /domain/@type)" }, \
    { "emulator", NUVSH_OT_STRING, NUVSH_OFLAG_REQ_OPT, "emulator binary path" }, \
    { "arch", NUVSH_OT_STRING, NUVSH_OFLAG_REQ_OPT, "CPU architecture" }, \
    { "machine", NUVSH_OT_STRING, NUVSH_OFLAG_REQ_OPT, "machine type" }


/* ---- comparing -------------------------------------------------------- */

/* What virsh prints for each result of a comparison: of the host CPU
 * (cpu-compare) or of the hypervisor's (hypervisor-cpu-compare). */
typedef struct {
    const char *incompatible;
    const char *identical;
    const char *superset;
    const char *failed;
} nuvshCompareWords;

static const nuvshCompareWords nuvshHostCompareWords = {
    "CPU described in %s is incompatible with host CPU\n",
    "CPU described in %s is identical to host CPU\n",
    "Host CPU is a superset of CPU described in %s\n",
    "Failed to compare host CPU with %s",
};

static const nuvshCompareWords nuvshHypervisorCompareWords = {
    "CPU described in %s is incompatible with the CPU provided by hypervisor on the host\n",
    "CPU described in %s is identical to the CPU provided by hypervisor on the host\n",
    "The CPU provided by hypervisor on the host is a superset of CPU described in %s\n",
    "Failed to compare hypervisor CPU with %s",
};


static bool
nuvshCPUCompare(nuvshControl *ctl,
                const nuvshCmd *cmd,
                bool hypervisor)
{
    const nuvshCompareWords *words = hypervisor ? &nuvshHypervisorCompareWords
                                                : &nuvshHostCompareWords;
    g_autoptr(GPtrArray) cpus = NULL;
    nuvshHypervisorOpts h = { 0 };
    const char *file = NULL;
    unsigned int flags = 0;
    int result;

    if (nuvshCommandOptBool(cmd, "error"))
        flags |= VIR_CONNECT_COMPARE_CPU_FAIL_INCOMPATIBLE;
    if (nuvshCommandOptBool(cmd, "validate"))
        flags |= VIR_CONNECT_COMPARE_CPU_VALIDATE_XML;
    if (nuvshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (hypervisor && !nuvshHypervisorOptsGet(ctl, cmd, &h))
        return false;
    if (!(cpus = nuvshCPUDefsFromFile(ctl, file)))
        return false;

    if (hypervisor)
        result = virConnectCompareHypervisorCPU(ctl->conn, h.emulator, h.arch, h.machine,
                                                h.virttype, g_ptr_array_index(cpus, 0), flags);
    else
        result = virConnectCompareCPU(ctl->conn, g_ptr_array_index(cpus, 0), flags);

    switch (result) {
    case VIR_CPU_COMPARE_INCOMPATIBLE:
        nuvshPrint(ctl, words->incompatible, file);
        return false;
    case VIR_CPU_COMPARE_IDENTICAL:
        nuvshPrint(ctl, words->identical, file);
        return true;
    case VIR_CPU_COMPARE_SUPERSET:
        nuvshPrint(ctl, words->superset, file);
        return true;
    default:
        nuvshError(ctl, words->failed, file);
        return false;
    }
}


static const nuvshCmdOptDef opts_cpu_compare[] = {
    { "file", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "file with a CPU definition" },
    { "error", NUVSH_OT_BOOL, 0, "fail when the CPUs are incompatible" },
    { "validate", NUVSH_OT_BOOL, 0, "check the XML against the schema" },
    { NULL },
};

static bool
cmdCPUCompare(nuvshControl *ctl,
              const nuvshCmd *cmd)
{
    return nuvshCPUCompare(ctl, cmd, false);
}


static const nuvshCmdOptDef opts_hypervisor_cpu_compare[] = {
    { "file", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "file with a CPU definition" },
    NUVSH_OPTS_HYPERVISOR,
    { "error", NUVSH_OT_BOOL, 0, "fail when the CPUs are incompatible" },
    { "validate", NUVSH_OT_BOOL, 0, "check the XML against the schema" },
    { NULL },
};

static bool
cmdHypervisorCPUCompare(nuvshControl *ctl,
                        const nuvshCmd *cmd)
{
    return nuvshCPUCompare(ctl, cmd, true);
}


/* ---- baselines -------------------------------------------------------- */

static unsigned int
nuvshBaselineFlags(const nuvshCmd *cmd)
{
    unsigned int flags = 0;

    if (nuvshCommandOptBool(cmd, "features"))
        flags |= VIR_CONNECT_BASELINE_CPU_EXPAND_FEATURES;
    if (nuvshCommandOptBool(cmd, "migratable"))
        flags |= VIR_CONNECT_BASELINE_CPU_MIGRATABLE;
    return flags;
}


static const nuvshCmdOptDef opts_cpu_baseline[] = {
    { "file", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "file with CPU definitions" },
    { "features", NUVSH_OT_BOOL, 0, "list the features the CPU model implies" },
    { "migratable", NUVSH_OT_BOOL, 0, "leave out features that prevent migration" },
    { NULL },
};

static bool
cmdCPUBaseline(nuvshControl *ctl,
               const nuvshCmd *cmd)
{
    g_autoptr(GPtrArray) cpus = NULL;
    g_autofree char *result = NULL;
    const char *file = NULL;

    if (nuvshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (!(cpus = nuvshCPUDefsFromFile(ctl, file)))
        return false;
    if (!(result = virConnectBaselineCPU(ctl->conn, (const char **) cpus->pdata, cpus->len,
                                         nuvshBaselineFlags(cmd))))
        return false;
    nuvshPrint(ctl, "%s", result);
    return true;
}


static const nuvshCmdOptDef opts_hypervisor_cpu_baseline[] = {
    { "file", NUVSH_OT_STRING, 0, "file with CPU definitions" },
    NUVSH_OPTS_HYPERVISOR,
    { "features", NUVSH_OT_BOOL, 0, "list the features the CPU model implies" },
    { "migratable", NUVSH_OT_BOOL, 0, "leave out features that prevent migration" },
    { "model", NUVSH_OT_STRING, NUVSH_OFLAG_REQ_OPT, "one CPU model with no extra features" },
    { NULL },
};

static bool
cmdHypervisorCPUBaseline(nuvshControl *ctl,
                         const nuvshCmd *cmd)
{
    g_autoptr(GPtrArray) cpus = NULL;
    g_autofree char *result = NULL;
    nuvshHypervisorOpts h = { 0 };
    const char *file = NULL;
    const char *model = NULL;

    if (nuvshCommandOptStringReq(ctl, cmd, "file", &file) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "model", &model) < 0 ||
        !nuvshHypervisorOptsGet(ctl, cmd, &h))
        return false;
    if (!nuvshCommandOptExclusive(ctl, cmd, "file", "model"))
        return false;
    if (!file && !model) {
        nuvshError(ctl, "%s", "Either --file or --model must be provided");
        return false;
    }
    if (file) {
        if (!(cpus = nuvshCPUDefsFromFile(ctl, file)))
            return false;
    } else {
        g_autofree char *esc = g_markup_escape_text(model, -1);
        cpus = g_ptr_array_new_with_free_func(g_free);
        g_ptr_array_add(cpus, g_strdup_printf("<cpu>\n  <model>%s</model>\n</cpu>", esc));
    }

    if (!(result = virConnectBaselineHypervisorCPU(ctl->conn, h.emulator, h.arch, h.machine,
                                                   h.virttype, (const char **) cpus->pdata,
                                                   cpus->len, nuvshBaselineFlags(cmd))))
        return false;
    nuvshPrint(ctl, "%s", result);
    return true;
}


const nuvshCmdDef nuvshHostCPUCmds[] = {
    { "cpu-baseline", cmdCPUBaseline, opts_cpu_baseline,
      "compute a CPU every given host can run",
      "Prints the CPU model shared by the CPU definitions in a file.",
      0, NULL },
    { "cpu-compare", cmdCPUCompare, opts_cpu_compare,
      "compare a CPU definition with the host CPU",
      "Says whether the host CPU can run a guest with the CPU in a file.",
      0, NULL },
    { "hypervisor-cpu-baseline", cmdHypervisorCPUBaseline, opts_hypervisor_cpu_baseline,
      "compute a CPU the hypervisor can offer on every given host",
      "Like cpu-baseline, limited to what the hypervisor can provide.",
      0, NULL },
    { "hypervisor-cpu-compare", cmdHypervisorCPUCompare, opts_hypervisor_cpu_compare,
      "compare a CPU definition with the hypervisor's CPU",
      "Says whether the hypervisor can offer the CPU in a file on this host.",
      0, NULL },
    { NULL },
};
