/*
 * nuvsh-json.c: the --json form of listing and info commands
 *
 * A command given --json builds one json-c document with these helpers and
 * prints it with nuvshJSONPrint instead of its text.  The helpers exist so
 * that every command spells keys, missing values and numbers the same way:
 * a value the API did not give is JSON null (never an empty string or a
 * made-up zero), unsigned 64-bit counters stay exact.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "nuvsh.h"


bool
nuvshJSONWanted(const nuvshCmd *cmd)
{
    return nuvshCommandOptBool(cmd, "json");
}


void
nuvshJSONStr(json_object *obj,
             const char *key,
             const char *value)
{
    json_object_object_add(obj, key, value ? json_object_new_string(value) : NULL);
}


void
nuvshJSONInt(json_object *obj,
             const char *key,
             long long value)
{
    json_object_object_add(obj, key, json_object_new_int64(value));
}


void
nuvshJSONUInt(json_object *obj,
              const char *key,
              unsigned long long value)
{
    json_object_object_add(obj, key, json_object_new_uint64(value));
}


void
nuvshJSONDouble(json_object *obj,
                const char *key,
                double value)
{
    json_object_object_add(obj, key, json_object_new_double(value));
}


void
nuvshJSONBool(json_object *obj,
              const char *key,
              bool value)
{
    json_object_object_add(obj, key, json_object_new_boolean(value));
}


void
nuvshJSONNull(json_object *obj,
              const char *key)
{
    json_object_object_add(obj, key, NULL);
}


/* A yes/no answer of the API (1, 0, or -1: could not tell) as true, false
 * or null. */
void
nuvshJSONTristate(json_object *obj,
                  const char *key,
                  int answer)
{
    if (answer < 0)
        nuvshJSONNull(obj, key);
    else
        nuvshJSONBool(obj, key, answer > 0);
}


/* A decimal count of seconds from an XML element (a creationTime) as a
 * number; null when absent or not a number. */
void
nuvshJSONEpoch(json_object *obj,
               const char *key,
               const char *secs)
{
    gint64 t;

    if (secs && g_ascii_string_to_signed(secs, 10, 0, G_MAXINT64, &t, NULL))
        nuvshJSONInt(obj, key, t);
    else
        nuvshJSONNull(obj, key);
}


/* A new object appended to the array @arr, for one row of a listing. */
json_object *
nuvshJSONRow(json_object *arr)
{
    json_object *row = json_object_new_object();

    json_object_array_add(arr, row);
    return row;
}


/* A typed parameter as a JSON value of its own type. */
void
nuvshJSONTypedParam(json_object *obj,
                    const virTypedParameter *param)
{
    switch ((virTypedParameterType) param->type) {
    case VIR_TYPED_PARAM_INT:
        nuvshJSONInt(obj, param->field, param->value.i);
        break;
    case VIR_TYPED_PARAM_UINT:
        nuvshJSONUInt(obj, param->field, param->value.ui);
        break;
    case VIR_TYPED_PARAM_LLONG:
        nuvshJSONInt(obj, param->field, param->value.l);
        break;
    case VIR_TYPED_PARAM_ULLONG:
        nuvshJSONUInt(obj, param->field, param->value.ul);
        break;
    case VIR_TYPED_PARAM_DOUBLE:
        nuvshJSONDouble(obj, param->field, param->value.d);
        break;
    case VIR_TYPED_PARAM_BOOLEAN:
        nuvshJSONBool(obj, param->field, param->value.b);
        break;
    case VIR_TYPED_PARAM_STRING:
        nuvshJSONStr(obj, param->field, param->value.s);
        break;
    default:
        nuvshJSONNull(obj, param->field);
        break;
    }
}


/* Typed parameters added to @obj (a new object when NULL), each under its
 * API name; @params is freed.  Returns @obj. */
json_object *
nuvshJSONTypedParams(json_object *obj,
                     virTypedParameterPtr params,
                     int nparams)
{
    int i;

    if (!obj)
        obj = json_object_new_object();
    for (i = 0; i < nparams; i++)
        nuvshJSONTypedParam(obj, &params[i]);
    virTypedParamsFree(params, nparams);
    return obj;
}


/* The host CPUs set in a CPU bitmap (@map, @maplen bytes, the first
 * @maxcpu bits read) under @key, as a list of CPU numbers. */
void
nuvshJSONCPUMap(json_object *obj,
                const char *key,
                const unsigned char *map,
                int maplen,
                int maxcpu)
{
    json_object *cpus = json_object_new_array();
    int cpu;

    for (cpu = 0; cpu < MIN(maxcpu, maplen * 8); cpu++) {
        if (VIR_CPU_USED(map, cpu))
            json_object_array_add(cpus, json_object_new_int(cpu));
    }
    json_object_object_add(obj, key, cpus);
}


/* Prints @doc indented, one document per command, and releases it.
 * Returns true so that a handler can end with 'return nuvshJSONPrint(...)'. */
bool
nuvshJSONPrint(nuvshControl *ctl,
               json_object *doc)
{
    /* json-c spreads an empty container over two lines; keep it on one */
    if (json_object_is_type(doc, json_type_array) && json_object_array_length(doc) == 0)
        nuvshPrint(ctl, "[]\n");
    else if (json_object_is_type(doc, json_type_object) && json_object_object_length(doc) == 0)
        nuvshPrint(ctl, "{}\n");
    else
        nuvshPrint(ctl, "%s\n",
                   json_object_to_json_string_ext(doc, JSON_C_TO_STRING_PRETTY |
                                                       JSON_C_TO_STRING_SPACED |
                                                       JSON_C_TO_STRING_NOSLASHESCAPE));
    json_object_put(doc);
    return true;
}
