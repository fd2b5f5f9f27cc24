/*
 * xml.h: reading XML documents from outside, and writing XML text.
 *
 * Every document that crosses an API boundary goes through
 * nuvXMLParseString, which bounds its size, refuses network access and
 * reports malformed input the way libvirt does (file:line: message plus a
 * context line with a caret).
 */
#pragma once

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

/* Largest document accepted, in bytes. */
#define NUV_XML_MAX_SIZE (10 * 1024 * 1024)

/* Parse @xml.  @url names the document in error messages, e.g.
 * "(domain_definition)".  When @rootName is non-NULL the root element must
 * carry that name.  Returns NULL with an error reported. */
xmlDocPtr nuvXMLParseString(const char *xml, const char *url, const char *rootName);

/* Append @str with the characters that XML reserves escaped, for element
 * text (nuvXMLEscapeText) or for a value inside single quotes
 * (nuvXMLEscapeAttr). */
void nuvXMLEscapeText(GString *buf, const char *str);
void nuvXMLEscapeAttr(GString *buf, const char *str);

/* The first child element of @node called @name, or NULL (@node may be
 * NULL). */
xmlNodePtr nuvXMLChild(xmlNodePtr node, const char *name);

/* The text of that child; NULL when it is missing or its text is empty,
 * as libvirt's XPath string() lookups treat both.  Free with g_free. */
char *nuvXMLChildText(xmlNodePtr node, const char *name);

/* Append "  " @depth times. */
void nuvXMLIndent(GString *buf, int depth);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlDoc, xmlFreeDoc)
