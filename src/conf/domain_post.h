/*
 * domain_post.h: what libvirt's test driver fills in after parsing a
 * domain (defaults, implicit devices, addresses) and the checks it makes.
 */
#pragma once

#include "conf/domain_def.h"

int nuvDomainDefPostParse(nuvDomainDef *def, unsigned int flags);
