/*
 * nuvsh-parse.c: from a command string to commands run
 *
 * A command line is cut into words (quotes and backslashes as in a POSIX
 * shell, ';' and newlines end a command, '#' starts a comment), each command
 * is matched against the group tables, its words are bound to the command's
 * option definitions, and only when a whole script parsed cleanly are its
 * commands run, one after the other.
 *
 * Binding follows virsh 9.0: a bare word fills the first option, in table
 * order, that takes a value, is not REQ_OPT and was not named yet; an ARGV
 * option takes every bare word left.  Scripts written for virsh depend on
 * exactly which words land where, so the order of each table is virsh's.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <string.h>

#include "nuvsh.h"


/* ---- lookup ---------------------------------------------------------- */

const nuvshCmdDef *
nuvshCommandLookup(const char *name)
{
    const nuvshCmdGroup *grp;

    for (grp = nuvshGroups; grp->title; grp++) {
        const nuvshCmdDef *const *table;

        for (table = grp->tables; *table; table++) {
            const nuvshCmdDef *def;

            for (def = *table; def->name; def++) {
                if (!g_str_equal(def->name, name))
                    continue;
                if (def->flags & NUVSH_CMD_FLAG_ALIAS)
                    return nuvshCommandLookup(def->alias);
                return def;
            }
        }
    }
    return NULL;
}


const nuvshCmdOptDef *
nuvshCommandOptDefLookup(const nuvshCmdDef *def,
                         const char *name)
{
    const nuvshCmdOptDef *odef;

    for (odef = def->opts; odef && odef->name; odef++) {
        if (g_str_equal(odef->name, name))
            return odef;
    }
    return NULL;
}


/* ---- commands -------------------------------------------------------- */

static void
nuvshCmdOptFree(nuvshCmdOpt *opt)
{
    g_free(opt->value);
    g_free(opt);
}


static nuvshCmd *
nuvshCmdNew(const nuvshCmdDef *def)
{
    nuvshCmd *cmd = g_new0(nuvshCmd, 1);

    cmd->def = def;
    cmd->opts = g_ptr_array_new_with_free_func((GDestroyNotify) nuvshCmdOptFree);
    return cmd;
}


static void
nuvshCmdFree(nuvshCmd *cmd)
{
    if (!cmd)
        return;
    g_ptr_array_unref(cmd->opts);
    g_free(cmd);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(nuvshCmd, nuvshCmdFree);


static void
nuvshCmdAddOpt(nuvshCmd *cmd,
               const nuvshCmdOptDef *def,
               const char *value)
{
    nuvshCmdOpt *opt = g_new0(nuvshCmdOpt, 1);

    opt->def = def;
    opt->value = g_strdup(value);
    g_ptr_array_add(cmd->opts, opt);
}


static bool
nuvshCmdHasOpt(const nuvshCmd *cmd,
               const nuvshCmdOptDef *def)
{
    guint i;

    for (i = 0; i < cmd->opts->len; i++) {
        const nuvshCmdOpt *opt = g_ptr_array_index(cmd->opts, i);

        if (opt->def == def)
            return true;
    }
    return false;
}


/* Takes values positionally: every non-boolean option not marked REQ_OPT. */
static bool
nuvshOptTakesBareWords(const nuvshCmdOptDef *def)
{
    return def->type != NUVSH_OT_BOOL && def->type != NUVSH_OT_ALIAS &&
           !(def->flags & NUVSH_OFLAG_REQ_OPT);
}


static const char *
nuvshOptTypeWord(const nuvshCmdOptDef *def)
{
    return def->type == NUVSH_OT_INT ? "number" : "string";
}


/* Bind @words (command name first) to a command of the tables. */
static nuvshCmd *
nuvshCommandParseWords(nuvshControl *ctl,
                       char **words,
                       guint nwords)
{
    g_autoptr(nuvshCmd) cmd = NULL;
    g_autoptr(GHashTable) named = g_hash_table_new(NULL, NULL);
    const nuvshCmdDef *def;
    const nuvshCmdOptDef *odef;
    bool endopts = false;
    guint i;

    if (!(def = nuvshCommandLookup(words[0]))) {
        nuvshError(ctl, "unknown command: '%s'", words[0]);
        return NULL;
    }
    cmd = nuvshCmdNew(def);

    for (i = 1; i < nwords; i++) {
        const char *word = words[i];

        if (!endopts && g_str_has_prefix(word, "--")) {
            g_autofree char *name = NULL;
            g_autofree char *aliasval = NULL;
            const char *eq;

            if (word[2] == '\0') {
                endopts = true;
                continue;
            }

            if ((eq = strchr(word, '=')))
                name = g_strndup(word + 2, eq - word - 2);
            else
                name = g_strdup(word + 2);

            odef = nuvshCommandOptDefLookup(def, name);
            if (odef && odef->type == NUVSH_OT_ALIAS) {
                /* "target=value" aliases stand for a named value */
                const char *aeq = strchr(odef->help, '=');
                g_autofree char *target = aeq ? g_strndup(odef->help, aeq - odef->help)
                                              : g_strdup(odef->help);

                if (aeq) {
                    if (eq) {
                        nuvshError(ctl, "invalid '=' after option --%s", name);
                        return NULL;
                    }
                    aliasval = g_strdup(aeq + 1);
                }
                g_free(name);
                name = g_steal_pointer(&target);
                odef = nuvshCommandOptDefLookup(def, name);
            }
            if (!odef) {
                nuvshError(ctl, "command '%s' doesn't support option --%s",
                           def->name, name);
                return NULL;
            }
            if (odef->type != NUVSH_OT_ARGV && nuvshCmdHasOpt(cmd, odef)) {
                nuvshError(ctl, "option --%s already seen", name);
                return NULL;
            }
            g_hash_table_add(named, (gpointer) odef);

            if (aliasval) {
                nuvshCmdAddOpt(cmd, odef, aliasval);
            } else if (odef->type == NUVSH_OT_BOOL) {
                if (eq) {
                    nuvshError(ctl, "invalid '=' after option --%s", name);
                    return NULL;
                }
                nuvshCmdAddOpt(cmd, odef, NULL);
            } else if (eq) {
                nuvshCmdAddOpt(cmd, odef, eq + 1);
            } else if (i + 1 < nwords) {
                nuvshCmdAddOpt(cmd, odef, words[++i]);
            } else {
                nuvshError(ctl, "expected syntax: --%s <%s>",
                           name, nuvshOptTypeWord(odef));
                return NULL;
            }
            continue;
        }

        /* A bare word fills the first positional option still empty. */
        for (odef = def->opts; odef && odef->name; odef++) {
            if (!nuvshOptTakesBareWords(odef))
                continue;
            if (odef->type == NUVSH_OT_ARGV)
                break;
            if (!g_hash_table_contains(named, odef))
                break;
        }
        if (!odef || !odef->name) {
            nuvshError(ctl, "unexpected data '%s'", word);
            return NULL;
        }
        g_hash_table_add(named, (gpointer) odef);
        nuvshCmdAddOpt(cmd, odef, word);
    }

    for (odef = def->opts; odef && odef->name; odef++) {
        if (!(odef->flags & NUVSH_OFLAG_REQUIRED) || nuvshCmdHasOpt(cmd, odef))
            continue;
        if (odef->type == NUVSH_OT_DATA || odef->type == NUVSH_OT_ARGV)
            nuvshError(ctl, "command '%s' requires <%s> option",
                       def->name, odef->name);
        else
            nuvshError(ctl, "command '%s' requires --%s option",
                       def->name, odef->name);
        return NULL;
    }

    return g_steal_pointer(&cmd);
}


/* @words holds the words of a script; a NULL entry separates commands.
 * On success returns the parsed commands in order; on the first error
 * prints it and returns NULL, so nothing of a bad script runs. */
static GPtrArray *
nuvshCommandParse(nuvshControl *ctl,
                  GPtrArray *words)
{
    g_autoptr(GPtrArray) cmds = g_ptr_array_new_with_free_func((GDestroyNotify) nuvshCmdFree);
    guint start = 0;
    guint i;

    for (i = 0; i <= words->len; i++) {
        nuvshCmd *cmd;

        if (i < words->len && g_ptr_array_index(words, i))
            continue;

        if (i > start) {
            if (!(cmd = nuvshCommandParseWords(ctl, (char **) words->pdata + start,
                                               i - start)))
                return NULL;
            g_ptr_array_add(cmds, cmd);
        }
        start = i + 1;
    }

    return g_steal_pointer(&cmds);
}


/* Cut @str into words; NULL entries in the result end commands.  With
 * @report false (completion of a half-typed line) a dangling backslash
 * or quote is forgiven silently. */
GPtrArray *
nuvshStringSplit(nuvshControl *ctl,
                 const char *str,
                 bool report)
{
    g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func(g_free);
    const char *p = str;

    while (true) {
        g_autoptr(GString) word = NULL;
        bool squote = false;
        bool dquote = false;

        while (*p == ' ' || *p == '\t' || *p == '\r')
            p++;

        if (*p == '\0')
            break;

        if (*p == ';' || *p == '\n') {
            g_ptr_array_add(words, NULL);
            p++;
            continue;
        }

        if (*p == '#') {
            while (*p && *p != '\n')
                p++;
            continue;
        }

        word = g_string_new(NULL);
        for (; *p; p++) {
            if (squote) {
                if (*p == '\'')
                    squote = false;
                else
                    g_string_append_c(word, *p);
                continue;
            }

            if (*p == '\\') {
                if (p[1] == '\0') {
                    if (!report)
                        break;
                    nuvshError(ctl, "%s", "dangling \\");
                    return NULL;
                }
                g_string_append_c(word, *++p);
                continue;
            }

            if (*p == '"') {
                dquote = !dquote;
                continue;
            }

            if (dquote) {
                g_string_append_c(word, *p);
                continue;
            }

            if (*p == '\'') {
                squote = true;
                continue;
            }

            if (*p == ' ' || *p == '\t' || *p == '\r' || *p == ';' || *p == '\n')
                break;

            g_string_append_c(word, *p);
        }

        /* virsh forgives a single quote left open at the end, not a double one */
        if (dquote && report) {
            nuvshError(ctl, "%s", "missing \"");
            return NULL;
        }

        g_ptr_array_add(words, g_string_free(g_steal_pointer(&word), FALSE));
    }

    return g_steal_pointer(&words);
}


/* ---- running --------------------------------------------------------- */

static bool
nuvshCommandRun(nuvshControl *ctl,
                GPtrArray *cmds)
{
    bool ret = true;
    guint i;

    for (i = 0; i < cmds->len; i++) {
        const nuvshCmd *cmd = g_ptr_array_index(cmds, i);
        gint64 before = g_get_monotonic_time();

        nuvshResetLibvirtError(ctl);

        if (!(cmd->def->flags & NUVSH_CMD_FLAG_NOCONNECT) && !ctl->conn &&
            !nuvshConnect(ctl, ctl->connname, ctl->readonly)) {
            nuvshError(ctl, "%s", "no valid connection");
            ret = false;
        } else {
            ret = cmd->def->handler(ctl, cmd);
        }

        if (!ret)
            nuvshReportError(ctl);

        if (ctl->quit)
            break;

        if (ctl->log)
            fprintf(ctl->log, "%s: %s\n", cmd->def->name, ret ? "ok" : "failed");

        if (ctl->timing)
            nuvshPrint(ctl, "\n(Time: %.3f ms)\n\n",
                       (g_get_monotonic_time() - before) / 1000.0);
        else
            nuvshPrintExtra(ctl, "\n");
        fflush(stdout);
    }

    return ret;
}


bool
nuvshRunString(nuvshControl *ctl,
               const char *str)
{
    g_autoptr(GPtrArray) words = NULL;
    g_autoptr(GPtrArray) cmds = NULL;

    if (!(words = nuvshStringSplit(ctl, str, true)))
        return false;
    if (!(cmds = nuvshCommandParse(ctl, words)))
        return false;
    return nuvshCommandRun(ctl, cmds);
}


/* Words given as separate program arguments are taken as they are:
 * no quoting and no ';', the caller's shell has done that already. */
bool
nuvshRunArgv(nuvshControl *ctl,
             int argc,
             char **argv)
{
    g_autoptr(GPtrArray) words = g_ptr_array_new();
    g_autoptr(GPtrArray) cmds = NULL;
    int i;

    for (i = 0; i < argc; i++)
        g_ptr_array_add(words, argv[i]);
    if (!(cmds = nuvshCommandParse(ctl, words)))
        return false;
    return nuvshCommandRun(ctl, cmds);
}
