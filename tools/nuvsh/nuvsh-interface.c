/*
 * nuvsh-interface.c: commands on host interfaces
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <string.h>

#include "nuvsh.h"


const nuvshCmdDef nuvshInterfaceCmds[] = {
    { NULL },
};
