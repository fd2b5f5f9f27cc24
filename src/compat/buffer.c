/*
 * buffer.c: libvirt's virBuffer for the prebuilt virsh binary.
 *
 * virsh declares these on its stack with { NULL, 0 } and frees them with
 * virBufferFreeAndReset, so the struct is a bare GString pointer plus the
 * indentation width and is allocated lazily on first use.
 */
#include <string.h>

#include "compat/compat.h"

static void
bufferPrepare(virBuffer *buf)
{
    if (!buf->str)
        buf->str = g_string_new(NULL);

    /* Indentation applies only at the start of a line. */
    if (buf->indent > 0 &&
        (buf->str->len == 0 || buf->str->str[buf->str->len - 1] == '\n')) {
        for (int i = 0; i < buf->indent; i++)
            g_string_append_c(buf->str, ' ');
    }
}

const char *
virBufferCurrentContent(virBuffer *buf)
{
    if (!buf)
        return NULL;
    if (!buf->str || buf->str->len == 0)
        return "";
    return buf->str->str;
}

char *
virBufferContentAndReset(virBuffer *buf)
{
    char *ret;

    if (!buf)
        return NULL;
    /* A buffer nothing was ever added to yields NULL, as libvirt's does. */
    ret = buf->str ? g_string_free(buf->str, FALSE) : NULL;
    buf->str = NULL;
    buf->indent = 0;
    return ret;
}

void
virBufferFreeAndReset(virBuffer *buf)
{
    if (!buf)
        return;
    if (buf->str)
        g_string_free(buf->str, TRUE);
    buf->str = NULL;
    buf->indent = 0;
}

size_t
virBufferUse(const virBuffer *buf)
{
    if (!buf || !buf->str)
        return 0;
    return buf->str->len;
}

void
virBufferAdd(virBuffer *buf, const char *str, int len)
{
    if (!buf || !str)
        return;
    if (len < 0)
        len = strlen(str);
    bufferPrepare(buf);
    g_string_append_len(buf->str, str, len);
}

void
virBufferAddChar(virBuffer *buf, char c)
{
    virBufferAdd(buf, &c, 1);
}

void
virBufferAddStr(virBuffer *buf, const char *str)
{
    /* Feed line by line so that every line gets the indentation. */
    while (buf && str && *str) {
        const char *nl = strchr(str, '\n');

        if (!nl) {
            virBufferAdd(buf, str, -1);
            break;
        }
        virBufferAdd(buf, str, nl - str + 1);
        str = nl + 1;
    }
}

void
virBufferVasprintf(virBuffer *buf, const char *format, va_list ap)
{
    if (!buf || !format)
        return;
    bufferPrepare(buf);
    g_string_append_vprintf(buf->str, format, ap);
}

void
virBufferAsprintf(virBuffer *buf, const char *format, ...)
{
    va_list ap;

    va_start(ap, format);
    virBufferVasprintf(buf, format, ap);
    va_end(ap);
}

void
virBufferStrcat(virBuffer *buf, ...)
{
    va_list ap;
    const char *s;

    if (!buf)
        return;
    va_start(ap, buf);
    while ((s = va_arg(ap, const char *)))
        virBufferAdd(buf, s, -1);
    va_end(ap);
}

void
virBufferEscape(virBuffer *buf, char escape, const char *toescape,
                const char *format, const char *str)
{
    g_autoptr(GString) esc = NULL;

    if (!buf || !format || !str || !toescape)
        return;
    if (!strpbrk(str, toescape)) {
        virBufferAsprintf(buf, format, str);
        return;
    }
    esc = g_string_sized_new(strlen(str) * 2);
    for (const char *p = str; *p; p++) {
        if (strchr(toescape, *p))
            g_string_append_c(esc, escape);
        g_string_append_c(esc, *p);
    }
    virBufferAsprintf(buf, format, esc->str);
}

void
virBufferEscapeString(virBuffer *buf, const char *format, const char *str)
{
    g_autoptr(GString) esc = NULL;
    const unsigned char *p;

    if (!buf || !format || !str)
        return;

    esc = g_string_sized_new(strlen(str) + 16);
    for (p = (const unsigned char *)str; *p; p++) {
        switch (*p) {
        case '<':
            g_string_append(esc, "&lt;");
            break;
        case '>':
            g_string_append(esc, "&gt;");
            break;
        case '&':
            g_string_append(esc, "&amp;");
            break;
        case '"':
            g_string_append(esc, "&quot;");
            break;
        case '\'':
            g_string_append(esc, "&apos;");
            break;
        case '\t':
        case '\n':
        case '\r':
            g_string_append_c(esc, *p);
            break;
        default:
            /* Other control characters are not allowed in XML 1.0 at all,
             * so they are dropped rather than escaped. */
            if (*p >= 0x20)
                g_string_append_c(esc, *p);
            break;
        }
    }
    virBufferAsprintf(buf, format, esc->str);
}

void
virBufferEscapeShell(virBuffer *buf, const char *str)
{
    g_autoptr(GString) out = NULL;

    if (!buf || !str)
        return;

    /* Words made only of harmless characters go out unquoted. */
    if (*str && strcspn(str, "\t\n\r !\"#$&'()*;<>?[\\]^`{|}~") == strlen(str)) {
        virBufferAdd(buf, str, -1);
        return;
    }

    out = g_string_new("'");
    for (const char *p = str; *p; p++) {
        if (*p == '\'')
            g_string_append(out, "'\\''");
        else
            g_string_append_c(out, *p);
    }
    g_string_append_c(out, '\'');
    virBufferAdd(buf, out->str, out->len);
}

void
virBufferAdjustIndent(virBuffer *buf, int indent)
{
    if (!buf)
        return;
    if (indent > 0 && buf->indent > G_MAXINT - indent)
        return;
    buf->indent += indent;
    if (buf->indent < 0)
        buf->indent = 0;
}

void
virBufferTrim(virBuffer *buf, const char *trim)
{
    size_t len;

    if (!buf || !buf->str || !trim)
        return;
    len = strlen(trim);
    if (len <= buf->str->len &&
        memcmp(buf->str->str + buf->str->len - len, trim, len) == 0)
        g_string_truncate(buf->str, buf->str->len - len);
}

void
virBufferTrimLen(virBuffer *buf, int len)
{
    if (!buf || !buf->str || len <= 0)
        return;
    if ((size_t)len > buf->str->len)
        len = buf->str->len;
    g_string_truncate(buf->str, buf->str->len - len);
}
