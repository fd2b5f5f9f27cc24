/*
 * nuvsh-domain-config.c: commands on domain configuration (memory, vCPUs, tuning, metadata)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <string.h>

#include "nuvsh.h"


const nuvshCmdDef nuvshDomainConfigCmds[] = {
    { NULL },
};
