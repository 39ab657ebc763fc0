s = "abc"
print(s * 3, 3 * s, s + "def", s * 0, s * -1, "ab" < "b", "Z" < "a", "abc" == "ab" + "c")
print(list(s), tuple(s), sorted("banana"), set("aab") == {"a", "b"}, max("hello"), min("hello"))
print(ord("A"), chr(97), chr(0x1F600), ord("€"), [c for c in "hey"], "".join(reversed("abc")))
print(str(123), str(-1.5), str(None), str(True), str([1, "a"]), str((1,)), str({"a": 1}), repr("it's"), repr('say "hi"'))
print(repr("tab\there\nnl\\"), repr("\x00\x7f"), repr("é"), repr("\u00e9"))
print("a" in "abc", "d" not in "abc", len(""), bool(""), bool(" "), "abc".__len__())
print(hash("abc") == hash("ab" + "c"))
t = ""
for i in range(5):
    t += str(i)
print(t, t.isdigit(), int(t) + 1)
try:
    "a" + 1
except TypeError as e:
    print("TypeError:", e)
try:
    s[0] = "x"
except TypeError as e:
    print("TypeError:", e)
