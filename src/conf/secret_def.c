/*
 * secret_def.c: secret XML parse, normalise and format.
 */
#include <string.h>

#include "conf/secret_def.h"
#include "conf/secret_schema.h"
#include "util/error.h"
#include "util/uuid.h"
#include "util/xml.h"

#define VIR_FROM_THIS VIR_FROM_SECRET

/* secret.schema's usage words are virSecretUsageType's, in its order */
G_STATIC_ASSERT((int) NUV_SECRET_USAGE_LAST == (int) VIR_SECRET_USAGE_TYPE_LAST);
G_STATIC_ASSERT((int) NUV_SECRET_USAGE_VTPM == (int) VIR_SECRET_USAGE_TYPE_VTPM);

/* The <usage> child that carries the usage id of each type (the schema
 * keeps only that one), and what libvirt says when it is missing. */
static const struct {
    const char *child;
    const char *missing;
} usageIDs[VIR_SECRET_USAGE_TYPE_LAST] = {
    [VIR_SECRET_USAGE_TYPE_VOLUME] = { "volume",
        "volume usage specified, but volume path is missing" },
    [VIR_SECRET_USAGE_TYPE_CEPH] = { "name", "Ceph usage specified, but name is missing" },
    [VIR_SECRET_USAGE_TYPE_ISCSI] = { "target",
        "iSCSI usage specified, but target is missing" },
    [VIR_SECRET_USAGE_TYPE_TLS] = { "name", "TLS usage specified, but name is missing" },
    [VIR_SECRET_USAGE_TYPE_VTPM] = { "name", "vTPM usage specified, but name is missing" },
};

const char *
nuvSecretUsageTypeToString(int type)
{
    return nuvSecretUsageToString(type);
}

void
nuvSecretDefFree(nuvSecretDef *def)
{
    if (!def)
        return;
    g_free(def->usageID);
    nuvXNodeFree(def->tree);
    g_free(def);
}

/* yes/no attribute into @out, written back in libvirt's spelling. */
static int
parseYesNo(nuvXNode *root, const char *attr, bool *out)
{
    const char *v = nuvXNodeGet(root, attr);

    if (v) {
        if (strcmp(v, "yes") == 0) {
            *out = true;
        } else if (strcmp(v, "no") == 0) {
            *out = false;
        } else {
            nuvReportError(VIR_ERR_XML_ERROR, "invalid value of '%s'", attr);
            return -1;
        }
    }
    nuvXNodeSet(root, attr, *out ? "yes" : "no");
    return 0;
}

static int
parseUsage(nuvSecretDef *def, nuvXNode *usage)
{
    const char *type = nuvXNodeGet(usage, "type");
    const char *keep = NULL;
    nuvXNode *id;
    int t;

    if (!type) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s", "unknown secret usage type");
        return -1;
    }
    /* a word of the schema's enum: checked when the document was read */
    if ((t = nuvSecretUsageFromString(type)) < 0) {
        nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "unknown secret usage type %s", type);
        return -1;
    }
    def->usageType = t;

    if (t == VIR_SECRET_USAGE_TYPE_NONE) {
        /* nothing to identify: libvirt writes no <usage> at all */
        nuvXNodeDetach(usage);
        nuvXNodeFree(usage);
        return 0;
    }

    keep = usageIDs[t].child;
    id = nuvXNodeChild(usage, keep);
    if (!id || !id->text || !*id->text) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", usageIDs[t].missing);
        return -1;
    }
    def->usageID = g_strdup(id->text);
    nuvXNodeKeepFirst(usage, keep);
    return 0;
}

nuvSecretDef *
nuvSecretDefParseString(const char *xml, unsigned int flags)
{
    g_autoptr(xmlDoc) doc = NULL;
    g_autoptr(nuvSecretDef) def = NULL;
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    nuvXNode *n;

    if (!(doc = nuvXMLParseString(xml, "(definition_of_secret)", "secret"))) {
        nuvXNodeRetagError(VIR_FROM_SECRET, true);
        return NULL;
    }

    def = g_new0(nuvSecretDef, 1);
    if (!(def->tree = nuvXNodeParse(nuvSecretSchema, 0, xmlDocGetRootElement(doc)))) {
        if (flags & NUV_SECRET_DEF_PARSE_VALIDATE)
            nuvXNodeReportSchemaError();
        else
            nuvXNodeRetagError(VIR_FROM_SECRET, true);
        return NULL;
    }

    if (parseYesNo(def->tree, "ephemeral", &def->isEphemeral) < 0 ||
        parseYesNo(def->tree, "private", &def->isPrivate) < 0)
        return NULL;

    /* an empty <uuid/> counts as none, as libvirt reads it */
    n = nuvXNodeChild(def->tree, "uuid");
    if (n && n->text && *n->text) {
        if (nuvUUIDParse(n->text, def->uuid) < 0) {
            nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "malformed uuid element");
            return NULL;
        }
    } else {
        nuvUUIDGenerate(def->uuid);
        if (!n)
            n = nuvXNodeAddChild(def->tree, "uuid");
    }
    nuvXNodeSetText(n, nuvUUIDFormat(def->uuid, uuidstr));

    n = nuvXNodeChild(def->tree, "description");
    if (n && (!n->text || !*n->text))
        nuvXNodeRemoveChildren(def->tree, "description");
    nuvXNodeKeepFirst(def->tree, "description");

    if ((n = nuvXNodeChild(def->tree, "usage"))) {
        nuvXNodeKeepFirst(def->tree, "usage");
        if (parseUsage(def, n) < 0)
            return NULL;
    }
    return g_steal_pointer(&def);
}

char *
nuvSecretDefFormat(const nuvSecretDef *def)
{
    GString *buf = g_string_new(NULL);

    nuvXNodeFormat(def->tree, buf, 0, 0);
    return g_string_free(buf, FALSE);
}
