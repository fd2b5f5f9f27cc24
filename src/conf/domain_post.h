/*
 * domain_post.h: what conf fills in after parsing a domain for every
 * driver (defaults, implicit devices, drive addresses).  A driver's own
 * defaults come after, through its nuvDomainXMLOption hooks.
 */
#pragma once

#include "conf/domain_def.h"

int nuvDomainDefPostParse(nuvDomainDef *def, unsigned int flags);

/* Append a controller (after the listed ones, as libvirt appends what it
 * adds after parsing); @model may be NULL. */
nuvXNode *nuvDomainAppendController(nuvDomainDef *def, const char *type, int index,
                                    const char *model);
