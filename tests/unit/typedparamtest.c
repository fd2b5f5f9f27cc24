/*
 * typedparamtest.c: typed parameters, public API and internal helpers.
 *
 * The public-API cases are written against libvirt's headers only, so the
 * same file also builds against stock libvirt to prove the expectations
 * are libvirt's:
 *
 *   cc -DNUV_TEST_STOCK tests/unit/typedparamtest.c $(pkg-config --cflags \
 *      --libs glib-2.0) -lvirt && ./a.out
 *
 * Cases where nuvirt deliberately differs (input on which libvirt crashes
 * or misbehaves) and the internal helpers are left out of that build.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "libvirt/libvirt.h"
#include "libvirt/virterror.h"

#ifdef NUV_TEST_STOCK
# define lastError() virGetLastError()
#else
# include "util/error.h"
# include "util/typedparam.h"
# define lastError() nuvErrorCurrent()

/* Linked alone, the test has no src/api/error.c; the library's own
 * definition wins when it is linked in. */
void virDispatchError(virConnectPtr conn);
__attribute__((weak)) void
virDispatchError(virConnectPtr conn G_GNUC_UNUSED)
{
}
#endif

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

/* The thread's error has this code, domain VIR_FROM_NONE and message. */
#define CHECK_ERROR(code_, message_) \
    do { \
        virErrorPtr err_ = lastError(); \
        CHECK(err_ != NULL); \
        CHECK(err_->code == (code_)); \
        CHECK(err_->domain == VIR_FROM_NONE); \
        CHECK_STR(err_->message, (message_)); \
    } while (0)

#define CHECK_NO_ERROR() CHECK(lastError() == NULL)

#define LONG79 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define LONG80 LONG79 "a"


/* ---- public API ---------------------------------------------------------- */

/* *maxparams follows libvirt's sequence, which callers may observe. */
static int
testAddGrowth(void)
{
    static const int expectMax[] = { 1, 2, 3, 4, 6, 6, 9, 9, 9, 13 };
    virTypedParameterPtr params = NULL;
    int nparams = 0;
    int maxparams = 0;

    for (int i = 0; i < 10; i++) {
        g_autofree char *name = g_strdup_printf("f%d", i);
        CHECK(virTypedParamsAddInt(&params, &nparams, &maxparams, name, i) == 0);
        CHECK(nparams == i + 1);
        CHECK(maxparams == expectMax[i]);
    }
    for (int i = 0; i < 10; i++) {
        CHECK(params[i].type == VIR_TYPED_PARAM_INT);
        CHECK(params[i].value.i == i);
    }
    virTypedParamsFree(params, nparams);

    /* Room left: nothing moves.  Full: grows by half. */
    params = g_new0(virTypedParameter, 5);
    nparams = 0;
    maxparams = 5;
    CHECK(virTypedParamsAddUInt(&params, &nparams, &maxparams, "a", 1) == 0);
    CHECK(nparams == 1 && maxparams == 5);
    nparams = 5;
    CHECK(virTypedParamsAddUInt(&params, &nparams, &maxparams, "b", 2) == 0);
    CHECK(nparams == 6 && maxparams == 7);
    CHECK(params[5].type == VIR_TYPED_PARAM_UINT && params[5].value.ui == 2);
    virTypedParamsFree(params, nparams);
    return 0;
}

static int
testAddEachType(void)
{
    virTypedParameterPtr params = NULL;
    int n = 0;
    int max = 0;
    int b = -1;

    CHECK(virTypedParamsAddInt(&params, &n, &max, "i", INT_MIN) == 0);
    CHECK(virTypedParamsAddUInt(&params, &n, &max, "ui", UINT_MAX) == 0);
    CHECK(virTypedParamsAddLLong(&params, &n, &max, "l", LLONG_MIN) == 0);
    CHECK(virTypedParamsAddULLong(&params, &n, &max, "ul", ULLONG_MAX) == 0);
    CHECK(virTypedParamsAddDouble(&params, &n, &max, "d", -2.5) == 0);
    CHECK(virTypedParamsAddBoolean(&params, &n, &max, "b", 7) == 0);
    CHECK(virTypedParamsAddString(&params, &n, &max, "s", "hello") == 0);
    CHECK(virTypedParamsAddString(&params, &n, &max, "empty", NULL) == 0);
    CHECK_NO_ERROR();
    CHECK(n == 8);

    CHECK(params[0].type == VIR_TYPED_PARAM_INT && params[0].value.i == INT_MIN);
    CHECK(params[1].type == VIR_TYPED_PARAM_UINT && params[1].value.ui == UINT_MAX);
    CHECK(params[2].type == VIR_TYPED_PARAM_LLONG && params[2].value.l == LLONG_MIN);
    CHECK(params[3].type == VIR_TYPED_PARAM_ULLONG && params[3].value.ul == ULLONG_MAX);
    CHECK(params[4].type == VIR_TYPED_PARAM_DOUBLE && params[4].value.d == -2.5);
    /* Any non-zero boolean is stored as 1. */
    CHECK(params[5].type == VIR_TYPED_PARAM_BOOLEAN && params[5].value.b == 1);
    CHECK(virTypedParamsGetBoolean(params, n, "b", &b) == 1 && b == 1);
    CHECK(params[6].type == VIR_TYPED_PARAM_STRING);
    CHECK_STR(params[6].value.s, "hello");
    /* A NULL string is stored as "", never as NULL. */
    CHECK_STR(params[7].value.s, "");
    CHECK_STR(params[0].field, "i");

    virTypedParamsFree(params, n);
    return 0;
}

/* libvirt does not refuse a second parameter of the same name. */
static int
testAddDuplicate(void)
{
    virTypedParameterPtr params = NULL;
    int n = 0;
    int max = 0;
    int v = 0;

    CHECK(virTypedParamsAddInt(&params, &n, &max, "x", 1) == 0);
    CHECK(virTypedParamsAddInt(&params, &n, &max, "x", 2) == 0);
    CHECK(virTypedParamsAddString(&params, &n, &max, "x", "three") == 0);
    CHECK(n == 3);
    /* Lookups find the first. */
    CHECK(virTypedParamsGetInt(params, n, "x", &v) == 1 && v == 1);
    CHECK(virTypedParamsGet(params, n, "x") == params);
    virTypedParamsFree(params, n);
    return 0;
}

static int
testNameLength(void)
{
    virTypedParameterPtr params = NULL;
    int n = 0;
    int max = 0;

    CHECK(virTypedParamsAddInt(&params, &n, &max, LONG79, 1) == 0);
    CHECK(n == 1);
    CHECK_STR(params[0].field, LONG79);

    CHECK(virTypedParamsAddInt(&params, &n, &max, LONG80, 1) == -1);
    CHECK_ERROR(VIR_ERR_INTERNAL_ERROR, "internal error: Field name '" LONG80 "' too long");
    CHECK(n == 1);

    CHECK(virTypedParamsAddString(&params, &n, &max, LONG80, "x") == -1);
    CHECK_ERROR(VIR_ERR_INTERNAL_ERROR, "internal error: Field name '" LONG80 "' too long");
    CHECK(virTypedParamsAddFromString(&params, &n, &max, LONG80,
                                      VIR_TYPED_PARAM_INT, "1") == -1);
    CHECK_ERROR(VIR_ERR_INTERNAL_ERROR, "internal error: Field name '" LONG80 "' too long");
    /* A NULL value is reported before the name is looked at. */
    CHECK(virTypedParamsAddFromString(&params, &n, &max, LONG80, 42, NULL) == -1);
    CHECK_ERROR(VIR_ERR_INVALID_ARG, "invalid argument: NULL value for field '" LONG80 "'");
    CHECK(n == 1);

    /* Success clears the previous error. */
    CHECK(virTypedParamsAddInt(&params, &n, &max, "ok", 1) == 0);
    CHECK_NO_ERROR();
    virTypedParamsFree(params, n);
    return 0;
}

static int
testGetTypes(void)
{
    virTypedParameterPtr params = NULL;
    int n = 0;
    int max = 0;
    int i = 0;
    unsigned int ui = 0;
    long long l = 0;
    unsigned long long ul = 0;
    double d = 0;
    int b = 0;
    const char *s = NULL;

    CHECK(virTypedParamsAddInt(&params, &n, &max, "i", -5) == 0);
    CHECK(virTypedParamsAddUInt(&params, &n, &max, "ui", 5) == 0);
    CHECK(virTypedParamsAddLLong(&params, &n, &max, "l", -(1LL << 40)) == 0);
    CHECK(virTypedParamsAddULLong(&params, &n, &max, "ul", 1ULL << 40) == 0);
    CHECK(virTypedParamsAddDouble(&params, &n, &max, "d", 0.25) == 0);
    CHECK(virTypedParamsAddBoolean(&params, &n, &max, "b", 0) == 0);
    CHECK(virTypedParamsAddString(&params, &n, &max, "s", "str") == 0);

    CHECK(virTypedParamsGetInt(params, n, "i", &i) == 1 && i == -5);
    CHECK(virTypedParamsGetUInt(params, n, "ui", &ui) == 1 && ui == 5);
    CHECK(virTypedParamsGetLLong(params, n, "l", &l) == 1 && l == -(1LL << 40));
    CHECK(virTypedParamsGetULLong(params, n, "ul", &ul) == 1 && ul == 1ULL << 40);
    CHECK(virTypedParamsGetDouble(params, n, "d", &d) == 1 && d == 0.25);
    b = 5;
    CHECK(virTypedParamsGetBoolean(params, n, "b", &b) == 1 && b == 0);
    CHECK(virTypedParamsGetString(params, n, "s", &s) == 1);
    /* Borrowed, not copied. */
    CHECK(s == params[6].value.s);

    /* NULL value: only presence and type are checked. */
    CHECK(virTypedParamsGetInt(params, n, "i", NULL) == 1);
    CHECK(virTypedParamsGetString(params, n, "s", NULL) == 1);

    /* Absent: 0, no error, output untouched. */
    i = 42;
    CHECK(virTypedParamsGetInt(params, n, "nope", &i) == 0 && i == 42);
    CHECK_NO_ERROR();
    CHECK(virTypedParamsGetInt(NULL, n, "i", &i) == 0);
    CHECK(virTypedParamsGetInt(params, n, NULL, &i) == 0);
    CHECK(virTypedParamsGetInt(params, 0, "i", &i) == 0);
    CHECK(virTypedParamsGet(params, n, "nope") == NULL);
    CHECK(virTypedParamsGet(NULL, 3, "i") == NULL);
    CHECK(virTypedParamsGet(params, n, "ul") == params + 3);

    /* The wrong type: -1, the requested type named first. */
    i = 42;
    CHECK(virTypedParamsGetInt(params, n, "s", &i) == -1 && i == 42);
    CHECK_ERROR(VIR_ERR_INVALID_ARG, "invalid argument: Invalid type 'int' requested "
                "for parameter 's', actual type is 'string'");
    CHECK(virTypedParamsGetUInt(params, n, "i", &ui) == -1);
    CHECK_ERROR(VIR_ERR_INVALID_ARG, "invalid argument: Invalid type 'uint' requested "
                "for parameter 'i', actual type is 'int'");
    CHECK(virTypedParamsGetLLong(params, n, "ul", &l) == -1);
    CHECK_ERROR(VIR_ERR_INVALID_ARG, "invalid argument: Invalid type 'llong' requested "
                "for parameter 'ul', actual type is 'ullong'");
    CHECK(virTypedParamsGetULLong(params, n, "l", &ul) == -1);
    CHECK_ERROR(VIR_ERR_INVALID_ARG, "invalid argument: Invalid type 'ullong' requested "
                "for parameter 'l', actual type is 'llong'");
    CHECK(virTypedParamsGetDouble(params, n, "b", &d) == -1);
    CHECK_ERROR(VIR_ERR_INVALID_ARG, "invalid argument: Invalid type 'double' requested "
                "for parameter 'b', actual type is 'boolean'");
    CHECK(virTypedParamsGetBoolean(params, n, "d", &b) == -1);
    CHECK_ERROR(VIR_ERR_INVALID_ARG, "invalid argument: Invalid type 'boolean' requested "
                "for parameter 'd', actual type is 'double'");
    CHECK(virTypedParamsGetString(params, n, "ui", NULL) == -1);
    CHECK_ERROR(VIR_ERR_INVALID_ARG, "invalid argument: Invalid type 'string' requested "
                "for parameter 'ui', actual type is 'uint'");

    /* A later successful Get clears the error. */
    CHECK(virTypedParamsGetInt(params, n, "i", NULL) == 1);
    CHECK_NO_ERROR();

    /* Corrupt types, as libvirt words them. */
    params[0].type = 0;
    CHECK(virTypedParamsGetInt(params, n, "i", NULL) == -1);
    CHECK_ERROR(VIR_ERR_INVALID_ARG, "invalid argument: Invalid type 'int' requested "
                "for parameter 'i', actual type is 'unknown'");
    params[0].type = 99;
    CHECK(virTypedParamsGetInt(params, n, "i", NULL) == -1);
    CHECK_ERROR(VIR_ERR_INVALID_ARG, "invalid argument: Invalid type 'int' requested "
                "for parameter 'i', actual type is '(null)'");
    params[0].type = VIR_TYPED_PARAM_INT;

    virTypedParamsFree(params, n);
    return 0;
}

typedef struct {
    int type;
    const char *text;
    const char *error;      /* NULL: accepted */
    long long i;            /* expected for INT and LLONG */
    unsigned long long u;   /* expected for UINT, ULLONG and BOOLEAN */
    double d;
} fromStringCase;

#define EXPECTED(what) "invalid argument: Invalid value for field 'x': expected " what

static const fromStringCase fromStringCases[] = {
    { VIR_TYPED_PARAM_INT, "12", NULL, 12 },
    { VIR_TYPED_PARAM_INT, "-2147483648", NULL, INT_MIN },
    { VIR_TYPED_PARAM_INT, " 12", NULL, 12 },
    { VIR_TYPED_PARAM_INT, "+7", NULL, 7 },
    { VIR_TYPED_PARAM_INT, "12 ", EXPECTED("int") },
    { VIR_TYPED_PARAM_INT, "12abc", EXPECTED("int") },
    { VIR_TYPED_PARAM_INT, "2147483648", EXPECTED("int") },
    { VIR_TYPED_PARAM_INT, "", EXPECTED("int") },
    { VIR_TYPED_PARAM_INT, "0x10", EXPECTED("int") },
    { VIR_TYPED_PARAM_UINT, "4294967295", NULL, 0, 4294967295U },
    { VIR_TYPED_PARAM_UINT, "-1", NULL, 0, 4294967295U },
    { VIR_TYPED_PARAM_UINT, "-5", NULL, 0, 4294967291U },
    { VIR_TYPED_PARAM_UINT, "-4294967295", NULL, 0, 1 },
    { VIR_TYPED_PARAM_UINT, "-4294967296", EXPECTED("unsigned int") },
    { VIR_TYPED_PARAM_UINT, "4294967296", EXPECTED("unsigned int") },
    { VIR_TYPED_PARAM_UINT, "0x10", EXPECTED("unsigned int") },
    { VIR_TYPED_PARAM_LLONG, "-9223372036854775808", NULL, LLONG_MIN },
    { VIR_TYPED_PARAM_LLONG, "9223372036854775808", EXPECTED("long long") },
    { VIR_TYPED_PARAM_ULLONG, "18446744073709551615", NULL, 0, ULLONG_MAX },
    { VIR_TYPED_PARAM_ULLONG, "-1", NULL, 0, ULLONG_MAX },
    { VIR_TYPED_PARAM_ULLONG, "-5", NULL, 0, ULLONG_MAX - 4 },
    { VIR_TYPED_PARAM_ULLONG, "18446744073709551616", EXPECTED("unsigned long long") },
    { VIR_TYPED_PARAM_ULLONG, "1k", EXPECTED("unsigned long long") },
    { VIR_TYPED_PARAM_DOUBLE, "1.5e3", NULL, 0, 0, 1500 },
    { VIR_TYPED_PARAM_DOUBLE, "-0.25", NULL, 0, 0, -0.25 },
    { VIR_TYPED_PARAM_DOUBLE, "abc", EXPECTED("double") },
    { VIR_TYPED_PARAM_DOUBLE, "1e999", EXPECTED("double") },
    { VIR_TYPED_PARAM_DOUBLE, "", EXPECTED("double") },
    { VIR_TYPED_PARAM_BOOLEAN, "TRUE", NULL, 0, 1 },
    { VIR_TYPED_PARAM_BOOLEAN, "true", NULL, 0, 1 },
    { VIR_TYPED_PARAM_BOOLEAN, "1", NULL, 0, 1 },
    { VIR_TYPED_PARAM_BOOLEAN, "False", NULL, 0, 0 },
    { VIR_TYPED_PARAM_BOOLEAN, "0", NULL, 0, 0 },
    { VIR_TYPED_PARAM_BOOLEAN, "yes", "invalid argument: Invalid boolean value for field 'x'" },
    { VIR_TYPED_PARAM_BOOLEAN, "2", "invalid argument: Invalid boolean value for field 'x'" },
    { VIR_TYPED_PARAM_STRING, "any text", NULL },
    { VIR_TYPED_PARAM_STRING, "", NULL },
    { 0, "1", "internal error: unexpected type 0 for field x" },
    { 42, "1", "internal error: unexpected type 42 for field x" },
    { VIR_TYPED_PARAM_INT, NULL, "invalid argument: NULL value for field 'x'" },
};

static int
checkFromString(const fromStringCase *c)
{
    virTypedParameterPtr params = NULL;
    int n = 0;
    int max = 0;
    int rc = virTypedParamsAddFromString(&params, &n, &max, "x", c->type, c->text);
    virTypedParameterPtr p = params;

    if (c->error) {
        virErrorPtr err = lastError();
        CHECK(rc == -1);
        CHECK(n == 0);
        CHECK(err && err->domain == VIR_FROM_NONE);
        CHECK(err->code == (g_str_has_prefix(c->error, "internal") ?
                            VIR_ERR_INTERNAL_ERROR : VIR_ERR_INVALID_ARG));
        CHECK_STR(err->message, c->error);
        virTypedParamsFree(params, n);
        return 0;
    }

    CHECK(rc == 0 && n == 1);
    CHECK_NO_ERROR();
    CHECK(p->type == c->type);
    CHECK_STR(p->field, "x");
    switch (c->type) {
    case VIR_TYPED_PARAM_INT: CHECK(p->value.i == c->i); break;
    case VIR_TYPED_PARAM_UINT: CHECK(p->value.ui == c->u); break;
    case VIR_TYPED_PARAM_LLONG: CHECK(p->value.l == c->i); break;
    case VIR_TYPED_PARAM_ULLONG: CHECK(p->value.ul == c->u); break;
    case VIR_TYPED_PARAM_DOUBLE: CHECK(p->value.d == c->d); break;
    case VIR_TYPED_PARAM_BOOLEAN: CHECK((unsigned long long)p->value.b == c->u); break;
    case VIR_TYPED_PARAM_STRING:
        CHECK_STR(p->value.s, c->text);
        CHECK(p->value.s != c->text);
        break;
    }
    virTypedParamsFree(params, n);
    return 0;
}

static int
testAddFromString(void)
{
    int failed = 0;

    for (size_t i = 0; i < G_N_ELEMENTS(fromStringCases); i++) {
        if (checkFromString(&fromStringCases[i]) < 0) {
            fprintf(stderr, "  (type %d, text '%s')\n", fromStringCases[i].type,
                    fromStringCases[i].text ? fromStringCases[i].text : "(NULL)");
            failed++;
        }
    }
    return failed ? -1 : 0;
}

static int
testAddStringList(void)
{
    virTypedParameterPtr params = NULL;
    int n = 0;
    int max = 0;
    const char *values[] = { "a", "b", "c", NULL };

    CHECK(virTypedParamsAddStringList(&params, &n, &max, "list", values) == 0);
    CHECK(n == 3);
    for (int i = 0; i < 3; i++) {
        CHECK_STR(params[i].field, "list");
        CHECK(params[i].type == VIR_TYPED_PARAM_STRING);
        CHECK_STR(params[i].value.s, values[i]);
        CHECK(params[i].value.s != values[i]);
    }

    /* No list: nothing to do. */
    CHECK(virTypedParamsAddStringList(&params, &n, &max, "list", NULL) == 0);
    CHECK(n == 3);

    CHECK(virTypedParamsAddStringList(&params, &n, &max, LONG80, values) == -1);
    CHECK_ERROR(VIR_ERR_INTERNAL_ERROR, "internal error: Field name '" LONG80 "' too long");
    CHECK(n == 3);
    virTypedParamsFree(params, n);
    return 0;
}

static int
testClearFree(void)
{
    virTypedParameterPtr params = NULL;
    int n = 0;
    int max = 0;

    CHECK(virTypedParamsAddString(&params, &n, &max, "a", "x") == 0);
    CHECK(virTypedParamsAddInt(&params, &n, &max, "b", 3) == 0);
    virTypedParamsClear(params, n);
    CHECK(params[0].value.s == NULL);
    CHECK(params[1].value.i == 3);
    virTypedParamsClear(params, n);
    g_free(params);

    virTypedParamsClear(NULL, 4);
    virTypedParamsFree(NULL, 4);
    return 0;
}


#ifndef NUV_TEST_STOCK
/* ---- where nuvirt refuses what libvirt would crash on -------------------- */

static int
testNullArgs(void)
{
    virTypedParameterPtr params = NULL;
    int n = 0;
    int max = 0;
    const char *empty[] = { NULL };

    CHECK(virTypedParamsAddInt(NULL, &n, &max, "a", 1) == -1);
    CHECK_ERROR(VIR_ERR_INVALID_ARG,
                "invalid argument: params in virTypedParamsAddInt must not be NULL");
    CHECK(virTypedParamsAddString(&params, NULL, &max, "a", "b") == -1);
    CHECK_ERROR(VIR_ERR_INVALID_ARG,
                "invalid argument: nparams in virTypedParamsAddString must not be NULL");
    CHECK(virTypedParamsAddDouble(&params, &n, NULL, "a", 1) == -1);
    CHECK_ERROR(VIR_ERR_INVALID_ARG,
                "invalid argument: maxparams in virTypedParamsAddDouble must not be NULL");
    CHECK(virTypedParamsAddBoolean(&params, &n, &max, NULL, 1) == -1);
    CHECK_ERROR(VIR_ERR_INVALID_ARG,
                "invalid argument: name in virTypedParamsAddBoolean must not be NULL");
    n = -1;
    CHECK(virTypedParamsAddFromString(&params, &n, &max, "a", VIR_TYPED_PARAM_INT, "1") == -1);
    CHECK_ERROR(VIR_ERR_INVALID_ARG, "invalid argument: nparams in "
                "virTypedParamsAddFromString must be zero or greater");
    n = 0;
    CHECK(params == NULL);

    /* A NULL array with a stale capacity is treated as empty. */
    max = 10;
    CHECK(virTypedParamsAddLLong(&params, &n, &max, "a", 1) == 0);
    CHECK(params && n == 1 && max == 1);

    /* An empty list adds nothing and succeeds. */
    CHECK(virTypedParamsAddStringList(&params, &n, &max, "x", empty) == 0);
    CHECK_NO_ERROR();
    CHECK(n == 1);

    /* A negative count reads as empty. */
    CHECK(virTypedParamsGetLLong(params, -1, "a", NULL) == 0);
    virTypedParamsFree(params, n);
    return 0;
}


/* ---- internal helpers ----------------------------------------------------- */

static int
buildSample(virTypedParameterPtr *params, int *n)
{
    int max = 0;

    *params = NULL;
    *n = 0;
    CHECK(nuvTypedParamsAdd(params, n, &max, "b", VIR_TYPED_PARAM_INT, 1) == 0);
    CHECK(nuvTypedParamsAdd(params, n, &max, "a", VIR_TYPED_PARAM_STRING, "x") == 0);
    return 0;
}

/* Expected codes and messages are stock libvirt 9.0's
 * virTypedParamsValidate's for the same input. */
static int
testValidate(void)
{
    virTypedParameterPtr params = NULL;
    int n = 0;
    int max;

    CHECK(buildSample(&params, &n) == 0);

    nuvErrorReset();
    CHECK(nuvTypedParamsValidate(params, n, "a", VIR_TYPED_PARAM_STRING,
                                 "b", VIR_TYPED_PARAM_INT,
                                 "c", VIR_TYPED_PARAM_INT, NULL) == 0);
    CHECK_NO_ERROR();

    CHECK(nuvTypedParamsValidate(params, n, "a", VIR_TYPED_PARAM_STRING, NULL) == -1);
    CHECK_ERROR(VIR_ERR_ARGUMENT_UNSUPPORTED,
                "argument unsupported: parameter 'b' not supported");

    CHECK(nuvTypedParamsValidate(params, n, "a", VIR_TYPED_PARAM_INT,
                                 "b", VIR_TYPED_PARAM_INT, NULL) == -1);
    CHECK_ERROR(VIR_ERR_INVALID_ARG,
                "invalid argument: invalid type 'string' for parameter 'a', expected 'int'");

    /* Nothing accepted: the first name in sorted order is reported. */
    CHECK(nuvTypedParamsValidate(params, n, NULL) == -1);
    CHECK_ERROR(VIR_ERR_ARGUMENT_UNSUPPORTED,
                "argument unsupported: parameter 'a' not supported");

    /* No parameters: always fine, even with a bad list. */
    nuvErrorReset();
    CHECK(nuvTypedParamsValidate(params, 0, LONG80, VIR_TYPED_PARAM_INT, NULL) == 0);
    CHECK(nuvTypedParamsValidate(NULL, 0, NULL) == 0);
    CHECK_NO_ERROR();

    CHECK(nuvTypedParamsValidate(params, n, LONG80, VIR_TYPED_PARAM_STRING, NULL) == -1);
    CHECK_ERROR(VIR_ERR_INTERNAL_ERROR, "internal error: Field name '" LONG80 "' too long");

    max = n;
    CHECK(nuvTypedParamsAdd(&params, &n, &max, "b", VIR_TYPED_PARAM_INT, 2) == 0);
    CHECK(nuvTypedParamsValidate(params, n, "a", VIR_TYPED_PARAM_STRING,
                                 "b", VIR_TYPED_PARAM_INT, NULL) == -1);
    CHECK_ERROR(VIR_ERR_INVALID_ARG, "invalid argument: parameter 'b' occurs multiple times");
    CHECK(nuvTypedParamsValidate(params, n, "a", VIR_TYPED_PARAM_STRING,
                                 "b", VIR_TYPED_PARAM_INT | NUV_TYPED_PARAM_MULTIPLE,
                                 NULL) == 0);

    /* A corrupt type is 'unknown' whatever its value. */
    params[0].type = 0;
    CHECK(nuvTypedParamsValidate(params, n, "a", VIR_TYPED_PARAM_STRING,
                                 "b", VIR_TYPED_PARAM_INT | NUV_TYPED_PARAM_MULTIPLE,
                                 NULL) == -1);
    CHECK_ERROR(VIR_ERR_INVALID_ARG,
                "invalid argument: invalid type 'unknown' for parameter 'b', expected 'int'");
    params[0].type = 77;
    CHECK(nuvTypedParamsValidate(params, n, "a", VIR_TYPED_PARAM_STRING,
                                 "b", VIR_TYPED_PARAM_INT | NUV_TYPED_PARAM_MULTIPLE,
                                 NULL) == -1);
    CHECK_ERROR(VIR_ERR_INVALID_ARG,
                "invalid argument: invalid type 'unknown' for parameter 'b', expected 'int'");
    params[0].type = VIR_TYPED_PARAM_INT;

    nuvTypedParamsFree(params, n);
    return 0;
}

static int
testValidateUnsigned(void)
{
    virTypedParameterPtr params = NULL;
    int n = 0;
    int max = 0;
    unsigned long long v = 0;

    CHECK(nuvTypedParamsAdd(&params, &n, &max, "small", VIR_TYPED_PARAM_UINT, 7U) == 0);
    CHECK(nuvTypedParamsAdd(&params, &n, &max, "big", VIR_TYPED_PARAM_ULLONG, 1ULL << 40) == 0);
    CHECK(nuvTypedParamsValidate(params, n, "small", NUV_TYPED_PARAM_UNSIGNED,
                                 "big", NUV_TYPED_PARAM_UNSIGNED, NULL) == 0);
    CHECK(nuvTypedParamsGetUnsigned(params, n, "small", &v) == 1 && v == 7);
    CHECK(nuvTypedParamsGetUnsigned(params, n, "big", &v) == 1 && v == 1ULL << 40);
    CHECK(nuvTypedParamsGetUnsigned(params, n, "none", &v) == 0);

    CHECK(nuvTypedParamsAdd(&params, &n, &max, "neg", VIR_TYPED_PARAM_INT, -1) == 0);
    CHECK(nuvTypedParamsValidate(params, n, "small", NUV_TYPED_PARAM_UNSIGNED,
                                 "big", NUV_TYPED_PARAM_UNSIGNED,
                                 "neg", NUV_TYPED_PARAM_UNSIGNED, NULL) == -1);
    CHECK_ERROR(VIR_ERR_INVALID_ARG, "invalid argument: invalid type 'int' for "
                "parameter 'neg', expected 'uint, ullong'");
    CHECK(nuvTypedParamsGetUnsigned(params, n, "neg", &v) == -1);
    nuvTypedParamsFree(params, n);
    return 0;
}

static int
testToString(void)
{
    virTypedParameter p = { .field = "f" };
    g_autofree char *s1 = NULL, *s2 = NULL, *s3 = NULL, *s4 = NULL;
    g_autofree char *s5 = NULL, *s6 = NULL, *s7 = NULL, *s8 = NULL;

    p.type = VIR_TYPED_PARAM_INT; p.value.i = -3;
    CHECK_STR((s1 = nuvTypedParamToString(&p)), "-3");
    p.type = VIR_TYPED_PARAM_UINT; p.value.ui = UINT_MAX;
    CHECK_STR((s2 = nuvTypedParamToString(&p)), "4294967295");
    p.type = VIR_TYPED_PARAM_LLONG; p.value.l = LLONG_MIN;
    CHECK_STR((s3 = nuvTypedParamToString(&p)), "-9223372036854775808");
    p.type = VIR_TYPED_PARAM_ULLONG; p.value.ul = ULLONG_MAX;
    CHECK_STR((s4 = nuvTypedParamToString(&p)), "18446744073709551615");
    p.type = VIR_TYPED_PARAM_DOUBLE; p.value.d = 1e20;
    CHECK_STR((s5 = nuvTypedParamToString(&p)), "1e+20");
    p.type = VIR_TYPED_PARAM_DOUBLE; p.value.d = 0.1;
    CHECK_STR((s6 = nuvTypedParamToString(&p)), "0.1");
    p.type = VIR_TYPED_PARAM_BOOLEAN; p.value.b = 1;
    CHECK_STR((s7 = nuvTypedParamToString(&p)), "1");
    p.type = VIR_TYPED_PARAM_STRING; p.value.s = (char *)"text";
    CHECK_STR((s8 = nuvTypedParamToString(&p)), "text");

    p.type = 0;
    CHECK(nuvTypedParamToString(&p) == NULL);
    CHECK_ERROR(VIR_ERR_INTERNAL_ERROR, "internal error: unexpected type 0 for field f");

    CHECK_STR(nuvTypedParamTypeToString(VIR_TYPED_PARAM_ULLONG), "ullong");
    CHECK_STR(nuvTypedParamTypeToString(0), "unknown");
    CHECK(nuvTypedParamTypeToString(8) == NULL);
    CHECK(nuvTypedParamTypeFromString("boolean") == VIR_TYPED_PARAM_BOOLEAN);
    CHECK(nuvTypedParamTypeFromString("bool") == -1);
    return 0;
}

static int
testCopy(void)
{
    virTypedParameterPtr params = NULL;
    virTypedParameterPtr copy = NULL;
    int n = 0;

    CHECK(buildSample(&params, &n) == 0);
    nuvTypedParamsCopy(&copy, params, n);
    CHECK(copy != NULL && copy != params);
    CHECK_STR(copy[0].field, "b");
    CHECK(copy[0].value.i == 1);
    CHECK_STR(copy[1].value.s, "x");
    CHECK(copy[1].value.s != params[1].value.s);
    nuvTypedParamsFree(params, n);
    /* The copy owns its own strings. */
    CHECK_STR(copy[1].value.s, "x");
    nuvTypedParamsFree(copy, n);

    copy = (virTypedParameterPtr)&n;
    nuvTypedParamsCopy(&copy, NULL, 3);
    CHECK(copy == NULL);
    return 0;
}

static int
testReplaceString(void)
{
    virTypedParameterPtr params = NULL;
    int n = 0;

    CHECK(buildSample(&params, &n) == 0);
    CHECK(nuvTypedParamsReplaceString(&params, &n, "a", "new") == 0);
    CHECK(n == 2);
    CHECK_STR(params[1].value.s, "new");
    CHECK(nuvTypedParamsReplaceString(&params, &n, "c", "added") == 0);
    CHECK(n == 3);
    CHECK_STR(params[2].field, "c");
    CHECK_STR(params[2].value.s, "added");
    CHECK(nuvTypedParamsReplaceString(&params, &n, "b", "x") == -1);
    CHECK_ERROR(VIR_ERR_INVALID_ARG, "invalid argument: Parameter 'b' is not a string");
    nuvTypedParamsFree(params, n);
    return 0;
}

static int
testStringListAndCheck(void)
{
    virTypedParameterPtr params = NULL;
    int n = 0;
    int max = 0;
    const char **values = NULL;
    const char *known[] = { "disk", "mode" };
    const char *fewer[] = { "disk" };

    CHECK(nuvTypedParamsAdd(&params, &n, &max, "disk", VIR_TYPED_PARAM_STRING, "vda") == 0);
    CHECK(nuvTypedParamsAdd(&params, &n, &max, "mode", VIR_TYPED_PARAM_INT, 1) == 0);
    CHECK(nuvTypedParamsAdd(&params, &n, &max, "disk", VIR_TYPED_PARAM_STRING, "vdb") == 0);
    CHECK(nuvTypedParamsAdd(&params, &n, &max, "disk", VIR_TYPED_PARAM_INT, 5) == 0);

    CHECK(nuvTypedParamsGetStringList(params, n, "disk", &values) == 2);
    CHECK_STR(values[0], "vda");
    CHECK_STR(values[1], "vdb");
    CHECK(values[2] == NULL);
    CHECK(values[0] == params[0].value.s);
    g_free(values);
    CHECK(nuvTypedParamsGetStringList(params, n, "mode", &values) == 0);
    CHECK(values == NULL);

    CHECK(nuvTypedParamsCheck(params, n, known, 2));
    CHECK(!nuvTypedParamsCheck(params, n, fewer, 1));
    nuvTypedParamsFree(params, n);
    return 0;
}

static int
testList(void)
{
    g_autoptr(nuvTypedParamList) list = nuvTypedParamListNew();
    g_autoptr(nuvTypedParamList) more = nuvTypedParamListNew();
    virTypedParameterPtr params = NULL;
    size_t count = 0;
    int n = 0;

    nuvTypedParamListAddInt(list, -1, "vcpu.%d.state", 0);
    nuvTypedParamListAddUInt(list, 2, "vcpu.count");
    nuvTypedParamListAddLLong(list, -5, "l");
    nuvTypedParamListAddULLong(list, 5, "block.%zu.rd.bytes", (size_t)3);
    nuvTypedParamListAddUnsigned(list, 10, "small");
    nuvTypedParamListAddUnsigned(list, 1ULL << 33, "large");
    nuvTypedParamListAddDouble(list, 0.5, "d");
    nuvTypedParamListAddBoolean(list, true, "b");
    nuvTypedParamListAddString(list, "vda", "block.%d.name", 0);
    nuvTypedParamListAddString(list, NULL, "nullstr");
    CHECK(nuvTypedParamListCount(list) == 10);

    nuvTypedParamListAddInt(more, 9, "from.other");
    nuvTypedParamListConcat(list, &more);
    CHECK(more == NULL);
    CHECK(nuvTypedParamListCount(list) == 11);

    CHECK(nuvTypedParamListFetch(list, &params, &count) == 0);
    CHECK(count == 11);
    CHECK_STR(params[0].field, "vcpu.0.state");
    CHECK(params[0].type == VIR_TYPED_PARAM_INT && params[0].value.i == -1);
    CHECK_STR(params[3].field, "block.3.rd.bytes");
    CHECK(params[4].type == VIR_TYPED_PARAM_UINT && params[4].value.ui == 10);
    CHECK(params[5].type == VIR_TYPED_PARAM_ULLONG && params[5].value.ul == 1ULL << 33);
    CHECK(params[7].type == VIR_TYPED_PARAM_BOOLEAN && params[7].value.b == 1);
    CHECK_STR(params[8].value.s, "vda");
    CHECK_STR(params[9].value.s, "");
    CHECK_STR(params[10].field, "from.other");

    params = NULL;
    CHECK(nuvTypedParamListSteal(list, &params, &n) == 0);
    CHECK(n == 11 && params != NULL);
    CHECK(nuvTypedParamListCount(list) == 0);
    nuvTypedParamsFree(params, n);

    /* A name that does not fit is reported when the result is taken. */
    nuvTypedParamListAddInt(list, 1, "%s", LONG80);
    nuvTypedParamListAddInt(list, 1, "ok");
    params = NULL;
    CHECK(nuvTypedParamListSteal(list, &params, &n) == -1);
    CHECK(params == NULL);
    CHECK_ERROR(VIR_ERR_INTERNAL_ERROR, "internal error: Field name '" LONG80 "' too long");
    CHECK(nuvTypedParamListFetch(list, NULL, NULL) == -1);

    /* Adopting an array. */
    {
        g_autoptr(nuvTypedParamList) adopted = NULL;
        virTypedParameterPtr arr = NULL;
        int an = 0;

        CHECK(buildSample(&arr, &an) == 0);
        adopted = nuvTypedParamListFromParams(&arr, an);
        CHECK(arr == NULL);
        nuvTypedParamListAddString(adopted, "y", "c");
        CHECK(nuvTypedParamListCount(adopted) == 3);
    }
    nuvTypedParamListFree(NULL);
    return 0;
}
#endif /* !NUV_TEST_STOCK */


#ifdef NUV_TEST_STOCK
static void
quietErrors(void *opaque G_GNUC_UNUSED, virErrorPtr err G_GNUC_UNUSED)
{
}
#endif

int
main(void)
{
    static const struct {
        const char *name;
        int (*fn)(void);
    } tests[] = {
        { "add-growth", testAddGrowth },
        { "add-each-type", testAddEachType },
        { "add-duplicate", testAddDuplicate },
        { "name-length", testNameLength },
        { "get-types", testGetTypes },
        { "add-from-string", testAddFromString },
        { "add-string-list", testAddStringList },
        { "clear-free", testClearFree },
#ifndef NUV_TEST_STOCK
        { "null-args", testNullArgs },
        { "validate", testValidate },
        { "validate-unsigned", testValidateUnsigned },
        { "to-string", testToString },
        { "copy", testCopy },
        { "replace-string", testReplaceString },
        { "string-list-and-check", testStringListAndCheck },
        { "list", testList },
#endif
    };
    int failed = 0;

#ifdef NUV_TEST_STOCK
    virInitialize();
    /* Keep libvirt's default handler from printing every expected error. */
    virSetErrorFunc(NULL, quietErrors);
#endif

    for (size_t i = 0; i < G_N_ELEMENTS(tests); i++) {
        int rc = tests[i].fn();
        printf("%s %zu - %s\n", rc == 0 ? "ok" : "not ok", i + 1, tests[i].name);
        if (rc != 0)
            failed++;
    }
    printf("1..%zu\n", G_N_ELEMENTS(tests));
    return failed ? 1 : 0;
}
