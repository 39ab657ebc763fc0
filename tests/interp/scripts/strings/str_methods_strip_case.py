s = "xxHello, World!yy"
print(s.strip("xy"), s.lstrip("x"), s.rstrip("y"), "  pad  ".strip(), "  pad  ".lstrip(), "  pad  ".rstrip() + "|")
print(s.upper(), s.lower(), s.swapcase(), "hello world".title(), "hello world".capitalize(), "ß".upper())
print("abc".isalpha(), "abc1".isalnum(), "123".isdigit(), "12.3".isdigit(), "   ".isspace(), "".isspace())
print("Hello".istitle(), "hello".islower(), "HELLO".isupper(), "½".isnumeric(), "١٢".isdecimal(), "abc_1".isidentifier())
print("hello".startswith("he"), "hello".endswith("lo"), "hello".startswith(("x", "h")), "hello".startswith("l", 2), "hello".endswith("l", 0, 4))
print("Straße".casefold() if hasattr("", "casefold") else "strasse")
