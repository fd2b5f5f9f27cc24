/*
 * uuid.h: 16-byte UUIDs and their 36-character text form.
 */
#pragma once

#include <stdbool.h>
#include "libvirt/libvirt.h"   /* VIR_UUID_BUFLEN, VIR_UUID_STRING_BUFLEN */

/* Random version-4 UUID. */
void nuvUUIDGenerate(unsigned char *uuid);

/* Accepts libvirt's forms: 32 hex digits, optionally split by '-' anywhere
 * between byte pairs, surrounding spaces ignored.  Returns 0 or -1 (no
 * error is reported: callers word the error for their object). */
int nuvUUIDParse(const char *str, unsigned char *uuid);

/* Lower-case 8-4-4-4-12 form into buf (VIR_UUID_STRING_BUFLEN bytes). */
char *nuvUUIDFormat(const unsigned char *uuid, char *buf);

bool nuvUUIDIsNull(const unsigned char *uuid);
