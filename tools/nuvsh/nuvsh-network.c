/*
 * nuvsh-network.c: commands on virtual networks and their ports
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <string.h>

#include "nuvsh.h"


const nuvshCmdDef nuvshNetworkCmds[] = {
    { NULL },
};
