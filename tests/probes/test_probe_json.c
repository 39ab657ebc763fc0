/* test_probe_json.c: the JSON report parses (a strict reader, json_check.c)
 * for every recorded case, for hostile strings, and for the live probe; the
 * text report has every section. */
#define _GNU_SOURCE 1
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cu_run.h"
#include "json_check.h"
#include "probe_cases.h"

static const char *const top_keys[] = {
    "cpu", "tsx", "kernel", "selftest", "topology", "mode", "reasons", "advice", "cost_us",
};

/* Print r with `print` into a malloc'd string. */
static char *render(void (*print)(FILE *, const probe_report *), const probe_report *r)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
    print(fp, r);
    fclose(fp);
    return buf;
}

static void check_json(const probe_report *r, const char *want_key, jc_result *res)
{
    char *text = render(probe_print_json, r);
    jc_parse(text, want_key, res);
    CU_ASSERT_TRUE(res->valid);
    CU_ASSERT_EQUAL(res->ntop, sizeof top_keys / sizeof top_keys[0]);
    for (unsigned i = 0; i < res->ntop && i < sizeof top_keys / sizeof top_keys[0]; i++)
        CU_ASSERT_STRING_EQUAL(res->top[i], top_keys[i]);
    free(text);
}

static void test_cases_json(void)
{
    probe_topology topo = {1, 1, 4, 8, 2, 32768, 64, 8, 512, 256};
    for (unsigned i = 0; i < probe_ncases; i++) {
        probe_inputs in;
        probe_cases[i].fill(&in);
        probe_report *r = probe_report_make(&in, i % 2 ? &topo : NULL);
        CU_ASSERT_PTR_NOT_NULL_FATAL(r);
        jc_result res;
        check_json(r, "mode", &res);
        CU_ASSERT_TRUE(res.found);
        CU_ASSERT_STRING_EQUAL(res.value, probe_mode_name(probe_report_verdict(r)->mode));
        probe_free(r);
    }
}

/* Quotes, backslashes, control bytes and non-ASCII bytes in a brand string
 * and in the kernel's text come back byte for byte. */
static void test_hostile_strings(void)
{
    static const char brand[] = "Evil \"CPU\" \\ tab\there\x01\x1f nl\n \x7f \xc3\xa9 \xff end";
    static const char ktext[] = "Mitigation: \"weird\\\" \x02";
    probe_inputs in;
    case_this_vm(&in);
    snprintf(in.cpu.brand, sizeof in.cpu.brand, "%s", brand);
    snprintf(in.tsx.kernel_text, sizeof in.tsx.kernel_text, "%s", ktext);
    in.tsx.kernel = ELIDE_KTSX_OTHER;
    probe_report *r = probe_report_make(&in, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    jc_result res;
    check_json(r, "brand", &res);
    CU_ASSERT_TRUE(res.found);
    CU_ASSERT_STRING_EQUAL(res.value, brand);
    check_json(r, "tsx_async_abort", &res);
    CU_ASSERT_STRING_EQUAL(res.value, ktext);
    probe_free(r);
}

/* The checker itself rejects what is not JSON, so the checks above can fail. */
static void test_checker_rejects(void)
{
    static const char *const bad[] = {
        "", "{", "{\"a\":}", "{\"a\":1,}", "[1 2]", "\"tab\there\"", "{\"a\":01}",
        "{\"a\":\"\\x\"}", "{\"a\":tru}", "{} {}", "{\"a\":1.}", "{\"a\":\"\\u12\"}",
    };
    jc_result res;
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        jc_parse(bad[i], NULL, &res);
        CU_ASSERT_FALSE(res.valid);
    }
    jc_parse("{\"a\": [1, -2.5e3, true, null, {\"b\": \"\\u00e9\\n\"}]}", "b", &res);
    CU_ASSERT_TRUE(res.valid);
    CU_ASSERT_STRING_EQUAL(res.value, "\xe9\n");
}

static void test_live_fast_and_full(void)
{
    probe_report *fast = probe_run(PROBE_FAST), *full = probe_run(PROBE_FULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(fast);
    CU_ASSERT_PTR_NOT_NULL_FATAL(full);
    jc_result res;
    check_json(fast, NULL, &res);
    char *text = render(probe_print_json, fast);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "\"topology\": null"));
    free(text);
    check_json(full, NULL, &res);
    text = render(probe_print_json, full);
    if (probe_topology_get()->loaded)
        CU_ASSERT_PTR_NULL(strstr(text, "\"topology\": null"));
    free(text);
    /* Same machine, same verdict, with or without the topology. */
    CU_ASSERT_EQUAL(probe_report_verdict(fast)->mode, probe_report_verdict(full)->mode);
    probe_free(fast);
    probe_free(full);
}

static void test_text_sections(void)
{
    static const char *const sections[] = {
        "CPU\n", "TSX", "kernel\n", "self-test\n", "topology\n", "verdict\n",
        "reasons\n", "advice\n",
    };
    probe_report *r = probe_run(PROBE_FULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    char *text = render(probe_print_text, r);
    const char *at = text;
    for (unsigned i = 0; i < sizeof sections / sizeof sections[0]; i++) {
        const char *hit = strstr(at, sections[i]);
        CU_ASSERT_PTR_NOT_NULL(hit);       /* present, and in this order */
        at = hit ? hit : at;
    }
    free(text);
    probe_free(r);
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("probe_json", NULL, NULL);
    if (!s)
        return 2;
    CU_ADD(s, test_cases_json);
    CU_ADD(s, test_hostile_strings);
    CU_ADD(s, test_checker_rejects);
    CU_ADD(s, test_live_fast_and_full);
    CU_ADD(s, test_text_sections);
    return cu_run();
}
