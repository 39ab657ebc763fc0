# !a in f-strings and str.format escapes non-ASCII as ascii() does
x="é€😀"
print(f"{x!a}", "{!a}".format(x), f"{x!r}", "{0!a:>20}".format(x))
