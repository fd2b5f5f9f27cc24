/*
 * checkpoint_def.h: libvirt's <domaincheckpoint> XML, parsed and
 * formatted, and the rule that lines a checkpoint's disks up with its
 * domain's.
 */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "conf/moment_list.h"
#include "conf/checkpoint_schema.h"  /* generated: nuvCheckpointType, what a
                                      * checkpoint does for one disk */

typedef struct {
    char *name;                 /* the domain disk's target, once aligned */
    int type;                   /* nuvCheckpointType */
    char *bitmap;               /* NULL unless type is BITMAP */
} nuvCheckpointDiskDef;

typedef struct {
    nuvMomentDef common;        /* first: the moment list handles it */
    GPtrArray *disks;           /* nuvCheckpointDiskDef * */
} nuvCheckpointDef;

void nuvCheckpointDefFree(nuvCheckpointDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(nuvCheckpointDef, nuvCheckpointDefFree)

typedef enum {
    /* an existing checkpoint described again: name, creationTime, parent
     * and the domain are read from the document */
    NUV_CHECKPOINT_PARSE_REDEFINE = 1 << 0,
} nuvCheckpointParseFlags;

/* Parse a <domaincheckpoint>, checked against libvirt's schema for it.
 * Without REDEFINE the creation time is now and the name defaults to
 * it.  Errors as libvirt's. */
nuvCheckpointDef *nuvCheckpointDefParseString(const char *xml, unsigned int flags);

/* @flags: VIR_DOMAIN_CHECKPOINT_XML_SECURE, VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN
 * (VIR_DOMAIN_CHECKPOINT_XML_SIZE adds nothing: no size is ever known). */
char *nuvCheckpointDefFormat(const nuvCheckpointDef *def, unsigned int flags);

/* Give the checkpoint one disk entry per disk of its domain, in the
 * domain's order: the named ones as asked, the others a bitmap when the
 * document named no disk at all, else nothing; empty and read-only disks
 * never get one.  Bitmaps without a name take the checkpoint's. */
int nuvCheckpointDefAlignDisks(nuvCheckpointDef *def);

/* Name the unnamed bitmaps after the checkpoint. */
void nuvCheckpointDefAssignBitmapNames(nuvCheckpointDef *def);
