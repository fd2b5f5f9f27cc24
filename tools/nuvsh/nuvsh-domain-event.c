/*
 * nuvsh-domain-event.c: commands on domain events
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <string.h>

#include "nuvsh.h"


const nuvshCmdDef nuvshDomainEventCmds[] = {
    { NULL },
};
