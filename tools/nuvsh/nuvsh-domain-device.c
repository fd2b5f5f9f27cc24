/*
 * nuvsh-domain-device.c: commands on domain devices (attach, detach, disks, interfaces)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <string.h>

#include "nuvsh.h"


const nuvshCmdDef nuvshDomainDeviceCmds[] = {
    { NULL },
};
