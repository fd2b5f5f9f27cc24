/*
 * domain_validate.h: the checks libvirt makes on a parsed domain before
 * accepting it, with libvirt's error codes.
 */
#pragma once

#include "conf/domain_def.h"

/* Checks on the document as written (before defaults are filled in). */
int nuvDomainDefValidateParsed(nuvDomainDef *def);

/* Checks on the definition once defaults are filled in. */
int nuvDomainDefValidate(nuvDomainDef *def);
