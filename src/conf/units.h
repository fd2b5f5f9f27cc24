/*
 * units.h: numbers with units, as domain XML writes sizes.
 */
#pragma once

#include <stddef.h>
#include <glib.h>

/* Convert @value given in @unit (NULL: KiB) to KiB, rounding up as
 * libvirt does.  @what names the element in errors. */
int nuvScaleToKiB(const char *value, const char *unit, const char *what,
                  unsigned long long *out);

/* Multiplier in bytes of a unit name ("KiB", "M", "GB", ...); 0 if unknown. */
unsigned long long nuvUnitBytes(const char *unit);

/* Whole number, surrounding blanks allowed; -1 without error report. */
int nuvParseUInt(const char *str, unsigned int *out);
int nuvParseULL(const char *str, unsigned long long *out);

/* Ids are below this bound in every set list domain XML writes. */
#define NUV_ID_SET_MAX 16384

/* Parse a set list in libvirt's syntax ("0-3,^2,8"; an empty string is
 * the empty set) into @bits, an array of NUV_ID_SET_MAX flags indexed by
 * id; @n is one past the highest id in the set (0 when empty).  -1 on a
 * syntax error, without reporting one. */
int nuvParseIdSet(const char *str, guint8 **bits, size_t *n);
