/*
 * nuvsh-snapshot.c: commands on snapshots
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <string.h>

#include "nuvsh.h"


const nuvshCmdDef nuvshSnapshotCmds[] = {
    { NULL },
};
