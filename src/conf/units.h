/*
 * units.h: numbers with units, as domain XML writes sizes.
 */
#pragma once

/* Convert @value given in @unit (NULL: KiB) to KiB, rounding up as
 * libvirt does.  @what names the element in errors. */
int nuvScaleToKiB(const char *value, const char *unit, const char *what,
                  unsigned long long *out);

/* Multiplier in bytes of a unit name ("KiB", "M", "GB", ...); 0 if unknown. */
unsigned long long nuvUnitBytes(const char *unit);

/* Whole number, surrounding blanks allowed; -1 without error report. */
int nuvParseUInt(const char *str, unsigned int *out);
int nuvParseULL(const char *str, unsigned long long *out);
