/*
 * nuvsh-pool.c: commands on storage pools
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <string.h>

#include "nuvsh.h"


const nuvshCmdDef nuvshPoolCmds[] = {
    { NULL },
};
