/*
 * xml.c: reading XML documents from outside, and writing XML text.
 */
#include <string.h>

#include "util/xml.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_XML

/* The first error libxml2 raises while parsing; later ones are usually
 * consequences of it. */
typedef struct {
    bool seen;
    int line;
    int column;
    char *message;
} nuvXMLParseErr;

static void
nuvXMLStructuredError(void *opaque, xmlErrorPtr err)
{
    xmlParserCtxtPtr ctxt = opaque;
    nuvXMLParseErr *pe = ctxt->_private;

    if (pe->seen || !err || err->level < XML_ERR_ERROR)
        return;
    pe->seen = true;
    pe->line = err->line;
    pe->column = err->int2;
    pe->message = g_strdup(err->message ? err->message : "unknown error");
    g_strchomp(pe->message);
}

/* The text of line @lineno (1-based) of @xml. */
static char *
nuvXMLLineOf(const char *xml, int lineno)
{
    const char *p = xml;
    const char *end;

    for (int i = 1; i < lineno && p; i++) {
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    if (!p)
        return g_strdup("");
    end = strchr(p, '\n');
    return end ? g_strndup(p, end - p) : g_strdup(p);
}

xmlDocPtr
nuvXMLParseString(const char *xml, const char *url, const char *rootName)
{
    nuvXMLParseErr pe = { 0 };
    xmlParserCtxtPtr ctxt = NULL;
    xmlDocPtr doc = NULL;
    xmlNodePtr root;
    size_t len;

    if (!xml) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s", "missing XML document");
        return NULL;
    }
    len = strnlen(xml, NUV_XML_MAX_SIZE + 1);
    if (len > NUV_XML_MAX_SIZE) {
        nuvReportError(VIR_ERR_XML_ERROR,
                       "document is larger than the limit of %d bytes",
                       NUV_XML_MAX_SIZE);
        return NULL;
    }

    ctxt = xmlNewParserCtxt();
    if (!ctxt)
        g_error("out of memory creating an XML parser");
    /* libxml2 2.9 has no per-context error setter: the SAX handler's
     * structured-error slot is called with the context as user data. */
    ctxt->_private = &pe;
    ctxt->sax->serror = nuvXMLStructuredError;
    ctxt->vctxt.error = NULL;

    doc = xmlCtxtReadMemory(ctxt, xml, (int) len, url, NULL,
                            XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
    if (!doc || pe.seen) {
        g_autofree char *line = NULL;
        g_autofree char *caret = NULL;

        if (!pe.seen) {
            pe.message = g_strdup("failed to parse XML document");
            pe.line = 1;
        }
        line = nuvXMLLineOf(xml, pe.line);
        if (strlen(line) > 80)
            line[80] = '\0';
        /* libvirt formats an empty context line from a NULL buffer, which
         * prints as "(null)"; clients see that text, so it is matched */
        if (!*line) {
            g_free(line);
            line = g_strdup("(null)");
        }
        {
            int col = pe.column > 0 ? pe.column - 1 : 0;
            if (col > 80)
                col = 80;
            caret = g_strnfill(col, '-');
        }
        nuvReportErrorFrom(VIR_FROM_DOMAIN, VIR_ERR_XML_DETAIL, "%s:%d: %s\n%s\n%s^",
                           url ? url : "[inline data]", pe.line, pe.message, line, caret);
        g_free(pe.message);
        if (doc)
            xmlFreeDoc(doc);
        xmlFreeParserCtxt(ctxt);
        return NULL;
    }
    xmlFreeParserCtxt(ctxt);

    root = xmlDocGetRootElement(doc);
    if (!root) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s", "missing root element");
        xmlFreeDoc(doc);
        return NULL;
    }
    if (rootName && !xmlStrEqual(root->name, BAD_CAST rootName)) {
        nuvReportError(VIR_ERR_XML_ERROR, "expecting root element of '%s', not '%s'",
                       rootName, (const char *) root->name);
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

static void
nuvXMLEscape(GString *buf, const char *str, bool attr)
{
    for (const char *p = str; *p; p++) {
        switch (*p) {
        case '<':
            g_string_append(buf, "&lt;");
            break;
        case '>':
            g_string_append(buf, "&gt;");
            break;
        case '&':
            g_string_append(buf, "&amp;");
            break;
        case '\'':
            if (attr)
                g_string_append(buf, "&apos;");
            else
                g_string_append_c(buf, *p);
            break;
        case '"':
            if (attr)
                g_string_append(buf, "&quot;");
            else
                g_string_append_c(buf, *p);
            break;
        default:
            g_string_append_c(buf, *p);
        }
    }
}

void
nuvXMLEscapeText(GString *buf, const char *str)
{
    nuvXMLEscape(buf, str, false);
}

void
nuvXMLEscapeAttr(GString *buf, const char *str)
{
    nuvXMLEscape(buf, str, true);
}

void
nuvXMLIndent(GString *buf, int depth)
{
    for (int i = 0; i < depth; i++)
        g_string_append(buf, "  ");
}

xmlNodePtr
nuvXMLChild(xmlNodePtr node, const char *name)
{
    for (xmlNodePtr c = node ? node->children : NULL; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && strcmp((const char *) c->name, name) == 0)
            return c;
    }
    return NULL;
}

char *
nuvXMLChildText(xmlNodePtr node, const char *name)
{
    xmlNodePtr c = nuvXMLChild(node, name);
    xmlChar *s;
    char *ret = NULL;

    if (!c || !(s = xmlNodeGetContent(c)))
        return NULL;
    if (*s)
        ret = g_strdup((const char *) s);
    xmlFree(s);
    return ret;
}
