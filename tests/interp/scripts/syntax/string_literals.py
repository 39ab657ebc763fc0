print('single', "double", '''triple
single''', """triple "double" """)
print(r"raw \n stays", "tab\tend", "uni\u00e9 \u2603" if True else "", "hex\x41", "oct\101")
print("adjacent" " literals" ' join', len("\\"), "\"quoted\"", '\'quoted\'')
long = ("part one, "
        "part two")
print(long)
print("a\
b")
print(f"{'nested'} {'y':>3}", "%%", "{{}}".format(), "€", len("日本"))
