/*
 * domain_files.c: loading a driver's persistent domain definitions.
 */
#include "conf/domain_files.h"
#include "util/error.h"
#include "util/log.h"

GPtrArray *
nuvDomainFilesListXML(const char *dir)
{
    GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *name;

    while (d && (name = g_dir_read_name(d))) {
        if (g_str_has_suffix(name, ".xml"))
            g_ptr_array_add(files, g_build_filename(dir, name, NULL));
    }
    return files;
}

void
nuvDomainFilesLoadConfigs(nuvDomainObjList *list, const char *configDir,
                          const char *autostartDir,
                          nuvDomainDef *(*parse)(const char *xml, unsigned int flags),
                          void (*added)(nuvDomainObj *obj, void *opaque), void *opaque)
{
    g_autoptr(GPtrArray) files = nuvDomainFilesListXML(configDir);

    for (guint i = 0; i < files->len; i++) {
        const char *path = g_ptr_array_index(files, i);
        g_autofree char *xml = NULL;
        g_autofree char *base = g_path_get_basename(path);
        g_autofree char *link = g_build_filename(autostartDir, base, NULL);
        g_autoptr(nuvDomainDef) def = NULL;
        nuvDomainObj *obj;

        if (!g_file_get_contents(path, &xml, NULL, NULL) ||
            !(def = parse(xml, NUV_DOMAIN_DEF_PARSE_INACTIVE)) ||
            !(obj = nuvDomainObjListAdd(list, &def, 0, NULL))) {
            NUV_DEBUG("skipping unusable definition %s", path);
            nuvErrorReset();
            continue;
        }
        obj->persistent = true;
        obj->autostart = g_file_test(link, G_FILE_TEST_EXISTS);
        if (added)
            added(obj, opaque);
        nuvDomainObjEndAPI(&obj);
    }
}
