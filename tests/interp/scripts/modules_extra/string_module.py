import string
print(string.ascii_lowercase, string.ascii_uppercase, string.digits)
print(len(string.ascii_letters), string.hexdigits, len(string.punctuation), repr(string.whitespace))
text = "Hello, World! 123"
print("".join(c for c in text if c not in string.punctuation), sum(c in string.digits for c in text))
table = {c: string.ascii_lowercase[(i + 13) % 26] for i, c in enumerate(string.ascii_lowercase)}
print("".join(table.get(c, c) for c in "hello world"))
print(string.capwords("the quick  brown fox"))
