# argparse: subparsers (dest, required, aliases, set_defaults(func=...)), nargs="*" positional default
import argparse
def add(args): return args.a + args.b
def neg(args): return -args.a
p = argparse.ArgumentParser(prog="calc")
p.add_argument("--debug", action="store_true")
sp = p.add_subparsers(dest="command", required=True)
pa = sp.add_parser("add", help="add two")
pa.add_argument("a", type=int); pa.add_argument("b", type=int)
pa.set_defaults(func=add)
pn = sp.add_parser("neg", aliases=["n"])
pn.add_argument("a", type=int)
pn.set_defaults(func=neg)
for argv in (["add", "2", "3"], ["--debug", "neg", "4"], ["n", "5"]):
    ns = p.parse_args(argv)
    print(ns.command, ns.debug, ns.func(ns), sorted(vars(ns)))
q = argparse.ArgumentParser()
q.add_argument("nums", nargs="*", type=int, default=[1, 2])
print(q.parse_args([]).nums, q.parse_args(["7"]).nums)
