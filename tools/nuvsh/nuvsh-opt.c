/*
 * nuvsh-opt.c: reading the options of a parsed command
 *
 * Values are checked when a handler asks for them, not at parse time, as
 * virsh does: a bad number is reported by the command that needed it, with
 * virsh's wording, so scripts that match on messages keep working.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "nuvsh.h"


static const nuvshCmdOpt *
nuvshCommandOptFind(const nuvshCmd *cmd,
                    const char *name)
{
    guint i;

    for (i = 0; i < cmd->opts->len; i++) {
        const nuvshCmdOpt *opt = g_ptr_array_index(cmd->opts, i);

        if (g_str_equal(opt->def->name, name))
            return opt;
    }
    return NULL;
}


bool
nuvshCommandOptBool(const nuvshCmd *cmd,
                    const char *name)
{
    return nuvshCommandOptFind(cmd, name) != NULL;
}


const char *
nuvshCommandOptString(const nuvshCmd *cmd,
                      const char *name)
{
    const nuvshCmdOpt *opt = nuvshCommandOptFind(cmd, name);

    return opt ? opt->value : NULL;
}


/* The value of a string option; an empty one is refused unless the
 * option's definition allows it. */
int
nuvshCommandOptStringReq(nuvshControl *ctl,
                         const nuvshCmd *cmd,
                         const char *name,
                         const char **value)
{
    const nuvshCmdOpt *opt = nuvshCommandOptFind(cmd, name);

    *value = NULL;
    if (!opt)
        return 0;
    if (!*opt->value && !(opt->def->flags & NUVSH_OFLAG_EMPTY_OK)) {
        nuvshError(ctl, "Failed to get option '%s': Option argument is empty", name);
        return -1;
    }
    *value = opt->value;
    return 1;
}


static void
nuvshNumericError(nuvshControl *ctl,
                  const char *value,
                  const char *name)
{
    nuvshError(ctl, "Numeric value '%s' for <%s> option is malformed or out of range",
               value, name);
}


/* Whole-string decimal parse; @allow_minus lets "-N" through (unsigned
 * getters of virsh refuse it). */
static bool
nuvshParseULL(const char *str,
              bool allow_minus,
              unsigned long long *out)
{
    char *end = NULL;

    if (!*str || (!allow_minus && strchr(str, '-')))
        return false;
    errno = 0;
    *out = strtoull(str, &end, 10);
    return errno == 0 && end != str && *end == '\0';
}


static bool
nuvshParseLL(const char *str,
             long long *out)
{
    char *end = NULL;

    if (!*str)
        return false;
    errno = 0;
    *out = strtoll(str, &end, 10);
    return errno == 0 && end != str && *end == '\0';
}


int
nuvshCommandOptLongLong(nuvshControl *ctl,
                        const nuvshCmd *cmd,
                        const char *name,
                        long long *value)
{
    const char *str = nuvshCommandOptString(cmd, name);

    if (!str)
        return 0;
    if (!nuvshParseLL(str, value)) {
        nuvshNumericError(ctl, str, name);
        return -1;
    }
    return 1;
}


int
nuvshCommandOptInt(nuvshControl *ctl,
                   const nuvshCmd *cmd,
                   const char *name,
                   int *value)
{
    const char *str = nuvshCommandOptString(cmd, name);
    long long num;

    if (!str)
        return 0;
    if (!nuvshParseLL(str, &num) || num < G_MININT || num > G_MAXINT) {
        nuvshNumericError(ctl, str, name);
        return -1;
    }
    *value = num;
    return 1;
}


int
nuvshCommandOptUInt(nuvshControl *ctl,
                    const nuvshCmd *cmd,
                    const char *name,
                    unsigned int *value)
{
    const char *str = nuvshCommandOptString(cmd, name);
    unsigned long long num;

    if (!str)
        return 0;
    if (!nuvshParseULL(str, false, &num) || num > G_MAXUINT) {
        nuvshNumericError(ctl, str, name);
        return -1;
    }
    *value = num;
    return 1;
}


int
nuvshCommandOptUL(nuvshControl *ctl,
                  const nuvshCmd *cmd,
                  const char *name,
                  unsigned long *value)
{
    const char *str = nuvshCommandOptString(cmd, name);
    unsigned long long num;

    if (!str)
        return 0;
    if (!nuvshParseULL(str, false, &num) || num > G_MAXULONG) {
        nuvshNumericError(ctl, str, name);
        return -1;
    }
    *value = num;
    return 1;
}


int
nuvshCommandOptULL(nuvshControl *ctl,
                   const nuvshCmd *cmd,
                   const char *name,
                   unsigned long long *value)
{
    const char *str = nuvshCommandOptString(cmd, name);

    if (!str)
        return 0;
    if (!nuvshParseULL(str, false, value)) {
        nuvshNumericError(ctl, str, name);
        return -1;
    }
    return 1;
}


/* Multiplies @value by the unit @suffix names ("", "b", "k", "KiB", "KB",
 * ... "E"), or by @scale when there is none.  Binary units by default,
 * decimal ones with a "B" after the letter. */
int
nuvshScaleInteger(nuvshControl *ctl,
                  unsigned long long *value,
                  const char *suffix,
                  unsigned long long scale,
                  unsigned long long limit)
{
    unsigned long long base = 1024;
    unsigned long long mult = 1;
    const char *units = "kmgtpe";
    const char *pos;

    if (!suffix || !*suffix) {
        mult = scale ? scale : 1;
    } else if (g_ascii_strcasecmp(suffix, "b") == 0 ||
               g_ascii_strcasecmp(suffix, "byte") == 0 ||
               g_ascii_strcasecmp(suffix, "bytes") == 0) {
        mult = 1;
    } else {
        int i;

        if (suffix[1] == '\0' || g_str_equal(suffix + 1, "iB"))
            base = 1024;
        else if (g_str_equal(suffix + 1, "B"))
            base = 1000;
        else
            pos = NULL, base = 0;

        if (!base || !(pos = strchr(units, g_ascii_tolower(suffix[0])))) {
            nuvshSetPendingError(ctl, "invalid argument: unknown suffix '%s'", suffix);
            return -1;
        }
        for (i = 0; i <= pos - units; i++)
            mult *= base;
    }

    if (*value && limit / *value < mult) {
        nuvshSetPendingError(ctl, "numerical overflow: value too large: %llu%s",
                             *value, suffix ? suffix : "");
        return -1;
    }
    *value *= mult;
    if (*value > limit) {
        nuvshSetPendingError(ctl, "numerical overflow: value too large: %llu%s",
                             *value / mult, suffix ? suffix : "");
        return -1;
    }
    return 0;
}


int
nuvshCommandOptScaledInt(nuvshControl *ctl,
                         const nuvshCmd *cmd,
                         const char *name,
                         unsigned long long *value,
                         int scale,
                         unsigned long long max)
{
    const char *str = nuvshCommandOptString(cmd, name);
    char *end = NULL;
    unsigned long long num;

    if (!str)
        return 0;

    errno = 0;
    num = strtoull(str, &end, 10);
    if (!*str || strchr(str, '-') || errno != 0 || end == str ||
        nuvshScaleInteger(ctl, &num, end, scale, max) < 0) {
        nuvshError(ctl, "Scaled numeric value '%s' for <%s> option is malformed or out of range",
                   str, name);
        return -1;
    }
    *value = num;
    return 1;
}


/* Every value given to an argv option, in order; free the array only. */
GPtrArray *
nuvshCommandOptArgv(const nuvshCmd *cmd,
                    const char *name)
{
    GPtrArray *values = g_ptr_array_new();
    guint i;

    for (i = 0; i < cmd->opts->len; i++) {
        const nuvshCmdOpt *opt = g_ptr_array_index(cmd->opts, i);

        if (g_str_equal(opt->def->name, name))
            g_ptr_array_add(values, opt->value);
    }
    return values;
}


bool
nuvshCommandOptExclusive(nuvshControl *ctl,
                         const nuvshCmd *cmd,
                         const char *a,
                         const char *b)
{
    if (nuvshCommandOptFind(cmd, a) && nuvshCommandOptFind(cmd, b)) {
        nuvshError(ctl, "Options --%s and --%s are mutually exclusive", a, b);
        return false;
    }
    return true;
}


bool
nuvshCommandOptRequires(nuvshControl *ctl,
                        const nuvshCmd *cmd,
                        const char *needs,
                        const char *needed)
{
    if (nuvshCommandOptFind(cmd, needs) && !nuvshCommandOptFind(cmd, needed)) {
        nuvshError(ctl, "Option --%s is required by option --%s", needed, needs);
        return false;
    }
    return true;
}


/* ORs together values[i] for every boolean names[i] given. */
unsigned int
nuvshCommandOptFlags(const nuvshCmd *cmd,
                     const char *const *names,
                     const unsigned int *values,
                     size_t n)
{
    unsigned int flags = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        if (nuvshCommandOptBool(cmd, names[i]))
            flags |= values[i];
    }
    return flags;
}


/* --current, --live, --config as the VIR_DOMAIN_AFFECT_* flags (the same
 * values as the MEM_/VCPU_/DEVICE_MODIFY ones); --current excludes both
 * others.  Sets @ok false after printing why on a bad combination. */
unsigned int
nuvshCommandOptModifyFlags(nuvshControl *ctl,
                           const nuvshCmd *cmd,
                           bool *ok)
{
    unsigned int flags = VIR_DOMAIN_AFFECT_CURRENT;

    *ok = nuvshCommandOptExclusive(ctl, cmd, "current", "live") &&
          nuvshCommandOptExclusive(ctl, cmd, "current", "config");
    if (nuvshCommandOptBool(cmd, "config") ||
        (nuvshCommandOptDefLookup(cmd->def, "persistent") &&
         nuvshCommandOptBool(cmd, "persistent")))
        flags |= VIR_DOMAIN_AFFECT_CONFIG;
    if (nuvshCommandOptBool(cmd, "live"))
        flags |= VIR_DOMAIN_AFFECT_LIVE;
    return flags;
}


/* The option list of commands that take none. */
const nuvshCmdOptDef nuvshOptsNone[] = {
    { NULL },
};
