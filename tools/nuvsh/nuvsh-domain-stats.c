/*
 * nuvsh-domain-stats.c: commands on domain statistics and device listings
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <string.h>

#include "nuvsh.h"


const nuvshCmdDef nuvshDomainStatsCmds[] = {
    { NULL },
};
