/*
 * xml.c: libvirt's libxml2 wrappers as virsh uses them: parse a document
 * the daemon sent, query it with XPath, print pieces of it back.
 *
 * The XPath helpers keep libvirt 9.0's conventions: virXPathString only
 * answers string-valued expressions ("string(./name)") and treats an empty
 * string as no answer; the number helpers read a string result and return
 * -1 when there is none, -2 when it is not a number.
 */
#include <string.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "compat/compat.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_XML

/* Report libxml2's last parse error the way libvirt shows it: the message,
 * then the offending line and a marker under the column. */
static void
reportParseError(int domcode, xmlParserCtxtPtr pctxt, const char *xmlStr)
{
    const xmlError *xerr = xmlCtxtGetLastError(pctxt);
    g_autofree char *msg = NULL;
    g_autofree char *line = NULL;
    g_autofree char *marker = NULL;
    const char *start = xmlStr;
    int col;

    if (!xerr || !xerr->message) {
        nuvReportErrorFrom(domcode, VIR_ERR_XML_ERROR,
                           "%s", "failed to parse xml document");
        return;
    }
    msg = g_strdup(xerr->message);
    g_strchomp(msg);

    if (xmlStr) {
        for (int n = 1; n < xerr->line && start; n++) {
            start = strchr(start, '\n');
            if (start)
                start++;
        }
    } else {
        start = NULL;
    }
    if (!start) {
        nuvReportErrorFrom(domcode, VIR_ERR_XML_DETAIL, "at line %d: %s", xerr->line, msg);
        return;
    }
    line = g_strndup(start, strcspn(start, "\n"));
    col = xerr->int2 > 0 ? xerr->int2 - 1 : 0;
    if ((size_t)col > strlen(line))
        col = strlen(line);
    marker = g_strnfill(col, '-');
    nuvReportErrorFrom(domcode, VIR_ERR_XML_DETAIL,
                       "at line %d: %s\n%s\n%s^", xerr->line, msg, line, marker);
}

xmlDocPtr
virXMLParseHelper(int domcode, const char *filename, const char *xmlStr,
                  const char *url, const char *rootelement,
                  xmlXPathContextPtr *ctxt, const char *schemafile, bool validate)
{
    xmlParserCtxtPtr pctxt;
    xmlDocPtr doc;
    xmlNodePtr root;
    int opts = XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR;

    if (validate || schemafile) {
        /* virsh never asks for schema validation; nuvirt validates in the
         * daemon. */
        nuvReportErrorFrom(domcode, VIR_ERR_OPERATION_UNSUPPORTED,
                           "%s", "XML schema validation is not available here");
        return NULL;
    }

    if (!(pctxt = xmlNewParserCtxt())) {
        nuvReportErrorFrom(domcode, VIR_ERR_INTERNAL_ERROR,
                           "%s", "failed to allocate parser context");
        return NULL;
    }
    if (filename)
        doc = xmlCtxtReadFile(pctxt, filename, NULL, opts);
    else
        doc = xmlCtxtReadMemory(pctxt, xmlStr ? xmlStr : "", xmlStr ? strlen(xmlStr) : 0,
                                url ? url : "domain.xml", NULL, opts);
    if (!doc) {
        reportParseError(domcode, pctxt, filename ? NULL : xmlStr);
        xmlFreeParserCtxt(pctxt);
        return NULL;
    }
    xmlFreeParserCtxt(pctxt);

    if (!(root = xmlDocGetRootElement(doc))) {
        nuvReportErrorFrom(domcode, VIR_ERR_INTERNAL_ERROR, "%s", "missing root element");
        xmlFreeDoc(doc);
        return NULL;
    }
    if (rootelement && !virXMLNodeNameEqual(root, rootelement)) {
        nuvReportErrorFrom(domcode, VIR_ERR_XML_ERROR,
                           "expecting root element of '%s', not '%s'",
                           rootelement, (const char *)root->name);
        xmlFreeDoc(doc);
        return NULL;
    }
    if (ctxt) {
        if (!(*ctxt = xmlXPathNewContext(doc))) {
            nuvReportErrorFrom(domcode, VIR_ERR_INTERNAL_ERROR,
                               "%s", "failed to create XPath context");
            xmlFreeDoc(doc);
            return NULL;
        }
        (*ctxt)->node = root;
    }
    return doc;
}

static xmlXPathObjectPtr
xpathEval(const char *xpath, xmlXPathContextPtr ctxt, const char *caller)
{
    if (!ctxt || !xpath) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "Invalid parameter to %s()", caller);
        return NULL;
    }
    return xmlXPathEval(BAD_CAST xpath, ctxt);
}

/* The non-empty string an expression gives, or NULL. */
static const char *
xpathStringValue(xmlXPathObjectPtr obj)
{
    if (!obj || obj->type != XPATH_STRING || !obj->stringval || !obj->stringval[0])
        return NULL;
    return (const char *)obj->stringval;
}

char *
virXPathString(const char *xpath, xmlXPathContextPtr ctxt)
{
    xmlXPathObjectPtr obj = xpathEval(xpath, ctxt, "virXPathString");
    char *ret = g_strdup(xpathStringValue(obj));

    xmlXPathFreeObject(obj);
    return ret;
}

int
virXPathInt(const char *xpath, xmlXPathContextPtr ctxt, int *value)
{
    xmlXPathObjectPtr obj = xpathEval(xpath, ctxt, "virXPathInt");
    const char *s = xpathStringValue(obj);
    int ret = -1;

    if (s)
        ret = virStrToLong_i(s, NULL, 10, value) < 0 ? -2 : 0;
    xmlXPathFreeObject(obj);
    return ret;
}

int
virXPathUInt(const char *xpath, xmlXPathContextPtr ctxt, unsigned int *value)
{
    xmlXPathObjectPtr obj = xpathEval(xpath, ctxt, "virXPathUInt");
    const char *s = xpathStringValue(obj);
    int ret = -1;

    if (s)
        ret = virStrToLong_ui(s, NULL, 10, value) < 0 ? -2 : 0;
    xmlXPathFreeObject(obj);
    return ret;
}

int
virXPathLongLong(const char *xpath, xmlXPathContextPtr ctxt, long long *value)
{
    xmlXPathObjectPtr obj = xpathEval(xpath, ctxt, "virXPathLongLong");
    const char *s = xpathStringValue(obj);
    int ret = -1;

    if (s)
        ret = virStrToLong_ll(s, NULL, 10, value) < 0 ? -2 : 0;
    xmlXPathFreeObject(obj);
    return ret;
}

int
virXPathBoolean(const char *xpath, xmlXPathContextPtr ctxt)
{
    xmlXPathObjectPtr obj = xpathEval(xpath, ctxt, "virXPathBoolean");
    int ret = -1;

    if (obj && obj->type == XPATH_BOOLEAN && (obj->boolval == 0 || obj->boolval == 1))
        ret = obj->boolval;
    xmlXPathFreeObject(obj);
    return ret;
}

xmlNodePtr
virXPathNode(const char *xpath, xmlXPathContextPtr ctxt)
{
    xmlXPathObjectPtr obj = xpathEval(xpath, ctxt, "virXPathNode");
    xmlNodePtr ret = NULL;

    if (obj && obj->type == XPATH_NODESET && obj->nodesetval &&
        obj->nodesetval->nodeNr > 0 && obj->nodesetval->nodeTab)
        ret = obj->nodesetval->nodeTab[0];
    xmlXPathFreeObject(obj);
    return ret;
}

int
virXPathNodeSet(const char *xpath, xmlXPathContextPtr ctxt, xmlNodePtr **list)
{
    xmlXPathObjectPtr obj;
    int ret = 0;

    if (list)
        *list = NULL;
    if (!ctxt || !xpath) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR,
                       "%s", "Invalid parameter to virXPathNodeSet()");
        return -1;
    }
    if (!(obj = xmlXPathEval(BAD_CAST xpath, ctxt)))
        return 0;
    if (obj->type != XPATH_NODESET) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "Incorrect xpath '%s'", xpath);
        xmlXPathFreeObject(obj);
        return -1;
    }
    if (obj->nodesetval && obj->nodesetval->nodeNr > 0) {
        ret = obj->nodesetval->nodeNr;
        if (list) {
            *list = g_new0(xmlNodePtr, ret);
            memcpy(*list, obj->nodesetval->nodeTab, ret * sizeof(xmlNodePtr));
        }
    }
    xmlXPathFreeObject(obj);
    return ret;
}

char *
virXMLPropString(xmlNodePtr node, const char *name)
{
    return (char *)xmlGetProp(node, BAD_CAST name);
}

char *
virXMLNodeContentString(xmlNodePtr node)
{
    char *ret;

    if (node->type != XML_ELEMENT_NODE) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "node '%s' has unexpected type %d",
                       (const char *)node->name, node->type);
        return NULL;
    }
    if (!(ret = (char *)xmlNodeGetContent(node)))
        ret = g_strdup("");
    return ret;
}

char *
virXMLNodeToString(xmlDocPtr doc, xmlNodePtr node)
{
    xmlBufferPtr xbuf = xmlBufferCreate();
    char *ret = NULL;

    if (xmlNodeDump(xbuf, doc, node, 0, 1) < 0)
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "failed to convert the XML node tree");
    else
        ret = g_strdup((const char *)xmlBufferContent(xbuf));
    xmlBufferFree(xbuf);
    return ret;
}

bool
virXMLNodeNameEqual(xmlNodePtr node, const char *name)
{
    return xmlStrEqual(node->name, BAD_CAST name);
}

xmlNodePtr
virXMLNodeGetSubelement(xmlNodePtr node, const char *name)
{
    for (xmlNodePtr cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE && virXMLNodeNameEqual(cur, name))
            return cur;
    }
    return NULL;
}

xmlNodePtr
virXMLNewNode(xmlNsPtr ns, const char *name)
{
    xmlNodePtr node = xmlNewNode(ns, BAD_CAST name);

    /* libxml2 only fails here when out of memory. */
    if (!node)
        g_error("failed to allocate XML node");
    return node;
}

void
virXMLFormatElement(virBuffer *buf, const char *name,
                    virBuffer *attrBuf, virBuffer *childBuf)
{
    bool hasAttrs = virBufferUse(attrBuf) > 0;
    bool hasChildren = virBufferUse(childBuf) > 0;

    if (hasAttrs || hasChildren) {
        virBufferAsprintf(buf, "<%s", name);
        /* The attribute and child buffers carry their own indentation. */
        if (hasAttrs)
            g_string_append_len(buf->str, attrBuf->str->str, attrBuf->str->len);
        if (hasChildren) {
            g_string_append(buf->str, ">\n");
            g_string_append_len(buf->str, childBuf->str->str, childBuf->str->len);
            virBufferAsprintf(buf, "</%s>\n", name);
        } else {
            g_string_append(buf->str, "/>\n");
        }
    }
    virBufferFreeAndReset(attrBuf);
    virBufferFreeAndReset(childBuf);
}

/* <address domain='0x0000' bus='0x00' slot='0x1f' function='0x2'/> */
static int
pciAttr(xmlNodePtr node, const char *name, unsigned int *out)
{
    g_autofree char *s = virXMLPropString(node, name);

    if (!s)
        return 0;
    if (virStrToLong_uip(s, NULL, 0, out) < 0) {
        nuvReportErrorFrom(VIR_FROM_NONE, VIR_ERR_XML_ERROR,
                           "Invalid value for attribute '%s' in element '%s': '%s'.",
                           name, (const char *)node->name, s);
        return -1;
    }
    return 0;
}

int
virPCIDeviceAddressParseXML(xmlNodePtr node, virPCIDeviceAddress *addr)
{
    g_autofree char *multi = NULL;
    xmlNodePtr zpci;

    memset(addr, 0, sizeof(*addr));
    if (pciAttr(node, "domain", &addr->domain) < 0 ||
        pciAttr(node, "bus", &addr->bus) < 0 ||
        pciAttr(node, "slot", &addr->slot) < 0 ||
        pciAttr(node, "function", &addr->function) < 0)
        return -1;

    if ((multi = virXMLPropString(node, "multifunction"))) {
        if (strcmp(multi, "on") == 0) {
            addr->multi = 1;
        } else if (strcmp(multi, "off") == 0) {
            addr->multi = 2;
        } else {
            nuvReportErrorFrom(VIR_FROM_NONE, VIR_ERR_XML_ERROR,
                               "Invalid value for attribute '%s' in element '%s': '%s'.",
                               "multifunction", (const char *)node->name, multi);
            return -1;
        }
    }

    /* Limits of a PCI address; an all-zero address means "unset". */
    if ((addr->domain || addr->bus || addr->slot || addr->function) &&
        (addr->domain > 0xFFFF || addr->bus > 0xFF || addr->slot > 0x1F ||
         addr->function > 7)) {
        nuvReportErrorFrom(VIR_FROM_NONE, VIR_ERR_XML_ERROR, "%s", "Invalid PCI address");
        return -1;
    }

    if ((zpci = virXMLNodeGetSubelement(node, "zpci"))) {
        g_autofree char *uid = virXMLPropString(zpci, "uid");
        g_autofree char *fid = virXMLPropString(zpci, "fid");

        if (uid) {
            if (virStrToLong_uip(uid, NULL, 0, &addr->uid.value) < 0)
                return -1;
            addr->uid.isSet = true;
        }
        if (fid) {
            if (virStrToLong_uip(fid, NULL, 0, &addr->fid.value) < 0)
                return -1;
            addr->fid.isSet = true;
        }
    }
    return 0;
}
