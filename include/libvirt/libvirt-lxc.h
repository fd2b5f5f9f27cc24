/*
 * libvirt-lxc.h: LXC-specific extras (entering a container's namespaces)
 *
 * Part of nuvirt's public interface, which is source and binary compatible
 * with libvirt 9.0: names, values, types and layouts must not change.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_LXC_H
# define LIBVIRT_LXC_H

# include <libvirt/libvirt.h>

# ifdef __cplusplus
extern "C" {
# endif

/* ---- functions ---- */

int virDomainLxcEnterCGroup(virDomainPtr domain, unsigned int flags);
int virDomainLxcEnterNamespace(virDomainPtr domain, unsigned int nfdlist,
                               int *fdlist, unsigned int *noldfdlist,
                               int **oldfdlist, unsigned int flags);
int virDomainLxcEnterSecurityLabel(virSecurityModelPtr model,
                                   virSecurityLabelPtr label,
                                   virSecurityLabelPtr oldlabel,
                                   unsigned int flags);
int virDomainLxcOpenNamespace(virDomainPtr domain, int **fdlist,
                              unsigned int flags);

# ifdef __cplusplus
}
# endif

#endif /* LIBVIRT_LXC_H */
