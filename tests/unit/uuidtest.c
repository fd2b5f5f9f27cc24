/*
 * uuidtest.c: UUID parsing and formatting in libvirt's accepted forms.
 */
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "util/uuid.h"

int
main(void)
{
    static const struct { const char *in; const char *out; } good[] = {
        { "6695eb01-f6a4-8304-79aa-97f2502e193f", "6695eb01-f6a4-8304-79aa-97f2502e193f" },
        { "6695EB01F6A4830479AA97F2502E193F", "6695eb01-f6a4-8304-79aa-97f2502e193f" },
        { "  6695eb01-f6a4-8304-79aa-97f2502e193f  ", "6695eb01-f6a4-8304-79aa-97f2502e193f" },
        { "66-95-eb-01-f6a4830479aa97f2502e193f", "6695eb01-f6a4-8304-79aa-97f2502e193f" },
    };
    static const char *const bad[] = {
        "", "zz", "6695eb01-f6a4-8304-79aa-97f2502e193", "6695eb01-f6a4-8304-79aa-97f2502e193f0",
        "6695eb01-f6a4-8304-79aa-97f2502e193g", "6695eb01-f6a4-8304-79aa-97f2502e193f x",
    };
    unsigned char uuid[VIR_UUID_BUFLEN], other[VIR_UUID_BUFLEN];
    char buf[VIR_UUID_STRING_BUFLEN];
    int failed = 0, passed = 0;

    for (size_t i = 0; i < G_N_ELEMENTS(good); i++) {
        bool ok = nuvUUIDParse(good[i].in, uuid) == 0 &&
                  strcmp(nuvUUIDFormat(uuid, buf), good[i].out) == 0;
        printf("%s parse '%s'\n", ok ? "PASS" : "FAIL", good[i].in);
        ok ? passed++ : failed++;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        bool ok = nuvUUIDParse(bad[i], uuid) < 0;
        printf("%s reject '%s'\n", ok ? "PASS" : "FAIL", bad[i]);
        ok ? passed++ : failed++;
    }
    nuvUUIDGenerate(uuid);
    nuvUUIDGenerate(other);
    {
        bool ok = memcmp(uuid, other, VIR_UUID_BUFLEN) != 0 && (uuid[6] >> 4) == 4 &&
                  (uuid[8] & 0xc0) == 0x80 && !nuvUUIDIsNull(uuid);
        printf("%s generate version 4\n", ok ? "PASS" : "FAIL");
        ok ? passed++ : failed++;
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
