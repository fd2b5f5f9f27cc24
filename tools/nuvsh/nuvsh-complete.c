/*
 * nuvsh-complete.c: completion of a partly typed command line, used by
 * readline in the interactive shell and by the 'complete' command that
 * bash completion scripts call
 *
 * Candidates are command names, the options a command has not been given
 * yet, and the names of objects fetched from the connection for options
 * that take one (domains, networks, pools, volumes, ...).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "nuvsh.h"


static void
nuvshAddMatch(GPtrArray *out,
              const char *cand,
              const char *prefix)
{
    if (g_str_has_prefix(cand, prefix))
        g_ptr_array_add(out, g_strdup(cand));
}


static void
nuvshCompleteCommands(GPtrArray *out,
                      const char *prefix)
{
    const nuvshCmdGroup *grp;

    for (grp = nuvshGroups; grp->title; grp++) {
        const nuvshCmdDef *const *table;

        for (table = grp->tables; *table; table++) {
            const nuvshCmdDef *def;

            for (def = *table; def->name; def++) {
                if (!(def->flags & NUVSH_CMD_FLAG_ALIAS))
                    nuvshAddMatch(out, def->name, prefix);
            }
        }
    }
}


static void
nuvshCompleteDomainChildren(nuvshControl *ctl,
                            GPtrArray *out,
                            const char *domname,
                            bool checkpoints,
                            const char *prefix)
{
    g_autoptr(nuvshDomain) dom = NULL;
    int n;
    int i;

    if (!domname || !(dom = virDomainLookupByName(ctl->conn, domname)))
        return;

    if (checkpoints) {
        virDomainCheckpointPtr *cps = NULL;

        if ((n = virDomainListAllCheckpoints(dom, &cps, 0)) < 0)
            return;
        for (i = 0; i < n; i++) {
            nuvshAddMatch(out, virDomainCheckpointGetName(cps[i]), prefix);
            virDomainCheckpointFree(cps[i]);
        }
        g_free(cps);
    } else {
        virDomainSnapshotPtr *snaps = NULL;

        if ((n = virDomainListAllSnapshots(dom, &snaps, 0)) < 0)
            return;
        for (i = 0; i < n; i++) {
            nuvshAddMatch(out, virDomainSnapshotGetName(snaps[i]), prefix);
            virDomainSnapshotFree(snaps[i]);
        }
        g_free(snaps);
    }
}


/* Names of the objects an option with this name takes. */
static void
nuvshCompleteValues(nuvshControl *ctl,
                    GPtrArray *out,
                    const char *optname,
                    const char *domname,
                    const char *prefix)
{
    int n;
    int i;

    if (g_str_equal(optname, "command")) {
        nuvshCompleteCommands(out, prefix);
        return;
    }

    if (!ctl->conn)
        return;

    if (g_str_equal(optname, "domain")) {
        virDomainPtr *doms = NULL;

        if ((n = virConnectListAllDomains(ctl->conn, &doms, 0)) < 0)
            return;
        for (i = 0; i < n; i++) {
            nuvshAddMatch(out, virDomainGetName(doms[i]), prefix);
            virDomainFree(doms[i]);
        }
        g_free(doms);
    } else if (g_str_equal(optname, "network")) {
        virNetworkPtr *nets = NULL;

        if ((n = virConnectListAllNetworks(ctl->conn, &nets, 0)) < 0)
            return;
        for (i = 0; i < n; i++) {
            nuvshAddMatch(out, virNetworkGetName(nets[i]), prefix);
            virNetworkFree(nets[i]);
        }
        g_free(nets);
    } else if (g_str_equal(optname, "pool") || g_str_equal(optname, "vol")) {
        virStoragePoolPtr *pools = NULL;

        if ((n = virConnectListAllStoragePools(ctl->conn, &pools, 0)) < 0)
            return;
        for (i = 0; i < n; i++) {
            if (g_str_equal(optname, "pool")) {
                nuvshAddMatch(out, virStoragePoolGetName(pools[i]), prefix);
            } else {
                virStorageVolPtr *vols = NULL;
                int nv = virStoragePoolListAllVolumes(pools[i], &vols, 0);
                int j;

                for (j = 0; j < nv; j++) {
                    nuvshAddMatch(out, virStorageVolGetName(vols[j]), prefix);
                    virStorageVolFree(vols[j]);
                }
                g_free(vols);
            }
            virStoragePoolFree(pools[i]);
        }
        g_free(pools);
    } else if (g_str_equal(optname, "interface")) {
        virInterfacePtr *ifaces = NULL;

        if ((n = virConnectListAllInterfaces(ctl->conn, &ifaces, 0)) < 0)
            return;
        for (i = 0; i < n; i++) {
            nuvshAddMatch(out, virInterfaceGetName(ifaces[i]), prefix);
            virInterfaceFree(ifaces[i]);
        }
        g_free(ifaces);
    } else if (g_str_equal(optname, "secret")) {
        virSecretPtr *secrets = NULL;

        if ((n = virConnectListAllSecrets(ctl->conn, &secrets, 0)) < 0)
            return;
        for (i = 0; i < n; i++) {
            char uuid[VIR_UUID_STRING_BUFLEN];

            if (virSecretGetUUIDString(secrets[i], uuid) == 0)
                nuvshAddMatch(out, uuid, prefix);
            virSecretFree(secrets[i]);
        }
        g_free(secrets);
    } else if (g_str_equal(optname, "device")) {
        virNodeDevicePtr *devs = NULL;

        if ((n = virConnectListAllNodeDevices(ctl->conn, &devs, 0)) < 0)
            return;
        for (i = 0; i < n; i++) {
            nuvshAddMatch(out, virNodeDeviceGetName(devs[i]), prefix);
            virNodeDeviceFree(devs[i]);
        }
        g_free(devs);
    } else if (g_str_equal(optname, "nwfilter")) {
        virNWFilterPtr *filters = NULL;

        if ((n = virConnectListAllNWFilters(ctl->conn, &filters, 0)) < 0)
            return;
        for (i = 0; i < n; i++) {
            nuvshAddMatch(out, virNWFilterGetName(filters[i]), prefix);
            virNWFilterFree(filters[i]);
        }
        g_free(filters);
    } else if (g_str_equal(optname, "snapshotname") || g_str_equal(optname, "current") ||
               g_str_equal(optname, "parent")) {
        nuvshCompleteDomainChildren(ctl, out, domname, false, prefix);
    } else if (g_str_equal(optname, "checkpointname")) {
        nuvshCompleteDomainChildren(ctl, out, domname, true, prefix);
    }
}


/* Candidates for the last word of @line (the word being typed, possibly
 * empty when the line ends in a blank). */
GPtrArray *
nuvshCompleteLine(nuvshControl *ctl,
                  const char *line)
{
    g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GPtrArray) words = NULL;
    g_autoptr(GHashTable) given = g_hash_table_new(g_str_hash, g_str_equal);
    const nuvshCmdDef *def;
    const nuvshCmdOptDef *odef;
    const nuvshCmdOptDef *valueof = NULL;
    const char *domname = NULL;
    const char *prefix = "";
    guint start = 0;
    guint nwords;
    guint npos = 0;
    guint i;
    size_t len = strlen(line);

    if (!(words = nuvshStringSplit(ctl, line, false)))
        return g_steal_pointer(&out);

    /* only the last command of a ';'-separated line matters */
    for (i = 0; i < words->len; i++) {
        if (!g_ptr_array_index(words, i))
            start = i + 1;
    }
    nwords = words->len - start;
    if (len == 0 || g_ascii_isspace(line[len - 1]) || line[len - 1] == ';') {
        prefix = "";
    } else if (nwords > 0) {
        prefix = g_ptr_array_index(words, words->len - 1);
        nwords--;
    }

    if (nwords == 0) {
        nuvshCompleteCommands(out, prefix);
        return g_steal_pointer(&out);
    }

    if (!(def = nuvshCommandLookup(g_ptr_array_index(words, start))))
        return g_steal_pointer(&out);

    /* replay the finished words to know what is given and what comes next */
    for (i = start + 1; i < start + nwords; i++) {
        const char *word = g_ptr_array_index(words, i);

        if (valueof) {
            if (g_str_equal(valueof->name, "domain"))
                domname = word;
            valueof = NULL;
            continue;
        }
        if (g_str_has_prefix(word, "--") && word[2]) {
            g_autofree char *name = g_strndup(word + 2, strcspn(word + 2, "="));

            if ((odef = nuvshCommandOptDefLookup(def, name))) {
                g_hash_table_add(given, (gpointer) odef->name);
                if (odef->type != NUVSH_OT_BOOL && !strchr(word, '='))
                    valueof = odef;
            }
            continue;
        }
        /* a bare word: the next positional option */
        for (odef = def->opts; odef && odef->name; odef++) {
            if (odef->type == NUVSH_OT_BOOL || odef->type == NUVSH_OT_ALIAS ||
                (odef->flags & NUVSH_OFLAG_REQ_OPT))
                continue;
            if (odef->type == NUVSH_OT_ARGV || !g_hash_table_contains(given, odef->name))
                break;
        }
        if (odef && odef->name) {
            g_hash_table_add(given, (gpointer) odef->name);
            if (g_str_equal(odef->name, "domain"))
                domname = word;
        }
        npos++;
    }

    if (valueof) {
        nuvshCompleteValues(ctl, out, valueof->name, domname, prefix);
        return g_steal_pointer(&out);
    }

    if (!g_str_has_prefix(prefix, "-")) {
        for (odef = def->opts; odef && odef->name; odef++) {
            if (odef->type == NUVSH_OT_BOOL || odef->type == NUVSH_OT_ALIAS ||
                (odef->flags & NUVSH_OFLAG_REQ_OPT))
                continue;
            if (odef->type == NUVSH_OT_ARGV || !g_hash_table_contains(given, odef->name))
                break;
        }
        if (odef && odef->name)
            nuvshCompleteValues(ctl, out, odef->name, domname, prefix);
    }

    for (odef = def->opts; odef && odef->name; odef++) {
        g_autofree char *opt = NULL;

        if (odef->type == NUVSH_OT_ALIAS ||
            (odef->type != NUVSH_OT_ARGV && g_hash_table_contains(given, odef->name)))
            continue;
        opt = g_strdup_printf("--%s", odef->name);
        nuvshAddMatch(out, opt, prefix);
    }

    return g_steal_pointer(&out);
}
