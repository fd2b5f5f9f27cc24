/*
 * secretdrivertest.c: the host's secret driver through the public API on
 * qemu:///embed in a temporary root: persistent secrets and their values
 * on disk (0600, the value never in the XML), ephemeral ones never on
 * disk, private values never handed out, usage clashes refused, and a
 * second process on the same root finding the persistent ones again.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib.h>

#include "../api/testlib.h"

static char *root;
static char *uri;
static char *self;

#define PERSIST_UUID "11111111-2222-3333-4444-555555555555"
#define EPHEMERAL_UUID "aaaaaaaa-2222-3333-4444-555555555555"

static bool
mode0600(const char *name)
{
    g_autofree char *path = g_build_filename(root, "etc", "secrets", name, NULL);
    struct stat sb;
    return stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600;
}

static bool
exists(const char *name)
{
    g_autofree char *path = g_build_filename(root, "etc", "secrets", name, NULL);
    return access(path, F_OK) == 0;
}

static int
phaseDefine(void)
{
    virConnectPtr conn = virConnectOpen(uri);
    virSecretPtr p, e;
    unsigned char *val;
    size_t len = 0;
    char *xml;

    CHECK(conn);
    CHECK((p = virSecretDefineXML(conn,
        "<secret ephemeral='no' private='no'><uuid>" PERSIST_UUID "</uuid>"
        "<usage type='volume'><volume>/var/img/a.qcow2</volume></usage></secret>", 0)));
    CHECK(virSecretSetValue(p, (const unsigned char *) "s3cret", 6, 0) == 0);
    CHECK(mode0600(PERSIST_UUID ".xml") && mode0600(PERSIST_UUID ".base64"));
    CHECK((xml = virSecretGetXMLDesc(p, 0)) && !strstr(xml, "s3cret"));
    free(xml);
    CHECK((val = virSecretGetValue(p, &len, 0)) && len == 6 && memcmp(val, "s3cret", 6) == 0);
    free(val);

    /* the same usage twice */
    CHECK(!virSecretDefineXML(conn,
        "<secret><usage type='volume'><volume>/var/img/a.qcow2</volume></usage></secret>", 0));
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, PERSIST_UUID);

    /* ephemeral and private: in memory only, never read back */
    CHECK((e = virSecretDefineXML(conn,
        "<secret ephemeral='yes' private='yes'><uuid>" EPHEMERAL_UUID "</uuid>"
        "<usage type='ceph'><name>client.admin</name></usage></secret>", 0)));
    CHECK(virSecretSetValue(e, (const unsigned char *) "k", 1, 0) == 0);
    CHECK(!virSecretGetValue(e, &len, 0));
    CHECK_ERR(VIR_ERR_INVALID_SECRET, "private");
    CHECK(!exists(EPHEMERAL_UUID ".xml") && !exists(EPHEMERAL_UUID ".base64"));
    /* a private secret stays private */
    CHECK(!virSecretDefineXML(conn,
        "<secret ephemeral='yes' private='no'><uuid>" EPHEMERAL_UUID "</uuid>"
        "<usage type='ceph'><name>client.admin</name></usage></secret>", 0));
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "private");
    CHECK(virConnectNumOfSecrets(conn) == 2);
    virSecretFree(p);
    virSecretFree(e);
    virConnectClose(conn);
    return 0;
}

static int
phaseCheck(void)
{
    virConnectPtr conn = virConnectOpen(uri);
    virSecretPtr p;
    unsigned char *val;
    size_t len = 0;

    CHECK(conn);
    CHECK(virConnectNumOfSecrets(conn) == 1);
    CHECK((p = virSecretLookupByUsage(conn, VIR_SECRET_USAGE_TYPE_VOLUME, "/var/img/a.qcow2")));
    CHECK((val = virSecretGetValue(p, &len, 0)) && len == 6 && memcmp(val, "s3cret", 6) == 0);
    free(val);
    CHECK(virSecretUndefine(p) == 0);
    CHECK(!exists(PERSIST_UUID ".xml") && !exists(PERSIST_UUID ".base64"));
    virSecretFree(p);
    virConnectClose(conn);
    return 0;
}

static bool
runPhase(const char *phase)
{
    g_autofree char *cmd = g_strdup_printf("%s --phase %s %s", self, phase, root);
    int status = 0;
    return g_spawn_command_line_sync(cmd, NULL, NULL, &status, NULL) &&
           g_spawn_check_wait_status(status, NULL);
}

static int
testPersistence(void)
{
    CHECK(runPhase("define"));
    CHECK(runPhase("check"));
    return 0;
}

int
main(int argc, char **argv)
{
    static const testCase cases[] = {
        { "persistence", testPersistence },
    };
    g_autofree char *rmcmd = NULL;
    int ret;

    if (access("/usr/bin/qemu-system-x86_64", X_OK) != 0) {
        printf("SKIP: qemu-system-x86_64 missing (qemu:///embed needs it)\n");
        return 77;
    }
    self = g_canonicalize_filename(argv[0], NULL);
    if (argc == 4 && strcmp(argv[1], "--phase") == 0) {
        root = argv[3];
        uri = g_strdup_printf("qemu:///embed?root=%s", root);
        virSetErrorFunc(NULL, testQuietErrors);
        if (strcmp(argv[2], "define") == 0)
            return phaseDefine() == 0 ? 0 : 1;
        return phaseCheck() == 0 ? 0 : 1;
    }
    root = g_dir_make_tmp("secretdrv-XXXXXX", NULL);
    uri = g_strdup_printf("qemu:///embed?root=%s", root);
    ret = testRunAll(cases, G_N_ELEMENTS(cases));
    if (ret == 0) {
        rmcmd = g_strdup_printf("rm -rf %s", root);
        (void) !system(rmcmd);
    }
    return ret;
}
