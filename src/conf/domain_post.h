/*
 * domain_post.h: what conf fills in after parsing a domain for every
 * driver (defaults, implicit devices, drive addresses).  A driver's own
 * defaults come after, through its nuvDomainXMLOption hooks.
 */
#pragma once

#include "conf/domain_def.h"

int nuvDomainDefPostParse(nuvDomainDef *def, unsigned int flags);
