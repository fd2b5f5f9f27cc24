/*
 * domainobjtest.c: the domain object list: indexes, conflicts, removal.
 */
#include <stdio.h>
#include <string.h>

#include "conf/domain_obj.h"
#include "util/error.h"

#define CHECK(cond) \
    do { \
        if (!(cond)) { \
            fprintf(stderr, "  line %d: %s\n", __LINE__, #cond); \
            return -1; \
        } \
    } while (0)

static nuvDomainDef *
mkdef(const char *name, const char *uuid)
{
    g_autofree char *xml = g_strdup_printf("<domain type='test'><name>%s</name>"
                                           "<uuid>%s</uuid><memory>1024</memory>"
                                           "<os><type>hvm</type></os></domain>", name, uuid);
    return nuvDomainDefParseString(xml, 0);
}

#define U1 "00000000-0000-0000-0000-000000000001"
#define U2 "00000000-0000-0000-0000-000000000002"

static int
testAddFind(void)
{
    nuvDomainObjList *list = nuvDomainObjListNew();
    nuvDomainDef *def = mkdef("a", U1);
    nuvDomainObj *obj;
    unsigned char uuid[VIR_UUID_BUFLEN];

    CHECK(def);
    memcpy(uuid, def->uuid, sizeof(uuid));
    CHECK((obj = nuvDomainObjListAdd(list, &def, 0, NULL)) && def == NULL);
    CHECK(obj->id == -1 && obj->state == VIR_DOMAIN_SHUTOFF);
    nuvDomainObjListSetID(list, obj, 7);
    nuvDomainObjEndAPI(&obj);
    CHECK(obj == NULL);

    CHECK((obj = nuvDomainObjListFindByName(list, "a")));
    nuvDomainObjEndAPI(&obj);
    CHECK((obj = nuvDomainObjListFindByUUID(list, uuid)));
    nuvDomainObjEndAPI(&obj);
    CHECK((obj = nuvDomainObjListFindByID(list, 7)));
    nuvDomainObjEndAPI(&obj);
    CHECK(!nuvDomainObjListFindByName(list, "b"));
    CHECK(!nuvDomainObjListFindByID(list, 8));
    CHECK(nuvDomainObjListCount(list) == 1);
    nuvDomainObjListFree(list);
    return 0;
}

static int
testConflicts(void)
{
    nuvDomainObjList *list = nuvDomainObjListNew();
    nuvDomainDef *def = mkdef("a", U1);
    nuvDomainDef *old = NULL;
    nuvDomainObj *obj;

    obj = nuvDomainObjListAdd(list, &def, 0, NULL);
    nuvDomainObjEndAPI(&obj);

    /* Same name, other UUID. */
    def = mkdef("a", U2);
    CHECK(!nuvDomainObjListAdd(list, &def, 0, NULL) && def);
    CHECK(nuvErrorCurrentCode() == VIR_ERR_OPERATION_FAILED);
    nuvDomainDefFree(def);
    /* Same UUID, other name. */
    def = mkdef("b", U1);
    CHECK(!nuvDomainObjListAdd(list, &def, 0, NULL) && def);
    CHECK(strstr(nuvErrorCurrent()->message, "is already defined with uuid"));
    nuvDomainDefFree(def);
    /* Same both: an update, the old definition handed back. */
    def = mkdef("a", U1);
    CHECK((obj = nuvDomainObjListAdd(list, &def, 0, &old)) && old);
    nuvDomainDefFree(old);
    nuvDomainObjEndAPI(&obj);
    CHECK(nuvDomainObjListCount(list) == 1);
    nuvDomainObjListFree(list);
    return 0;
}

static int
testRemove(void)
{
    nuvDomainObjList *list = nuvDomainObjListNew();
    nuvDomainDef *def = mkdef("a", U1);
    nuvDomainObj *obj = nuvDomainObjListAdd(list, &def, 0, NULL);
    nuvDomainObj *held;
    size_t n;
    nuvDomainObj **all;

    nuvDomainObjListSetID(list, obj, 3);
    /* A second holder keeps the object alive after removal. */
    held = obj;
    nuvDomainObjRef(held);
    nuvDomainObjListRemove(list, obj);
    nuvDomainObjEndAPI(&obj);
    CHECK(!nuvDomainObjListFindByName(list, "a"));
    CHECK(!nuvDomainObjListFindByID(list, 3));
    CHECK(strcmp(held->def->name, "a") == 0);
    nuvDomainObjUnref(held);
    all = nuvDomainObjListCollect(list, &n);
    CHECK(n == 0 && all[0] == NULL);
    nuvDomainObjListFreeArray(all, n);
    nuvDomainObjListFree(list);
    return 0;
}

int
main(void)
{
    struct { const char *name; int (*fn)(void); } cases[] = {
        { "add and find by name, UUID, id", testAddFind },
        { "name and UUID conflicts", testConflicts },
        { "removal while held", testRemove },
    };
    int failed = 0;

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        int r = cases[i].fn();
        printf("%s %s\n", r == 0 ? "PASS" : "FAIL", cases[i].name);
        failed += r != 0;
    }
    printf("%zu passed, %d failed\n", G_N_ELEMENTS(cases) - failed, failed);
    return failed ? 1 : 0;
}
