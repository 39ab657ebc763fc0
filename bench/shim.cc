// shim.cc: registers the C benchmarks of locks.c with Google Benchmark and
// runs them. The only C++ in elide: it wraps benchmark::State for C.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "bench.h"

struct bench_state {
    benchmark::State *s;
};

extern "C" {

int bench_keep_running(bench_state *st) { return st->s->KeepRunning(); }
long bench_range(bench_state *st, int i) { return (long)st->s->range(i); }
int bench_thread_index(bench_state *st) { return st->s->thread_index(); }
int bench_threads(bench_state *st) { return st->s->threads(); }
long bench_iterations(bench_state *st) { return (long)st->s->iterations(); }

void bench_counter(bench_state *st, const char *name, double value, int kind)
{
    benchmark::Counter::Flags f = benchmark::Counter::kDefaults;
    if (kind == BENCH_PER_ITER)
        f = benchmark::Counter::kAvgIterations;
    else if (kind == BENCH_AVG_THREADS)
        f = benchmark::Counter::kAvgThreads;
    st->s->counters[name] = benchmark::Counter(value, f);
}

static int bench_errors; // any run rejected: the program exits non-zero

void bench_error(bench_state *st, const char *msg)
{
    __atomic_store_n(&bench_errors, 1, __ATOMIC_RELAXED);
    st->s->SkipWithError(msg);
}

}  // extern "C"

static double stat_min(const std::vector<double> &v)
{
    return v.empty() ? 0.0 : *std::min_element(v.begin(), v.end());
}

static double stat_max(const std::vector<double> &v)
{
    return v.empty() ? 0.0 : *std::max_element(v.begin(), v.end());
}

int main(int argc, char **argv)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 2;
    if (bench_setup() != 0)
        return 2;
    benchmark::AddCustomContext("elide_backend", bench_backend());
    benchmark::AddCustomContext("elide_reason", bench_backend_reason());
    unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    for (unsigned i = 0; i < bench_ndefs; i++) {
        const bench_def d = bench_defs[i];
        auto *b = benchmark::RegisterBenchmark(d.name, [d](benchmark::State &s) {
            bench_state bs{&s};
            d.fn(&bs, d.kind);
        });
        b->ComputeStatistics("min", stat_min)->ComputeStatistics("max", stat_max);
        if (d.kind == BENCH_SINGLE)
            continue;
        b->ArgsProduct({{0, 10, 100, 1000}, {0, 1}})
            ->ArgNames({"lines", "disjoint"})
            ->ThreadRange(1, (int)(2 * cores))
            ->UseRealTime();
    }
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    if (__atomic_load_n(&bench_errors, __ATOMIC_RELAXED)) {
        std::fprintf(stderr, "elide_bench: some runs failed their output check\n");
        return 1;
    }
    return 0;
}
