/*
 * nuvsh-nodedev.c: commands on host devices
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <string.h>

#include "nuvsh.h"


const nuvshCmdDef nuvshNodeDeviceCmds[] = {
    { NULL },
};
