# types.SimpleNamespace and type objects, gc, keyword, timeit, warnings (catch_warnings, errors)
import types, gc, keyword, timeit, warnings, sys
def f():
    pass
ns = types.SimpleNamespace(a=1, b='x')
ns.c = [1]
print(ns, ns.a, ns == types.SimpleNamespace(a=1, b='x', c=[1]), vars(ns))
print(isinstance(f, types.FunctionType), isinstance(lambda: 0, types.LambdaType), isinstance((x for x in []), types.GeneratorType), type(sys) is types.ModuleType, isinstance(len, types.BuiltinFunctionType))
print(gc.collect() >= 0, gc.isenabled()); gc.disable(); print(gc.isenabled()); gc.enable()
print(keyword.iskeyword('for'), keyword.iskeyword('foo'), len(keyword.kwlist), keyword.kwlist[:3])
t = timeit.timeit("x = sum(range(10))", number=100); print(t >= 0, timeit.timeit(lambda: None, number=10) >= 0)
print(isinstance(timeit.repeat("pass", repeat=2, number=5), list))
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    warnings.warn("recorded", DeprecationWarning)
    print(len(w), w[0].category.__name__, str(w[0].message))
warnings.simplefilter("error")
try: warnings.warn("now an error", UserWarning)
except UserWarning as e: print("raised", e)
