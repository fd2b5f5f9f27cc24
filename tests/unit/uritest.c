/*
 * uritest.c: URI parsing and formatting.
 *
 * The table's expectations were produced by stock libvirt 9.0's own URI
 * parser (virURIParse/virURIFormat on Debian 12, libxml2 2.9.14) for each
 * input, quirks included, so a difference here is a difference from
 * libvirt.
 */
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "libvirt/libvirt.h"
#include "libvirt/virterror.h"
#include "util/error.h"
#include "util/uri.h"

#define CHECK(cond) \
    do { \
        if (!(cond)) { \
            fprintf(stderr, "  %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            return -1; \
        } \
    } while (0)

#define CHECK_STR(actual, expected) \
    do { \
        const char *a_ = (actual); \
        const char *e_ = (expected); \
        if (g_strcmp0(a_, e_) != 0) { \
            fprintf(stderr, "  %s:%d: %s is '%s', expected '%s'\n", __FILE__, \
                    __LINE__, #actual, a_ ? a_ : "(NULL)", e_ ? e_ : "(NULL)"); \
            return -1; \
        } \
    } while (0)

typedef struct {
    const char *input;
    bool ok;            /* false: parsing must fail */
    const char *scheme;
    const char *server;
    const char *user;
    int port;
    const char *path;
    const char *query;
    const char *fragment;
    const char *formatted;
    const char *params[16];     /* name, value, name, value, ..., NULL */
} uriCase;

static const uriCase cases[] = {
    { "test:///default", true, "test", NULL, NULL, 0, "/default", NULL, NULL,
      "test:///default", { NULL } },
    { "qemu:///system", true, "qemu", NULL, NULL, 0, "/system", NULL, NULL,
      "qemu:///system", { NULL } },
    { "qemu:///session", true, "qemu", NULL, NULL, 0, "/session", NULL, NULL,
      "qemu:///session", { NULL } },
    { "qemu+ssh://user@host:2222/system?keyfile=x&no_verify=1", true, "qemu+ssh", "host", "user", 2222, "/system", "keyfile=x&no_verify=1", NULL,
      "qemu+ssh://user@host:2222/system?keyfile=x&no_verify=1", { "keyfile", "x", "no_verify", "1", NULL } },
    { "qemu+tcp://host/system", true, "qemu+tcp", "host", NULL, 0, "/system", NULL, NULL,
      "qemu+tcp://host/system", { NULL } },
    { "qemu+unix:///system?socket=/tmp/sock", true, "qemu+unix", NULL, NULL, 0, "/system", "socket=/tmp/sock", NULL,
      "qemu+unix:///system?socket=/tmp/sock", { "socket", "/tmp/sock", NULL } },
    { "qemu+ssh://[::1]/system", true, "qemu+ssh", "::1", NULL, 0, "/system", NULL, NULL,
      "qemu+ssh://[::1]/system", { NULL } },
    { "qemu+ssh://[fe80::1%25eth0]:22/system", true, "qemu+ssh", "fe80::1%eth0", NULL, 22, "/system", NULL, NULL,
      "qemu+ssh://[fe80::1%eth0]:22/system", { NULL } },
    { "qemu+ssh://user@[2001:db8::1]:2222/system", true, "qemu+ssh", "2001:db8::1", "user", 2222, "/system", NULL, NULL,
      "qemu+ssh://user@[2001:db8::1]:2222/system", { NULL } },
    { "test:///home/u/my%20file.xml", true, "test", NULL, NULL, 0, "/home/u/my file.xml", NULL, NULL,
      "test:///home/u/my%20file.xml", { NULL } },
    { "test:///path#frag", true, "test", NULL, NULL, 0, "/path", NULL, "frag",
      "test:///path#frag", { NULL } },
    { "test:///path?a=1;b=2", true, "test", NULL, NULL, 0, "/path", "a=1;b=2", NULL,
      "test:///path?a=1;b=2", { "a", "1", "b", "2", NULL } },
    { "test:///path?a=1&b=2;c=3", true, "test", NULL, NULL, 0, "/path", "a=1&b=2;c=3", NULL,
      "test:///path?a=1&b=2;c=3", { "a", "1", "b", "2", "c", "3", NULL } },
    { "test:///path?a&b=&=c&&d=%20x+y", true, "test", NULL, NULL, 0, "/path", "a&b=&=c&&d=%20x+y", NULL,
      "test:///path?a&b=&=c&&d=%20x+y", { "a", "", "b", "", "d", " x+y", NULL } },
    { "test:///path?", true, "test", NULL, NULL, 0, "/path", "", NULL,
      "test:///path?", { NULL } },
    { "test://host", true, "test", "host", NULL, 0, NULL, NULL, NULL,
      "test://host", { NULL } },
    { "test:", true, "test", NULL, NULL, 0, NULL, NULL, NULL,
      "test://", { NULL } },
    { "test:/abs", true, "test", NULL, NULL, 0, "/abs", NULL, NULL,
      "test:///abs", { NULL } },
    { "test:rel", true, "test", NULL, NULL, 0, "rel", NULL, NULL,
      "test://rel", { NULL } },
    { "lxc://", true, "lxc", NULL, NULL, 0, NULL, NULL, NULL,
      "lxc://", { NULL } },
    { "lxc:///", true, "lxc", NULL, NULL, 0, "/", NULL, NULL,
      "lxc:///", { NULL } },
    { "xen", true, NULL, NULL, NULL, 0, "xen", NULL, NULL,
      "//xen", { NULL } },
    { "foo:/ /bar", false },
    { "://x", false },
    { "qemu+ssh://us%40er@host/system", true, "qemu+ssh", "host", "us@er", 0, "/system", NULL, NULL,
      "qemu+ssh://us%40er@host/system", { NULL } },
    { "qemu+ssh://host:/system", false },
    { "qemu+ssh://host:abc/system", false },
    { "qemu+ssh://host:99999/system", true, "qemu+ssh", "host", NULL, 99999, "/system", NULL, NULL,
      "qemu+ssh://host:99999/system", { NULL } },
    { "qemu+ssh://host:0/system", true, "qemu+ssh", "host", NULL, 0, "/system", NULL, NULL,
      "qemu+ssh://host/system", { NULL } },
    { "qemu://HOST/system", true, "qemu", "HOST", NULL, 0, "/system", NULL, NULL,
      "qemu://HOST/system", { NULL } },
    { "QEMU:///system", true, "QEMU", NULL, NULL, 0, "/system", NULL, NULL,
      "QEMU:///system", { NULL } },
    { "qemu+ssh://u:pw@host/system", true, "qemu+ssh", "host", "u:pw", 0, "/system", NULL, NULL,
      "qemu+ssh://u:pw@host/system", { NULL } },
    { "test:///default?name=a%26b&x=%3D", true, "test", NULL, NULL, 0, "/default", "name=a%26b&x=%3D", NULL,
      "test:///default?name=a%26b&x=%3D", { "name", "a&b", "x", "=", NULL } },
    { "vbox:///session", true, "vbox", NULL, NULL, 0, "/session", NULL, NULL,
      "vbox:///session", { NULL } },
    { "esx://host/?no_verify=1", true, "esx", "host", NULL, 0, "/", "no_verify=1", NULL,
      "esx://host/?no_verify=1", { "no_verify", "1", NULL } },
    { "qemu:///embed?root=/some/dir", true, "qemu", NULL, NULL, 0, "/embed", "root=/some/dir", NULL,
      "qemu:///embed?root=/some/dir", { "root", "/some/dir", NULL } },
    { "test:///path with space", false },
    { "test:///%zz", false },
    { "test:///a%2Fb", true, "test", NULL, NULL, 0, "/a/b", NULL, NULL,
      "test:///a/b", { NULL } },
    { "qemu+ssh://h%6Fst/system", true, "qemu+ssh", "host", NULL, 0, "/system", NULL, NULL,
      "qemu+ssh://host/system", { NULL } },
    { "qemu+ssh://user@/system", true, "qemu+ssh", NULL, "user", 0, "/system", NULL, NULL,
      "qemu+ssh://user@/system", { NULL } },
    { "qemu+ssh://@host/system", true, "qemu+ssh", "host", "@host/system", 0, "/system", NULL, NULL,
      "qemu+ssh://%40host%2Fsystem@host/system", { NULL } },
    { "1abc:///x", false },
    { "a.b-c+d:///x", true, "a.b-c+d", NULL, NULL, 0, "/x", NULL, NULL,
      "a.b-c+d:///x", { NULL } },
    { "test:///é", false },
    { "", true, NULL, NULL, NULL, 0, NULL, NULL, NULL,
      "//", { NULL } },
    { "/only/path", true, NULL, NULL, NULL, 0, "/only/path", NULL, NULL,
      "///only/path", { NULL } },
    { "test:///default?a=%", false },
    { "test://[::1", false },
    { "test://[::1]x/", false },
    { "test:///x?a=1#f?g", true, "test", NULL, NULL, 0, "/x", "a=1", "f?g",
      "test:///x?a=1#f?g", { "a", "1", NULL } },
    { "test:////double", true, "test", NULL, NULL, 0, "//double", NULL, NULL,
      "test:////double", { NULL } },
    { "test://host//double", true, "test", "host", NULL, 0, "//double", NULL, NULL,
      "test://host//double", { NULL } },
    { "test:///x?a=1;b=2&c=3;d=4", true, "test", NULL, NULL, 0, "/x", "a=1;b=2&c=3;d=4", NULL,
      "test:///x?a=1;b=2&c=3;d=4", { "a", "1;b=2", "c", "3", "d", "4", NULL } },
    { "test:///x?a=%41%4a&%62=%", false },
    { "test:///x?a=%41%4a&%62=c", true, "test", NULL, NULL, 0, "/x", "a=%41%4a&%62=c", NULL,
      "test:///x?a=%41%4a&%62=c", { "a", "AJ", "b", "c", NULL } },
    { "test:///x?%3D=1&a=b=c", true, "test", NULL, NULL, 0, "/x", "%3D=1&a=b=c", NULL,
      "test:///x?%3D=1&a=b=c", { "=", "1", "a", "b=c", NULL } },
    { "qemu+libssh2://u@h:1/system?known_hosts=/a%20b&sshauth=agent,privkey", true, "qemu+libssh2", "h", "u", 1, "/system", "known_hosts=/a%20b&sshauth=agent,privkey", NULL,
      "qemu+libssh2://u@h:1/system?known_hosts=/a%20b&sshauth=agent,privkey", { "known_hosts", "/a b", "sshauth", "agent,privkey", NULL } },
    { "remote://host", true, "remote", "host", NULL, 0, NULL, NULL, NULL,
      "remote://host", { NULL } },
    { "qemu+ssh://[::ffff:1.2.3.4]:22/system", true, "qemu+ssh", "::ffff:1.2.3.4", NULL, 22, "/system", NULL, NULL,
      "qemu+ssh://[::ffff:1.2.3.4]:22/system", { NULL } },
    { "test://[v1.fe]/x", true, "test", "[v1.fe]", NULL, 0, "/x", NULL, NULL,
      "test://[v1.fe]/x", { NULL } },
    { "test://host:65536/", true, "test", "host", NULL, 65536, "/", NULL, NULL,
      "test://host:65536/", { NULL } },
    { "test://host:2147483648/", false },
};

static int
checkCase(const uriCase *c)
{
    g_autoptr(nuvURI) uri = NULL;
    g_autofree char *text = NULL;
    size_t n = 0;

    nuvErrorReset();
    uri = nuvURIParse(c->input);
    if (!c->ok) {
        g_autofree char *msg = g_strdup_printf("internal error: Unable to parse URI %s", c->input);
        CHECK(uri == NULL);
        CHECK(nuvErrorCurrentCode() == VIR_ERR_INTERNAL_ERROR);
        CHECK(nuvErrorCurrent()->domain == VIR_FROM_URI);
        CHECK_STR(nuvErrorCurrent()->message, msg);
        return 0;
    }

    CHECK(uri != NULL);
    CHECK(!nuvErrorIsSet());
    CHECK_STR(uri->scheme, c->scheme);
    CHECK_STR(uri->server, c->server);
    CHECK_STR(uri->user, c->user);
    CHECK(uri->port == c->port);
    CHECK_STR(uri->path, c->path);
    CHECK_STR(uri->query, c->query);
    CHECK_STR(uri->fragment, c->fragment);

    while (c->params[n * 2])
        n++;
    CHECK(uri->nparams == n);
    for (size_t i = 0; i < n; i++) {
        CHECK_STR(uri->params[i].name, c->params[i * 2]);
        CHECK_STR(uri->params[i].value, c->params[i * 2 + 1]);
        CHECK(!uri->params[i].ignore);
    }

    text = nuvURIFormat(uri);
    CHECK_STR(text, c->formatted);
    return 0;
}

static int
testTable(void)
{
    int failed = 0;

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        if (checkCase(&cases[i]) < 0) {
            fprintf(stderr, "  (case '%s')\n", cases[i].input);
            failed++;
        }
    }
    return failed ? -1 : 0;
}

/* What libvirt gives back through virConnectGetURI must parse to the same
 * pieces again. */
static int
testFormatIsStable(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autoptr(nuvURI) first = NULL;
        g_autoptr(nuvURI) second = NULL;
        g_autofree char *text1 = NULL;
        g_autofree char *text2 = NULL;

        /* Relative references and "test:rel" legitimately change shape. */
        if (!cases[i].ok || !cases[i].scheme || !cases[i].formatted ||
            strcmp(cases[i].input, cases[i].formatted) != 0)
            continue;
        CHECK((first = nuvURIParse(cases[i].input)));
        text1 = nuvURIFormat(first);
        CHECK((second = nuvURIParse(text1)));
        text2 = nuvURIFormat(second);
        CHECK_STR(text2, text1);
        CHECK_STR(second->server, first->server);
        CHECK(second->nparams == first->nparams);
    }
    return 0;
}

static int
testNull(void)
{
    nuvErrorReset();
    CHECK(nuvURIParse(NULL) == NULL);
    CHECK(nuvErrorCurrentCode() == VIR_ERR_INVALID_ARG);
    nuvURIFree(NULL);
    return 0;
}

/* Built by hand, as a driver might before calling nuvURIFormat. */
static int
testFormatBuilt(void)
{
    nuvURI uri = { 0 };
    g_autofree char *a = NULL;
    g_autofree char *b = NULL;
    g_autofree char *c = NULL;
    g_autofree char *d = NULL;

    uri.scheme = (char *)"qemu+ssh";
    uri.server = (char *)"2001:db8::1";
    uri.user = (char *)"root";
    uri.port = 2200;
    uri.path = (char *)"/system";
    CHECK_STR((a = nuvURIFormat(&uri)), "qemu+ssh://root@[2001:db8::1]:2200/system");

    uri.server = NULL;
    uri.user = NULL;
    uri.port = 0;
    CHECK_STR((b = nuvURIFormat(&uri)), "qemu+ssh:///system");

    uri.path = (char *)"/my dir/x";
    uri.query = (char *)"a=%20";
    uri.fragment = (char *)"f g";
    CHECK_STR((c = nuvURIFormat(&uri)), "qemu+ssh:///my%20dir/x?a=%20#f%20g");

    uri.path = NULL;
    uri.query = NULL;
    uri.fragment = NULL;
    CHECK_STR((d = nuvURIFormat(&uri)), "qemu+ssh://");
    return 0;
}

static int
testFormatParams(void)
{
    /* Expected text from libvirt's virURIFormatParams for the same URI. */
    g_autoptr(nuvURI) uri =
        nuvURIParse("test:///x?a=%2F%20x~y.z-_!*'()%C3%A9:@&n%20m=1&e=&f");
    g_autoptr(nuvURI) none = nuvURIParse("test:///x");
    g_autofree char *all = NULL;
    g_autofree char *some = NULL;
    g_autofree char *empty = NULL;
    const char *hide[] = { "N M", "E", NULL };

    CHECK(uri && none);
    CHECK(uri->nparams == 4);
    CHECK_STR((all = nuvURIFormatParams(uri)),
              "a=%2F%20x~y.z-_%21%2A%27%28%29%C3%A9%3A%40&n m=1&e=&f=");

    nuvURIParamsSetIgnore(uri, true, hide);
    CHECK(uri->params[1].ignore && uri->params[2].ignore);
    CHECK_STR((some = nuvURIFormatParams(uri)),
              "a=%2F%20x~y.z-_%21%2A%27%28%29%C3%A9%3A%40&f=");

    CHECK_STR((empty = nuvURIFormatParams(none)), "");
    return 0;
}

static int
testGetParam(void)
{
    g_autoptr(nuvURI) uri =
        nuvURIParse("qemu+ssh://h/system?KeyFile=%2Froot%2Fk&keyfile=second&no_verify=1&mode");

    CHECK(uri);
    /* Case does not matter; the first match wins. */
    CHECK_STR(nuvURIFindParam(uri, "keyfile"), "/root/k");
    CHECK_STR(nuvURIFindParam(uri, "NO_VERIFY"), "1");
    CHECK_STR(nuvURIFindParam(uri, "mode"), "");
    CHECK(nuvURIFindParam(uri, "socket") == NULL);

    nuvErrorReset();
    CHECK_STR(nuvURIGetParam(uri, "keyfile"), "/root/k");
    CHECK(!nuvErrorIsSet());
    CHECK(nuvURIGetParam(uri, "root") == NULL);
    CHECK(nuvErrorCurrentCode() == VIR_ERR_INVALID_ARG);
    CHECK(nuvErrorCurrent()->domain == VIR_FROM_URI);
    CHECK_STR(nuvErrorCurrent()->message, "invalid argument: Missing URI parameter 'root'");
    return 0;
}

static int
testSplitScheme(void)
{
    static const struct {
        const char *scheme, *driver, *transport;
    } split[] = {
        { "qemu+ssh", "qemu", "ssh" },
        { "qemu", "qemu", NULL },
        { "test+unix", "test", "unix" },
        { "qemu+libssh2", "qemu", "libssh2" },
        { "qemu+", "qemu", "" },
        { "+tcp", "", "tcp" },
        { "a+b+c", "a", "b+c" },
        { NULL, NULL, NULL },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(split); i++) {
        g_autofree char *driver = NULL;
        g_autofree char *transport = NULL;

        nuvURISplitScheme(split[i].scheme, &driver, &transport);
        CHECK_STR(driver, split[i].driver);
        CHECK_STR(transport, split[i].transport);
    }

    /* Either half may be unwanted. */
    {
        g_autofree char *driver = NULL;
        nuvURISplitScheme("lxc+ssh", &driver, NULL);
        CHECK_STR(driver, "lxc");
    }
    return 0;
}

int
main(void)
{
    static const struct {
        const char *name;
        int (*fn)(void);
    } tests[] = {
        { "table", testTable },
        { "format-is-stable", testFormatIsStable },
        { "null", testNull },
        { "format-built", testFormatBuilt },
        { "format-params", testFormatParams },
        { "get-param", testGetParam },
        { "split-scheme", testSplitScheme },
    };
    int failed = 0;

    for (size_t i = 0; i < G_N_ELEMENTS(tests); i++) {
        int rc = tests[i].fn();
        printf("%s %zu - %s\n", rc == 0 ? "ok" : "not ok", i + 1, tests[i].name);
        if (rc != 0)
            failed++;
    }
    printf("1..%zu\n", G_N_ELEMENTS(tests));
    return failed ? 1 : 0;
}
