/*
 * uuid.c: UUID generation, parsing and formatting.
 */
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "util/uuid.h"

void
nuvUUIDGenerate(unsigned char *uuid)
{
    for (size_t i = 0; i < VIR_UUID_BUFLEN; i += 4) {
        guint32 r = g_random_int();
        memcpy(uuid + i, &r, 4);
    }
    uuid[6] = (uuid[6] & 0x0f) | 0x40;  /* version 4 */
    uuid[8] = (uuid[8] & 0x3f) | 0x80;  /* RFC 4122 variant */
}

int
nuvUUIDParse(const char *str, unsigned char *uuid)
{
    const char *cur = str;
    size_t i;

    if (!str)
        return -1;
    while (g_ascii_isspace(*cur))
        cur++;
    for (i = 0; i < VIR_UUID_BUFLEN; i++) {
        int hi, lo;
        if (*cur == '-')
            cur++;
        hi = g_ascii_xdigit_value(cur[0]);
        lo = hi < 0 ? -1 : g_ascii_xdigit_value(cur[1]);
        if (hi < 0 || lo < 0)
            return -1;
        uuid[i] = (unsigned char)((hi << 4) | lo);
        cur += 2;
    }
    while (*cur) {
        if (!g_ascii_isspace(*cur))
            return -1;
        cur++;
    }
    return 0;
}

char *
nuvUUIDFormat(const unsigned char *uuid, char *buf)
{
    snprintf(buf, VIR_UUID_STRING_BUFLEN,
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             uuid[0], uuid[1], uuid[2], uuid[3], uuid[4], uuid[5], uuid[6], uuid[7],
             uuid[8], uuid[9], uuid[10], uuid[11], uuid[12], uuid[13], uuid[14], uuid[15]);
    return buf;
}

bool
nuvUUIDIsNull(const unsigned char *uuid)
{
    for (size_t i = 0; i < VIR_UUID_BUFLEN; i++)
        if (uuid[i])
            return false;
    return true;
}
