/*
 * nuvsh-nwfilter.c: commands on network filters and their bindings
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <string.h>

#include "nuvsh.h"


const nuvshCmdDef nuvshNWFilterCmds[] = {
    { NULL },
};
