/*
 * corpus.h: what every run over stock libvirt's XML corpus shares.
 *
 * A corpus directory holds cases NAME.xml with stock's result NAME.out.xml
 * or its error record NAME.err ("code=N domain=N message=..."); names
 * starting with '_' are fixtures.  A runner supplies only how one input
 * becomes our output (or our error); corpusMain walks the cases, compares
 * by the corpus README's rule, and prints the figures:
 *     KIND corpus: X/Y match (P%)
 *     KIND corpus: rejections agreeing: A/B
 * Options: -v (each failing case with a reason), --only NAME,
 * --min-match PERCENT and --all-rejections (exit 1 below them);
 * --messages (a rejection agrees only with stock's domain and message too).
 */
#pragma once

#include <stdbool.h>
#include <glib.h>

typedef struct {
    char *xml;          /* our output, or NULL when we refused the input */
    int code;           /* our error code when xml is NULL */
    char *message;      /* our error message when xml is NULL */
    int domain;         /* our error domain when xml is NULL (for --messages) */
} corpusResult;

typedef void (*corpusCaseFunc)(void *opaque, const char *input, corpusResult *res);

/* The corpus directory named among the options, or NULL. */
const char *corpusDirArg(int argc, char **argv);

int corpusMain(int argc, char **argv, const char *kind, corpusCaseFunc fn, void *opaque);

/* The README's rule: element trees equal, attributes as sets, trimmed
 * text, comments ignored; generated values (uuid, genid, mac address,
 * virtualport ids, a snapshot's creationTime and own name) may differ when
 * the input does not state them.  On a difference, @reason says where. */
bool corpusSameXML(const char *expect, const char *got, const char *input, GString *reason);
