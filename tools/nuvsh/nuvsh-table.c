/*
 * nuvsh-table.c: column-aligned tables in the layout of virsh's 'list'
 *
 * Every column is as wide as its widest cell, columns are three spaces
 * apart, each line starts with one space, and under the header runs a line
 * of dashes two characters longer than the widest possible line.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "nuvsh.h"

struct _nuvshTable {
    GPtrArray *rows;        /* of GStrv; row 0 is the header */
    guint ncols;
    GStrv keys;             /* JSON key of each column, NULL: none set */
};


static GStrv
nuvshTableRowFromArgs(const char *first,
                      va_list ap)
{
    g_autoptr(GStrvBuilder) builder = g_strv_builder_new();
    const char *cell;

    for (cell = first; cell; cell = va_arg(ap, const char *))
        g_strv_builder_add(builder, cell);
    return g_strv_builder_end(builder);
}


nuvshTable *
nuvshTableNew(const char *first, ...)
{
    nuvshTable *table = g_new0(nuvshTable, 1);
    va_list ap;
    GStrv header;

    va_start(ap, first);
    header = nuvshTableRowFromArgs(first, ap);
    va_end(ap);

    table->ncols = g_strv_length(header);
    table->rows = g_ptr_array_new_with_free_func((GDestroyNotify) g_strfreev);
    g_ptr_array_add(table->rows, header);
    return table;
}


void
nuvshTableAddRow(nuvshTable *table,
                 const char *first, ...)
{
    va_list ap;
    GStrv row;

    va_start(ap, first);
    row = nuvshTableRowFromArgs(first, ap);
    va_end(ap);

    g_assert(g_strv_length(row) == table->ncols);
    g_ptr_array_add(table->rows, row);
}


void
nuvshTableAddRowv(nuvshTable *table,
                  const char *const *cells)
{
    GStrv row = g_strdupv((char **) cells);

    g_assert(g_strv_length(row) == table->ncols);
    g_ptr_array_add(table->rows, row);
}


void
nuvshTableFree(nuvshTable *table)
{
    if (!table)
        return;
    g_ptr_array_unref(table->rows);
    g_strfreev(table->keys);
    g_free(table);
}


/* Terminal columns taken by @str; good enough for the text we print. */
static gsize
nuvshTableCellWidth(const char *str)
{
    if (g_utf8_validate(str, -1, NULL))
        return g_utf8_strlen(str, -1);
    return strlen(str);
}


static void
nuvshTablePrintRow(GString *out,
                   GStrv row,
                   const gsize *widths,
                   guint ncols)
{
    guint c;

    g_string_append_c(out, ' ');
    for (c = 0; c < ncols; c++) {
        g_string_append(out, row[c]);
        if (c + 1 == ncols)
            break;
        g_string_append_printf(out, "%*s", (int) (widths[c] - nuvshTableCellWidth(row[c]) + 3),
                               "");
    }
    g_string_append_c(out, '\n');
}


/* Without @header (quiet mode) the header neither prints nor counts
 * towards the column widths. */
void
nuvshTablePrint(nuvshControl *ctl,
                nuvshTable *table,
                bool header)
{
    g_autofree gsize *widths = g_new0(gsize, table->ncols);
    g_autoptr(GString) out = g_string_new(NULL);
    gsize total = 0;
    guint first = header ? 0 : 1;
    guint r;
    guint c;

    for (r = first; r < table->rows->len; r++) {
        GStrv row = g_ptr_array_index(table->rows, r);

        for (c = 0; c < table->ncols; c++)
            widths[c] = MAX(widths[c], nuvshTableCellWidth(row[c]));
    }

    for (c = 0; c < table->ncols; c++)
        total += widths[c] + 3;

    for (r = first; r < table->rows->len; r++) {
        nuvshTablePrintRow(out, g_ptr_array_index(table->rows, r), widths, table->ncols);
        if (r == 0) {
            for (c = 0; c < total; c++)
                g_string_append_c(out, '-');
            g_string_append_c(out, '\n');
        }
    }

    nuvshPrint(ctl, "%s", out->str);
}


/* Names the columns for --json, in lower snake case, one per column. */
void
nuvshTableSetKeys(nuvshTable *table,
                  const char *first, ...)
{
    va_list ap;

    va_start(ap, first);
    g_strfreev(table->keys);
    table->keys = nuvshTableRowFromArgs(first, ap);
    va_end(ap);
    g_assert(g_strv_length(table->keys) == table->ncols);
}


/* One cell as JSON.  A key may end in ":bool" (a yes/no column becomes
 * true/false) or ":num" (a column of plain integers becomes numbers); any
 * other cell of such a column, and a "-" cell (virsh's mark for "none") in
 * any column, is null. */
static void
nuvshTableCellJSON(json_object *obj,
                   const char *key,
                   const char *cell)
{
    const char *colon = strchr(key, ':');
    g_autofree char *name = colon ? g_strndup(key, colon - key) : g_strdup(key);
    guint64 num;

    if (g_str_equal(cell, "-")) {
        nuvshJSONNull(obj, name);
    } else if (!colon) {
        nuvshJSONStr(obj, name, cell);
    } else if (g_str_equal(colon, ":bool") && (g_str_equal(cell, "yes") ||
                                                g_str_equal(cell, "no"))) {
        nuvshJSONBool(obj, name, g_str_equal(cell, "yes"));
    } else if (g_str_equal(colon, ":num") &&
               g_ascii_string_to_unsigned(cell, 10, 0, G_MAXUINT64, &num, NULL)) {
        nuvshJSONUInt(obj, name, num);
    } else {
        nuvshJSONNull(obj, name);
    }
}


/* With --json, an array of one object per row (see nuvshTableCellJSON);
 * otherwise the text table. */
bool
nuvshTableOutput(nuvshControl *ctl,
                 const nuvshCmd *cmd,
                 nuvshTable *table,
                 bool header)
{
    json_object *arr;
    guint r;
    guint c;

    if (!nuvshJSONWanted(cmd)) {
        nuvshTablePrint(ctl, table, header);
        return true;
    }

    g_assert(table->keys);
    arr = json_object_new_array();
    for (r = 1; r < table->rows->len; r++) {
        GStrv row = g_ptr_array_index(table->rows, r);
        json_object *obj = nuvshJSONRow(arr);

        for (c = 0; c < table->ncols; c++)
            nuvshTableCellJSON(obj, table->keys[c], row[c]);
    }
    return nuvshJSONPrint(ctl, arr);
}
