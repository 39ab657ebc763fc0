name, n, pi = "world", 42, 3.14159
print(f"hello {name}! n={n} pi={pi:.2f} {n:>6} {n:<6}| {n:^7}| {n:06d} {n:x} {n:#b} {n:,}")
print(f"{name!r} {name!s} {name:>10} {name:*^11} {'q':3}|{3.5!r}")
print(f"{n + 1} {n * 2:5d} {[1, 2][0]} {'a' if n > 5 else 'b'} {len(name)} {name.upper()}")
width, prec = 10, 3
print(f"{pi:{width}.{prec}f}|{pi:<{width}}|")
print(f"{{literal}} {n}{{}}")
d = {"k": 1}
print(f"{d['k']} {d}")
print(f"{1e6:,.1f} {1234567:_} {0.5:.0%} {-3:+d} {3:+d} {3: d}")
x = 7
print(f"{x=}", f"{x*2=}", f"{name=!r}")
print(f"""multi {n}
line""")
